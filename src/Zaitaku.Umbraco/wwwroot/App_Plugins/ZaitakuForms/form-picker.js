// The form picker on a page (property editor UI for Zaitaku.FormPicker): one of our forms, shown below the page's
// body. The value is the form's key; an empty value places no form.
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbChangeEvent } from '@umbraco-cms/backoffice/event';
import { UMB_AUTH_CONTEXT } from '@umbraco-cms/backoffice/auth';

export class ZaitakuFormPicker extends UmbLitElement {
  static properties = {
    value: { type: String },
    readonly: { type: Boolean, reflect: true },
    config: { attribute: false },
    _forms: { state: true },
    _error: { state: true },
  };

  constructor() {
    super();
    this.value = '';
    this.consumeContext(UMB_AUTH_CONTEXT, (auth) => this.#load(auth));
  }

  async #load(auth) {
    try {
      const token = await auth.getLatestToken();
      const response = await fetch('/umbraco/management/api/v1/zaitaku/form-picker', {
        credentials: 'include',
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`フォームの一覧を読み込めませんでした（${response.status}）。`);
      this._forms = await response.json();
    } catch (e) {
      this._error = e.message;
    }
  }

  #changed(e) {
    this.value = e.target.value;
    this.dispatchEvent(new UmbChangeEvent());
  }

  render() {
    if (this._error) return html`<p class="error" role="alert">${this._error}</p>`;
    if (!this._forms) return html`<uui-loader-bar aria-label="読み込み中"></uui-loader-bar>`;
    const known = !this.value || this._forms.some((f) => f.key === this.value);
    return html`
      <select aria-label="このページに置くフォーム" ?disabled=${this.readonly} @change=${this.#changed}>
        <option value="" ?selected=${!this.value}>（フォームを置かない）</option>
        ${this._forms.map((f) => html`<option value=${f.key} ?selected=${f.key === this.value}>${f.name}</option>`)}
        ${known ? nothing : html`<option value=${this.value} selected>（削除されたフォーム）</option>`}
      </select>`;
  }

  static styles = css`
    select { font: inherit; padding: var(--uui-size-space-2) var(--uui-size-space-3); min-width: min(100%, 24em); max-width: 100%; }
    .error { color: var(--uui-color-danger-standalone); }
  `;
}

customElements.define('zaitaku-form-picker', ZaitakuFormPicker);
export default ZaitakuFormPicker;

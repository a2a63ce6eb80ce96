// The フォーム section's screen: the forms, a form's entries, one entry, and the CSV for Excel.
// Plain ES module on the backoffice's own libraries (resolved by its import map), so the site builds with the .NET SDK
// alone. The server checks every call (FormEntriesApiController): this screen only shows what it answers.
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UMB_AUTH_CONTEXT } from '@umbraco-cms/backoffice/auth';
import { UMB_NOTIFICATION_CONTEXT } from '@umbraco-cms/backoffice/notification';

const API = '/umbraco/management/api/v1/zaitaku/forms/';
const FILTERS = [
  ['', 'すべて'],
  ['unhandled', '未対応'],
  ['confirmed', '参加確定'],
  ['waiting', 'キャンセル待ち'],
  ['cancelled', '取り消し'],
];
const dateTime = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' });

export class ZaitakuFormEntries extends UmbLitElement {
  static properties = {
    _forms: { state: true },
    _form: { state: true },
    _filter: { state: true },
    _rows: { state: true },
    _entry: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  #auth;
  #notifications;

  constructor() {
    super();
    this._forms = undefined;
    this._filter = '';
    this.consumeContext(UMB_AUTH_CONTEXT, (auth) => {
      this.#auth = auth;
      if (!this._forms) this.#loadForms();
    });
    this.consumeContext(UMB_NOTIFICATION_CONTEXT, (n) => (this.#notifications = n));
  }

  async #call(path, init = {}) {
    // Since Umbraco 17 the token lives in an httpOnly cookie: the header carries Umbraco's placeholder.
    const token = await this.#auth.getLatestToken();
    const response = await fetch(API + path, {
      ...init,
      credentials: 'include',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(init.headers ?? {}) },
    });
    if (!response.ok) {
      let message = `サーバーが ${response.status} を返しました。`;
      try {
        const problem = await response.json();
        message = [problem.title, problem.detail].filter(Boolean).join('：') || message;
      } catch { /* not JSON */ }
      if (response.status === 403) message = 'この画面を使う権限がありません。管理者にお問い合わせください。';
      throw new Error(message);
    }
    return response;
  }

  async #run(work) {
    this._busy = true;
    this._error = undefined;
    try {
      await work();
    } catch (e) {
      this._error = e.message;
    } finally {
      this._busy = false;
    }
  }

  #loadForms() {
    return this.#run(async () => {
      this._forms = await (await this.#call('')).json();
    });
  }

  #openForm(form) {
    this._form = form;
    this._entry = undefined;
    return this.#loadRows();
  }

  #loadRows() {
    return this.#run(async () => {
      const query = this._filter ? `?status=${encodeURIComponent(this._filter)}` : '';
      this._rows = await (await this.#call(`${this._form.key}/entries${query}`)).json();
    });
  }

  #openEntry(row) {
    return this.#run(async () => {
      this._entry = await (await this.#call(`entries/${row.key}`)).json();
    });
  }

  #change(path, init, then) {
    return this.#run(async () => {
      const answer = await (await this.#call(path, init)).json();
      this.#notifications?.peek('positive', { data: { message: answer.text } });
      await then();
    });
  }

  #markHandled(handled) {
    const key = this._entry.key;
    return this.#change(`entries/${key}/handled`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ handled }),
    }, async () => {
      this._entry = await (await this.#call(`entries/${key}`)).json();
    });
  }

  #cancel() {
    if (!confirm(`受付番号 ${this._entry.receipt} を取り消します。キャンセル待ちの方がいれば、その方が参加確定になります。よろしいですか。`)) return;
    const key = this._entry.key;
    return this.#change(`entries/${key}/cancel`, { method: 'POST' }, async () => {
      this._entry = await (await this.#call(`entries/${key}`)).json();
    });
  }

  #delete() {
    if (!confirm(`受付番号 ${this._entry.receipt} を削除します。元に戻せません。よろしいですか。`)) return;
    return this.#change(`entries/${this._entry.key}`, { method: 'DELETE' }, async () => {
      this._entry = undefined;
      await this.#loadRows();
    });
  }

  #downloadCsv() {
    return this.#run(async () => {
      const response = await this.#call(`${this._form.key}/entries.csv`, { headers: { Accept: 'text/csv' } });
      const disposition = response.headers.get('Content-Disposition') ?? '';
      const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = named ? decodeURIComponent(named[1]) : 'entries.csv';
      link.click();
      URL.revokeObjectURL(link.href);
    });
  }

  render() {
    return html`
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      ${this._entry ? this.#renderEntry() : this._form ? this.#renderForm() : this.#renderForms()}
    `;
  }

  #renderForms() {
    if (!this._forms) return html`<uui-loader-bar aria-label="読み込み中"></uui-loader-bar>`;
    return html`
      <uui-box headline="フォームの受付">
        <p>フォームを選ぶと、届いた受付を見られます。受付は個人情報です。見たこと・変えたことは記録に残ります。</p>
        <uui-table aria-label="フォームの一覧">
          <uui-table-head>
            <uui-table-head-cell>フォーム</uui-table-head-cell>
            <uui-table-head-cell>受付</uui-table-head-cell>
            <uui-table-head-cell>未対応</uui-table-head-cell>
            <uui-table-head-cell>定員</uui-table-head-cell>
          </uui-table-head>
          ${this._forms.map((form) => html`
            <uui-table-row>
              <uui-table-cell><uui-button look="default" compact label=${`${form.name}の受付を見る`} @click=${() => this.#openForm(form)}>${form.name}</uui-button></uui-table-cell>
              <uui-table-cell>${form.entries}件</uui-table-cell>
              <uui-table-cell>${form.unhandled}件</uui-table-cell>
              <uui-table-cell>${form.capacity == null ? '—' : `${form.confirmed}／${form.capacity}人（キャンセル待ち ${form.waiting}人）`}</uui-table-cell>
            </uui-table-row>`)}
        </uui-table>
      </uui-box>`;
  }

  #renderForm() {
    return html`
      <uui-box headline=${`${this._form.name}の受付`}>
        <div class="actions">
          <uui-button look="outline" label="フォームの一覧に戻る" @click=${() => { this._form = undefined; this.#loadForms(); }}>フォームの一覧に戻る</uui-button>
          <uui-button look="primary" label="CSV（Excel）で書き出す" ?disabled=${this._busy} @click=${() => this.#downloadCsv()}>CSV（Excel）で書き出す</uui-button>
        </div>
        <label class="filter">表示する受付
          <select @change=${(e) => { this._filter = e.target.value; this.#loadRows(); }}>
            ${FILTERS.map(([value, label]) => html`<option value=${value} ?selected=${value === this._filter}>${label}</option>`)}
          </select>
        </label>
        ${!this._rows ? html`<uui-loader-bar aria-label="読み込み中"></uui-loader-bar>` : this._rows.length === 0 ? html`<p>該当する受付はありません。</p>` : html`
          <uui-table aria-label="受付の一覧">
            <uui-table-head>
              <uui-table-head-cell>受付番号</uui-table-head-cell>
              <uui-table-head-cell>受付日時</uui-table-head-cell>
              <uui-table-head-cell>お名前など</uui-table-head-cell>
              <uui-table-head-cell>状態</uui-table-head-cell>
              <uui-table-head-cell>対応</uui-table-head-cell>
            </uui-table-head>
            ${this._rows.map((row) => html`
              <uui-table-row>
                <uui-table-cell><uui-button look="default" compact label=${`受付番号 ${row.receipt} を開く`} @click=${() => this.#openEntry(row)}>${row.receipt}</uui-button></uui-table-cell>
                <uui-table-cell>${dateTime.format(new Date(row.received))}</uui-table-cell>
                <uui-table-cell>${row.summary}</uui-table-cell>
                <uui-table-cell>${row.status}</uui-table-cell>
                <uui-table-cell>${row.handled ? '対応済み' : '未対応'}</uui-table-cell>
              </uui-table-row>`)}
          </uui-table>`}
      </uui-box>`;
  }

  #renderEntry() {
    const entry = this._entry;
    return html`
      <uui-box headline=${`受付番号 ${entry.receipt}（${entry.formName}）`}>
        <div class="actions">
          <uui-button look="outline" label="受付の一覧に戻る" @click=${() => { this._entry = undefined; this.#loadRows(); }}>受付の一覧に戻る</uui-button>
          <uui-button look="primary" label=${entry.handled ? '未対応に戻す' : '対応済みにする'} ?disabled=${this._busy} @click=${() => this.#markHandled(!entry.handled)}>${entry.handled ? '未対応に戻す' : '対応済みにする'}</uui-button>
          ${entry.canCancel ? html`<uui-button look="secondary" label="この受付を取り消す" ?disabled=${this._busy} @click=${() => this.#cancel()}>この受付を取り消す</uui-button>` : nothing}
          <uui-button look="secondary" color="danger" label="この受付を削除する" ?disabled=${this._busy} @click=${() => this.#delete()}>この受付を削除する</uui-button>
        </div>
        <dl>
          <dt>受付日時</dt><dd>${dateTime.format(new Date(entry.received))}</dd>
          <dt>状態</dt><dd>${entry.status}</dd>
          <dt>対応</dt><dd>${entry.handled ? `対応済み（${entry.handledBy ?? ''}）` : '未対応'}</dd>
          ${entry.pageUrl ? html`<dt>送信したページ</dt><dd>${entry.pageUrl}</dd>` : nothing}
          ${entry.answers.map((a) => html`<dt>${a.question}</dt><dd class="answer">${a.answer}</dd>`)}
        </dl>
      </uui-box>`;
  }

  static styles = css`
    :host { display: block; box-sizing: border-box; min-width: 0; max-width: 100%; padding: var(--uui-size-layout-1); }
    uui-box { min-width: 0; }
    .actions { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-3); margin-bottom: var(--uui-size-space-5); }
    .filter { display: inline-flex; gap: var(--uui-size-space-3); align-items: center; margin-bottom: var(--uui-size-space-4); }
    select { font: inherit; padding: var(--uui-size-space-2); }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: var(--uui-size-space-3) var(--uui-size-space-5); }
    dt { font-weight: bold; }
    dd { margin: 0; }
    .answer { white-space: pre-wrap; overflow-wrap: anywhere; }
    .error { color: var(--uui-color-danger-standalone); border: 1px solid var(--uui-color-danger); padding: var(--uui-size-space-4); margin-bottom: var(--uui-size-space-4); }
    @media (max-width: 800px) { dl { grid-template-columns: 1fr; } dd { margin-bottom: var(--uui-size-space-3); } }
  `;
}

customElements.define('zaitaku-form-entries', ZaitakuFormEntries);
export default ZaitakuFormEntries;

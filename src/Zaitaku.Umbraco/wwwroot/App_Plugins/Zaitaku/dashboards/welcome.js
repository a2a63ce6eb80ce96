// The Content section's first dashboard ("はじめに"), in place of Umbraco's English news dashboard.
// A plain ES module: @umbraco-cms/backoffice/* resolve through the backoffice's import map, so no bundler is needed.
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { css, html } from '@umbraco-cms/backoffice/external/lit';

export class ZaitakuWelcomeDashboardElement extends UmbLitElement {
	render() {
		return html`
			<section class="intro" aria-labelledby="zaitaku-welcome-title">
				<h2 id="zaitaku-welcome-title">在宅医療・介護連携推進事業サイトの管理画面へようこそ</h2>
				<p>大和郡山市の在宅医療・介護連携推進事業のサイト（広報つながりのコラム、相談窓口、人生会議、わたしノートなど）を、ここで書いて、確かめて、公開します。</p>
			</section>
			<div class="grid">
				<uui-box headline="コラムやページを書く">
					<p>左の<strong>コンテンツ</strong>のツリーからページを選び、内容を直して<strong>保存</strong>します。保存しただけでは、サイトには出ません。</p>
				</uui-box>
				<uui-box headline="公開する・公開を予約する">
					<p>内容を確かめたら<strong>保存して公開</strong>を押します。日時を決めて出すときは、公開ボタンの横の矢印から<strong>公開を予約</strong>を選びます。</p>
				</uui-box>
				<uui-box headline="画像や PDF を載せる">
					<p>上の<strong>メディア</strong>でファイルをアップロードしてから、ページで選びます。ファイル名は、何のファイルかわかる名前にしてください。</p>
					<uui-button look="secondary" href="section/media" label="メディアを開く"></uui-button>
				</uui-box>
				<uui-box headline="困ったときは">
					<p>事務局（地域包括ケア推進課 地域ケア係）にご連絡ください。間違って削除したページは<strong>ごみ箱</strong>から元に戻せます。</p>
				</uui-box>
			</div>
		`;
	}

	static styles = css`
		:host {
			display: block;
			padding: var(--uui-size-layout-1);
			line-height: 1.7;
		}
		h2 {
			margin: 0 0 var(--uui-size-space-3);
			font-size: var(--uui-type-h4-size, 1.4rem);
		}
		.intro {
			margin-bottom: var(--uui-size-layout-1);
		}
		.grid {
			display: grid;
			grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
			gap: var(--uui-size-space-5);
		}
		p {
			margin: 0 0 var(--uui-size-space-3);
		}
	`;
}

customElements.define('zaitaku-welcome-dashboard', ZaitakuWelcomeDashboardElement);
export default ZaitakuWelcomeDashboardElement;
export { ZaitakuWelcomeDashboardElement as element };

// Live preview beside each Markdown field of the backoffice edit form. The server renders it with the
// public site's own pipeline (Markdig and the sanitizer), so the preview cannot differ from the page.
// Without JavaScript the form keeps its "本文をプレビュー" button, which does the same on a full post.
// Asking the server as the editor types is markdown-fields.js's.
(function () {
  "use strict";
  if (!window.ZaitakuMarkdownFields) return;

  window.ZaitakuMarkdownFields.forEach(function (textarea, index, watch) {
    var headingId = "live-preview-heading-" + index;
    var panel = document.createElement("section");
    panel.className = "live-preview";
    panel.setAttribute("aria-labelledby", headingId);
    panel.tabIndex = 0; // it scrolls on its own, so keyboard users must be able to reach it
    var heading = document.createElement("h2");
    heading.id = headingId;
    heading.className = "live-preview__title";
    heading.textContent = textarea.getAttribute("data-live-preview") + "のプレビュー（公開ページと同じ表示）";
    var status = document.createElement("p");
    status.className = "live-preview__status";
    status.setAttribute("role", "status");
    var body = document.createElement("div");
    body.className = "prose";
    panel.appendChild(heading);
    panel.appendChild(status);
    panel.appendChild(body);
    var wrapper = document.createElement("div");
    wrapper.className = "editor-with-preview";
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(textarea);
    wrapper.appendChild(panel);

    watch("/umbraco/content/preview-markdown", {}, 400, function (result) {
      if (result === null) {
        status.textContent = "通信できないため、プレビューを更新できません。入力はそのまま残っています。";
      } else if (result.ok) {
        body.innerHTML = result.text; // sanitized on the server, as on the public page
        status.textContent = "";
      } else if (result.status === 401) {
        status.textContent = "ログインの有効期限が切れたため、プレビューを更新できません。入力はこのブラウザーに残っています。";
      } else {
        status.textContent = result.status === 400 ? result.text : "プレビューを更新できませんでした。入力はそのまま残っています。";
      }
    });
  });
})();

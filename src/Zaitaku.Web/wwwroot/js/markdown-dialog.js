// What the Markdown editor's dialogs share (「画像」「PDF」 in markdown-media.js, 「Word ファイルから
// 読み込む」 in markdown-docx.js): building their elements, and sending a file to the media library
// through /umbraco/markdown-media/upload, which applies the library's own checks and the association scope.
// The <dialog> itself (modal, Esc closes, focus returns) is made by markdown-editor.js.
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  // Resolves to { status, json }: 200 with the file's url and alt text, 400 with errors by field,
  // 401 when the session has ended (the server answered with a redirect to the sign-in page).
  function upload(data, token) {
    return fetch("/umbraco/markdown-media/upload", {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: { "RequestVerificationToken": token || "" }, body: data
    }).then(function (r) {
      if (r.type === "opaqueredirect") return { status: 401 };
      return r.json().then(function (json) { return { status: r.status, json: json }; }, function () { return { status: r.status }; });
    });
  }

  window.ZaitakuMarkdownDialog = { el: el, upload: upload };
})();

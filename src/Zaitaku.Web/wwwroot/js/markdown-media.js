// 「画像」 and 「PDF」 of the Markdown editor: a dialog that lists the files the person may use (their
// association's folders and 共有), searches them, and uploads a new one with its alt text. The server
// (/umbraco/markdown-media) applies the media library's own checks and the association scope.
// Without JavaScript the 「画像・PDFを入れる」 button under the field leads to a page that does the same.
(function () {
  "use strict";

  var el = window.ZaitakuMarkdownDialog.el;
  var count = 0;

  function open(options) {
    var isImage = options.kind === "image";
    var what = isImage ? "画像" : "PDF";
    var id = "md-media-" + (++count);
    var d = options.dialog(isImage ? "画像を入れる" : "PDF へのリンクを入れる");

    var status = el("p", { role: "status", "class": "md-media__status" });
    var searchLabel = el("label", { "for": id + "-q" }, "登録済みの" + what + "を名前でさがす");
    var search = el("input", { id: id + "-q", type: "search" });
    var list = el("ul", { "class": "md-media-list", "aria-label": "登録済みの" + what });
    var pick = el("section", { "aria-labelledby": id + "-pick" });
    pick.appendChild(el("h3", { id: id + "-pick" }, "登録済みから選ぶ"));
    var searchField = el("div", { "class": "field" });
    searchField.appendChild(searchLabel);
    searchField.appendChild(search);
    pick.appendChild(searchField);
    pick.appendChild(status);
    pick.appendChild(list);

    var upload = el("form", { "class": "bo-form", novalidate: "novalidate", "aria-labelledby": id + "-upload" });
    upload.appendChild(el("h3", { id: id + "-upload" }, "新しく登録して入れる"));
    var folderField = el("div", { "class": "field" });
    folderField.appendChild(el("label", { "for": id + "-folder" }, "登録先のフォルダー"));
    var folder = el("select", { id: id + "-folder", name: "Folder" });
    folderField.appendChild(folder);
    var fileField = el("div", { "class": "field" });
    fileField.appendChild(el("label", { "for": id + "-file" }, isImage ? "写真のファイル（JPEG・PNG・WebP）" : "PDF ファイル"));
    var file = el("input", { id: id + "-file", name: "file", type: "file", accept: isImage ? "image/jpeg,image/png,image/webp" : "application/pdf" });
    fileField.appendChild(file);
    var fileError = el("p", { "class": "field-error", id: id + "-file-error" });
    fileField.appendChild(fileError);
    upload.appendChild(folderField);
    upload.appendChild(fileField);
    var alt, decorative, altError;
    if (isImage) {
      var altField = el("div", { "class": "field" });
      altField.appendChild(el("label", { "for": id + "-alt" }, "代替テキスト（写真に写っているものを短く。目の見えない方に読み上げられます）"));
      alt = el("input", { id: id + "-alt", name: "AltText" });
      altField.appendChild(alt);
      altError = el("p", { "class": "field-error", id: id + "-alt-error" });
      altField.appendChild(altError);
      var decorativeField = el("div", { "class": "checkbox" });
      decorative = el("input", { id: id + "-decorative", name: "Decorative", type: "checkbox", value: "true" });
      decorativeField.appendChild(decorative);
      decorativeField.appendChild(el("label", { "for": id + "-decorative" }, "装飾のための画像（代替テキストなし）"));
      upload.appendChild(altField);
      upload.appendChild(decorativeField);
    }
    var uploadStatus = el("p", { role: "alert", "class": "field-error" });
    upload.appendChild(uploadStatus);
    upload.appendChild(el("button", { type: "submit", "class": "button" }, "登録して入れる"));

    var close = el("button", { type: "button", "class": "button button--secondary" }, "閉じる");
    close.addEventListener("click", function () { d.close(); });
    var closeRow = el("p", { "class": "button-row" });
    closeRow.appendChild(close);
    [pick, upload, closeRow].forEach(function (x) { d.appendChild(x); });

    function insert(item) {
      d.close("inserted");
      options.insert(item);
    }

    var ticket = 0;
    function load() {
      var mine = ++ticket;
      status.textContent = "読み込んでいます…";
      fetch("/umbraco/markdown-media/items?kind=" + options.kind + "&q=" + encodeURIComponent(search.value), { credentials: "same-origin", redirect: "manual" })
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          return r.json();
        })
        .then(function (data) {
          if (mine !== ticket) return;
          if (!folder.options.length) {
            data.folders.forEach(function (f) { folder.appendChild(el("option", { value: f.id }, f.name)); });
          }
          list.textContent = "";
          data.items.forEach(function (item) {
            var li = el("li");
            var b = el("button", { type: "button" });
            if (item.thumbnail) b.appendChild(el("img", { src: item.thumbnail, alt: "", loading: "lazy" }));
            b.appendChild(el("span", {}, item.linkText));
            b.appendChild(el("span", { "class": "visually-hidden" }, "を入れる（" + item.folder + "）"));
            b.addEventListener("click", function () { insert(item); });
            li.appendChild(b);
            list.appendChild(li);
          });
          status.textContent = data.items.length ? data.items.length + "件あります。" : "使える" + what + "はありません。下から登録してください。";
        })
        .catch(function () {
          if (mine === ticket) status.textContent = "一覧を読み込めませんでした。ログインの有効期限が切れたかもしれません。編集中の内容はそのままです。";
        });
    }
    var timer = null;
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(load, 300); });

    function showError(input, error, message) {
      error.textContent = message || "";
      if (message) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", error.id); }
      else { input.removeAttribute("aria-invalid"); input.removeAttribute("aria-describedby"); }
    }
    upload.addEventListener("submit", function (event) {
      event.preventDefault();
      showError(file, fileError, "");
      if (alt) showError(alt, altError, "");
      uploadStatus.textContent = "";
      var data = new FormData(upload);
      var busy = upload.querySelector("button[type=submit]");
      busy.disabled = true;
      uploadStatus.textContent = "登録しています…";
      window.ZaitakuMarkdownDialog.upload(data, options.token).then(function (result) {
        busy.disabled = false;
        uploadStatus.textContent = "";
        if (result.status === 200) { insert(result.json); return; }
        var errors = (result.json && result.json.errors) || {};
        if (errors.file) showError(file, fileError, errors.file);
        if (errors.AltText && alt) showError(alt, altError, errors.AltText);
        if (errors.Folder) uploadStatus.textContent = errors.Folder;
        if (result.status === 401) uploadStatus.textContent = "ログインの有効期限が切れました。編集中の内容はこのブラウザーに残っています。";
        else if (result.status === 413) uploadStatus.textContent = "ファイルが大きすぎます。";
        else if (!Object.keys(errors).length) uploadStatus.textContent = "登録できませんでした（" + result.status + "）。";
        var first = upload.querySelector("[aria-invalid=true]");
        if (first) first.focus();
      }).catch(function () {
        busy.disabled = false;
        uploadStatus.textContent = "通信できないため、登録できませんでした。";
      });
    });

    d.showModal();
    search.focus();
    load();
  }

  window.ZaitakuMediaDialog = { open: open };
})();

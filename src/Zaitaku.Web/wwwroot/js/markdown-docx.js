// 「Word ファイルから読み込む」 of the Markdown editor: mammoth (wwwroot/lib/mammoth, loaded only when
// used) turns the .docx into plain HTML in the browser, the editor takes it as it takes a paste (only
// headings, paragraphs, bold, lists, links and tables survive), and its pictures go into the media
// library through the same upload as the 「画像」 dialog, each with alt text asked before anything is saved.
(function () {
  "use strict";

  var el = window.ZaitakuMarkdownDialog.el;
  var mammothLoading = null;
  function loadMammoth() {
    if (window.mammoth) return Promise.resolve(window.mammoth);
    if (!mammothLoading) {
      mammothLoading = new Promise(function (resolve, reject) {
        var script = el("script", { src: "/lib/mammoth/mammoth.browser.min.js" });
        script.onload = function () { resolve(window.mammoth); };
        script.onerror = function () { mammothLoading = null; reject(new Error("mammoth")); };
        document.head.appendChild(script);
      });
    }
    return mammothLoading;
  }
  // Word's own heading styles, one level down: the page title is the page's only h1.
  var styleMap = [
    "p[style-name='heading 1'] => h2:fresh",
    "p[style-name='heading 2'] => h3:fresh",
    "p[style-name='heading 3'] => h4:fresh",
    "p[style-name='title'] => h2:fresh"
  ];
  var count = 0;

  function open(options) {
    var id = "md-docx-" + (++count);
    var d = options.dialog("Word ファイルから読み込む");
    var form = el("form", { "class": "bo-form", novalidate: "novalidate" });
    form.appendChild(el("p", {}, "見出し・段落・太字・箇条書き・リンク・表を読み込み、文字の色や大きさは捨てます。写真は、代替テキストを入れてからメディアに登録します。読み込んだ文章は、カーソルの位置に入ります。"));
    var fileField = el("div", { "class": "field" });
    fileField.appendChild(el("label", { "for": id + "-file" }, "Word ファイル（.docx）"));
    var file = el("input", { id: id + "-file", type: "file", accept: ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    fileField.appendChild(file);
    var folderField = el("div", { "class": "field" });
    folderField.appendChild(el("label", { "for": id + "-folder" }, "写真の登録先のフォルダー"));
    var folder = el("select", { id: id + "-folder" });
    folderField.appendChild(folder);
    var status = el("p", { role: "alert", "class": "field-error" });
    var actions = el("p", { "class": "button-row" });
    var read = el("button", { type: "submit", "class": "button" }, "読み込む");
    var cancel = el("button", { type: "button", "class": "button button--secondary" }, "やめる");
    actions.appendChild(read);
    actions.appendChild(cancel);
    [fileField, folderField, status, actions].forEach(function (x) { form.appendChild(x); });
    d.appendChild(form);
    cancel.addEventListener("click", function () { d.close(); });

    fetch("/umbraco/markdown-media/items?kind=image", { credentials: "same-origin", redirect: "manual" })
      .then(function (r) { return r.ok ? r.json() : { folders: [] }; })
      .then(function (data) { data.folders.forEach(function (f) { folder.appendChild(el("option", { value: f.id }, f.name)); }); })
      .catch(function () { /* the upload step says so if there is no folder */ });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      status.textContent = "";
      var chosen = file.files && file.files[0];
      if (!chosen) { status.textContent = "読み込む Word ファイルを選んでください。"; file.focus(); return; }
      if (!/\.docx$/i.test(chosen.name)) { status.textContent = "読み込めるのは .docx の Word ファイルです（古い .doc は Word で .docx として保存し直してください）。"; file.focus(); return; }
      read.disabled = true;
      status.textContent = "読み込んでいます…";
      var images = [];
      Promise.all([loadMammoth(), chosen.arrayBuffer()]).then(function (loaded) {
        var mammoth = loaded[0];
        return mammoth.convertToHtml({ arrayBuffer: loaded[1] }, {
          styleMap: styleMap,
          convertImage: mammoth.images.imgElement(function (image) {
            return image.read("base64").then(function (data) {
              images.push({ type: image.contentType, data: data, alt: image.altText || "" });
              return { src: "#docx-image-" + (images.length - 1) };
            });
          })
        });
      }).then(function (result) {
        read.disabled = false;
        status.textContent = "";
        if (!images.length) { finish(result.value, []); return; }
        askAltTexts(result.value, images);
      }).catch(function () {
        read.disabled = false;
        status.textContent = "この Word ファイルは読み込めませんでした。Word で開いて .docx として保存し直すか、文章をコピーして貼り付けてください。";
      });
    });

    function finish(html, urls) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      Array.prototype.forEach.call(doc.querySelectorAll("img"), function (img) {
        var match = /^#docx-image-(\d+)$/.exec(img.getAttribute("src") || "");
        if (match && urls[+match[1]]) {
          img.setAttribute("src", urls[+match[1]].url);
          img.setAttribute("alt", urls[+match[1]].alt);
        } else {
          img.remove();
        }
      });
      d.returnValue = "inserted";
      d.close("inserted");
      options.insertHtml(doc.body.innerHTML);
    }

    function askAltTexts(html, images) {
      form.remove();
      var step = el("form", { "class": "bo-form", novalidate: "novalidate" });
      step.appendChild(el("p", {}, "Word ファイルに写真が " + images.length + " 枚あります。それぞれに、写っているものを短く書いてください（目の見えない方に読み上げられます）。飾りだけの写真は「装飾」にチェックを入れます。"));
      var rows = images.map(function (image, i) {
        var fieldset = el("fieldset", { "class": "md-docx-image" });
        fieldset.appendChild(el("legend", {}, "写真 " + (i + 1)));
        fieldset.appendChild(el("img", { src: "data:" + image.type + ";base64," + image.data, alt: "", "class": "md-docx-image__preview" }));
        var altField = el("div", { "class": "field" });
        altField.appendChild(el("label", { "for": id + "-alt-" + i }, "写真 " + (i + 1) + " の代替テキスト"));
        var alt = el("input", { id: id + "-alt-" + i });
        alt.value = image.alt;
        altField.appendChild(alt);
        var error = el("p", { "class": "field-error", id: id + "-alt-" + i + "-error" });
        altField.appendChild(error);
        var decorativeField = el("div", { "class": "checkbox" });
        var decorative = el("input", { id: id + "-decorative-" + i, type: "checkbox" });
        decorativeField.appendChild(decorative);
        decorativeField.appendChild(el("label", { "for": id + "-decorative-" + i }, "写真 " + (i + 1) + " は装飾"));
        fieldset.appendChild(altField);
        fieldset.appendChild(decorativeField);
        step.appendChild(fieldset);
        return { image: image, alt: alt, decorative: decorative, error: error, uploaded: null };
      });
      var stepStatus = el("p", { role: "alert", "class": "field-error" });
      var stepActions = el("p", { "class": "button-row" });
      var go = el("button", { type: "submit", "class": "button" }, "写真を登録して本文に入れる");
      var stop = el("button", { type: "button", "class": "button button--secondary" }, "やめる");
      stepActions.appendChild(go);
      stepActions.appendChild(stop);
      step.appendChild(stepStatus);
      step.appendChild(stepActions);
      d.appendChild(step);
      stop.addEventListener("click", function () { d.close(); });
      rows[0].alt.focus();

      step.addEventListener("submit", function (event) {
        event.preventDefault();
        go.disabled = true;
        stepStatus.textContent = "写真を登録しています…";
        rows.reduce(function (previous, row, i) {
          return previous.then(function (ok) {
            if (row.uploaded) return ok;
            return uploadOne(row, i).then(function (done) { return ok && done; });
          });
        }, Promise.resolve(true)).then(function (ok) {
          go.disabled = false;
          if (!ok) {
            stepStatus.textContent = "登録できなかった写真があります。メッセージを見て直してください。";
            var first = step.querySelector("[aria-invalid=true]");
            if (first) first.focus();
            return;
          }
          finish(html, rows.map(function (row) { return row.uploaded; }));
        });
      });
    }

    function uploadOne(row, i) {
      row.error.textContent = "";
      row.alt.removeAttribute("aria-invalid");
      row.alt.removeAttribute("aria-describedby");
      var bytes = Uint8Array.from(atob(row.image.data), function (c) { return c.charCodeAt(0); });
      var extension = (row.image.type.split("/")[1] || "bin").replace("jpeg", "jpg");
      var data = new FormData();
      data.append("Folder", folder.value);
      data.append("AltText", row.decorative.checked ? "" : row.alt.value.trim());
      if (row.decorative.checked) data.append("Decorative", "true");
      data.append("file", new Blob([bytes], { type: row.image.type }), "word-" + (i + 1) + "." + extension);
      return window.ZaitakuMarkdownDialog.upload(data, options.token).then(function (result) {
        if (result.status === 200) {
          row.uploaded = { url: result.json.url, alt: result.json.alt };
          return true;
        }
        var errors = (result.json && result.json.errors) || {};
        row.error.textContent = errors.AltText || errors.file || errors.Folder || "登録できませんでした（" + result.status + "）。";
        row.alt.setAttribute("aria-invalid", "true");
        row.alt.setAttribute("aria-describedby", row.error.id);
        return false;
      }, function () {
        row.error.textContent = "通信できないため、登録できませんでした。";
        return false;
      });
    }

    d.showModal();
    file.focus();
  }

  window.ZaitakuDocxImport = { open: open };
})();

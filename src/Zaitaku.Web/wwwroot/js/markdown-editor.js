// The formatted editor over each Markdown field of the backoffice edit form. Editors see headings,
// bold, lists, links, tables and photos instead of Markdown; the textarea underneath stays the field
// that is posted, autosaved and previewed, and gets the Markdown back after every change. A body
// the editor could not give back unchanged is left in the plain textarea, so nothing is rewritten
// behind the editor's back. Without JavaScript the textarea and the server preview work as before.
(function () {
  "use strict";
  var Z = window.ZaitakuEditor;
  var form = document.querySelector("form[data-autosave]");
  if (!Z || !form) return;
  var valueProperty = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  // Runs after the other deferred scripts, so the live preview has already wrapped the textarea.
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(form.querySelectorAll("textarea[data-markdown-editor]"), setUp);
  });

  function setUp(textarea) {
    var label = textarea.getAttribute("data-markdown-editor");
    var field = textarea.closest(".field");
    if (!Z.roundTrips(valueProperty.get.call(textarea))) {
      var note = el("p", { "class": "field-hint" }, "この" + label + "には、書式つきの編集画面では表せない書き方が含まれているため、Markdown のまま編集します。");
      textarea.parentNode.insertBefore(note, textarea);
      return;
    }

    var wrapper = el("div", { "class": "md-editor" });
    var toolbar = el("div", { role: "toolbar", "class": "md-editor__toolbar", "aria-label": label + "の書式", "aria-controls": textarea.id + "-editor" });
    var surface = el("div", { "class": "md-editor__surface" });
    var help = el("p", { "class": "field-hint", id: textarea.id + "-editor-help" },
      "ツールバーへは Alt+F10 で移り、矢印キーで選びます。太字は Ctrl+B、元に戻すは Ctrl+Z です。");
    wrapper.appendChild(toolbar);
    wrapper.appendChild(surface);
    wrapper.appendChild(help);
    var sourceNote = el("p", { "class": "field-error", role: "status" });
    wrapper.appendChild(sourceNote);
    textarea.parentNode.insertBefore(wrapper, textarea);
    textarea.hidden = true;
    Array.prototype.forEach.call((field || document).querySelectorAll(".markdown-media-nojs"), function (p) { p.hidden = true; });

    var s = Z.schema;
    var lastWritten = valueProperty.get.call(textarea);
    var view;

    function newState(markdown) {
      return Z.EditorState.create({
        doc: Z.fromMarkdown(markdown),
        plugins: [
          Z.history(),
          Z.keymap({
            "Mod-z": Z.undo, "Mod-y": Z.redo, "Shift-Mod-z": Z.redo,
            "Mod-b": Z.toggleMark(s.marks.strong),
            "Shift-Enter": Z.chainCommands(Z.exitCode, insertHardBreak),
            "Enter": Z.splitListItem(s.nodes.list_item),
            "Tab": Z.goToNextCell(1), "Shift-Tab": Z.goToNextCell(-1),
            "Alt-F10": function () { focusToolbar(); return true; }
          }),
          Z.keymap(Z.baseKeymap),
          Z.dropCursor(), Z.gapCursor(), Z.tableEditing()
        ]
      });
    }
    function insertHardBreak(state, dispatch) {
      if (dispatch) dispatch(state.tr.replaceSelectionWith(s.nodes.hard_break.create()).scrollIntoView());
      return true;
    }

    view = new Z.EditorView(surface, {
      state: newState(lastWritten),
      attributes: {
        id: textarea.id + "-editor", "class": "md-editor__content prose", role: "textbox", "aria-multiline": "true",
        // its own name, so that the label still names the textarea alone (「Markdown で編集」 shows it)
        "aria-label": label + "（書式つきの編集欄）", "aria-required": textarea.getAttribute("data-required") || "false",
        "aria-describedby": [textarea.getAttribute("aria-describedby"), help.id].filter(Boolean).join(" "),
        "aria-invalid": textarea.getAttribute("aria-invalid") || "false", spellcheck: "true"
      },
      // Pasted HTML goes through the schema: only headings, paragraphs, bold, italic, lists, links,
      // tables and images survive; fonts, colours, spans, comments and scripts are dropped.
      transformPastedHTML: function (html) { return cleanPastedHtml(html, false); },
      dispatchTransaction: function (tr) {
        view.updateState(view.state.apply(tr));
        if (tr.docChanged) writeBack();
        updateToolbar();
      }
    });

    // The field's visible label names the textarea, which the editor hides: a click on the label
    // should land in the editor, as it would in the textarea.
    document.querySelectorAll('label[for="' + CSS.escape(textarea.id) + '"]').forEach(function (l) {
      l.addEventListener("click", function (e) {
        if (textarea.offsetParent === null) { e.preventDefault(); view.focus(); }
      });
    });

    function writeBack() {
      lastWritten = Z.toMarkdown(view.state.doc);
      valueProperty.set.call(textarea, lastWritten);
      textarea.dispatchEvent(new Event("input", { bubbles: true })); // autosave and live preview listen
    }

    // Autosave's 「残っている入力を戻す」 sets the textarea's value: show it in the editor too.
    Object.defineProperty(textarea, "value", {
      configurable: true,
      get: function () { return valueProperty.get.call(this); },
      set: function (text) {
        valueProperty.set.call(this, text);
        if (text !== lastWritten) {
          lastWritten = text;
          view.updateState(newState(text));
          updateToolbar();
        }
      }
    });
    textarea.focus = function () { view.focus(); };

    // Toolbar: one tab stop, arrow keys move between buttons (WAI-ARIA toolbar pattern).
    var buttons = [];
    function button(text, run, options) {
      options = options || {};
      var b = el("button", { type: "button", "class": "md-editor__button", tabindex: buttons.length ? "-1" : "0" }, text);
      if (options.toggle) b.setAttribute("aria-pressed", "false");
      if (options.keys) b.setAttribute("aria-keyshortcuts", options.keys);
      b.addEventListener("click", function () {
        run();
        if (!options.keepFocus) view.focus();
      });
      b._options = options;
      buttons.push(b);
      toolbar.appendChild(b);
      return b;
    }
    function focusToolbar() {
      var current = buttons.filter(function (b) { return b.tabIndex === 0; })[0] || buttons[0];
      current.focus();
    }
    toolbar.addEventListener("keydown", function (event) {
      var i = buttons.indexOf(document.activeElement);
      if (i < 0) return;
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (event.key === "Escape") { event.preventDefault(); view.focus(); return; }
      if (next === undefined) return;
      event.preventDefault();
      next = (next + buttons.length) % buttons.length;
      buttons[i].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });

    function run(command) { command(view.state, view.dispatch, view); }
    function inNode(type, attrs) {
      var $from = view.state.selection.$from;
      for (var d = $from.depth; d > 0; d--) {
        var node = $from.node(d);
        if (node.type === type && (!attrs || Object.keys(attrs).every(function (k) { return node.attrs[k] === attrs[k]; }))) return true;
      }
      return false;
    }
    function markActive(type) {
      var sel = view.state.selection;
      if (sel.empty) return !!type.isInSet(view.state.storedMarks || sel.$from.marks());
      return view.state.doc.rangeHasMark(sel.from, sel.to, type);
    }
    function toggleHeading(level) {
      return function () {
        run(inNode(s.nodes.heading, { level: level }) ? Z.setBlockType(s.nodes.paragraph) : Z.setBlockType(s.nodes.heading, { level: level }));
      };
    }
    function toggleList(type) {
      return function () {
        if (inNode(type)) run(Z.liftListItem(s.nodes.list_item));
        else run(Z.wrapInList(type));
      };
    }

    button("見出し", toggleHeading(2), { toggle: function () { return inNode(s.nodes.heading, { level: 2 }); } });
    button("小見出し", toggleHeading(3), { toggle: function () { return inNode(s.nodes.heading, { level: 3 }); } });
    button("太字", function () { run(Z.toggleMark(s.marks.strong)); }, { toggle: function () { return markActive(s.marks.strong); }, keys: "Control+B" });
    button("箇条書き", toggleList(s.nodes.bullet_list), { toggle: function () { return inNode(s.nodes.bullet_list); } });
    button("番号付き", toggleList(s.nodes.ordered_list), { toggle: function () { return inNode(s.nodes.ordered_list); } });
    button("リンク", function () { openLinkDialog(); }, { toggle: function () { return markActive(s.marks.link); }, keepFocus: true });
    if (window.ZaitakuMediaDialog) {
      button("画像", function () { openMediaDialog("image"); }, { keepFocus: true });
      button("PDF", function () { openMediaDialog("document"); }, { keepFocus: true });
    }
    if (window.ZaitakuDocxImport) {
      button("Word ファイルから読み込む", function () {
        window.ZaitakuDocxImport.open({
          dialog: dialog,
          token: (form.querySelector("input[name=__RequestVerificationToken]") || {}).value,
          insertHtml: insertHtml
        });
      }, { keepFocus: true });
    }
    button("表", insertTable);
    button("行を追加", function () { run(Z.addRowAfter); }, { tableOnly: true });
    button("行を削除", function () { run(Z.deleteRow); }, { tableOnly: true });
    button("表を削除", function () { run(Z.deleteTable); }, { tableOnly: true });
    button("元に戻す", function () { run(Z.undo); }, { keys: "Control+Z", enabled: function () { return Z.undoDepth(view.state) > 0; } });
    button("やり直す", function () { run(Z.redo); }, { keys: "Control+Y" });
    // For those who know Markdown (and for what the editor cannot show): the plain field, and back.
    var sourceButton = button("Markdown で編集", toggleSource, { keepFocus: true, always: true });
    sourceButton.setAttribute("aria-pressed", "false");
    function toggleSource() {
      var showing = !textarea.hidden;
      if (showing) {
        var text = valueProperty.get.call(textarea);
        if (!Z.roundTrips(text)) {
          sourceNote.textContent = "この書き方は書式つきの編集画面では表せないため、Markdown のまま編集してください。";
          return;
        }
        sourceNote.textContent = "";
        lastWritten = null;
        textarea.value = text;
        textarea.hidden = true;
        surface.hidden = false;
        sourceButton.setAttribute("aria-pressed", "false");
        view.focus();
      } else {
        textarea.hidden = false;
        surface.hidden = true;
        sourceButton.setAttribute("aria-pressed", "true");
        valueProperty.set.call(textarea, valueProperty.get.call(textarea));
        HTMLTextAreaElement.prototype.focus.call(textarea);
      }
      updateToolbar();
    }

    function updateToolbar() {
      var table = Z.isInTable(view.state);
      buttons.forEach(function (b) {
        var o = b._options;
        if (o.toggle) b.setAttribute("aria-pressed", o.toggle() ? "true" : "false");
        // aria-disabled keeps the button reachable in the toolbar, as the pattern advises
        var disabled = !o.always && !textarea.hidden || (o.tableOnly && !table) || (o.enabled && !o.enabled());
        if (disabled) b.setAttribute("aria-disabled", "true"); else b.removeAttribute("aria-disabled");
      });
    }
    buttons.forEach(function (b) {
      b.addEventListener("click", function (event) {
        if (b.getAttribute("aria-disabled") === "true") event.stopImmediatePropagation();
      }, true);
    });
    updateToolbar();

    // A converted Word file goes in as a paste does, through the same cleaning and the schema.
    function insertHtml(html) {
      var container = document.createElement("div");
      container.innerHTML = cleanPastedHtml(html, true);
      var slice = Z.DOMParser.fromSchema(s).parseSlice(container);
      view.dispatch(view.state.tr.replaceSelection(slice).scrollIntoView());
      view.focus();
    }

    function insertTable() {
      if (Z.isInTable(view.state)) return;
      var cell = function (type, text) { return type.create(null, text ? s.text(text) : null); };
      var row = function (type, texts) { return s.nodes.table_row.create(null, texts.map(function (t) { return cell(type, t); })); };
      var table = s.nodes.table.create(null, [
        row(s.nodes.table_header, ["見出し1", "見出し2"]),
        row(s.nodes.table_cell, ["", ""])
      ]);
      var tr = view.state.tr.replaceSelectionWith(table);
      view.dispatch(tr.scrollIntoView());
    }

    // ---- Dialogs (native <dialog>: modal, Esc closes; focus goes back to where it was) ----
    function dialog(title) {
      var d = el("dialog", { "class": "md-dialog", "aria-labelledby": textarea.id + "-dialog-title-" + (++dialogCount) });
      var h = el("h2", { id: d.getAttribute("aria-labelledby"), "class": "md-dialog__title" }, title);
      d.appendChild(h);
      document.body.appendChild(d);
      var returnTo = document.activeElement;
      d.addEventListener("close", function () {
        d.remove();
        // after inserting, writing goes on where the insertion is; after 「やめる」 or Esc, back to the button
        if (d.returnValue !== "inserted" && returnTo && document.contains(returnTo)) returnTo.focus(); else view.focus();
      });
      return d;
    }

    function openLinkDialog() {
      var sel = view.state.selection;
      var existing = null;
      view.state.doc.nodesBetween(sel.from, sel.empty ? sel.from + 1 : sel.to, function (node) {
        var mark = s.marks.link.isInSet(node.marks);
        if (mark) existing = mark;
      });
      var d = dialog("リンク");
      var f = el("form", { method: "dialog", "class": "bo-form" });
      var textField = el("div", { "class": "field" });
      textField.appendChild(el("label", { "for": textarea.id + "-link-text" }, "リンクにする文字"));
      var text = el("input", { id: textarea.id + "-link-text" });
      text.value = view.state.doc.textBetween(sel.from, sel.to, " ");
      textField.appendChild(text);
      var urlField = el("div", { "class": "field" });
      urlField.appendChild(el("label", { "for": textarea.id + "-link-url" }, "リンク先（https:// で始まるアドレス、またはこのサイトの /columns/ など）"));
      var url = el("input", { id: textarea.id + "-link-url", inputmode: "url", spellcheck: "false", autocapitalize: "off" });
      url.value = existing ? existing.attrs.href : "";
      urlField.appendChild(url);
      var error = el("p", { "class": "field-error", role: "alert" });
      var actions = el("p", { "class": "button-row" });
      var ok = el("button", { type: "submit", "class": "button" }, "リンクにする");
      var remove = el("button", { type: "button", "class": "button button--secondary" }, "リンクを外す");
      var cancel = el("button", { type: "button", "class": "button button--secondary" }, "やめる");
      actions.appendChild(ok);
      if (existing) actions.appendChild(remove);
      actions.appendChild(cancel);
      [textField, urlField, error, actions].forEach(function (x) { f.appendChild(x); });
      d.appendChild(f);
      cancel.addEventListener("click", function () { d.close(); });
      remove.addEventListener("click", function () {
        var from = sel.empty ? markRange(sel.from).from : sel.from, to = sel.empty ? markRange(sel.from).to : sel.to;
        view.dispatch(view.state.tr.removeMark(from, to, s.marks.link));
        d.close();
      });
      f.addEventListener("submit", function (event) {
        var href = url.value.trim(), label = text.value.trim();
        if (!Z.safeHref(href)) {
          event.preventDefault();
          error.textContent = "リンク先は https:// で始まるアドレスか、/ で始まるこのサイトのアドレスを入力してください。";
          url.setAttribute("aria-invalid", "true");
          url.focus();
          return;
        }
        if (!label) label = href;
        var mark = s.marks.link.create({ href: href });
        var tr = view.state.tr.replaceSelectionWith(s.text(label, [mark]), false);
        view.dispatch(tr.scrollIntoView());
        d.returnValue = "inserted";
      });
      d.showModal();
      (text.value ? url : text).focus();
    }
    function markRange(pos) {
      var $pos = view.state.doc.resolve(pos), parent = $pos.parent, start = $pos.parentOffset;
      var mark = null;
      parent.forEach(function (child, offset) {
        if (offset <= start && start <= offset + child.nodeSize && s.marks.link.isInSet(child.marks)) mark = { from: offset, to: offset + child.nodeSize };
      });
      if (!mark) return { from: pos, to: pos };
      return { from: $pos.start() + mark.from, to: $pos.start() + mark.to };
    }

    function openMediaDialog(kind) {
      window.ZaitakuMediaDialog.open({
        nodeId: form.getAttribute("data-autosave"),
        kind: kind,
        dialog: dialog,
        token: (form.querySelector("input[name=__RequestVerificationToken]") || {}).value,
        insert: function (item) {
          var state = view.state, tr;
          if (kind === "image") {
            tr = state.tr.replaceSelectionWith(s.nodes.image.create({ src: item.url, alt: item.alt || "" }));
          } else {
            tr = state.tr.replaceSelectionWith(s.text(item.linkText, [s.marks.link.create({ href: item.url })]), false);
          }
          view.dispatch(tr.scrollIntoView());
          view.focus();
        }
      });
    }

    window.ZaitakuMarkdownEditors = window.ZaitakuMarkdownEditors || {};
    window.ZaitakuMarkdownEditors[textarea.name] = view;
  }
  var dialogCount = 0;

  // Word, web pages and mail bring styles, classes, comments, conditional comments and scripts;
  // the schema drops what it does not know, and this removes what it might otherwise keep as text.
  function cleanPastedHtml(html, keepLibraryImages) {
    var doc = new DOMParser().parseFromString(html, "text/html"); // inert: nothing in it runs
    Array.prototype.forEach.call(doc.querySelectorAll("script, style, meta, link, title, template, iframe, object, embed, svg, math, xml, o\\:p"), function (n) { n.remove(); });
    var walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
    var comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    comments.forEach(function (c) { c.remove(); });
    // Word marks list paragraphs with a class instead of <ul>/<ol>: make them real lists.
    var items = doc.querySelectorAll("p.MsoListParagraph, p.MsoListParagraphCxSpFirst, p.MsoListParagraphCxSpMiddle, p.MsoListParagraphCxSpLast");
    var list = null;
    Array.prototype.forEach.call(items, function (p) {
      var marker = p.querySelector("span[style*='mso-list']");
      var ordered = marker ? /^\s*[0-9０-９]+[.．)）]/.test(marker.textContent) : false;
      if (marker) marker.remove();
      var previous = p.previousElementSibling;
      if (!list || previous !== list) {
        list = doc.createElement(ordered ? "ol" : "ul");
        p.parentNode.insertBefore(list, p);
      }
      var li = doc.createElement("li");
      var para = doc.createElement("p");
      while (p.firstChild) para.appendChild(p.firstChild);
      li.appendChild(para);
      list.appendChild(li);
      p.remove();
    });
    // A Markdown table cell holds one line: paragraphs, lists and breaks inside a cell become spaces.
    Array.prototype.forEach.call(doc.querySelectorAll("td, th"), function (cell) {
      Array.prototype.forEach.call(cell.querySelectorAll("br"), function (br) { br.replaceWith(" "); });
      var blocks = cell.querySelectorAll("p, div, li, h1, h2, h3, h4, h5, h6, ul, ol, blockquote");
      Array.prototype.slice.call(blocks).reverse().forEach(function (block) {
        var span = doc.createElement("span");
        while (block.firstChild) span.appendChild(block.firstChild);
        block.replaceWith(" ", span, " ");
      });
    });
    Array.prototype.forEach.call(doc.querySelectorAll("a[href]"), function (a) {
      if (!Z.safeHref(a.getAttribute("href"))) a.removeAttribute("href");
    });
    Array.prototype.forEach.call(doc.querySelectorAll("img"), function (img) {
      // Pasted pictures point at the writer's own disk or someone else's site: they go in through 「画像」.
      if (!(keepLibraryImages && /^\/media\/[0-9a-f]{32}\//.test(img.getAttribute("src") || ""))) img.remove();
    });
    return doc.body.innerHTML;
  }
  window.ZaitakuCleanPastedHtml = cleanPastedHtml;
})();

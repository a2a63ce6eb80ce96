// Autosave for the backoffice edit form: keeps what an editor types in this browser (localStorage)
// a second after each change, so a closed tab, a lost connection or an expired session loses
// nothing. On the next visit it offers to put the text back. Without JavaScript the form works as before.
//
// The copy remembers the saved version it was typed over (baseVersionId) and the values the form had
// then, so that:
// - after a successful save (the server marks the page with data-autosave-saved) the copy is dropped;
// - values the server merely rewrote (CRLF line ends, trailing spaces) do not count as unsaved;
// - if someone saved a newer version since, only the fields this editor changed are offered back,
//   and never over a field that the newer version changed too.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.localStorage) return;
  var key = "zaitaku:autosave:" + form.getAttribute("data-autosave");
  var baseField = form.querySelector("input[name=baseVersionId]");
  var base = baseField ? baseField.value : "";
  var fields = Array.prototype.filter.call(form.elements, function (e) {
    return e.name && e.type !== "hidden" && e.type !== "submit" && e.type !== "button";
  });

  function read() {
    var values = {};
    fields.forEach(function (e) { values[e.name] = e.type === "checkbox" ? (e.checked ? "true" : "") : e.value; });
    return values;
  }
  // What the server would store: line ends and spaces at the end of lines or of the text do not matter.
  function normal(text) {
    return String(text || "").replace(/\r\n?/g, "\n").replace(/[ \t\u3000]+$/gm, "").replace(/\s+$/, "");
  }
  function differs(a, b, name) { return normal(a[name]) !== normal(b[name]); }

  var loaded = read();
  // A page that answers a refused save (400, 409) shows what was typed, not what is saved.
  // (Razor writes data-* attributes even when empty, so their values are what count.)
  var pageUnsaved = !!form.getAttribute("data-autosave-unsaved");
  var stored = null;
  try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
  if (stored && (!stored.values || form.getAttribute("data-autosave-saved"))) {
    // This page follows a successful save of this form: the copy is on the server now.
    localStorage.removeItem(key);
    stored = null;
  }

  var offer = null;
  if (pageUnsaved) {
    writeCopy(base, null, loaded);
  } else if (stored) {
    var sameBase = stored.base === base;
    var names = Object.keys(stored.values).filter(function (name) {
      if (!fields.some(function (e) { return e.name === name; })) return false;
      if (!differs(stored.values, loaded, name)) return false;
      if (sameBase || !stored.original) return sameBase;
      // A newer version was saved since: only what this editor changed, and only where the newer
      // version left the field as the editor found it.
      return differs(stored.values, stored.original, name) && !differs(stored.original, loaded, name);
    });
    if (names.length === 0) {
      localStorage.removeItem(key); // nothing in it is newer than what is saved
    } else {
      offer = names;
    }
  }

  if (offer) {
    var notice = document.createElement("div");
    notice.className = "notice notice--sample autosave-notice";
    notice.setAttribute("role", "status");
    var when = new Date(stored.at).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" });
    var text = document.createElement("p");
    text.textContent = "保存していない入力が、このブラウザーに残っています（" + when + "）。";
    notice.appendChild(text);
    if (stored.base !== base) {
      var newer = document.createElement("p");
      newer.textContent = "そのあとでほかの保存があったため、あなたが変えた項目のうち、その保存で変わっていない項目だけを戻します。";
      notice.appendChild(newer);
    }
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button button--small";
    restore.textContent = "残っている入力を戻す";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button button--small button--secondary";
    discard.textContent = "破棄する";
    var actions = document.createElement("p");
    actions.className = "button-row";
    actions.appendChild(restore);
    actions.appendChild(discard);
    notice.appendChild(actions);
    form.parentNode.insertBefore(notice, form);
    restore.addEventListener("click", function () {
      var first = null;
      fields.forEach(function (e) {
        if (offer.indexOf(e.name) < 0) return;
        if (e.type === "checkbox") e.checked = stored.values[e.name] === "true"; else e.value = stored.values[e.name];
        e.dispatchEvent(new Event("input", { bubbles: true }));
        first = first || e;
      });
      offer = null;
      notice.remove();
      (first || fields[0]) && (first || fields[0]).focus();
    });
    discard.addEventListener("click", function () { offer = null; localStorage.removeItem(key); notice.remove(); });
  }

  function writeCopy(copyBase, original, values) {
    try {
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), base: copyBase, original: original, values: values }));
    } catch (e) { /* storage full or blocked */ }
  }

  function keep() {
    var values = read();
    if (offer) {
      // The earlier copy is not restored yet: keep what it offers in the fields not touched since.
      offer.forEach(function (name) { if (!differs(values, loaded, name)) values[name] = stored.values[name]; });
      writeCopy(stored.base, stored.original, values);
      return;
    }
    var unsaved = pageUnsaved || fields.some(function (e) { return differs(values, loaded, e.name); });
    if (!unsaved) { localStorage.removeItem(key); return; }
    writeCopy(base, pageUnsaved ? null : loaded, values);
  }

  var timer = null;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(keep, 1000);
  });
  // Keep the very last keystrokes too: if the save fails (an expired session), they are not lost.
  form.addEventListener("submit", function () { clearTimeout(timer); keep(); });
})();

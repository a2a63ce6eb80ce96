// Autosave for the backoffice edit form: keeps what an editor types in this browser (localStorage)
// a second after each change, so a closed tab, a lost connection or an expired session loses
// nothing. On the next visit it offers to put the text back. Without JavaScript the form works as before.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.localStorage) return;
  var key = "zaitaku:autosave:" + form.getAttribute("data-autosave");
  var fields = Array.prototype.filter.call(form.elements, function (e) {
    return e.name && e.type !== "hidden" && e.type !== "submit" && e.type !== "button";
  });

  function read() {
    var values = {};
    fields.forEach(function (e) { values[e.name] = e.type === "checkbox" ? (e.checked ? "true" : "") : e.value; });
    return values;
  }
  function same(a, b) {
    return Object.keys(a).every(function (k) { return (a[k] || "") === (b[k] || ""); });
  }

  var stored = null;
  try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
  if (stored && stored.values) {
    if (same(stored.values, read())) {
      localStorage.removeItem(key); // what was kept has been saved since
    } else {
      var notice = document.createElement("div");
      notice.className = "notice notice--sample autosave-notice";
      notice.setAttribute("role", "status");
      var when = new Date(stored.at).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" });
      notice.innerHTML = "<p>保存していない入力が、このブラウザーに残っています（" + when + "）。</p>";
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
        fields.forEach(function (e) {
          if (!(e.name in stored.values)) return;
          if (e.type === "checkbox") e.checked = stored.values[e.name] === "true"; else e.value = stored.values[e.name];
        });
        notice.remove();
        fields[0] && fields[0].focus();
      });
      discard.addEventListener("click", function () { localStorage.removeItem(key); notice.remove(); });
    }
  }

  var timer = null;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: read() })); } catch (e) { /* storage full or blocked */ }
    }, 1000);
  });
})();

// What the live preview (live-preview.js) and the text checker (text-check.js) beside each Markdown field
// of the edit form share: finding the fields, and asking the server about a field's text as the editor
// types. Loaded before both. Without JavaScript neither runs, and the form's own buttons do the same.
(function () {
  "use strict";

  // Calls setup(textarea, index, watch) for each Markdown field of the edit form, when the browser can ask.
  // watch(url, fields, delay, answer) posts the field's text ("markdown", and the fields given) with the
  // form's antiforgery token at once, and again each time the editor pauses typing for delay ms. answer
  // gets { ok, status, text } for the newest request only (an older answer arriving late must not replace
  // a newer one): status 401 when the session has ended (the server redirects to the sign-in page), and
  // null when the network failed.
  function forEach(setup) {
    var form = document.querySelector("form[data-autosave]");
    if (!form || !window.fetch) return;
    var tokenInput = form.querySelector("input[name=__RequestVerificationToken]");
    if (!tokenInput) return;

    Array.prototype.forEach.call(form.querySelectorAll("textarea[data-live-preview]"), function (textarea, index) {
      setup(textarea, index, function watch(url, fields, delay, answer) {
        var timer = null;
        var sent = 0;
        function send() {
          var ticket = ++sent;
          var data = new URLSearchParams();
          data.append("markdown", textarea.value);
          Object.keys(fields).forEach(function (name) { data.append(name, fields[name]); });
          fetch(url, {
            method: "POST",
            credentials: "same-origin",
            redirect: "manual",
            headers: { "RequestVerificationToken": tokenInput.value },
            body: data
          }).then(function (response) {
            if (response.type === "opaqueredirect") return { ok: false, status: 401, text: "" };
            return response.text().then(function (text) { return { ok: response.ok, status: response.status, text: text }; });
          }).then(function (result) {
            if (ticket === sent) answer(result);
          }).catch(function () {
            if (ticket === sent) answer(null);
          });
        }
        textarea.addEventListener("input", function () {
          clearTimeout(timer);
          timer = setTimeout(send, delay);
        });
        send();
      });
    });
  }

  window.ZaitakuMarkdownFields = { forEach: forEach };
})();

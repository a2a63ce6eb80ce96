// The text checker beside each Markdown field of the edit form, updated as the editor types: the server
// runs the same checks as on save (Markdig for the places), so the list cannot differ from what holds
// publishing back. Without JavaScript the list is on the page after each save or preview.
// Asking the server as the editor types is markdown-fields.js's.
(function () {
  "use strict";
  if (!window.ZaitakuMarkdownFields) return;

  window.ZaitakuMarkdownFields.forEach(function (textarea, index, watch) {
    var label = textarea.getAttribute("data-live-preview");
    var headingId = "text-check-live-heading-" + index;
    var panel = document.createElement("section");
    panel.className = "text-check-live";
    panel.setAttribute("aria-labelledby", headingId);
    var heading = document.createElement("h2");
    heading.id = headingId;
    heading.className = "text-check-live__title";
    heading.textContent = label + "の文章チェック（入力にあわせて更新）";
    // Only the one-line summary is announced, and only when it changes: not the whole list at every key.
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var list = document.createElement("div");
    panel.appendChild(heading);
    panel.appendChild(status);
    panel.appendChild(list);
    var anchor = textarea.closest(".editor-with-preview") || textarea;
    anchor.parentNode.insertBefore(panel, anchor.nextSibling);

    var lastSummary = "";
    watch("/umbraco/content/check-text", { label: label }, 600, function (result) {
      if (!result || !result.ok) return; // the list from the last save stays on the page
      list.innerHTML = result.text; // made on the server from encoded text
      var summary = list.querySelector(".text-check__summary, .text-check__ok");
      var text = summary ? summary.textContent : "";
      if (text !== lastSummary) { status.textContent = text; lastSummary = text; }
    });
  });
})();

// After a refused submission, screen readers and keyboards start at the list of problems
// (GOV.UK's error summary pattern); each item links to its field.
(function () {
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();

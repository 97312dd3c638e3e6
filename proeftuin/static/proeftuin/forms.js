// After a failed POST the page opens with an error summary: move the focus there, so that
// keyboard and screen-reader users hear what went wrong first. Without JavaScript the summary
// is the first thing after the page's heading.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});

// The filters of the library and the search page sit in <details> (closed on small screens, see app.css). htmx replaces
// the whole form after each change; keep open what the user had opened.
(() => {
  let opened = [];
  const kept = (root) => root.querySelectorAll("details[data-keep]");
  document.addEventListener("htmx:beforeSwap", (event) => {
    opened = [...kept(event.detail.target)].filter((d) => d.open).map((d) => d.dataset.keep);
  });
  document.addEventListener("htmx:afterSwap", (event) => {
    for (const details of kept(event.detail.target)) {
      if (opened.includes(details.dataset.keep)) details.open = true;
    }
  });
})();

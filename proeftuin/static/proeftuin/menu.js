// The header menu is a <details> disclosure: a "Menu" button on small screens. On wide
// screens its button is hidden and the menu is always shown (layout.css); here it is also
// opened, so assistive technology sees the menu as open there too.
(function () {
  "use strict";
  var menu = document.querySelector("[data-menu]");
  if (!menu || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 64em)");
  function follow() {
    menu.open = wide.matches;
  }
  follow();
  wide.addEventListener("change", follow);
})();

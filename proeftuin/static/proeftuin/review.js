// The review queue of a document: keys for long queues and focus after a decision made in
// place (htmx swaps the suggestion's block). Keys: j or ArrowDown next, k or ArrowUp
// previous, a accept, r reject, e correct, u undo. They do nothing while typing in a
// field or with a modifier key, and can be switched off (WCAG 2.1.4); the choice is kept.
(function () {
  "use strict";
  var queue = document.querySelector("[data-review-queue]");
  if (!queue) {
    return;
  }
  var STORE = "proeftuin.reviewKeys";
  var help = document.getElementById("review-keys");
  var toggle = document.getElementById("review-keys-on");
  if (help) {
    help.hidden = false;
  }
  if (toggle) {
    try {
      toggle.checked = window.localStorage.getItem(STORE) !== "off";
    } catch (e) { /* storage unavailable: keys stay on */ }
    toggle.addEventListener("change", function () {
      try {
        window.localStorage.setItem(STORE, toggle.checked ? "on" : "off");
      } catch (e) { /* not kept */ }
    });
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-review-item]"));
  }

  function currentRow() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("[data-review-item]") : null;
  }

  function typing(element) {
    if (!element || !element.tagName) {
      return false;
    }
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  function move(step) {
    var list = rows();
    if (!list.length) {
      return;
    }
    var at = list.indexOf(currentRow());
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(Math.max(at + step, 0), list.length - 1);
    list[next].focus();
    list[next].scrollIntoView({ block: "nearest" });
  }

  // The live region says what the page's data-* attribute holds (Dutch, from the server).
  function say(attribute) {
    var status = document.getElementById("review-status");
    if (status) {
      status.textContent = status.getAttribute(attribute);
    }
  }

  function act(key) {
    var row = currentRow();
    var control = row ? row.querySelector('[data-key="' + key + '"]') : null;
    if (!control) {
      // Still to review but without an accept button: its value is not complete.
      if (key === "a" && row && row.querySelector('[data-key="r"]')) {
        say("data-incomplete");
        return true;
      }
      return false;
    }
    if (key === "e") {
      var details = control.closest("details");
      details.open = true;
      var field = details.querySelector("input:not([type=hidden]), select, textarea");
      (field || control).focus();
      return true;
    }
    control.click();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if ((toggle && !toggle.checked) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (typing(event.target)) {
      return;
    }
    var key = event.key;
    var onRow = currentRow() !== null;
    var handled = true;
    if (key === "j" || (key === "ArrowDown" && onRow)) {
      move(1);
    } else if (key === "k" || (key === "ArrowUp" && onRow)) {
      move(-1);
    } else if (key === "a" || key === "r" || key === "u" || key === "e") {
      handled = act(key);
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
    }
  });

  // A refusal, a server error or no connection: nothing is swapped in, so say so.
  function failed(event) {
    var source = event.detail.elt;
    if (source && source.closest && source.closest("[data-review-item]")) {
      say("data-failed");
    }
  }
  document.body.addEventListener("htmx:responseError", failed);
  document.body.addEventListener("htmx:sendError", failed);

  // After a decision the block is new: put focus back on it, or on its first error (and
  // on the preview of "accept all above"), as soon as it is swapped in. Not when htmx
  // settles it (20 ms later): a key pressed in between moves focus on, and settling would
  // pull it back, so the next decision would land on the row just decided.
  var waiting = new WeakMap();
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    var row = source && source.closest ? source.closest("[data-review-item]") : null;
    if (row && event.detail.xhr) {
      waiting.set(event.detail.xhr, row.id);
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var xhr = event.detail.xhr;
    var id = xhr ? waiting.get(xhr) : null;
    if (id) {
      waiting.delete(xhr);
      var row = document.getElementById(id);
      if (row) {
        var problem = row.querySelector('[aria-invalid="true"]') || row.querySelector("[data-review-error]");
        (problem || row).focus();
      }
      return;
    }
    if (event.detail.target && event.detail.target.id === "accept-preview") {
      var panel = document.getElementById("accept-preview-panel");
      if (panel) {
        panel.focus();
      }
    }
  });
})();

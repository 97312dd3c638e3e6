// A slow or broken connection: when an htmx request times out (the htmx-config timeout in
// base.html), cannot be sent or gets an error status, nothing is swapped in, so what was
// typed stays. Say so next to the element that made the request; a later success clears it.
// The review queue (review.js) reports its own failures.
(function () {
  "use strict";
  var MESSAGES = {
    nl: {
      timeout: "De server antwoordt niet op tijd. Wat u invulde staat er nog; probeer het opnieuw.",
      send: "Er is geen verbinding met de server. Controleer uw internetverbinding en probeer het opnieuw; wat u invulde staat er nog.",
      response: "Er ging iets mis op de server (fout {status}). Wat u invulde staat er nog; probeer het later opnieuw.",
    },
    en: {
      timeout: "The server did not answer in time. What you entered is still there; please try again.",
      send: "There is no connection to the server. Check your internet connection and try again; what you entered is still there.",
      response: "Something went wrong on the server (error {status}). What you entered is still there; please try again later.",
    },
  };
  var notices = new WeakMap();

  function language() {
    return (document.documentElement.lang || "nl").slice(0, 2) === "en" ? "en" : "nl";
  }

  function anchor(element) {
    return element.closest("form") || element;
  }

  function show(element, kind, status) {
    if (!element || !element.closest || element.closest("[data-review-item]")) {
      return;
    }
    var place = anchor(element);
    var notice = notices.get(place);
    if (!notice || !notice.isConnected) {
      notice = document.createElement("div");
      notice.className = "utrecht-alert utrecht-alert--error pt-net-error";
      notice.setAttribute("role", "alert");
      notice.innerHTML = '<div class="utrecht-alert__content"><p class="utrecht-paragraph utrecht-alert__message"></p></div>';
      place.insertAdjacentElement("afterend", notice);
      notices.set(place, notice);
    }
    var text = MESSAGES[language()][kind].replace("{status}", status || "");
    notice.querySelector("p").textContent = text;
  }

  function clear(element) {
    var place = element && element.closest ? anchor(element) : null;
    var notice = place ? notices.get(place) : null;
    if (notice) {
      notice.remove();
      notices.delete(place);
    }
  }

  document.addEventListener("htmx:timeout", function (event) {
    show(event.detail.elt, "timeout");
  });
  document.addEventListener("htmx:sendError", function (event) {
    show(event.detail.elt, "send");
  });
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    show(event.detail.elt, "response", xhr ? xhr.status : "");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      clear(event.detail.elt);
    }
  });
})();

// Console behaviour that a strict Content-Security-Policy allows only from a file (no inline
// script, no on* attributes): print buttons, and refreshes that cost a 304 while nothing changed.
(function () {
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action=print]");
    if (target) {
      window.print();
    }
  });

  // A polling element carries the tag of what it shows (data-etag); each poll sends it, and a 304
  // (nothing changed) leaves the element as it is instead of swapping in an empty answer.
  document.addEventListener("htmx:configRequest", function (event) {
    var etag = event.detail.elt.getAttribute("data-etag");
    if (etag) {
      event.detail.headers["If-None-Match"] = etag;
    }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 304) {
      event.detail.shouldSwap = false;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var etag = xhr && xhr.status === 200 ? xhr.getResponseHeader("ETag") : null;
    if (etag) {
      event.detail.elt.setAttribute("data-etag", etag);
    }
  });
})();

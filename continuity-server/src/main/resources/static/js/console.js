// Console behaviour that a strict Content-Security-Policy allows only from a file (no inline
// script, no on* attributes): print buttons, and the way back to the login page when an htmx
// poll finds the session gone (idle timeout).
(function () {
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action=print]");
    if (target) {
      window.print();
    }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status === 401) {
      window.location.assign("/login?expired");
    }
  });
})();

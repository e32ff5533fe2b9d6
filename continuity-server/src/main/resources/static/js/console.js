// Console behaviour that a strict Content-Security-Policy allows only from a file (no inline
// script, no on* attributes): print buttons.
(function () {
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action=print]");
    if (target) {
      window.print();
    }
  });
})();

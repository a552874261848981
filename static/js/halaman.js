// Small behaviours every page may use, declared by data attributes instead of inline handlers (the
// Content-Security-Policy allows no inline script):
// - <form data-konfirmasi="Hapus ...?">: asks before submitting; "Batal" keeps the page as it is.
// - <button data-konfirmasi-tombol="Hapus ...?">: the same, for one submit button of a form.
// - <select data-kirim-otomatis>: submits its form when the choice changes.
// - <button data-tutup=".selector">: removes the nearest enclosing element matching the selector.
// - <a data-kembali href="/">: goes back in the browser's history when there is one (else follows href).
// - <x data-lebar="42.5">: width in percent (a progress bar, a report column), set here because a style
//   attribute would be refused; also on parts htmx swaps in.
(function () {
  // Capture phase: runs before any other submit listener (proses.js), which then sees the cancellation.
  document.addEventListener("submit", function (e) {
    var tombol = e.submitter;
    var pesan = (tombol && tombol.dataset && tombol.dataset.konfirmasiTombol) ||
      (e.target.dataset && e.target.dataset.konfirmasi);
    if (pesan && !window.confirm(pesan)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("[data-kirim-otomatis]") && el.form) {
      if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.submit();
    }
  });

  document.addEventListener("click", function (e) {
    var tombol = e.target.closest && e.target.closest("[data-tutup]");
    if (!tombol) return;
    var sasaran = tombol.closest(tombol.dataset.tutup);
    if (sasaran) sasaran.remove();
  });

  document.addEventListener("click", function (e) {
    var tautan = e.target.closest && e.target.closest("[data-kembali]");
    if (tautan && window.history.length > 1) {
      e.preventDefault();
      window.history.back();
    }
  });

  function aturLebar(akar) {
    var daftar = akar.querySelectorAll ? akar.querySelectorAll("[data-lebar]") : [];
    Array.prototype.forEach.call(daftar, function (el) { el.style.width = el.dataset.lebar + "%"; });
    if (akar.matches && akar.matches("[data-lebar]")) akar.style.width = akar.dataset.lebar + "%";
  }

  aturLebar(document);
  document.addEventListener("htmx:load", function (e) { aturLebar(e.target); });
})();

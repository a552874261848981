// Messages for htmx saves that fail: a 403, a 404, a server error or no connection show a short
// Indonesian notice in #pesan-htmx. A response carrying the header named in this script's
// data-header-tampil (a refused form to show again, e.g. a validation error) is swapped in, not treated
// as an error.
(function () {
  var headerTampil = document.currentScript && document.currentScript.dataset.headerTampil;

  function tampilkan(pesan) {
    var wadah = document.getElementById("pesan-htmx");
    if (!wadah) return;
    var kotak = document.createElement("div");
    kotak.className = "alert alert-danger shadow-sm";
    kotak.setAttribute("role", "alert");
    kotak.textContent = pesan;
    wadah.appendChild(kotak);
    setTimeout(function () { kotak.remove(); }, 6000);
  }

  document.body.addEventListener("htmx:beforeSwap", function (e) {
    if (headerTampil && e.detail.xhr.getResponseHeader(headerTampil)) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
  document.body.addEventListener("htmx:responseError", function (e) {
    var status = e.detail.xhr.status;
    tampilkan(status === 403 ? "Anda tidak berhak mengubah data ini."
      : status === 404 ? "Data tidak ditemukan."
      : "Terjadi kesalahan di server (" + status + "); perubahan tidak tersimpan.");
  });
  document.body.addEventListener("htmx:sendError", function () {
    tampilkan("Tidak dapat menghubungi server; perubahan belum tersimpan.");
  });
})();

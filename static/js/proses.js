// Buttons and links that start long work (a PDF, a sign-off, a big upload, an export) say so and cannot be
// pressed twice: a form's submit button marked data-proses, or a link marked data-proses, is disabled and
// reads "Sedang diproses…" until the next page. A download that answers at once leaves this page in place,
// so a link comes back after a few seconds; so does everything when the browser shows the page again from
// its cache (the back button).
(function () {
  var TEKS = "Sedang diproses…";

  function tandai(el) {
    if (el.dataset.teksAsli === undefined) el.dataset.teksAsli = el.textContent;
    el.textContent = TEKS;
    el.classList.add("disabled");
    el.setAttribute("aria-disabled", "true");
    el.setAttribute("aria-busy", "true");
  }

  function pulihkan(el) {
    if (el.dataset.teksAsli !== undefined) el.textContent = el.dataset.teksAsli;
    delete el.dataset.teksAsli;
    el.classList.remove("disabled");
    el.removeAttribute("aria-disabled");
    el.removeAttribute("aria-busy");
    el.disabled = false;
    var form = el.closest("form");
    if (form) delete form.dataset.sedangDiproses;
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    var tombol = e.submitter && e.submitter.matches("[data-proses]") ? e.submitter : form.querySelector("[type=submit][data-proses]");
    if (!tombol || e.defaultPrevented) return;
    if (form.dataset.sedangDiproses) {
      e.preventDefault();
      return;
    }
    form.dataset.sedangDiproses = "1";
    tandai(tombol);
    // Disabled only once the browser has taken the form's values for this submission.
    setTimeout(function () { tombol.disabled = true; }, 0);
  });

  document.addEventListener("click", function (e) {
    var tautan = e.target.closest("a[data-proses]");
    if (!tautan) return;
    if (tautan.getAttribute("aria-disabled") === "true") {
      e.preventDefault();
      return;
    }
    tandai(tautan);
    setTimeout(function () { pulihkan(tautan); }, 8000);
  });

  window.addEventListener("pageshow", function (e) {
    if (e.persisted) document.querySelectorAll("[data-teks-asli]").forEach(pulihkan);
  });
})();

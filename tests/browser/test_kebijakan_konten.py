"""The Content-Security-Policy in a real Chromium: the main pages, htmx's swaps and the Django admin load
without a single violation, and the behaviours moved out of inline handlers still work."""

import pytest

from capaian.models import RealisasiIndikator
from perjanjian.models import PerjanjianKinerja
from renstra.models import Indikator
from tests.perjanjian.bantu_pk import draf_2022, indikator, tanpa_pk_2022  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

# Runs before any page script: every violation the browser reports is kept on window.
PENCATAT = """
window.__pelanggaran = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__pelanggaran.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


@pytest.fixture
def diawasi(halaman):
    halaman.context.add_init_script(PENCATAT)
    konsol = []
    halaman.on(
        "console",
        lambda pesan: konsol.append(pesan.text) if "Content Security Policy" in pesan.text else None,
    )
    halaman.konsol_csp = konsol
    return halaman


def _tanpa_pelanggaran(page, alamat: str) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pelanggaran") == [], alamat
    assert page.konsol_csp == [], alamat


def _buka(page, alamat: str) -> None:
    respons = page.goto(page.base_url + alamat)
    assert respons.status == 200, alamat
    assert "default-src 'self'" in respons.headers["content-security-policy"]
    _tanpa_pelanggaran(page, alamat)


KODE = "3.30.03.2.01.0001-1"


def test_the_main_pages_load_without_a_policy_violation(diawasi, masuk):
    ind = Indikator.objects.get(opd__kode="disperindag", kode=KODE)
    RealisasiIndikator.objects.create(indikator=ind, tahun=2022, tribulan=4, nilai=2)
    _buka(diawasi, "/masuk/")
    masuk(diawasi, "operator")
    _tanpa_pelanggaran(diawasi, "/")
    _buka(diawasi, "/opd/disperindag/monev/2022/tw4/realisasi/")
    # htmx swaps a field's history in (it floats by a CSS class now) and the close button removes it.
    baris = diawasi.locator(f"#realisasi-{ind.pk}")
    baris.locator("a.tombol-riwayat").click()
    riwayat = baris.locator(".riwayat.riwayat-melayang")
    riwayat.wait_for()
    assert riwayat.evaluate("el => getComputedStyle(el).position") == "absolute"
    riwayat.locator("[data-tutup]").click()
    riwayat.wait_for(state="detached")
    _tanpa_pelanggaran(diawasi, "riwayat")
    # An htmx save still sends its CSRF token (the cookie is HttpOnly; the token comes from the page).
    baris.locator("input[name$='nilai']").fill("3")
    baris.locator("button[type=submit]").click()
    diawasi.locator(f"#realisasi-{ind.pk} td.capaian", has_text="100,00").wait_for()
    assert RealisasiIndikator.objects.get(indikator=ind, tahun=2022, tribulan=4).nilai == 3
    _tanpa_pelanggaran(diawasi, "simpan")
    _buka(diawasi, "/opd/disperindag/laporan/2022/")
    # The report's column widths come from data-lebar, set by static/js/halaman.js.
    kolom = diawasi.locator("col[data-lebar]").first
    assert kolom.evaluate("el => el.style.width") == kolom.get_attribute("data-lebar") + "%"
    _buka(diawasi, "/opd/disperindag/pk/")


def test_the_year_switcher_submits_without_an_inline_handler(diawasi, masuk):
    masuk(diawasi, "admin")
    _buka(diawasi, "/opd/disperindag/renstra/indikator-dpa/")
    # The dataset has one DPA year: a second choice is added to the list, and picking it submits the
    # form (data-kirim-otomatis, static/js/halaman.js).
    diawasi.evaluate("document.getElementById('pilih-tahun').add(new Option('2023', '2023'))")
    with diawasi.expect_navigation():
        diawasi.select_option("#pilih-tahun", "2023")
    assert diawasi.url.endswith("?tahun=2023")
    _tanpa_pelanggaran(diawasi, "indikator-dpa")


def test_deleting_a_draft_asks_first_without_an_inline_handler(diawasi, masuk, draf_2022):  # noqa: F811
    masuk(diawasi, "operator")
    _buka(diawasi, f"/opd/disperindag/pk/2022/{draf_2022.revisi}/")
    tombol = diawasi.locator("form[data-konfirmasi] button[type=submit]")
    pertanyaan = []

    def batal(dialog):
        pertanyaan.append(dialog.message)
        dialog.dismiss()

    diawasi.once("dialog", batal)
    tombol.click()
    assert pertanyaan == ["Hapus draf ini beserta baris, anggaran dan Rencana Aksinya?"]
    assert PerjanjianKinerja.objects.filter(pk=draf_2022.pk).exists()
    diawasi.once("dialog", lambda dialog: dialog.accept())
    with diawasi.expect_navigation():
        tombol.click()
    assert not PerjanjianKinerja.objects.filter(pk=draf_2022.pk).exists()
    _tanpa_pelanggaran(diawasi, "hapus draf")


@pytest.mark.parametrize(
    "alamat", ["/admin/", "/admin/auth/user/", "/admin/inti/opd/", "/admin/auth/user/add/", "ubah-operator"]
)
def test_the_django_admin_works_under_the_policy(diawasi, masuk, dunia, alamat):
    if alamat == "ubah-operator":
        alamat = f"/admin/auth/user/{dunia.operator.pk}/change/"
    masuk(diawasi, "admin")
    _buka(diawasi, alamat)
    assert diawasi.locator("#site-name").inner_text().strip()


def test_the_recorder_sees_a_violation(diawasi, masuk):
    """The control: an inline style and an inline script are refused, and the test notices."""
    _buka(diawasi, "/masuk/")
    diawasi.evaluate(
        """() => {
          const d = document.createElement("div");
          d.innerHTML = '<p style="color: red">merah</p>';
          document.body.appendChild(d);
          const s = document.createElement("script");
          s.textContent = "window.__jalan = true";
          document.body.appendChild(s);
        }"""
    )
    diawasi.wait_for_function("window.__pelanggaran.length >= 2")
    pelanggaran = " ".join(diawasi.evaluate("window.__pelanggaran"))
    assert "style-src" in pelanggaran and "script-src" in pelanggaran
    assert diawasi.evaluate("window.__jalan") is None

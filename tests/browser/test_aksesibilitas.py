"""Accessibility of the main page of every journey, checked with axe-core in Chromium (issue 13): no
serious or critical violation. Screenshots of each page at both widths are kept (conftest.tangkap)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

# (persona, name, path): the page each journey starts from or works on.
HALAMAN = [
    (None, "masuk", "/masuk/"),
    ("operator", "opd", "/opd/disperindag/?tahun=2022&tribulan=4"),
    ("operator", "monev-realisasi", "/opd/disperindag/monev/2022/tw4/realisasi/"),
    ("operator", "kertas-kerja", "/opd/disperindag/monev/2022/tw4/kertas-kerja/"),
    ("operator", "monev-anggaran", "/opd/disperindag/monev/2022/tw4/anggaran/"),
    ("operator", "laporan", "/opd/disperindag/laporan/2022/"),
    ("auditor", "tabel-capaian", "/capaian/indikator/?tahun=2022"),
    ("auditor", "tabel-anggaran", "/capaian/anggaran/?tahun=2022"),
    ("kepala", "laporan", "/opd/disperindag/laporan/2022/"),
    ("admin", "kelola-pengguna", "/kelola/pengguna/"),
    ("admin", "ringkasan-pemda", "/capaian/pemda/?tahun=2022"),
]


def _pelanggaran_berat(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    hasil = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in hasil.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


PERSONA = ["tamu", "operator", "auditor", "kepala", "admin"]


@pytest.mark.parametrize("persona", PERSONA)
def test_no_serious_accessibility_violation(peramban, live_server, masuk, tangkap, persona):
    """Each of the persona's pages at 1366 and 390 px (one test per persona: a browser test empties and
    reloads the shared database after it, which costs more than the checks)."""
    temuan = []
    for lebar in (1366, 390):
        ctx = peramban.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID")
        ctx.set_default_timeout(15_000)
        page = ctx.new_page()
        page.base_url = live_server.url
        if persona != "tamu":
            masuk(page, persona)
        for siapa, nama, jalur in HALAMAN:
            if (siapa or "tamu") != persona:
                continue
            page.goto(page.base_url + jalur)
            page.wait_for_load_state("networkidle")
            tangkap(page, f"{persona}-{nama}")
            temuan += [f"{jalur} @ {lebar}px: {p}" for p in _pelanggaran_berat(page)]
            temuan += [f"{jalur} @ {lebar}px: pilihan terpotong {t!r}" for t in _pilihan_terpotong(page)]
        if persona == "auditor":
            temuan += _rincian_dengan_riwayat(page, tangkap, lebar)
        ctx.close()

    assert temuan == []


# The text of each drop-down's chosen option against the room its box gives it (the arrow's padding
# excluded): a choice the reader cannot read whole ("Semua kate") is listed.
_JS_TERPOTONG = """() => {
  const kanvas = document.createElement("canvas").getContext("2d");
  return [...document.querySelectorAll("select")].filter(s => s.offsetParent !== null).flatMap(s => {
    const gaya = getComputedStyle(s);
    kanvas.font = `${gaya.fontWeight} ${gaya.fontSize} ${gaya.fontFamily}`;
    const teks = s.selectedOptions.length ? s.selectedOptions[0].text : "";
    const ruang = s.clientWidth - parseFloat(gaya.paddingLeft) - parseFloat(gaya.paddingRight);
    return kanvas.measureText(teks).width > ruang + 1 ? [teks] : [];
  });
}"""


def _pilihan_terpotong(page) -> list[str]:
    return page.evaluate(_JS_TERPOTONG)


def _rincian_dengan_riwayat(page, tangkap, lebar: int) -> list[str]:
    """The auditor's journey from the table into a drill-down, whose history is read on demand: the
    button puts the history in place (htmx, under the Content-Security-Policy) without leaving the page."""
    page.goto(page.base_url + "/capaian/indikator/?tahun=2022&opd=disperindag")
    page.locator("table a[href*='/indikator/']").first.click()
    page.wait_for_load_state("networkidle")
    alamat = page.url
    assert page.locator(".tabel-riwayat").count() == 0
    page.get_by_role("link", name="Tampilkan riwayat perubahan").click()
    page.locator("#riwayat-isi .tabel-riwayat, #riwayat-isi p.text-body-secondary").first.wait_for()
    assert page.url == alamat  # put in place, not a new page
    assert page.locator("#riwayat-isi .tabel-riwayat tbody tr").count() > 0  # the dataset's own history
    tangkap(page, "auditor-rincian-riwayat")
    return [f"{alamat} @ {lebar}px: {p}" for p in _pelanggaran_berat(page)]


def test_signing_in_and_entering_a_value_work_by_keyboard_alone(halaman, settings):
    from capaian.models import RealisasiIndikator
    from renstra.models import Indikator

    page = halaman
    indikator = Indikator.objects.get(opd__kode="disperindag", kode="3.30.03.2.01.0001-1")
    page.goto(page.base_url + "/masuk/")
    # From the top of the page: Tab to each field, type, Enter.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "username":
            break
    page.keyboard.type("operator")
    page.keyboard.press("Tab")
    page.keyboard.type(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/")

    page.goto(page.base_url + "/opd/disperindag/monev/2022/tw4/realisasi/")
    sasaran = page.locator(f"#realisasi-{indikator.pk} input[name$='nilai']").get_attribute("id")
    assert sasaran
    for _ in range(600):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == sasaran:
            break
    assert page.evaluate("document.activeElement.id") == sasaran, "the value field is not reachable by Tab"
    page.keyboard.type("2")
    page.keyboard.press("Enter")

    page.locator(f"#realisasi-{indikator.pk} td.capaian", has_text="66,67").wait_for()
    assert RealisasiIndikator.objects.get(indikator=indikator, tahun=2022, tribulan=4).nilai == 2

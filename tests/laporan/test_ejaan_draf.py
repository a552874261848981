"""The report's status is spelt "draf" (KBBI) wherever a user reads it: the report page, the list of
reports, the workflow's buttons and messages, and the printed PDF. Code and stored values keep "draft"."""

from html.parser import HTMLParser

import pytest

from lkjip.laporan.models import Laporan
from tests.laporan.bantu_lengkap import laporan_berstatus

pytestmark = pytest.mark.django_db

HALAMAN = "/opd/disperindag/laporan/2022/"


class _TeksTerbaca(HTMLParser):
    """The text a reader sees: text nodes outside script/style, and title/aria-label/placeholder."""

    ATRIBUT = ("title", "aria-label", "placeholder")

    def __init__(self):
        super().__init__()
        self.bagian: list[str] = []
        self._sembunyi = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._sembunyi += 1
        self.bagian.extend(v for k, v in attrs if k in self.ATRIBUT and v)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._sembunyi:
            self._sembunyi -= 1

    def handle_data(self, data):
        if not self._sembunyi:
            self.bagian.append(data)


def teks_terbaca(response) -> str:
    assert response.status_code == 200
    pengurai = _TeksTerbaca()
    pengurai.feed(response.content.decode())
    return " ".join(" ".join(pengurai.bagian).split())


def test_the_draft_page_and_the_report_list_say_draf(client_for, operator_user):
    klien = client_for(operator_user)
    halaman = teks_terbaca(klien.get(HALAMAN))
    assert "LKjIP Dinas Perindustrian dan Perdagangan Kota Pasuruan Tahun 2022 Draf Revisi 1" in halaman  # the status badge
    assert "status: Draf (revisi 1)" in halaman  # the cover as shown on screen
    assert "PDF (DRAF)" in halaman
    assert "Draft" not in halaman and "DRAFT" not in halaman

    daftar = teks_terbaca(klien.get("/opd/disperindag/laporan/"))
    assert "2022 Draf 1 Buka" in daftar
    assert "Draft" not in daftar


def test_returning_a_report_says_draf_on_the_button_and_in_the_message(client_for, auditor_user, opd_disperindag):
    laporan_berstatus(opd_disperindag, Laporan.Status.DIAJUKAN)
    klien = client_for(auditor_user)
    diajukan = teks_terbaca(klien.get(HALAMAN))
    assert "Kembalikan ke Draf" in diajukan and "Draft" not in diajukan

    kembali = klien.post(HALAMAN + "langkah/kembalikan/", {"catatan": "Tabel 3.3 perlu dilengkapi."}, follow=True)
    teks = teks_terbaca(kembali)
    assert "Laporan dikembalikan ke Draf." in teks
    assert "Draft" not in teks
    assert Laporan.objects.get(opd=opd_disperindag, tahun=2022).status == "draft"  # the stored value stays


def test_the_narrative_editor_of_a_submitted_report_says_draf(client_for, admin_user_demo, opd_disperindag):
    laporan_berstatus(opd_disperindag, Laporan.Status.DIAJUKAN)
    teks = teks_terbaca(client_for(admin_user_demo).get(HALAMAN + "narasi/kata_pengantar/"))
    assert "Laporan berstatus Diajukan: narasi hanya dapat diubah saat Draf." in teks
    assert "Draft" not in teks


def test_the_draft_pdf_says_draf_on_the_cover_and_never_draft(pdf_dataset):
    sampul = pdf_dataset.halaman[0]
    assert "DRAF — status: Draf (revisi 1)" in sampul
    assert "DRAF · status Draf · revisi 1" in pdf_dataset.teks  # the running footer
    assert "DRAFT" not in pdf_dataset.teks and "Draft" not in pdf_dataset.teks

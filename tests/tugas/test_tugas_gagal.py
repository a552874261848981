"""A task that fails ends its job failed: the page says so in Indonesian, the exception is logged, and
the next click starts the work again."""

import logging

import pytest

from lkjip.laporan import ekspor
from lkjip.laporan.tugas import PESAN_GAGAL_RENDER
from tests.tugas.bantu_tugas import halaman_pekerjaan, pekerjaan_dari

pytestmark = pytest.mark.django_db

PDF = "/opd/disperindag/laporan/2022/pdf/"


def test_a_failed_render_shows_its_error_and_can_be_started_again(client_for, dunia, monkeypatch, caplog):
    def rusak(html, opd_id=None):
        raise RuntimeError("pustaka Pango tidak ditemukan")

    monkeypatch.setattr(ekspor, "render_pdf", rusak)
    klien = client_for(dunia.auditor)
    with caplog.at_level(logging.ERROR, logger="inti.pekerjaan"):
        response = klien.get(PDF)
    job = pekerjaan_dari(response)
    assert (job.status, job.berkas.name) == ("gagal", "")

    html = halaman_pekerjaan(klien, response)
    assert "Gagal." in html and PESAN_GAGAL_RENDER in html
    assert "Pango" not in html and "hx-trigger" not in html and f"/pekerjaan/{job.pk}/unduh/" not in html
    assert klien.get(f"/pekerjaan/{job.pk}/unduh/").status_code == 404
    assert any(
        r.name == "inti.pekerjaan" and r.exc_info and "Pango" in str(r.exc_info[1]) for r in caplog.records
    )

    monkeypatch.undo()
    monkeypatch.setattr(ekspor, "render_pdf", lambda html, opd_id=None: b"%PDF-1.7 uji")
    kedua = pekerjaan_dari(klien.get(PDF))
    assert kedua.pk != job.pk and kedua.status == "selesai"

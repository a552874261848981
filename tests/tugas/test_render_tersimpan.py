"""The draft PDF is rendered once per data version and layout: the next download is the stored file, with no
document built and nothing rendered; a realisasi saved through the service, or a new layout, renders again."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capaian import services
from capaian.models import RealisasiIndikator
from lkjip.laporan import dokumen, ekspor, pdf
from renstra.models import Indikator
from tests.tugas.bantu_tugas import isi, pekerjaan_dari, unduh_hasil

pytestmark = pytest.mark.django_db

PDF = "/opd/disperindag/laporan/2022/pdf/"
NAMA = "LKjIP-disperindag-2022-revisi1-DRAF.pdf"


@pytest.fixture
def hitung(monkeypatch):
    """Counts what a download builds: documents, print HTML, PDF renders (a stand-in PDF: the print HTML)."""
    jumlah = {"dokumen": 0, "html": 0, "render": 0}
    dokumen_asli, html_asli = dokumen.dokumen_laporan, ekspor.html_laporan

    def dokumen_laporan(*args, **kwargs):
        jumlah["dokumen"] += 1
        return dokumen_asli(*args, **kwargs)

    def html_laporan(dok):
        jumlah["html"] += 1
        return html_asli(dok)

    def render_pdf(html: str, *, opd_id=None) -> bytes:
        jumlah["render"] += 1
        return b"%PDF-1.7 uji\n" + html.encode()

    monkeypatch.setattr(dokumen, "dokumen_laporan", dokumen_laporan)
    monkeypatch.setattr(ekspor, "html_laporan", html_laporan)
    monkeypatch.setattr(ekspor, "render_pdf", render_pdf)
    return jumlah


def test_the_second_download_is_the_stored_render_with_nothing_built(client_for, dunia, hitung):
    klien = client_for(dunia.auditor)
    pertama = unduh_hasil(klien, klien.get(PDF))
    assert NAMA in pertama["Content-Disposition"]
    isi_pertama = isi(pertama)
    assert "416,70" in isi_pertama.decode()
    assert hitung == {"dokumen": 1, "html": 1, "render": 1}

    # Another reader, later: the same bytes at once, no job, no document, no HTML, no render.
    kepala = client_for(dunia.kepala)
    with CaptureQueriesContext(connection) as query:
        kedua = kepala.get(PDF)
    assert kedua.status_code == 200 and kedua["X-Render-Cache"] == "hit"
    assert NAMA in kedua["Content-Disposition"] and kedua["Content-Type"] == "application/pdf"
    assert isi(kedua) == isi_pertama
    assert hitung == {"dokumen": 1, "html": 1, "render": 1}
    # Sign-in, access, the year's data, the archive, the data version: a handful of small queries.
    assert len(query.captured_queries) <= 10, [q["sql"] for q in query.captured_queries]


def test_a_realisasi_saved_through_the_service_renders_the_draft_again(client_for, dunia, hitung):
    klien = client_for(dunia.auditor)
    unduh_hasil(klien, klien.get(PDF))
    ikm = Indikator.objects.get(opd=dunia.opd_a, kode="S1.2-2")
    assert not RealisasiIndikator.objects.filter(indikator=ikm, tahun=2022, tribulan=4).exists()

    services.realisasi_simpan(
        user=dunia.operator, indikator=ikm, tahun=2022, tribulan=4, nilai=Decimal("82.5"), versi=None
    )

    response = klien.get(PDF)
    job = pekerjaan_dari(response)
    baru = isi(unduh_hasil(klien, response)).decode()
    assert hitung["render"] == 2 and job.status == "selesai"
    # IKM Layanan Pasar: 82,5 in the new render, in the Kertas Kerja lampiran and its chart.
    # (S1.2-2 is not measured by the PK Perubahan, so the report shows its realisasi, not a capaian.)
    assert ">82,50</td>" in baru and ">82,50</text>" in baru
    assert client_for(dunia.auditor).get(PDF)["X-Render-Cache"] == "hit"


def test_a_new_layout_version_renders_again(client_for, dunia, hitung, monkeypatch):
    klien = client_for(dunia.auditor)
    unduh_hasil(klien, klien.get(PDF))
    assert klien.get(PDF)["X-Render-Cache"] == "hit"
    monkeypatch.setattr(pdf, "versi_render", lambda: "tata-letak-baru")
    pekerjaan_dari(klien.get(PDF))
    assert hitung["render"] == 2
    # Only the latest render of the OPD-year is kept.
    assert len(list(pdf.SimpananRender(dunia.opd_a.pk, 2022, "lkjip").folder.iterdir())) == 1


def test_the_pk_print_is_stored_as_well(client_for, dunia, monkeypatch):
    jumlah = []
    monkeypatch.setattr(
        ekspor, "render_pdf", lambda html, opd_id=None: jumlah.append(1) or b"%PDF-1.7 pk\n" + html.encode()
    )
    klien = client_for(dunia.kepala)
    pertama = klien.get("/opd/disperindag/laporan/2022/pk/0/pdf/")
    assert pertama.status_code == 200 and "PK-disperindag-2022.pdf" in pertama["Content-Disposition"]
    kedua = klien.get("/opd/disperindag/laporan/2022/pk/0/pdf/")
    assert isi(kedua) == isi(pertama) and "PK-disperindag-2022.pdf" in kedua["Content-Disposition"]
    assert len(jumlah) == 1
    # The PK Perubahan is another file; the first PK's stays.
    assert klien.get("/opd/disperindag/laporan/2022/pk/1/pdf/").status_code == 200
    assert len(jumlah) == 2
    klien.get("/opd/disperindag/laporan/2022/pk/0/pdf/")
    assert len(jumlah) == 2


def test_the_render_task_queued_directly_stores_the_render(dunia, hitung):
    """What a benchmark does: the task without a job; `paksa` renders even over a stored render."""
    from lkjip.laporan.tugas import draft_tersimpan, render_draft

    nama = render_draft.call(dunia.opd_a.pk, 2022)
    assert draft_tersimpan(dunia.opd_a, 2022).nama == nama and hitung["render"] == 1
    assert render_draft.call(dunia.opd_a.pk, 2022) == nama and hitung["render"] == 1
    assert render_draft.call(dunia.opd_a.pk, 2022, paksa=True) == nama and hitung["render"] == 2

"""Sign-off through a task: the page checks at once, the task signs as the user with every check again,
and the job ends on the signed archive, exactly the one the service always made."""

import hashlib

import pytest

from inti.models import Pekerjaan
from inti.versi import naikkan
from lkjip.laporan import services
from lkjip.laporan.models import Laporan, RevisiArsip, TransisiLaporan
from tests.laporan.bantu_lengkap import lengkapi_laporan
from tests.laporan.conftest import teks_halaman
from tests.tugas.bantu_tugas import halaman_pekerjaan, isi, jalankan_antrean, pekerjaan_dari, unduh_hasil

pytestmark = pytest.mark.django_db

SETUJUI = "/opd/disperindag/laporan/2022/langkah/setujui/"
UMUM = {"tahun": 2022}


def _sampai_direviu(dunia) -> None:
    lengkapi_laporan(user=dunia.operator, opd=dunia.opd_a)
    services.laporan_ajukan(user=dunia.operator, opd=dunia.opd_a, **UMUM)
    services.laporan_reviu(
        user=dunia.auditor, opd=dunia.opd_a, pernyataan="Telah direviu sesuai ketentuan.", **UMUM
    )


@pytest.fixture
def render_cepat(monkeypatch):
    """Who signs when, not the PDF itself: a small stand-in, counted."""
    dipanggil = []

    def palsu(opd, tahun, pengesahan):
        dipanggil.append(pengesahan)
        return services.Berkas(
            f"%PDF-1.7 palsu {pengesahan.kode_pendek} {len(dipanggil)}".encode(), b"PK-palsu"
        )

    monkeypatch.setattr(services, "_render_pengesahan", palsu)
    return dipanggil


def test_the_kepala_signs_through_the_job_and_gets_the_archived_pdf(client_for, dunia):
    _sampai_direviu(dunia)
    klien = client_for(dunia.kepala)
    response = klien.post(SETUJUI, {"catatan": "Sesuai rapat pimpinan."})

    job = pekerjaan_dari(response)
    html = halaman_pekerjaan(klien, response)
    assert "Laporan disetujui dan diarsipkan." in html
    assert "Persetujuan LKjIP Dinas Perindustrian dan Perdagangan Kota Pasuruan 2022 revisi 1" in html
    assert 'href="/opd/disperindag/laporan/2022/"' in html
    unduhan = unduh_hasil(klien, response)
    assert "LKjIP-disperindag-2022-revisi1.pdf" in unduhan["Content-Disposition"]
    pdf = isi(unduhan)

    arsip = RevisiArsip.objects.get(laporan__opd=dunia.opd_a, laporan__tahun=2022)
    assert job.berkas.name == arsip.berkas.name
    assert (
        pdf == arsip.berkas.read()
        and hashlib.sha256(pdf).hexdigest() == arsip.sha256
        and arsip.ukuran == len(pdf)
    )
    assert (arsip.nomor, arsip.penanda_tangan, arsip.jabatan_penanda_tangan) == (
        1,
        dunia.kepala,
        "Kepala OPD",
    )
    teks = " ".join(teks_halaman(pdf))
    assert "DRAF" not in teks and f"http://testserver/verifikasi/{arsip.kode_pendek}" in teks
    assert "Telah direviu sesuai ketentuan." in teks
    laporan = Laporan.objects.get(opd=dunia.opd_a, tahun=2022)
    assert laporan.status == Laporan.Status.DISETUJUI
    langkah = TransisiLaporan.objects.filter(laporan=laporan).latest("pada")
    assert (langkah.dari, langkah.ke, langkah.oleh, langkah.catatan) == (
        "direviu",
        "disetujui",
        dunia.kepala,
        "Sesuai rapat pimpinan.",
    )
    # The report's PDF is the archive from now on.
    assert isi(klien.get("/opd/disperindag/laporan/2022/pdf/")) == pdf


def test_a_refused_sign_off_says_why_at_once_and_queues_nothing(client_for, dunia, render_cepat):
    response = client_for(dunia.kepala).post(SETUJUI, follow=True)
    assert (
        "Laporan berstatus Draf; persetujuan hanya untuk laporan berstatus Direviu."
        in response.content.decode()
    )
    _sampai_direviu(dunia)
    assert client_for(dunia.auditor).post(SETUJUI).status_code == 403
    assert client_for(dunia.operator2).post(SETUJUI).status_code == 404
    assert not Pekerjaan.objects.exists() and not render_cepat


def test_a_second_signer_joins_the_sign_off_under_way(client_for, dunia, antrean_tertahan, render_cepat):
    _sampai_direviu(dunia)
    pertama = pekerjaan_dari(client_for(dunia.kepala).post(SETUJUI))
    kedua = pekerjaan_dari(client_for(dunia.admin).post(SETUJUI))
    assert pertama.pk == kedua.pk and len(antrean_tertahan.results) == 1
    assert jalankan_antrean(antrean_tertahan) == 1
    assert RevisiArsip.objects.count() == 1 and len(render_cepat) == 1
    assert RevisiArsip.objects.get().penanda_tangan == dunia.kepala


def test_the_task_checks_again_when_it_runs(client_for, dunia, antrean_tertahan, render_cepat):
    _sampai_direviu(dunia)
    klien = client_for(dunia.kepala)
    response = klien.post(SETUJUI)
    # Before a worker takes it, the auditor sends the report back.
    services.laporan_kembalikan(
        user=dunia.auditor, opd=dunia.opd_a, catatan="Tabel 3.3 belum lengkap.", **UMUM
    )
    jalankan_antrean(antrean_tertahan)

    html = halaman_pekerjaan(klien, response)
    assert "Gagal." in html
    assert "Laporan berstatus Draf; persetujuan hanya untuk laporan berstatus Direviu." in html
    assert not RevisiArsip.objects.exists() and not render_cepat
    assert Laporan.objects.get(opd=dunia.opd_a, tahun=2022).status == Laporan.Status.DRAFT


@pytest.mark.parametrize("kali_berubah,render", [(1, 2), (5, 4)])
def test_data_changed_during_the_render_is_rendered_again_before_signing(
    dunia, render_cepat, monkeypatch, kali_berubah, render
):
    """Changed once: rendered again, outside the transaction. Changed during every render: after
    PERCOBAAN_RENDER tries, the last render is made under the transaction, so what is signed is current."""
    _sampai_direviu(dunia)
    palsu = services._render_pengesahan

    def render_lalu_ubah(opd, tahun, pengesahan):
        berkas = palsu(opd, tahun, pengesahan)
        if len(render_cepat) <= kali_berubah:
            naikkan([opd.pk])  # an admin saved a value while this render ran
        return berkas

    monkeypatch.setattr(services, "_render_pengesahan", render_lalu_ubah)
    arsip = services.laporan_setujui(user=dunia.kepala, opd=dunia.opd_a, **UMUM)
    assert services.PERCOBAAN_RENDER == 3 and len(render_cepat) == render
    assert arsip.berkas.read().endswith(f" {render}".encode())
    assert {p.kode_pendek for p in render_cepat} == {arsip.kode_pendek}
    assert RevisiArsip.objects.count() == 1

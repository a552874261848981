"""A job is started once and joined by every second request for the same work; its page is for the user
who started it and the readers of its OPD only; a job whose worker died can be started again."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from inti import pekerjaan
from inti.models import Pekerjaan
from inti.tampilan import nama_pengguna
from inti.versi import naikkan, token_opd
from lkjip.laporan import tugas
from tests.tugas.bantu_tugas import halaman_pekerjaan, jalankan_antrean, pekerjaan_dari

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("render_palsu")]

PDF = "/opd/disperindag/laporan/2022/pdf/"


def test_a_second_click_by_another_reader_joins_the_queued_render(client_for, dunia, antrean_tertahan):
    auditor, kepala = client_for(dunia.auditor), client_for(dunia.kepala)
    pertama = pekerjaan_dari(auditor.get(PDF))
    kedua = pekerjaan_dari(kepala.get(PDF))
    ketiga = pekerjaan_dari(auditor.get(PDF))
    assert pertama.pk == kedua.pk == ketiga.pk
    assert len(antrean_tertahan.results) == 1
    assert Pekerjaan.objects.count() == 1

    # While queued, the page shows where the job stands and polls its status.
    html = kepala.get(f"/pekerjaan/{pertama.pk}/").content.decode()
    assert "PDF LKjIP Dinas Perindustrian dan Perdagangan Kota Pasuruan 2022 (draf)" in html
    assert "Menunggu giliran di antrean pekerjaan." in html
    assert f'hx-get="/pekerjaan/{pertama.pk}/status/"' in html and 'hx-trigger="every 1s"' in html
    assert f"Dimulai oleh {nama_pengguna(dunia.auditor)}" in html

    assert jalankan_antrean(antrean_tertahan) == 1
    status = kepala.get(f"/pekerjaan/{pertama.pk}/status/").content.decode()
    assert "PDF laporan siap diunduh." in status and "hx-trigger" not in status
    assert f'href="/pekerjaan/{pertama.pk}/unduh/"' in status
    assert "Unduh LKjIP-disperindag-2022-revisi1-DRAF.pdf" in status


def test_the_running_job_shows_its_progress(client_for, dunia, antrean_tertahan):
    job = pekerjaan_dari(client_for(dunia.auditor).get(PDF))
    Pekerjaan.objects.filter(pk=job.pk).update(status="berjalan", kemajuan=25, pesan="Membuat PDF")
    html = client_for(dunia.operator).get(f"/pekerjaan/{job.pk}/status/").content.decode()
    assert 'aria-valuenow="25"' in html and "25%" in html and "Membuat PDF…" in html
    assert 'hx-trigger="every 1s"' in html


def test_two_requests_at_the_same_instant_share_one_job(dunia, antrean_tertahan, monkeypatch):
    pertama = tugas.mulai_render_draft(dunia.auditor, dunia.opd_a, 2022)
    # The database holds one active job per key, whatever the code looked at before.
    with pytest.raises(IntegrityError), transaction.atomic():
        Pekerjaan.objects.create(jenis="x", judul="x", kunci=pertama.kunci, dibuat_oleh=dunia.kepala)
    # A second request that looked before the first one inserted: its insert is refused and it joins.
    asli, dilihat = pekerjaan._aktif, []

    def _aktif(kunci):
        dilihat.append(kunci)
        return None if len(dilihat) == 1 else asli(kunci)

    monkeypatch.setattr(pekerjaan, "_aktif", _aktif)
    kedua = tugas.mulai_render_draft(dunia.kepala, dunia.opd_a, 2022)
    assert kedua.pk == pertama.pk and len(dilihat) == 2
    assert len(antrean_tertahan.results) == 1 and Pekerjaan.objects.count() == 1


def test_new_data_starts_a_new_render_instead_of_joining(client_for, dunia, antrean_tertahan):
    klien = client_for(dunia.auditor)
    pertama = pekerjaan_dari(klien.get(PDF))
    naikkan([dunia.opd_a.pk])
    kedua = pekerjaan_dari(klien.get(PDF))
    assert kedua.pk != pertama.pk and len(antrean_tertahan.results) == 2


@pytest.mark.parametrize("rute", ["", "status/", "unduh/"])
def test_only_the_starter_and_readers_of_the_opd_see_a_job(client_for, dunia, rute):
    job = pekerjaan_dari(client_for(dunia.operator).get(PDF))
    url = f"/pekerjaan/{job.pk}/{rute}"
    for user in (dunia.operator, dunia.auditor, dunia.kepala, dunia.admin):
        assert client_for(user).get(url).status_code == 200, user
    for user in (dunia.operator2, dunia.tanpa_peran, dunia.admin_lain):
        response = client_for(user).get(url)
        assert response.status_code == 404, user
        assert b"Perindustrian" not in response.content
    assert (
        client_for(dunia.operator).get("/pekerjaan/00000000-0000-0000-0000-000000000000/").status_code == 404
    )


def test_an_export_across_opds_is_the_starters_alone(client_for, dunia):
    job = pekerjaan_dari(client_for(dunia.auditor).get("/capaian/indikator/xlsx/", {"tahun": 2022}))
    assert job.opd is None
    assert client_for(dunia.auditor).get(f"/pekerjaan/{job.pk}/").status_code == 200
    # Its file holds the starter's scope and name: not even the admin sees it.
    assert client_for(dunia.admin).get(f"/pekerjaan/{job.pk}/").status_code == 404
    assert client_for(dunia.admin).get(f"/pekerjaan/{job.pk}/unduh/").status_code == 404


def test_a_job_whose_worker_died_is_shown_failed_and_can_be_started_again(
    client_for, dunia, antrean_tertahan, settings
):
    klien = client_for(dunia.auditor)
    job = pekerjaan_dari(klien.get(PDF))
    lama = timezone.now() - timedelta(seconds=settings.PEKERJAAN_BATAS_DIAM + 1)
    Pekerjaan.objects.filter(pk=job.pk).update(status="berjalan", diperbarui=lama)
    html = klien.get(f"/pekerjaan/{job.pk}/").content.decode()
    assert "Gagal." in html and "Pekerjaan terhenti tanpa kabar" in html and "hx-trigger" not in html
    baru = pekerjaan_dari(klien.get(PDF))
    assert baru.pk != job.pk and baru.status == "antri"


def test_progress_of_a_job_does_not_change_the_data_version(client_for, dunia):
    sebelum = token_opd(dunia.opd_a.pk)
    html = halaman_pekerjaan(client_for(dunia.auditor), client_for(dunia.auditor).get(PDF))
    assert "PDF laporan siap diunduh." in html
    assert token_opd(dunia.opd_a.pk) == sebelum

"""The report pages: who reads them, what they show, the narrative editor, PDF downloads and their cache."""

import pytest

from lkjip.laporan.models import Laporan, Narasi
from tests.tugas.bantu_tugas import isi, unduh_hasil

from .conftest import teks_halaman, ubah_realisasi_anggaran

pytestmark = pytest.mark.django_db

HALAMAN = "/opd/disperindag/laporan/2022/"


@pytest.mark.parametrize("persona", ["admin_user_demo", "operator_user", "kepala_user", "auditor_user"])
def test_readers_of_the_opd_read_the_report_with_the_engines_figures(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(HALAMAN)
    assert response.status_code == 200
    html = response.content.decode()
    for angka in ("416,70", "8.666,60", "78,96", "15.920.223.771", "351,61", "Sangat Tinggi", "Tabel 3.14"):
        assert angka in html, angka
    assert "<svg" in html and "Gambar 3.1" in html
    assert "Temuan pemeriksaan data (16)" in html


@pytest.mark.parametrize("status", list(Laporan.Status))
def test_the_auditor_reads_the_report_in_every_state(client_for, auditor_user, opd_disperindag, status):
    Laporan.objects.filter(opd=opd_disperindag, tahun=2022).update(status=status)  # the dataset's report
    response = client_for(auditor_user).get(HALAMAN)
    assert response.status_code == 200
    assert Laporan.Status(status).label in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [HALAMAN, HALAMAN + "pdf/", HALAMAN + "xlsx/", HALAMAN + "pk/0/pdf/", HALAMAN + "narasi/kata_pengantar/",
     "/opd/disperindag/laporan/"],
)
def test_another_opds_user_gets_404(client_for, operator2_user, path):
    assert client_for(operator2_user).get(path).status_code == 404


def test_reading_creates_nothing_and_a_year_without_data_is_404(client_for, auditor_user, opd_disperindag):
    klien = client_for(auditor_user)
    sebelum = (Laporan.objects.count(), Narasi.objects.count())
    assert klien.get(HALAMAN).status_code == 200
    assert (Laporan.objects.count(), Narasi.objects.count()) == sebelum
    assert klien.get("/opd/disperindag/laporan/2015/").status_code == 404
    assert klien.get("/opd/disperindag/laporan/1999/").status_code == 404


def test_index_lists_the_years(client_for, auditor_user):
    html = client_for(auditor_user).get("/opd/disperindag/laporan/").content.decode()
    assert 'href="/opd/disperindag/laporan/2022/"' in html


def test_operator_edits_a_narrative_and_the_report_shows_it(client_for, operator_user, opd_disperindag):
    klien = client_for(operator_user)
    form = klien.get(HALAMAN + "narasi/bab4_penutup/")
    assert form.status_code == 200
    # The form starts from the text stored for the section (the dataset's), with the original's figures.
    assert "74,65%" in form.content.decode()
    response = klien.post(HALAMAN + "narasi/bab4_penutup/", {"teks": "Kinerja **membaik** dibanding 2021."})
    assert response.status_code == 302
    assert Narasi.objects.get(bagian="bab4_penutup").teks == "Kinerja **membaik** dibanding 2021."
    assert "Kinerja <strong>membaik</strong> dibanding 2021." in klien.get(HALAMAN).content.decode()
    klien.post(HALAMAN + "narasi/bab4_penutup/", {"teks": ""})
    assert not Narasi.objects.filter(bagian="bab4_penutup").exists()


def test_narrative_editor_refuses_readers_and_submitted_reports(client_for, auditor_user, operator_user, opd_disperindag):
    assert client_for(auditor_user).get(HALAMAN + "narasi/kata_pengantar/").status_code == 403
    assert client_for(auditor_user).post(HALAMAN + "narasi/kata_pengantar/", {"teks": "x"}).status_code == 403
    assert client_for(operator_user).get(HALAMAN + "narasi/tidak_ada/").status_code == 404
    Laporan.objects.filter(opd=opd_disperindag, tahun=2022).update(status=Laporan.Status.DIAJUKAN)
    sebelum = Narasi.objects.get(laporan__opd=opd_disperindag, bagian="kata_pengantar").teks
    response = client_for(operator_user).post(HALAMAN + "narasi/kata_pengantar/", {"teks": "x"})
    assert response.status_code == 200
    assert "hanya untuk laporan berstatus Draf." in response.content.decode()
    assert Narasi.objects.get(laporan__opd=opd_disperindag, bagian="kata_pengantar").teks == sebelum


def test_a_second_download_with_unchanged_data_is_served_from_the_stored_render(
    client_for, auditor_user, opd_disperindag
):
    klien = client_for(auditor_user)
    # The first download renders in a job; the job's page links the file.
    pertama = unduh_hasil(klien, klien.get(HALAMAN + "pdf/"))
    assert pertama["Content-Type"] == "application/pdf"
    assert "LKjIP-disperindag-2022-revisi1-DRAF.pdf" in pertama["Content-Disposition"]
    pdf_pertama = isi(pertama)
    kedua = klien.get(HALAMAN + "pdf/")
    assert kedua.status_code == 200 and kedua["X-Render-Cache"] == "hit"
    assert "LKjIP-disperindag-2022-revisi1-DRAF.pdf" in kedua["Content-Disposition"]
    assert isi(kedua) == pdf_pertama
    # A data change shows in the next download, rendered again.
    ubah_realisasi_anggaran(opd_disperindag)
    ketiga = isi(unduh_hasil(klien, klien.get(HALAMAN + "pdf/")))
    assert ketiga != pdf_pertama
    assert "8.000.000" in " ".join(teks_halaman(ketiga))


def test_the_pk_and_the_pk_perubahan_print_on_their_own(client_for, kepala_user):
    klien = client_for(kepala_user)
    pk = klien.get(HALAMAN + "pk/0/pdf/")
    assert pk.status_code == 200
    teks = " ".join(teks_halaman(pk.content))
    assert "PERNYATAAN PERJANJIAN KINERJA" in teks and "H. SAIFULLAH YUSUF" in teks
    assert "45.560.165.117" in teks and "Persentase Pertumbuhan IKM" in teks and "DRAF" not in teks
    pkp = " ".join(teks_halaman(klien.get(HALAMAN + "pk/1/pdf/").content))
    assert "PERJANJIAN KINERJA PERUBAHAN" in pkp and "Drs. YANUAR APRIANSYAH,MM" in pkp
    assert "Target Sebelum Perubahan" in pkp and "51.719.269.154" in pkp
    assert klien.get(HALAMAN + "pk/5/pdf/").status_code == 404


def test_every_page_template_renders_for_an_empty_report(client_for, admin_user_demo, opd_kedua):
    """The demo OPD has a Renstra but hardly any data: every part of the report still renders."""
    klien = client_for(admin_user_demo)
    response = klien.get(f"/opd/{opd_kedua.kode}/laporan/2022/")
    assert response.status_code == 200
    assert "Tabel 3.1" in response.content.decode()
    assert klien.get(f"/opd/{opd_kedua.kode}/laporan/2022/xlsx/").status_code == 200

"""Drill-down from a figure: an indicator's formula, inputs, Tribulan values, targets, history, evidence,
review notes; a budget line's pagu per document, realisasi per Tribulan, children and history."""

from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from anggaran.models import Kegiatan, Program, RealisasiAnggaran, SubKegiatan
from anggaran.services import realisasi_anggaran_simpan
from bench.sintetis import buat_opd_sintetis
from capaian.engine import CACHE
from capaian.models import BuktiDukung, CatatanReviu, RealisasiIndikator
from capaian.selectors.tabel import _LAMPIRAN, rincian_anggaran, rincian_indikator, tahun_indikator
from capaian.services import realisasi_simpan
from capaian.views_tabel import _LOKAL
from inti.akses import _PER_PERAN
from renstra.models import Indikator
from tests.tabel.conftest import baris_riwayat, sel_baris

pytestmark = pytest.mark.django_db


def _url(indikator, tahun=2022, kode=None):
    return f"/opd/{kode or indikator.opd.kode}/indikator/{indikator.pk}/?tahun={tahun}"


@pytest.fixture
def produksi(opd_disperindag):
    return Indikator.objects.get(opd=opd_disperindag, kode="S2.1-1")


def test_the_production_indicator_shows_its_formula_inputs_and_table_37(client_for, auditor_user, produksi):
    html = client_for(auditor_user).get(_url(produksi)).content.decode()
    assert "(produksi_n - produksi_n1) / produksi_n1 * 100" in html
    assert "Σ Nilai Produksi Sektor Unggulan Th n" in html
    assert sel_baris(html, "<code>produksi_n</code>")[1:4] == [
        "Nilai Produksi Sektor Unggulan Tahun n",
        "3.835.029",
        "Juta Rupiah",
    ]
    assert sel_baris(html, "<code>produksi_n1</code>")[2] == "3.831.430"
    # Tabel 3.7, the supporting table the inputs are summed from, with the engine's column sums.
    assert "Total Nilai Produksi Sektor Unggulan Tahun 2021 dan 2022" in html
    assert sel_baris(html, "Industri Kimia, Agro dan Hasil Hutan (IKAHH)") == [
        "Industri Kimia, Agro dan Hasil Hutan (IKAHH)",
        "2.003.004",
        "2.006.550",
    ]
    assert sel_baris(html, "Industri Logam, Mesin, Elektronika dan Aneka (ILMEA)")[1:] == [
        "1.828.426",
        "1.828.479",
    ]
    assert sel_baris(html, "<td>Jumlah</td>") == ["Jumlah", "3.831.430", "3.835.029"]


def test_the_production_indicator_shows_capaian_tribulan_values_and_targets(
    client_for, auditor_user, produksi
):
    html = client_for(auditor_user).get(_url(produksi)).content.decode()
    assert '<dd class="col-6 text-end fs-5 fw-semibold" id="nilai-capaian">94,00' in html
    assert 'id="nilai-kategori">Sangat Tinggi<' in html
    assert sel_baris(html, "<td>Tribulan IV</td>") == ["Tribulan IV", "0,094", "0,094", "0,094", "94,00"]
    assert sel_baris(html, "<td>Tribulan I</td>") == ["Tribulan I", "–", "–", "–", "–"]
    assert sel_baris(html, "<td>PK Perubahan</td>") == ["PK Perubahan", "0,1", "acuan capaian"]
    assert sel_baris(html, "<td>Renja</td>") == ["Renja", "0,1", ""]


def test_history_shows_who_changed_a_value_from_what_to_what(
    client_for, operator_user, kepala_user, opd_disperindag
):
    peserta = Indikator.objects.get(opd=opd_disperindag, kode="3.30.02.2.06.0003-1")  # target 75, no formula
    realisasi_simpan(
        user=operator_user, indikator=peserta, tahun=2022, tribulan=4, nilai=Decimal("60"), versi=None
    )
    baru = RealisasiIndikator.objects.get(indikator=peserta, tahun=2022, tribulan=4)
    realisasi_simpan(
        user=operator_user, indikator=peserta, tahun=2022, tribulan=4, nilai=Decimal("69"), versi=baru.versi
    )
    klien = client_for(kepala_user)
    html = klien.get(_url(peserta)).content.decode()
    assert 'id="nilai-capaian">92,00' in html and 'id="nilai-kategori">Sangat Tinggi<' in html
    # The drill-down offers the history; it is read on demand, on its own page or in place with htmx.
    url_riwayat = f"/opd/disperindag/indikator/{peserta.pk}/riwayat/?tahun=2022"
    assert f'href="{url_riwayat}"' in html.replace("&amp;", "&") and f'hx-get="{url_riwayat}"' in html
    assert "60 → 69" not in html
    html = klien.get(url_riwayat).content.decode()
    assert "Riwayat perubahan: " in html and f'href="{_url(peserta)}"' in html  # a way back
    sepotong = klien.get(url_riwayat, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in sepotong and baris_riwayat(sepotong) == baris_riwayat(html)
    diubah, diisi = [b for b in baris_riwayat(html) if b[2] == "Realisasi Tribulan IV · Realisasi"]
    assert diubah[1:4] == ["Operator Disperindag", "Realisasi Tribulan IV · Realisasi", "60 → 69"]
    assert diubah[4] == "Realisasi TW 4 2022: 60 → 69"
    assert diisi[3] == "diisi kosong → 60"


def test_evidence_is_listed_with_its_download_link_and_review_notes_are_shown(
    client_for, operator_user, auditor_user, produksi
):
    bukti = BuktiDukung.objects.create(
        indikator=produksi,
        tahun=2022,
        tribulan=4,
        berkas="bukti/x.pdf",
        nama_asli="Tabel 3.7 BPS.pdf",
        jenis_konten="application/pdf",
        ukuran=10,
        sha256="0" * 64,
        diunggah_oleh=operator_user,
    )
    BuktiDukung.objects.create(
        indikator=produksi,
        tahun=2022,
        tribulan=4,
        berkas="bukti/y.pdf",
        nama_asli="lama-dihapus.pdf",
        jenis_konten="application/pdf",
        ukuran=10,
        sha256="1" * 64,
        diunggah_oleh=operator_user,
        dihapus=True,
    )
    CatatanReviu.objects.create(
        opd=produksi.opd, tahun=2022, indikator=produksi, teks="Lampirkan surat BPS.", penulis=auditor_user
    )
    html = client_for(auditor_user).get(_url(produksi)).content.decode()
    assert f'<a href="/opd/disperindag/monev/bukti/{bukti.pk}/">Tabel 3.7 BPS.pdf</a>' in html
    assert "lama-dihapus.pdf" not in html
    assert "Lampirkan surat BPS." in html and "belum ditindaklanjuti" in html


def test_an_opds_drill_downs_read_targets_evidence_and_notes_once_and_see_a_new_note(
    client_for, auditor_user, produksi
):
    """Targets, evidence and notes are read for the whole OPD-year on the first drill-down and kept under
    the OPD's data version: a second indicator reads none of them, and a new note shows at once."""
    klien = client_for(auditor_user)
    lain = Indikator.objects.filter(opd=produksi.opd, level="program").exclude(pk=produksi.pk).first()
    tabel = ("renstra_targetindikator", "capaian_buktidukung", "capaian_catatanreviu")

    def dibaca(cq):
        return {t for t in tabel for q in cq.captured_queries if f'FROM "{t}"' in q["sql"]}

    with CaptureQueriesContext(connection) as pertama:
        html = klien.get(_url(produksi)).content.decode()
    assert "Lampirkan data BPS terbaru." not in html
    with CaptureQueriesContext(connection) as kedua:
        assert klien.get(_url(lain)).status_code == 200
    assert dibaca(pertama) == set(tabel)
    assert dibaca(kedua) == set()

    CatatanReviu.objects.create(
        opd=produksi.opd, tahun=2022, indikator=produksi, teks="Lampirkan data BPS terbaru.", penulis=auditor_user
    )
    html = klien.get(_url(produksi)).content.decode()
    assert "Lampirkan data BPS terbaru." in html
    # Another indicator's drill-down does not show it.
    assert "Lampirkan data BPS terbaru." not in klien.get(_url(lain)).content.decode()


def test_another_opds_indicator_answers_404(client_for, operator2_user, admin_user_demo, produksi):
    assert client_for(operator2_user).get(_url(produksi)).status_code == 404
    # Its own OPD in the URL with another OPD's indicator: 404 too, even for the admin.
    assert client_for(operator2_user).get(_url(produksi, kode="diskopum")).status_code == 404
    assert client_for(admin_user_demo).get(_url(produksi, kode="diskopum")).status_code == 404
    assert client_for(admin_user_demo).get("/opd/disperindag/indikator/999999/").status_code == 404


def test_a_budget_line_indicator_uses_its_programs_year(client_for, auditor_user, opd_disperindag):
    perizinan = Indikator.objects.get(opd=opd_disperindag, kode="3.30.02.2.06-1")
    html = client_for(auditor_user).get(_url(perizinan, tahun=2031)).content.decode()
    assert 'id="nilai-capaian">60,00' in html and "Rendah" in html
    assert sel_baris(html, "<td>DPA Perubahan</td>") == ["DPA Perubahan", "75", "acuan capaian"]


def test_the_drill_down_runs_the_same_queries_for_a_20x_opd(client_for, admin_user_demo, produksi):
    klien = client_for(admin_user_demo)
    klien.get(_url(produksi))
    CACHE.kosongkan()
    _LOKAL.kosongkan()
    _PER_PERAN.kosongkan()
    _LAMPIRAN.kosongkan()
    caches["default"].clear()  # the rendered drill-down
    with CaptureQueriesContext(connection) as dataset:
        klien.get(_url(produksi))
    besar = buat_opd_sintetis("rinci-besar", kali=20)
    url = _url(Indikator.objects.filter(opd=besar, level="sasaran").first())
    CACHE.kosongkan()
    _LOKAL.kosongkan()
    _PER_PERAN.kosongkan()  # the new OPD changed the roles token: both requests read the user's roles
    caches["default"].clear()  # the rendered drill-down
    with CaptureQueriesContext(connection) as sintetis:
        response = klien.get(url)
    assert response.status_code == 200
    assert len(dataset.captured_queries) == len(sintetis.captured_queries)


# --- budget lines ---------------------------------------------------------------------------------


def _url_anggaran(level, objek, kode="disperindag"):
    return f"/opd/{kode}/anggaran/{level}/{objek.pk}/?tahun=2022"


@pytest.fixture
def perencanaan(opd_disperindag):
    return Program.objects.get(opd=opd_disperindag, tahun=2022, kode="3.31.02")


def test_a_program_shows_pagu_per_document_realisasi_per_tribulan_and_children(
    client_for, auditor_user, perencanaan
):
    html = client_for(auditor_user).get(_url_anggaran("program", perencanaan)).content.decode()
    assert sel_baris(html, "<td>DPA</td>") == ["DPA", "Rp 15.753.452.971", "Rp 15.753.452.971", ""]
    assert sel_baris(html, "<td>DPA Perubahan</td>") == ["DPA Perubahan", "Rp 15.920.223.771", "–", "acuan"]
    assert sel_baris(html, "Anggaran di PK</td>")[1] == "Rp 16.585.219.067"
    assert sel_baris(html, "Anggaran di PK Perubahan")[1] == "Rp 15.920.223.771"
    assert sel_baris(html, "<td>Tribulan IV</td>") == ["Tribulan IV", "Rp 12.570.161.658", "78,96", "–"]
    kegiatan = Kegiatan.objects.get(program=perencanaan)
    assert f'href="/opd/disperindag/anggaran/kegiatan/{kegiatan.pk}/?tahun=2022"' in html
    assert sel_baris(html, "3.31.02.2.01</td>")[2:] == ["Rp 15.920.223.771", "Rp 12.570.161.658", "78,96"]
    assert sel_baris(html, "3.31.02-1")[2:] == ["5", "433,33", "8.666,60", "Sangat Tinggi"]


def test_a_sub_kegiatan_shows_its_history_after_a_change(
    client_for, operator_user, auditor_user, perencanaan
):
    sub = SubKegiatan.objects.get(kegiatan__program=perencanaan, kode="3.31.02.2.01.0006")
    lama = RealisasiAnggaran.objects.get(sub_kegiatan=sub, tribulan=4)
    realisasi_anggaran_simpan(
        user=operator_user, mata_anggaran=sub, tribulan=4, nilai=Decimal("8000000"), semula=lama.nilai
    )
    html = client_for(auditor_user).get(_url_anggaran("sub_kegiatan", sub)).content.decode()
    assert sel_baris(html, "<td>Tribulan IV</td>") == ["Tribulan IV", "Rp 8.000.000", "91,34", "Rp 8.000.000"]
    assert sel_baris(html, "Realisasi s.d. Tribulan IV")[1:4] == [
        "Operator Disperindag",
        "Realisasi s.d. Tribulan IV · Realisasi kumulatif",
        "8.758.700 → 8.000.000",
    ]


def test_another_opds_budget_line_answers_404(client_for, operator2_user, admin_user_demo, perencanaan):
    assert client_for(operator2_user).get(_url_anggaran("program", perencanaan)).status_code == 404
    assert (
        client_for(admin_user_demo).get(_url_anggaran("program", perencanaan, kode="diskopum")).status_code
        == 404
    )
    assert client_for(admin_user_demo).get(_url_anggaran("sasaran", perencanaan)).status_code == 404


# --- the selectors behind the drill-downs ---------------------------------------------------------


def test_the_indicator_selector_gives_targets_tribulan_capaian_and_table_37_sums(opd_disperindag, produksi):
    rinci = rincian_indikator(opd=opd_disperindag, pk=produksi.pk, tahun=2022)
    assert (rinci.tahun, rinci.hasil.capaian.teks, rinci.hasil.kategori) == (2022, "94,00", "Sangat Tinggi")
    assert [(t.dokumen, t.nilai, t.dipakai) for t in rinci.target] == [
        ("Renja", Decimal("0.1"), False),
        ("Renstra", Decimal("0.1"), False),
        ("PK Perubahan", Decimal("0.1"), True),
    ]
    # Capaian up to each Tribulan: only Tribulan IV has a realisasi; the others say why they have none.
    assert [t.capaian.teks for t in rinci.per_tribulan] == ["–", "–", "–", "94,00"]
    assert rinci.per_tribulan[0].capaian.alasan == "belum ada realisasi"
    (tabel,) = rinci.tabel_pendukung
    assert tabel.kolom == ["2021", "2022"]
    assert tabel.jumlah == [Decimal("3831430"), Decimal("3835029")]
    assert rinci.bukti == [] and rinci.catatan == []


def test_an_indicator_belongs_to_its_programs_year_or_to_the_year_asked(opd_disperindag, produksi):
    perizinan = Indikator.objects.get(opd=opd_disperindag, kode="3.30.02.2.06-1")
    assert tahun_indikator(perizinan, diminta=2031) == 2022
    assert tahun_indikator(produksi, diminta=2031) == 2031
    # No year asked: the latest year the OPD has a budget for.
    assert tahun_indikator(produksi, diminta=None) == 2022


def test_the_budget_line_selector_gives_pagu_pk_budgets_and_realisasi(opd_disperindag, perencanaan):
    rinci = rincian_anggaran(opd=opd_disperindag, level="program", pk=perencanaan.pk)
    assert (rinci.tahun, rinci.level_label, rinci.jejak) == (2022, "Program", [])
    assert [(p.dokumen, p.pagu.rupiah, p.dipakai) for p in rinci.pagu] == [
        ("DPA", "Rp 15.753.452.971", False),
        ("DPA Perubahan", "Rp 15.920.223.771", True),
    ]
    assert [(p.nama, p.nilai) for p in rinci.pagu_pk] == [
        ("PK", Decimal("16585219067")),
        ("PK Perubahan", Decimal("15920223771")),
    ]
    assert [(t.realisasi.rupiah, t.penyerapan.teks) for t in rinci.per_tribulan][3] == ("Rp 12.570.161.658", "78,96")
    assert [(h.kode, h.capaian.teks) for h in rinci.indikator] == [("3.31.02-1", "8.666,60")]


def test_a_sub_kegiatan_is_reached_through_its_program_and_kegiatan(opd_disperindag, perencanaan):
    sub = SubKegiatan.objects.get(kegiatan__program=perencanaan, kode="3.31.02.2.01.0006")
    rinci = rincian_anggaran(opd=opd_disperindag, level="sub_kegiatan", pk=sub.pk)
    assert [(j.level, j.objek.kode) for j in rinci.jejak] == [("program", "3.31.02"), ("kegiatan", "3.31.02.2.01")]
    assert (rinci.baris.pagu.rupiah, rinci.baris.realisasi.rupiah) == ("Rp 8.758.700", "Rp 8.758.700")


def test_the_budget_line_selector_refuses_an_unknown_level_or_another_opds_line(opd_kedua, perencanaan):
    with pytest.raises(Http404):
        rincian_anggaran(opd=perencanaan.opd, level="sasaran", pk=perencanaan.pk)
    with pytest.raises(Http404):
        rincian_anggaran(opd=opd_kedua, level="program", pk=perencanaan.pk)

"""Kertas Kerja: typed formula inputs and the rows of supporting tables change the computed figures."""

import pytest

from capaian.models import BarisTabelPendukung, NilaiVariabel, TabelPendukung
from renstra.models import VariabelFormula
from tests.monev.conftest import HTMX, PRODUKSI_UNGGULAN, RETRIBUSI_PASAR, D, url_monev
from tests.monev.html import elemen, sel

pytestmark = pytest.mark.django_db

IKAHH = "Industri Kimia, Agro dan Hasil Hutan (IKAHH)"  # seed Tabel 3.7


def _kartu(isi, indikator) -> str:
    return elemen(isi, "div", f"rumus-{indikator.pk}")


def _variabel(indikator, nama) -> VariabelFormula:
    return VariabelFormula.objects.get(indikator=indikator, nama=nama)


def _tabel_produksi(opd) -> TabelPendukung:
    return TabelPendukung.objects.get(opd=opd, tahun=2022, kode="nilai-produksi-sektor-unggulan")


def _baris(tabel, label, kolom) -> BarisTabelPendukung:
    return BarisTabelPendukung.objects.get(tabel=tabel, label=label, kolom=kolom)


def test_a_formula_input_changes_the_computed_realisasi_and_capaian(masuk, operator_user, indikator):
    client = masuk(operator_user)
    retribusi = indikator(RETRIBUSI_PASAR)  # realisasi_pad / target_pad × 100, target 100
    kartu = _kartu(client.get(url_monev("kertas-kerja")).content, retribusi)
    assert (sel(kartu, "hasil"), sel(kartu, "capaian")) == ("93,7", "93,70% Sangat Tinggi")

    realisasi_pad = _variabel(retribusi, "realisasi_pad")
    respons = client.post(
        url_monev("kertas-kerja", "variabel", realisasi_pad.pk),
        {"nilai": "1.505.592.767", "semula": "1.485.016.014"},
        **HTMX,
    )
    assert respons.status_code == 200
    kartu = respons.content.decode()
    # 1.505.592.767 / 1.584.834.492 × 100 = 94,99999997, shown with 1 decimal: 95,0 → capaian 95,00.
    assert (sel(kartu, "hasil"), sel(kartu, "capaian")) == ("95,0", "95,00% Sangat Tinggi")
    assert NilaiVariabel.objects.get(variabel=realisasi_pad, tahun=2022, tribulan=4).nilai == D(1505592767)

    # The realisasi screen shows the same figure, from the same engine.
    halaman = client.get(url_monev("realisasi")).content
    assert sel(elemen(halaman, "tr", f"realisasi-{retribusi.pk}"), "capaian") == "95,00"


def test_changing_a_row_of_tabel_3_7_changes_the_production_growth(
    masuk, operator_user, indikator, opd_disperindag
):
    client = masuk(operator_user)
    produksi = indikator(PRODUKSI_UNGGULAN)  # (produksi_n − produksi_n1) / produksi_n1 × 100, target 0,1
    tabel = _tabel_produksi(opd_disperindag)
    halaman = client.get(url_monev("kertas-kerja")).content.decode()
    assert (sel(_kartu(halaman, produksi), "hasil"), sel(_kartu(halaman, produksi), "capaian")) == (
        "0,094",
        "94,00% Sangat Tinggi",
    )
    kartu_tabel = elemen(halaman, "div", f"tabel-{tabel.pk}")
    assert "3.835.029" in kartu_tabel and "3.831.430" in kartu_tabel  # the engine's column sums

    baris = _baris(tabel, IKAHH, "2022")
    respons = client.post(
        url_monev("kertas-kerja", "baris", baris.pk), {"nilai": "2.010.000", "semula": "2.006.550"}, **HTMX
    )
    assert respons.status_code == 200
    isi = respons.content.decode()
    assert isi.lstrip().startswith('<div id="isi-kertas-kerja">')
    # (2.010.000 + 1.828.479 − 3.831.430) / 3.831.430 × 100 = 0,18398 → 0,184; 0,184 / 0,1 × 100.
    assert (sel(_kartu(isi, produksi), "hasil"), sel(_kartu(isi, produksi), "capaian")) == (
        "0,184",
        "184,00% Sangat Tinggi",
    )
    assert "3.838.479" in elemen(isi, "div", f"tabel-{tabel.pk}")
    assert _baris(tabel, IKAHH, "2022").nilai == D(2010000)
    assert "184,00" in sel(
        elemen(client.get(url_monev("realisasi")).content, "tr", f"realisasi-{produksi.pk}"), "capaian"
    )


def test_adding_and_removing_a_supporting_row_changes_the_sum(
    masuk, operator_user, indikator, opd_disperindag
):
    client = masuk(operator_user)
    produksi = indikator(PRODUKSI_UNGGULAN)
    tabel = _tabel_produksi(opd_disperindag)
    respons = client.post(
        url_monev("kertas-kerja", "tabel", tabel.pk, "tambah"),
        {"label": "Industri Makanan", "kolom": "2022", "nilai": "3.831"},
        **HTMX,
    )
    assert respons.status_code == 200
    isi = respons.content.decode()
    # produksi_n = 3.835.029 + 3.831 = 3.838.860; growth (3.838.860 − 3.831.430) / 3.831.430 × 100 = 0,194
    assert sel(_kartu(isi, produksi), "hasil") == "0,194"
    baru = _baris(tabel, "Industri Makanan", "2022")
    lainnya = BarisTabelPendukung.objects.filter(tabel=tabel).exclude(pk=baru.pk)
    assert baru.nilai == D(3831)
    assert baru.urutan > max(b.urutan for b in lainnya)  # a new label goes after the last row
    assert baru.history.get().history_user == operator_user

    # The same label and column twice is refused: change that row instead.
    respons = client.post(
        url_monev("kertas-kerja", "tabel", tabel.pk, "tambah"),
        {"label": "Industri Makanan", "kolom": "2022", "nilai": "1"},
        **HTMX,
    )
    assert respons.status_code == 422
    assert "sudah ada di tabel ini" in sel(elemen(respons.content, "div", f"tabel-{tabel.pk}"), "pesan-galat")

    respons = client.post(url_monev("kertas-kerja", "baris", baru.pk, "hapus"), {"semula": "3.831"}, **HTMX)
    assert respons.status_code == 200
    assert sel(_kartu(respons.content.decode(), produksi), "hasil") == "0,094"
    assert not BarisTabelPendukung.objects.filter(pk=baru.pk).exists()
    hapus = BarisTabelPendukung.history.filter(id=baru.pk).order_by("-history_id").first()
    assert (hapus.history_type, hapus.history_user, hapus.nilai) == ("-", operator_user, D(3831))


def test_a_stale_table_row_is_not_overwritten_or_removed(
    masuk, operator_user, admin_user_demo, opd_disperindag
):
    tabel = _tabel_produksi(opd_disperindag)
    baris = _baris(tabel, IKAHH, "2022")
    admin = masuk(admin_user_demo)
    assert (
        admin.post(
            url_monev("kertas-kerja", "baris", baris.pk),
            {"nilai": "2.007.000", "semula": "2.006.550"},
            **HTMX,
        ).status_code
        == 200
    )

    operator = masuk(operator_user)
    respons = operator.post(
        url_monev("kertas-kerja", "baris", baris.pk), {"nilai": "2.010.000", "semula": "2.006.550"}, **HTMX
    )
    assert respons.status_code == 409
    pesan = sel(elemen(respons.content, "tr", f"baris-{baris.pk}"), "pesan-galat")
    assert "menjadi 2.007.000; nilai Anda 2.010.000 tidak disimpan." in pesan

    respons = operator.post(
        url_monev("kertas-kerja", "baris", baris.pk, "hapus"), {"semula": "2.006.550"}, **HTMX
    )
    assert respons.status_code == 409
    assert "penghapusan oleh Anda tidak dilakukan" in sel(
        elemen(respons.content, "tr", f"baris-{baris.pk}"), "pesan-galat"
    )
    assert _baris(tabel, IKAHH, "2022").nilai == D(2007000)


@pytest.mark.parametrize(
    ("masukan", "pesan"),
    [
        ("", "Nilai wajib diisi; untuk menghapus baris gunakan tombol Hapus."),
        ("dua juta", "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89."),
        ("1,2,3", "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89."),
    ],
)
def test_bad_table_input_is_refused_and_nothing_changes(
    masuk, operator_user, opd_disperindag, masukan, pesan
):
    tabel = _tabel_produksi(opd_disperindag)
    baris = _baris(tabel, IKAHH, "2022")
    respons = masuk(operator_user).post(
        url_monev("kertas-kerja", "baris", baris.pk), {"nilai": masukan, "semula": "2.006.550"}, **HTMX
    )
    assert respons.status_code == 422
    assert sel(elemen(respons.content, "tr", f"baris-{baris.pk}"), "pesan-galat") == pesan
    assert _baris(tabel, IKAHH, "2022").nilai == D(2006550)


def test_a_table_feeding_a_locked_tribulan_cannot_be_changed_from_an_open_one(
    masuk, operator_user, admin_user_demo, opd_disperindag, kunci_periode
):
    kunci_periode(4)  # the table's sums are the Tribulan IV inputs of S2.1-1
    tabel = _tabel_produksi(opd_disperindag)
    baris = _baris(tabel, IKAHH, "2022")
    url = url_monev("kertas-kerja", "baris", baris.pk, tribulan=1)
    respons = masuk(operator_user).post(url, {"nilai": "1", "semula": "2.006.550"}, **HTMX)
    assert respons.status_code == 403
    assert sel(elemen(respons.content, "tr", f"baris-{baris.pk}"), "pesan-galat") == (
        "Periode Tribulan IV 2022 sudah dikunci; hanya admin yang dapat mengubah data."
    )
    assert _baris(tabel, IKAHH, "2022").nilai == D(2006550)
    assert (
        masuk(admin_user_demo).post(url, {"nilai": "2.006.551", "semula": "2.006.550"}, **HTMX).status_code
        == 200
    )
    assert _baris(tabel, IKAHH, "2022").nilai == D(2006551)


def test_a_summed_input_is_shown_not_typed(masuk, auditor_user, indikator):
    kartu = _kartu(masuk(auditor_user).get(url_monev("kertas-kerja")).content, indikator(PRODUKSI_UNGGULAN))
    assert "<input" not in kartu
    assert "Jumlah kolom 2022" in kartu and "3.835.029" in kartu


def test_a_stale_formula_input_is_refused_with_both_values(masuk, operator_user, admin_user_demo, indikator):
    retribusi = indikator(RETRIBUSI_PASAR)
    target_pad = _variabel(retribusi, "target_pad")
    url = url_monev("kertas-kerja", "variabel", target_pad.pk)
    awal = {"semula": "1.584.834.492"}
    assert masuk(admin_user_demo).post(url, {"nilai": "1.600.000.000", **awal}, **HTMX).status_code == 200
    respons = masuk(operator_user).post(url, {"nilai": "1.500.000.000", **awal}, **HTMX)
    assert respons.status_code == 409
    pesan = sel(elemen(respons.content, "tr", f"variabel-{target_pad.pk}"), "pesan-galat")
    assert "menjadi 1.600.000.000; nilai Anda 1.500.000.000 tidak disimpan." in pesan
    # The card shows the admin's value and the capaian computed from it: 1.485.016.014 / 1.600.000.000.
    assert sel(_kartu(respons.content.decode(), retribusi), "hasil") == "92,8"
    assert NilaiVariabel.objects.get(variabel=target_pad, tahun=2022, tribulan=4).nilai == D(1600000000)

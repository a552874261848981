"""Entering the realisasi of indicators, one row at a time (htmx or a plain form post)."""

import pytest

from capaian.models import RealisasiIndikator
from tests.monev.conftest import HTMX, REHABILITASI_PASAR, RETRIBUSI_PASAR, D, url_monev
from tests.monev.html import elemen, sel, teks

pytestmark = pytest.mark.django_db


def _baris(isi, indikator) -> str:
    return elemen(isi, "tr", f"realisasi-{indikator.pk}")


def _simpan(client, indikator, nilai, versi="", keterangan="", htmx=True, tribulan=4):
    data = {"nilai": nilai, "versi": versi, "keterangan": keterangan}
    extra = HTMX if htmx else {}
    return client.post(url_monev("realisasi", indikator.pk, tribulan=tribulan), data, **extra)


def _tersimpan(indikator, tribulan=4):
    return RealisasiIndikator.objects.filter(indikator=indikator, tahun=2022, tribulan=tribulan).first()


def test_entering_a_tribulan_iv_realisasi_changes_the_capaian_shown(masuk, operator_user, indikator):
    client = masuk(operator_user)
    rehabilitasi = indikator(REHABILITASI_PASAR)  # target 3 Pasar (DPA Perubahan)
    baris = _baris(client.get(url_monev("realisasi")).content, rehabilitasi)
    assert sel(baris, "target").startswith("3 DPA Perubahan")
    assert sel(baris, "capaian") == "– belum ada realisasi"

    respons = _simpan(client, rehabilitasi, "2")
    assert respons.status_code == 200
    baris = respons.content.decode()
    assert baris.lstrip().startswith(f'<tr id="realisasi-{rehabilitasi.pk}"')
    assert (sel(baris, "capaian"), sel(baris, "kategori")) == ("66,67", "Sedang")  # 2 / 3 × 100
    assert "tersimpan" in sel(baris, "pesan-sukses")

    tersimpan = _tersimpan(rehabilitasi)
    assert (tersimpan.nilai, tersimpan.versi) == (D(2), 1)
    respons = _simpan(client, rehabilitasi, "3", versi="1")
    assert (sel(respons.content.decode(), "capaian"), sel(respons.content.decode(), "kategori")) == (
        "100,00",
        "Sangat Tinggi",
    )
    halaman = client.get(url_monev("realisasi")).content
    assert sel(_baris(halaman, rehabilitasi), "capaian") == "100,00"
    assert (_tersimpan(rehabilitasi).nilai, _tersimpan(rehabilitasi).versi) == (D(3), 2)


def test_a_decimal_typed_the_indonesian_way_is_stored_exactly(masuk, operator_user, indikator):
    client = masuk(operator_user)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    respons = _simpan(client, rehabilitasi, "2,5", keterangan="Pasar Besar selesai 80%")
    # Stored in full; shown with the indicator's 0 decimals (half-up: 3), and the capaian is computed
    # from the realisasi as shown (DOMAIN.md rounding policy): 3 / 3 × 100.
    baris = respons.content.decode()
    assert (sel(baris, "realisasi"), sel(baris, "capaian")) == ("3", "100,00")
    tersimpan = _tersimpan(rehabilitasi)
    assert (tersimpan.nilai, tersimpan.keterangan) == (D("2.5"), "Pasar Besar selesai 80%")


def test_without_javascript_the_row_form_posts_and_comes_back_with_a_message(masuk, operator_user, indikator):
    client = masuk(operator_user)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    respons = _simpan(client, rehabilitasi, "2", htmx=False)
    assert respons.status_code == 302
    assert respons["Location"] == url_monev("realisasi") + f"#realisasi-{rehabilitasi.pk}"
    halaman = client.get(respons["Location"]).content.decode()
    assert f"Realisasi {REHABILITASI_PASAR} Tribulan IV 2022 tersimpan." in halaman
    assert sel(_baris(halaman, rehabilitasi), "capaian") == "66,67"


@pytest.mark.parametrize(
    ("masukan", "pesan"),
    [
        ("dua", "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89."),
        ("1,2,3", "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89."),
        ("1.5", "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89."),
        ("123456789012345678901", "Paling banyak 20 angka sebelum koma."),
        ("0,123456789", "Paling banyak 8 angka di belakang koma."),
    ],
)
def test_bad_input_gets_an_indonesian_message_and_nothing_is_saved(
    masuk, operator_user, indikator, masukan, pesan
):
    client = masuk(operator_user)
    retribusi = indikator(RETRIBUSI_PASAR)
    sebelum = _tersimpan(retribusi)
    assert sebelum.nilai == D("93.7")

    respons = _simpan(client, retribusi, masukan, versi=str(sebelum.versi))
    assert respons.status_code == 422
    assert respons["X-Monev-Tampil"] == "1"
    baris = respons.content.decode()
    assert sel(baris, "pesan-galat") == pesan
    assert f'value="{masukan}"' in baris  # what was typed stays in the field
    assert 'class="form-control is-invalid"' in baris

    respons = _simpan(client, retribusi, masukan, versi=str(sebelum.versi), htmx=False)
    assert respons.status_code == 302
    assert pesan in client.get(respons["Location"]).content.decode()

    sesudah = _tersimpan(retribusi)
    assert (sesudah.nilai, sesudah.versi) == (D("93.7"), sebelum.versi)
    assert RealisasiIndikator.history.filter(indikator=retribusi, history_type="~").count() == 0


def test_a_stale_form_gets_a_conflict_message_with_both_values(
    masuk, operator_user, admin_user_demo, indikator
):
    rehabilitasi = indikator(REHABILITASI_PASAR)
    operator, admin = masuk(operator_user), masuk(admin_user_demo)
    assert _simpan(operator, rehabilitasi, "2").status_code == 200  # versi 1
    # The admin saves from a form loaded after that; the operator's page still shows versi 1.
    assert _simpan(admin, rehabilitasi, "3", versi="1").status_code == 200

    respons = _simpan(operator, rehabilitasi, "4", versi="1")
    assert respons.status_code == 409
    baris = respons.content.decode()
    pesan = sel(baris, "pesan-galat")
    nama_admin = admin_user_demo.get_full_name() or admin_user_demo.get_username()
    assert pesan.startswith(f"Nilai ini sudah diubah oleh {nama_admin} pada ")
    assert pesan.endswith("menjadi 3; nilai Anda 4 tidak disimpan.")
    # The row now shows what is stored, with its current version, so that a retry is deliberate.
    assert 'name="nilai" value="3"' in baris and 'name="versi" value="2"' in baris
    assert (_tersimpan(rehabilitasi).nilai, _tersimpan(rehabilitasi).versi) == (D(3), 2)

    respons = _simpan(operator, rehabilitasi, "4", versi="1", htmx=False)
    assert respons.status_code == 302
    assert "menjadi 3; nilai Anda 4 tidak disimpan." in teks(
        operator.get(respons["Location"]).content.decode()
    )
    assert _tersimpan(rehabilitasi).nilai == D(3)


def test_a_locked_period_is_read_only_for_the_operator_and_editable_by_the_admin(
    masuk, operator_user, admin_user_demo, indikator, kunci_periode
):
    kunci_periode(4)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    operator = masuk(operator_user)

    halaman = operator.get(url_monev("realisasi")).content.decode()
    assert "terkunci" in teks(elemen(halaman, "div", "periode-terkunci"))
    baris = _baris(halaman, rehabilitasi)
    assert "disabled" in baris and "Simpan" not in baris

    respons = _simpan(operator, rehabilitasi, "2")
    assert respons.status_code == 403
    assert sel(respons.content.decode(), "pesan-galat") == (
        "Periode Tribulan IV 2022 sudah dikunci; hanya admin yang dapat mengubah data."
    )
    assert _simpan(operator, rehabilitasi, "bukan angka").status_code == 403  # the lock is said first
    respons = _simpan(operator, rehabilitasi, "2", htmx=False)
    assert respons.status_code == 403
    assert "sudah dikunci" in respons.content.decode()
    assert _tersimpan(rehabilitasi) is None

    # Another Tribulan stays open.
    assert _simpan(operator, rehabilitasi, "1", tribulan=3).status_code == 200

    admin = masuk(admin_user_demo)
    assert "Simpan" in _baris(admin.get(url_monev("realisasi")).content, rehabilitasi)
    respons = _simpan(admin, rehabilitasi, "2")
    assert respons.status_code == 200
    assert sel(respons.content.decode(), "capaian") == "66,67"
    assert _tersimpan(rehabilitasi).history.first().history_user == admin_user_demo


def test_a_formula_indicator_shows_the_formula_result_and_keeps_the_typed_value_apart(
    masuk, operator_user, indikator
):
    client = masuk(operator_user)
    retribusi = indikator(RETRIBUSI_PASAR)
    baris = _baris(client.get(url_monev("realisasi")).content, retribusi)
    assert sel(baris, "realisasi") == "93,7 dari rumus"
    assert sel(baris, "capaian") == "93,70"

    respons = _simpan(client, retribusi, "95", versi=str(_tersimpan(retribusi).versi))
    assert respons.status_code == 200
    # Saved, but the formula's inputs (Kertas Kerja) still give 93,7: the engine uses the formula.
    assert _tersimpan(retribusi).nilai == D(95)
    assert sel(respons.content.decode(), "capaian") == "93,70"
    assert "Kertas Kerja" in respons.content.decode()


def test_the_rows_are_grouped_by_level_with_the_iku_first(masuk, operator_user):
    respons = masuk(operator_user).get(url_monev("realisasi"))
    grup = [(g.nama, len(g.baris)) for g in respons.context["grup"]]
    # Seed 2022: 2 IKU of the PK Perubahan, 4 other tujuan/sasaran indicators, 8 programs,
    # 16 kegiatan and 21 sub kegiatan indicators.
    assert grup == [("iku", 2), ("renstra", 4), ("program", 8), ("kegiatan", 16), ("sub_kegiatan", 21)]
    html = respons.content.decode()
    assert (
        html.index('id="grup-iku"') < html.index('id="grup-renstra"') < html.index('id="grup-sub_kegiatan"')
    )
    iku = [b.data.indikator.kode for b in respons.context["grup"][0].baris]
    assert iku == ["S2.1-1", "S2.2-1"]


@pytest.mark.parametrize("persona", ["kepala_user", "auditor_user"])
def test_readers_see_the_figures_without_any_input(request, masuk, indikator, persona):
    respons = masuk(request.getfixturevalue(persona)).get(url_monev("realisasi"))
    assert respons.status_code == 200
    baris = _baris(respons.content, indikator(RETRIBUSI_PASAR))
    assert "<form" not in baris and "<input" not in baris
    assert sel(baris, "realisasi-diketik") == "93,7"
    assert sel(baris, "capaian") == "93,70"

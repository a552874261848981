"""A realisasi outside the indicator's range is refused with the reason; one far from its target or
history asks for confirmation ("Tetap simpan") instead of passing silently (issue 11, finding 8: a
realisasi of −5 was accepted without a word and showed a capaian of −1.000,00 %)."""

import pytest

from capaian import services
from capaian.models import RealisasiIndikator
from renstra.models import Indikator
from tests.monev.conftest import HTMX, REHABILITASI_PASAR, D, url_monev
from tests.monev.html import sel

pytestmark = pytest.mark.django_db


def _simpan(client, indikator, nilai, versi="", **lain):
    data = {"nilai": nilai, "versi": versi, "keterangan": "", **lain}
    return client.post(url_monev("realisasi", indikator.pk), data, **HTMX)


def _tersimpan(indikator):
    return RealisasiIndikator.objects.filter(indikator=indikator, tahun=2022, tribulan=4).first()


def _tidak_negatif(indikator) -> Indikator:
    indikator.jenis_nilai = Indikator.JenisNilai.TIDAK_NEGATIF
    indikator.save()
    return indikator


def test_a_negative_realisasi_of_a_count_is_refused_even_when_confirmed(masuk, operator_user, indikator):
    client = masuk(operator_user)
    pasar = _tidak_negatif(indikator(REHABILITASI_PASAR))  # satuan Pasar: a count

    for tambahan in ({}, {"konfirmasi": "1"}):
        respons = _simpan(client, pasar, "-5", **tambahan)
        assert respons.status_code == 422
        assert sel(respons.content.decode(), "pesan-galat") == (
            f"Realisasi tidak boleh negatif untuk indikator jumlah/uang {pasar.kode} (jenis nilai: tidak boleh "
            "negatif (jumlah, uang, indeks, persentase))."
        )
        assert "Tetap simpan" not in respons.content.decode()
    assert _tersimpan(pasar) is None


def test_a_negative_realisasi_is_refused_in_bulk_too(operator_user, indikator, opd_disperindag):
    pasar = _tidak_negatif(indikator(REHABILITASI_PASAR))
    galat = services.realisasi_simpan_banyak(
        user=operator_user,
        opd=opd_disperindag,
        tahun=2022,
        tribulan=4,
        isian=[services.IsianRealisasi(indikator=pasar, nilai=D("-5"), versi=None, keterangan="")],
    )
    assert [" ".join(g.messages) for g in galat.values()] == [
        f"Realisasi tidak boleh negatif untuk indikator jumlah/uang {pasar.kode} (jenis nilai: tidak boleh "
        "negatif (jumlah, uang, indeks, persentase))."
    ]
    assert _tersimpan(pasar) is None


def test_a_growth_rate_may_be_negative_but_a_sign_against_the_target_asks_for_confirmation(
    masuk, operator_user, indikator
):
    client = masuk(operator_user)
    pasar = indikator(REHABILITASI_PASAR)  # jenis nilai "bebas" (the default), target 3
    assert pasar.jenis_nilai == Indikator.JenisNilai.BEBAS

    respons = _simpan(client, pasar, "-5")

    assert respons.status_code == 422
    baris = respons.content.decode()
    assert sel(baris, "konfirmasi") == (
        "Realisasi -5 negatif, sedangkan targetnya positif. Periksa nilainya; bila memang benar, pilih "
        "“Tetap simpan”. Tetap simpan"
    )
    assert 'value="-5"' in baris  # what was typed stays in the field
    assert _tersimpan(pasar) is None

    respons = _simpan(client, pasar, "-5", konfirmasi="1")
    assert respons.status_code == 200
    assert "tersimpan" in sel(respons.content.decode(), "pesan-sukses")
    assert _tersimpan(pasar).nilai == D("-5")


def test_more_than_ten_times_the_target_asks_for_confirmation_then_saves(masuk, operator_user, indikator):
    client = masuk(operator_user)
    pasar = indikator(REHABILITASI_PASAR)  # target 3 Pasar

    respons = _simpan(client, pasar, "40")
    assert respons.status_code == 422
    assert sel(respons.content.decode(), "konfirmasi").startswith(
        "Realisasi 40 lebih dari sepuluh kali target tahun 2022 (3)."
    )
    assert _tersimpan(pasar) is None

    assert _simpan(client, pasar, "2").status_code == 200  # a plausible value passes at once
    assert _simpan(client, pasar, "3", versi="1").status_code == 200
    assert _tersimpan(pasar).nilai == D("3")

    respons = _simpan(client, pasar, "40", versi="2", konfirmasi="1")
    assert respons.status_code == 200
    assert _tersimpan(pasar).nilai == D("40")


def test_the_confirm_button_posts_konfirmasi(masuk, operator_user, indikator):
    client = masuk(operator_user)
    pasar = indikator(REHABILITASI_PASAR)
    baris = _simpan(client, pasar, "40").content.decode()
    assert 'value="1" class="btn btn-warning btn-sm mt-1">Tetap simpan</button>' in baris
    assert 'name="konfirmasi"' in baris

"""Analysis text per indicator (faktor keberhasilan, hambatan, tindak lanjut), saved through the service."""

import pytest

from capaian.models import AnalisisIndikator
from tests.monev.conftest import HTMX, PRODUKSI_UNGGULAN, REHABILITASI_PASAR, url_monev
from tests.monev.html import elemen, sel

pytestmark = pytest.mark.django_db


def _kartu(isi, indikator) -> str:
    return elemen(isi, "div", f"analisis-{indikator.pk}")


def _awal(analisis) -> dict:
    return {
        "semula_ada": "True" if analisis else "",
        "semula_faktor_keberhasilan": analisis.faktor_keberhasilan if analisis else "",
        "semula_hambatan": analisis.hambatan if analisis else "",
        "semula_tindak_lanjut": analisis.tindak_lanjut if analisis else "",
    }


def test_operator_writes_an_analysis_and_sees_it_with_the_capaian(masuk, operator_user, indikator):
    client = masuk(operator_user)
    rehabilitasi = indikator(REHABILITASI_PASAR)
    assert "<textarea" in _kartu(client.get(url_monev("analisis")).content, rehabilitasi)
    respons = client.post(
        url_monev("analisis", rehabilitasi.pk),
        {
            "faktor_keberhasilan": "Anggaran DAK tersedia tepat waktu.",
            "hambatan": "Cuaca\r\nhujan di bulan November.",
            "tindak_lanjut": "",
            **_awal(None),
        },
        **HTMX,
    )
    assert respons.status_code == 200
    assert "tersimpan" in sel(respons.content.decode(), "pesan-sukses")
    analisis = AnalisisIndikator.objects.get(indikator=rehabilitasi, tahun=2022)
    assert (analisis.faktor_keberhasilan, analisis.hambatan) == (
        "Anggaran DAK tersedia tepat waktu.",
        "Cuaca\nhujan di bulan November.",
    )
    assert analisis.history.get().history_user == operator_user


def test_a_stale_analysis_form_keeps_the_other_text(masuk, operator_user, admin_user_demo, indikator):
    produksi = indikator(PRODUKSI_UNGGULAN)
    tersimpan = AnalisisIndikator.objects.get(indikator=produksi, tahun=2022)  # from the dataset
    awal = _awal(tersimpan)
    url = url_monev("analisis", produksi.pk)
    data_admin = {"faktor_keberhasilan": "Versi admin.", "hambatan": "", "tindak_lanjut": "", **awal}
    assert masuk(admin_user_demo).post(url, data_admin, **HTMX).status_code == 200

    data_operator = {"faktor_keberhasilan": "Versi operator.", "hambatan": "", "tindak_lanjut": "", **awal}
    respons = masuk(operator_user).post(url, data_operator, **HTMX)
    assert respons.status_code == 409
    pesan = sel(_kartu(respons.content, produksi), "pesan-galat")
    assert pesan.startswith("Analisis ini sudah diubah oleh")
    assert "faktor keberhasilan: “Versi admin.”" in pesan and "“Versi operator.”" in pesan
    assert AnalisisIndikator.objects.get(indikator=produksi, tahun=2022).faktor_keberhasilan == "Versi admin."


def test_readers_see_the_analysis_without_a_form(masuk, kepala_user, indikator):
    kartu = _kartu(masuk(kepala_user).get(url_monev("analisis")).content, indikator(PRODUKSI_UNGGULAN))
    assert "<form" not in kartu and "<textarea" not in kartu
    tersimpan = AnalisisIndikator.objects.get(indikator=indikator(PRODUKSI_UNGGULAN), tahun=2022)
    assert tersimpan.faktor_keberhasilan.splitlines()[0][:40] in kartu

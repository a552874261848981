"""History next to every value: who, when, old → new, from the simple-history records; read-only."""

import re

import pytest

from anggaran.models import SubKegiatan
from capaian import urls_monev
from capaian.models import BarisTabelPendukung, RealisasiIndikator
from renstra.models import VariabelFormula
from tests.monev.conftest import HTMX, REHABILITASI_PASAR, RETRIBUSI_PASAR, url_monev
from tests.monev.html import teks

pytestmark = pytest.mark.django_db


def _baris_riwayat(isi: bytes) -> list[list[str]]:
    """The rows of the history table as [waktu, oleh, semula, menjadi]."""
    badan = re.search(r"<tbody>(.*?)</tbody>", isi.decode(), flags=re.S).group(1)
    return [
        [teks(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)]
        for tr in badan.split("</tr>")[:-1]
    ]


def test_history_popover_lists_old_new_and_user(masuk, operator_user, admin_user_demo, indikator):
    rehabilitasi = indikator(REHABILITASI_PASAR)
    operator, admin = masuk(operator_user), masuk(admin_user_demo)
    operator.post(url_monev("realisasi", rehabilitasi.pk), {"nilai": "2", "versi": ""}, **HTMX)
    admin.post(url_monev("realisasi", rehabilitasi.pk), {"nilai": "2,5", "versi": "1"}, **HTMX)
    operator.post(url_monev("realisasi", rehabilitasi.pk), {"nilai": "", "versi": "2"}, **HTMX)

    respons = operator.get(url_monev("riwayat", "realisasi", rehabilitasi.pk), **HTMX)
    assert respons.status_code == 200
    assert "<html" not in respons.content.decode()  # a fragment for the popover
    assert f"Riwayat: Realisasi {REHABILITASI_PASAR} Tribulan IV 2022" in teks(respons.content.decode())
    nama_operator = operator_user.get_full_name() or operator_user.get_username()
    nama_admin = admin_user_demo.get_full_name() or admin_user_demo.get_username()
    # Newest first; clearing the value deleted the row, which the one history builder says.
    assert [b[1:] for b in _baris_riwayat(respons.content)] == [
        [nama_operator, "2,5", "kosong (dihapus)"],
        [nama_admin, "2", "2,5"],
        [nama_operator, "kosong", "2"],
    ]
    # Without JavaScript the same link opens a page.
    halaman = operator.get(url_monev("riwayat", "realisasi", rehabilitasi.pk))
    assert "<html" in halaman.content.decode() and "Riwayat perubahan" in halaman.content.decode()


def test_the_dataset_load_shows_as_the_first_entry(masuk, auditor_user, indikator):
    retribusi = indikator(RETRIBUSI_PASAR)
    respons = masuk(auditor_user).get(url_monev("riwayat", "realisasi", retribusi.pk), **HTMX)
    [dimuat] = _baris_riwayat(respons.content)
    assert dimuat[2:] == ["kosong", "93,7"]


def test_every_kind_of_value_has_a_history(masuk, operator_user, indikator, opd_disperindag):
    client = masuk(operator_user)
    retribusi = indikator(RETRIBUSI_PASAR)
    variabel = VariabelFormula.objects.get(indikator=retribusi, nama="target_pad")
    baris = BarisTabelPendukung.objects.get(
        tabel__opd=opd_disperindag, label="Industri Kimia, Agro dan Hasil Hutan (IKAHH)", kolom="2022"
    )
    sub = SubKegiatan.objects.get(kegiatan__program__opd=opd_disperindag, kode="3.31.02.2.01.0001")
    cases = [
        (("variabel", variabel.pk), "1.584.834.492"),
        (("baris", baris.pk), "2.006.550"),
        (("anggaran-sub_kegiatan", sub.pk), "Rp 3.635.000"),
        (("analisis", indikator("S2.1-1").pk), "faktor keberhasilan"),
    ]
    for bagian, harapan in cases:
        respons = client.get(url_monev("riwayat", *bagian), **HTMX)
        assert respons.status_code == 200, bagian
        assert harapan in teks(respons.content.decode()), bagian


def test_history_cannot_be_changed_through_the_app(masuk, admin_user_demo, indikator):
    retribusi = indikator(RETRIBUSI_PASAR)
    jumlah = RealisasiIndikator.history.count()
    client = masuk(admin_user_demo)
    for metode in (client.post, client.put, client.delete):
        assert metode(url_monev("riwayat", "realisasi", retribusi.pk)).status_code == 405
    assert RealisasiIndikator.history.count() == jumlah
    # The one history URL of the monev screens is the read-only one.
    assert [n for n in _nama_url(urls_monev.urlpatterns) if "riwayat" in n] == ["riwayat"]


def _nama_url(pola) -> list[str]:
    nama = []
    for p in pola:
        if hasattr(p, "url_patterns"):
            nama += _nama_url(p.url_patterns)
        elif p.name:
            nama.append(p.name)
    return nama


def test_history_of_another_opd_is_not_found(masuk, operator2_user, indikator):
    respons = masuk(operator2_user).get(
        url_monev("riwayat", "realisasi", indikator(RETRIBUSI_PASAR).pk), **HTMX
    )
    assert respons.status_code == 404
    assert b"93,7" not in respons.content

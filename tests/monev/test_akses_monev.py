"""Every monev URL against every persona: another OPD's data answers 404 (also through htmx), a
read-only user's write 403, an anonymous visitor goes to the sign-in page; nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from simple_history.utils import get_history_model_for_model

from anggaran.models import RealisasiAnggaran, SubKegiatan
from capaian.bukti import bukti_unggah
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    BuktiDukung,
    CatatanReviu,
    NilaiVariabel,
    RealisasiIndikator,
)
from renstra.models import VariabelFormula
from tests.monev.conftest import HTMX, RETRIBUSI_PASAR, url_monev

pytestmark = pytest.mark.django_db

DIPANTAU = (
    RealisasiIndikator,
    NilaiVariabel,
    BarisTabelPendukung,
    RealisasiAnggaran,
    AnalisisIndikator,
    BuktiDukung,
    CatatanReviu,
)


@pytest.fixture
def url(operator_user, indikator, opd_disperindag):
    """(GET URLs, POST URLs with their data) of every monev screen and action on Disperindag."""
    retribusi = indikator(RETRIBUSI_PASAR)
    variabel = VariabelFormula.objects.get(indikator=retribusi, nama="target_pad")
    baris = BarisTabelPendukung.objects.filter(tabel__opd=opd_disperindag).first()
    sub = SubKegiatan.objects.get(kegiatan__program__opd=opd_disperindag, kode="3.31.02.2.01.0001")
    bukti = bukti_unggah(
        user=operator_user,
        indikator=retribusi,
        tahun=2022,
        tribulan=4,
        berkas=SimpleUploadedFile("a.pdf", b"%PDF-1.4 bukti retribusi"),
    )
    baca = [
        "/opd/disperindag/",
        url_monev("realisasi"),
        url_monev("kertas-kerja"),
        url_monev("anggaran"),
        url_monev("analisis"),
        url_monev("indikator", retribusi.pk),
        url_monev("riwayat", "realisasi", retribusi.pk),
        url_monev("riwayat", "variabel", variabel.pk),
        url_monev("riwayat", "baris", baris.pk),
        url_monev("riwayat", "anggaran-sub_kegiatan", sub.pk),
        url_monev("riwayat", "analisis", retribusi.pk),
        f"/opd/disperindag/monev/bukti/{bukti.pk}/",
    ]
    tulis = [
        (url_monev("realisasi", retribusi.pk), {"nilai": "99", "versi": "1"}),
        (url_monev("kertas-kerja", "variabel", variabel.pk), {"nilai": "1", "semula": "1.584.834.492"}),
        (
            url_monev("kertas-kerja", "baris", baris.pk),
            {"nilai": "1", "semula": str(baris.nilai).replace(".", ",")},
        ),
        (
            url_monev("kertas-kerja", "baris", baris.pk, "hapus"),
            {"semula": str(baris.nilai).replace(".", ",")},
        ),
        (
            url_monev("kertas-kerja", "tabel", baris.tabel_id, "tambah"),
            {"label": "X", "kolom": "2022", "nilai": "1"},
        ),
        (url_monev("anggaran", "sub_kegiatan", sub.pk), {"nilai": "1", "semula": "3.635.000"}),
        (url_monev("analisis", retribusi.pk), {"faktor_keberhasilan": "x", "semula_ada": ""}),
        (url_monev("indikator", retribusi.pk, "bukti"), {}),
        (f"/opd/disperindag/monev/bukti/{bukti.pk}/hapus/", {}),
        ("/opd/disperindag/monev/2022/catatan/", {"teks": "Catatan"}),
    ]
    return baca, tulis


def _jejak() -> dict:
    """Rows and history rows of every monev model: a refused request changes neither."""
    return {m.__name__: (m.objects.count(), get_history_model_for_model(m).objects.count()) for m in DIPANTAU}


@pytest.mark.parametrize("htmx", [False, True])
def test_another_opd_gets_404_on_every_get_and_post_and_sees_nothing(masuk, operator2_user, url, htmx):
    baca, tulis = url
    client = masuk(operator2_user)
    extra = HTMX if htmx else {}
    sebelum = _jejak()
    for alamat in baca:
        respons = client.get(alamat, **extra)
        assert respons.status_code == 404, alamat
        assert b"Perindustrian" not in respons.content and b"retribusi" not in respons.content.lower()
    for alamat, data in tulis:
        assert client.post(alamat, data, **extra).status_code == 404, alamat
    assert _jejak() == sebelum


@pytest.mark.parametrize("persona", ["kepala_user", "auditor_user"])
@pytest.mark.parametrize("htmx", [False, True])
def test_read_only_users_read_everything_and_get_403_on_every_write(request, masuk, url, persona, htmx):
    baca, tulis = url
    client = masuk(request.getfixturevalue(persona))
    extra = HTMX if htmx else {}
    for alamat in baca:
        assert client.get(alamat, **extra).status_code == 200, alamat
    sebelum = _jejak()
    for alamat, data in tulis:
        if persona == "auditor_user" and alamat.endswith("/catatan/"):
            continue  # auditors write review notes (test_catatan_reviu)
        assert client.post(alamat, data, **extra).status_code == 403, alamat
    assert _jejak() == sebelum


def test_writes_answer_post_only(masuk, operator_user, url):
    _, tulis = url
    client = masuk(operator_user)
    for alamat, _ in tulis:
        assert client.get(alamat).status_code == 405, alamat


def test_anonymous_visitors_go_to_the_sign_in_page(client, url):
    baca, tulis = url
    sebelum = _jejak()
    for alamat in baca + [a for a, _ in tulis]:
        respons = client.post(alamat) if alamat in dict(tulis) else client.get(alamat)
        assert respons.status_code == 302 and respons["Location"].startswith("/masuk/?next="), alamat
    assert _jejak() == sebelum


@pytest.mark.parametrize("alamat", ["realisasi", "kertas-kerja", "anggaran", "analisis"])
def test_unknown_periods_are_not_found(masuk, operator_user, alamat):
    client = masuk(operator_user)
    assert client.get(url_monev(alamat, tribulan=5)).status_code == 404
    assert client.get(url_monev(alamat, tahun=1999)).status_code == 404
    assert client.get(url_monev(alamat, kode="tidak-ada")).status_code == 404

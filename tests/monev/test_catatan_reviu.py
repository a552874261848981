"""Review notes (CatatanReviu): auditors and admins write, operators and kepala read."""

import pytest

from capaian.models import CatatanReviu
from tests.monev.conftest import RETRIBUSI_PASAR, url_monev
from tests.monev.html import elemen, teks

pytestmark = pytest.mark.django_db

URL = "/opd/disperindag/monev/2022/catatan/"


def test_an_auditor_writes_a_note_on_the_opd_page_and_the_operator_reads_it(
    masuk, auditor_user, operator_user, kepala_user
):
    auditor = masuk(auditor_user)
    halaman = auditor.get("/opd/disperindag/?tahun=2022&tribulan=4").content.decode()
    assert 'name="teks"' in elemen(halaman, "div", "catatan-reviu")
    respons = auditor.post(
        URL,
        {
            "teks": "Bukti dukung retribusi pasar TW IV belum diunggah.",
            "tribulan": "4",
            "next": "/opd/disperindag/",
        },
    )
    assert respons.status_code == 302 and respons["Location"] == "/opd/disperindag/"
    catatan = CatatanReviu.objects.get()
    assert (catatan.tahun, catatan.tribulan, catatan.indikator, catatan.penulis) == (
        2022,
        4,
        None,
        auditor_user,
    )
    assert catatan.history.get().history_user == auditor_user

    for user in (operator_user, kepala_user):
        kartu = elemen(masuk(user).get("/opd/disperindag/").content.decode(), "div", "catatan-reviu")
        assert "Bukti dukung retribusi pasar TW IV belum diunggah." in teks(kartu)
        assert 'name="teks"' not in kartu


def test_a_note_on_one_indicator_shows_on_its_page_and_in_its_row(
    masuk, auditor_user, operator_user, indikator
):
    retribusi = indikator(RETRIBUSI_PASAR)
    masuk(auditor_user).post(
        URL, {"teks": "Target PAD berbeda dengan DPA.", "indikator": retribusi.pk, "tribulan": "4"}
    )
    catatan = CatatanReviu.objects.get()
    assert (catatan.indikator, catatan.tribulan) == (retribusi, 4)
    operator = masuk(operator_user)
    halaman = teks(operator.get(url_monev("indikator", retribusi.pk)).content.decode())
    assert "Target PAD berbeda dengan DPA." in halaman
    baris = elemen(operator.get(url_monev("realisasi")).content, "tr", f"realisasi-{retribusi.pk}")
    assert "Catatan (1)" in teks(baris)


@pytest.mark.parametrize("persona", ["operator_user", "kepala_user"])
def test_operators_and_kepala_cannot_write_notes(request, masuk, persona):
    respons = masuk(request.getfixturevalue(persona)).post(URL, {"teks": "Catatan dari OPD sendiri."})
    assert respons.status_code == 403
    assert not CatatanReviu.objects.exists()


def test_another_opd_cannot_even_see_the_note_url(masuk, operator2_user):
    assert masuk(operator2_user).post(URL, {"teks": "x"}).status_code == 404
    assert not CatatanReviu.objects.exists()


def test_an_empty_note_or_another_opds_indicator_is_refused(masuk, admin_user_demo, opd_kedua):
    client = masuk(admin_user_demo)
    respons = client.post(URL, {"teks": "   "})
    assert "Tulis isi catatan reviu." in teks(client.get(respons["Location"]).content.decode())
    lain = opd_kedua.indikator_set.first()
    assert client.post(URL, {"teks": "Catatan", "indikator": lain.pk}).status_code == 404
    assert not CatatanReviu.objects.exists()


def test_an_external_next_url_is_not_followed(masuk, auditor_user):
    respons = masuk(auditor_user).post(URL, {"teks": "Catatan", "next": "https://contoh.invalid/"})
    assert respons["Location"] == "/opd/disperindag/?tahun=2022"

"""The auditor writes a review note where they read the figure: on the indicator's drill-down (issue 13)."""

import re

import pytest

from capaian.models import CatatanReviu
from renstra.models import Indikator

pytestmark = pytest.mark.django_db


def _url(dunia):
    ikm = Indikator.objects.get(opd=dunia.opd_a, kode="S1.2-2")
    return ikm, f"/opd/{dunia.opd_a.kode}/indikator/{ikm.pk}/?tahun=2022"


def test_the_auditor_writes_a_note_on_the_drill_down_and_reads_it_there(client_for, dunia):
    ikm, url = _url(dunia)
    klien = client_for(dunia.auditor)
    html = klien.get(url).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*id="form-catatan-reviu">(.*?)</form>', html, re.S)
    assert form, "no review form on the drill-down"
    assert re.search(rf'name="indikator" value="{ikm.pk}"', form.group(2))
    lanjut = re.search(r'name="next" value="([^"]+)"', form.group(2)).group(1).replace("&amp;", "&")

    response = klien.post(form.group(1), {"indikator": ikm.pk, "teks": "Sumber data IKM perlu dilampirkan.", "tribulan": "4", "next": lanjut})

    assert response.status_code == 302 and response["Location"] == lanjut
    catatan = CatatanReviu.objects.get(teks="Sumber data IKM perlu dilampirkan.")
    assert (catatan.indikator, catatan.penulis, catatan.tribulan) == (ikm, dunia.auditor, 4)
    sesudah = klien.get(url).content.decode()
    kartu = sesudah[sesudah.index('id="catatan-reviu"') :]
    assert "Sumber data IKM perlu dilampirkan." in kartu.split("</section>")[0]


def test_the_operator_reads_the_notes_without_a_form_and_the_cached_body_carries_no_users_form(client_for, dunia):
    _, url = _url(dunia)
    client_for(dunia.auditor).get(url)  # fills the cache with the body first, as the auditor

    html = client_for(dunia.operator).get(url).content.decode()

    assert 'id="catatan-reviu"' in html
    assert 'id="form-catatan-reviu"' not in html and "FORM-CATATAN" not in html


def test_seeded_history_names_the_command_that_wrote_it_not_tidak_tercatat(client_for, dunia):
    import getpass

    ikm, _ = _url(dunia)
    url = f"/opd/{dunia.opd_a.kode}/indikator/{ikm.pk}/riwayat/?tahun=2022"
    html = client_for(dunia.auditor).get(url).content.decode()
    riwayat = html[html.index('id="riwayat"') :]

    assert f"sistem (perintah muat_dataset, {getpass.getuser()})" in riwayat
    assert "tidak tercatat" not in riwayat


def test_the_kept_review_form_carries_each_requests_own_csrf_token(dunia):
    """The form is kept rendered with a stand-in for the CSRF token: each reviewer's page must carry a
    token their own session accepts, and a second reviewer must not receive the first one's."""
    from django.test import Client

    ikm, url = _url(dunia)
    tokens = []
    for teks in ("Catatan pertama.", "Catatan kedua."):
        klien = Client(enforce_csrf_checks=True)
        klien.force_login(dunia.auditor)
        html = klien.get(url).content.decode()
        form = re.search(r'<form method="post" action="([^"]+)"[^>]*id="form-catatan-reviu">(.*?)</form>', html, re.S)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2)).group(1)
        assert "__" not in token
        tokens.append(token)
        lanjut = re.search(r'name="next" value="([^"]+)"', form.group(2)).group(1).replace("&amp;", "&")
        data = {"csrfmiddlewaretoken": token, "indikator": ikm.pk, "teks": teks, "next": lanjut}
        assert klien.post(form.group(1), data).status_code == 302
    assert tokens[0] != tokens[1]
    assert set(CatatanReviu.objects.filter(indikator=ikm).values_list("teks", flat=True)) >= {
        "Catatan pertama.",
        "Catatan kedua.",
    }


def test_each_indicators_kept_form_names_its_own_indicator_and_way_back(client_for, dunia):
    klien = client_for(dunia.auditor)
    for kode in ("S1.2-2", "S1.1-1"):
        ind = Indikator.objects.get(opd=dunia.opd_a, kode=kode)
        url = f"/opd/{dunia.opd_a.kode}/indikator/{ind.pk}/?tahun=2022"
        html = klien.get(url).content.decode()
        form = re.search(r'id="form-catatan-reviu">(.*?)</form>', html, re.S).group(1)
        assert re.search(rf'name="indikator" value="{ind.pk}"', form)
        assert f'name="next" value="{url.replace("&", "&amp;")}#catatan-reviu"' in form
        assert "__" not in form

"""The Django admin of indicators: no silent default for the negative rule and the aggregation, and its
writes go through the services with a reason on record."""

import pytest
from django.urls import reverse

from renstra.models import Indikator
from tests.renstra import bantu_renstra as bantu

pytestmark = pytest.mark.django_db

sasaran_produksi = pytest.fixture(bantu.sasaran_produksi)


def _data_awal(response) -> dict:
    """What the change page posts back unchanged (management forms, existing inline rows)."""
    data = {}
    for nama in ("adminform",):
        form = response.context[nama].form
        for f in form:
            nilai = f.value()
            if nilai not in (None, False, "", []):
                data[f.html_name] = "on" if nilai is True else nilai
    for inline in response.context["inline_admin_formsets"]:
        fs = inline.formset
        for f in fs.management_form:
            data[f.html_name] = f.value()
        for form in fs.initial_forms:
            for f in form:
                nilai = f.value()
                if nilai not in (None, False, "", []):
                    data[f.html_name] = "on" if nilai is True else nilai
    return data


def _tambah_indikator(client, sasaran, **baris):
    url = reverse("admin:renstra_sasaran_change", args=[sasaran.pk])
    data = _data_awal(client.get(url))
    awal = int(data["indikator_set-INITIAL_FORMS"])
    data["indikator_set-TOTAL_FORMS"] = str(awal + 1)
    isi = {"kode": "S2.1-8", "nama": "Indikator dari admin", "satuan": "%", "polaritas": "positif", "desimal": "2",
           "urutan": "9", **baris}
    data.update({f"indikator_set-{awal}-{k}": v for k, v in isi.items()})
    return client.post(url, data)


def test_inline_indicator_needs_an_explicit_aggregation(client_for, dunia, sasaran_produksi):
    r = _tambah_indikator(client_for(dunia.admin), sasaran_produksi)
    assert r.status_code == 200
    assert "Pilih agregasi Tribulan" in r.content.decode()
    assert not Indikator.objects.filter(kode="S2.1-8").exists()


def test_inline_negative_indicator_needs_its_rule(client_for, dunia, sasaran_produksi):
    r = _tambah_indikator(client_for(dunia.admin), sasaran_produksi, polaritas="negatif", agregasi="jumlah")
    assert r.status_code == 200
    assert "Indikator negatif wajib memilih rumus capaiannya." in r.content.decode()
    assert not Indikator.objects.filter(kode="S2.1-8").exists()


def test_inline_indicator_is_saved_through_the_service_with_a_reason(client_for, dunia, sasaran_produksi):
    r = _tambah_indikator(
        client_for(dunia.admin), sasaran_produksi, polaritas="negatif", agregasi="jumlah", aturan_negatif="t_per_r"
    )
    assert r.status_code == 302
    ind = Indikator.objects.get(kode="S2.1-8")
    assert (ind.agregasi, ind.aturan_negatif, ind.level, ind.opd) == ("jumlah", "t_per_r", "sasaran", dunia.opd_a)
    catatan = ind.history.order_by("-history_id").first()
    assert catatan.history_user == dunia.admin
    assert catatan.history_change_reason.startswith("Dibuat di halaman admin")


def test_admin_add_page_starts_both_choices_blank(client_for, dunia):
    r = client_for(dunia.admin).get(reverse("admin:renstra_indikator_add"))
    form = r.context["adminform"].form
    assert form["agregasi"].value() in ("", None)
    assert form["aturan_negatif"].value() in ("", None)
    assert form.fields["agregasi"].required

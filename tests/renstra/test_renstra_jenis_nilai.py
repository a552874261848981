"""An indicator declares whether its values may be negative: in the Renstra form and the admin (issue 11)."""

import pytest
from django.urls import reverse

from renstra.models import Indikator
from tests.renstra import bantu_renstra as bantu
from tests.renstra.test_renstra_admin import _tambah_indikator
from tests.renstra.test_renstra_layar import _isian_indikator

pytestmark = pytest.mark.django_db
sasaran_produksi = pytest.fixture(bantu.sasaran_produksi)


def test_the_renstra_form_shows_and_saves_the_range(client_for, dunia, sasaran_produksi):
    url = reverse("renstra:indikator_tambah", args=["disperindag", "sasaran", sasaran_produksi.pk])
    c = client_for(dunia.operator)
    halaman = c.get(url).content.decode()
    assert "Jenis nilai" in halaman
    assert "Tidak boleh negatif (jumlah, uang, indeks, persentase)" in halaman

    r = c.post(url, _isian_indikator(aturan_negatif="t_per_r", jenis_nilai="tidak_negatif"))
    assert r.status_code == 302
    ind = Indikator.objects.get(opd=dunia.opd_a, kode="S2.1-7")
    assert ind.jenis_nilai == Indikator.JenisNilai.TIDAK_NEGATIF

    ubah = c.get(reverse("renstra:indikator_ubah", args=["disperindag", ind.pk])).content.decode()
    assert '<option value="tidak_negatif" selected>' in ubah


def test_a_form_without_the_field_keeps_the_default(client_for, dunia, sasaran_produksi):
    url = reverse("renstra:indikator_tambah", args=["disperindag", "sasaran", sasaran_produksi.pk])
    client_for(dunia.operator).post(url, _isian_indikator(aturan_negatif="t_per_r"))
    assert Indikator.objects.get(opd=dunia.opd_a, kode="S2.1-7").jenis_nilai == Indikator.JenisNilai.BEBAS


def test_the_admin_saves_the_range(client_for, dunia, sasaran_produksi):
    r = _tambah_indikator(
        client_for(dunia.admin),
        sasaran_produksi,
        polaritas="positif",
        agregasi="jumlah",
        jenis_nilai="tidak_negatif",
    )
    assert r.status_code == 302
    assert Indikator.objects.get(kode="S2.1-8").jenis_nilai == Indikator.JenisNilai.TIDAK_NEGATIF
    halaman = client_for(dunia.admin).get(reverse("admin:renstra_indikator_changelist")).content.decode()
    assert "jenis nilai" in halaman.lower()

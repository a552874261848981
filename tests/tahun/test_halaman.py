"""The "Mulai tahun …" pages: the Pemda admin picks the years, confirms what will be created, sees the
result; nobody else gets in."""

import pytest
from django.urls import reverse

from anggaran.models import Program
from perjanjian.models import PerjanjianKinerja, RencanaAksi

pytestmark = pytest.mark.django_db


def _url(opd):
    return reverse("lkjip:tahun_mulai", args=[opd.kode])


def test_the_form_proposes_the_year_after_the_latest(client_for, dunia):
    html = client_for(dunia.admin).get(_url(dunia.opd_a)).content.decode()
    assert "Mulai tahun baru: Dinas Perindustrian dan Perdagangan Kota Pasuruan" in html
    assert '<option value="2022" selected>2022</option>' in html
    assert 'name="ke" value="2023"' in html
    assert 'value="Mulai tahun 2023 dari tahun 2022"' in html


def test_the_admin_previews_confirms_and_sees_the_result(client_for, dunia):
    c = client_for(dunia.admin)
    data = {"dari": "2022", "ke": "2023", "alasan": "Awal tahun 2023"}
    html = c.get(_url(dunia.opd_a), data).content.decode()
    # The confirmation lists what will be created, with the 2023 Renstra targets, and writes nothing.
    assert "Yang akan dibuat untuk tahun 2023 (disalin dari 2022)" in html
    assert '<th scope="row" class="fw-normal">Program</th><td class="text-end">8</td>' in html
    assert '<th scope="row" class="fw-normal">Sub kegiatan</th><td class="text-end">18</td>' in html
    assert '<th scope="row" class="fw-normal">Baris Rencana Aksi (target kosong)</th><td class="text-end">8</td>' in html
    assert "Persentase Peningkatan Produksi Sektor Unggulan</td>" in html
    assert "0,100 %" in html and "1,000 %" in html
    assert "Anggaran program pada PK dibiarkan kosong" in html
    assert "Mulai tahun 2023</button>" in html
    assert not Program.objects.filter(opd=dunia.opd_a, tahun=2023).exists()

    r = c.post(_url(dunia.opd_a), data)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Tahun 2023 Dinas Perindustrian dan Perdagangan Kota Pasuruan dimulai dari tahun 2022." in html
    assert '<th scope="row" class="fw-normal">Kegiatan</th><td class="text-end">16</td>' in html
    assert "Baris Perjanjian Kinerja 2023 (draf)</th><td class=\"text-end\">2</td>" in html
    assert f'href="/opd/{dunia.opd_a.kode}/?tahun=2023"' in html
    assert f'href="{reverse("perjanjian:lihat", args=[dunia.opd_a.kode, 2023, 0])}">Buka PK 2023 (draf)</a>' in html
    pk = PerjanjianKinerja.objects.get(opd=dunia.opd_a, tahun=2023)
    assert RencanaAksi.objects.filter(baris_pk__pk_dokumen=pk).count() == 8
    riwayat = pk.history.get()
    assert (riwayat.history_user, riwayat.history_change_reason) == (dunia.admin, "Awal tahun 2023")

    # Once started, the year is refused, on the preview and on a second confirmation alike.
    for html in (c.get(_url(dunia.opd_a), data).content.decode(), c.post(_url(dunia.opd_a), data).content.decode()):
        assert "sudah memiliki data tahun 2023 (program DPA, Perjanjian Kinerja)" in html
        assert "Mulai tahun 2023</button>" not in html
    assert Program.objects.filter(opd=dunia.opd_a, tahun=2023).count() == 8


def test_a_new_year_before_the_source_is_refused_on_the_form(client_for, dunia):
    r = client_for(dunia.admin).post(_url(dunia.opd_a), {"dari": "2022", "ke": "2021", "alasan": "x"})
    assert "Tahun baru harus setelah tahun asal (2022)." in r.content.decode()
    assert not PerjanjianKinerja.objects.filter(tahun=2021).exists()


def test_an_opd_without_any_budget_year_is_told_there_is_nothing_to_copy(client_for, dunia):
    html = client_for(dunia.admin_lain).get(_url(dunia.opd_c)).content.decode()
    assert "belum memiliki program anggaran di tahun mana pun" in html


def test_the_opd_list_and_the_opd_page_offer_the_next_year_to_the_admin(client_for, dunia):
    c = client_for(dunia.admin)
    tombol = f'href="{_url(dunia.opd_a)}">Mulai tahun 2023'
    assert tombol in c.get(reverse("lkjip:kelola_opd")).content.decode()
    assert tombol in c.get(reverse("lkjip:opd", args=[dunia.opd_a.kode])).content.decode()
    assert tombol not in client_for(dunia.operator).get(reverse("lkjip:opd", args=[dunia.opd_a.kode])).content.decode()


@pytest.mark.parametrize("persona", ["operator", "kepala", "auditor", "operator2"])
def test_everyone_but_the_admin_gets_403_and_nothing_is_created(client_for, dunia, persona):
    c = client_for(dunia.persona(persona))
    data = {"dari": "2022", "ke": "2023", "alasan": "uji"}
    assert c.get(_url(dunia.opd_a)).status_code == 403
    assert c.get(_url(dunia.opd_a), data).status_code == 403
    assert c.post(_url(dunia.opd_a), data).status_code == 403
    assert not Program.objects.filter(tahun=2023).exists()


def test_the_admin_of_another_pemda_does_not_see_this_opd(client_for, dunia):
    r = client_for(dunia.admin_lain).post(_url(dunia.opd_a), {"dari": "2022", "ke": "2023", "alasan": "uji"})
    assert r.status_code == 404
    assert not Program.objects.filter(tahun=2023).exists()

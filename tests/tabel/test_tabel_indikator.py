"""The indicator table across OPDs: the engine's figures, scope per user, filters, sorting, pagination."""

import pytest
from django.http import QueryDict

from capaian.selectors.tabel import tabel_indikator
from tests.tabel.conftest import sel_baris, semua_baris

URL = "/capaian/indikator/"
# Columns: OPD, level, kode, indikator, satuan, target, realisasi, capaian, kategori, status.
KAPAIAN, KATEGORI = 7, 8

pytestmark = pytest.mark.django_db


def test_the_table_shows_the_engine_figures_of_disperindag(client_for, admin_user_demo):
    html = client_for(admin_user_demo).get(URL, {"tahun": 2022, "opd": "disperindag"}).content.decode()
    produksi = sel_baris(html, "Persentase Peningkatan Produksi Sektor Unggulan")
    assert produksi[1:] == [
        "Sasaran",
        "S2.1-1",
        "Persentase Peningkatan Produksi Sektor Unggulan",
        "%",
        "0,1",
        "0,094",
        "94,00",
        "Sangat Tinggi",
        "lengkap",
    ]
    omset = sel_baris(html, "Persentase Peningkatan Omset")
    assert omset[5:9] == ["1", "4,167", "416,70", "Sangat Tinggi"]
    html = (
        client_for(admin_user_demo)
        .get(URL, {"tahun": 2022, "opd": "disperindag", "level": "program"})
        .content.decode()
    )
    perencanaan = sel_baris(html, "Persentase Peningkatan IKM Berkembang")
    assert perencanaan[5:9] == ["5", "433,33", "8.666,60", "Sangat Tinggi"]


def test_a_missing_figure_shows_a_dash_with_its_reason(client_for, admin_user_demo):
    html = (
        client_for(admin_user_demo)
        .get(URL, {"tahun": 2022, "opd": "disperindag", "level": "kegiatan"})
        .content.decode()
    )
    dokumen = sel_baris(html, "Persentase dokumen perencanaan dan laporan evalua")
    assert dokumen[5:8] == ["–", "100", "–"]
    assert 'title="target belum ditetapkan"' in html


def test_every_figure_links_to_its_drill_down(client_for, admin_user_demo, opd_disperindag):
    from renstra.models import Indikator

    produksi = Indikator.objects.get(opd=opd_disperindag, kode="S2.1-1")
    html = client_for(admin_user_demo).get(URL, {"tahun": 2022, "opd": "disperindag"}).content.decode()
    assert (
        html.count(f'href="/opd/disperindag/indikator/{produksi.pk}/?tahun=2022"') == 3
    )  # name, realisasi, capaian


def test_operator2_sees_only_diskopum_and_never_a_disperindag_name(client_for, operator2_user):
    response = client_for(operator2_user).get(URL, {"tahun": 2022})
    html = response.content.decode()
    baris = semua_baris(html)
    assert [b[2] for b in baris] == ["S1.1-1", "2.17.08.2.01.0001-1"]
    assert {b[0] for b in baris} == {"Diskopum"}
    assert sel_baris(html, "Persentase Usaha Mikro yang Naik Kelas")[5:9] == ["2", "1,8", "90,00", "Tinggi"]
    assert "Disperindag" not in html and "Perindustrian" not in html and "disperindag" not in html


def test_naming_an_opd_the_user_may_not_read_shows_no_row_of_it(client_for, operator2_user):
    html = client_for(operator2_user).get(URL, {"tahun": 2022, "opd": "disperindag"}).content.decode()
    assert semua_baris(html) == [["Tidak ada indikator yang sesuai dengan filter."]]
    assert "Perindustrian" not in html
    assert "is-invalid" in html


def test_level_program_gives_the_eight_program_indicators(client_for, auditor_user):
    html = client_for(auditor_user).get(URL, {"tahun": 2022, "level": "program"}).content.decode()
    baris = semua_baris(html)
    assert len(baris) == 8
    assert {b[1] for b in baris} == {"Program"}
    assert [b[KAPAIAN] for b in baris] == [
        "92,86",
        "93,75",
        "93,70",
        "117,40",
        "200,00",
        "119,73",
        "190,87",
        "8.666,60",
    ]


def test_category_rendah_gives_the_perizinan_kegiatan(client_for, auditor_user):
    html = client_for(auditor_user).get(URL, {"tahun": 2022, "kategori": "Rendah"}).content.decode()
    assert semua_baris(html) == [
        [
            "Disperindag",
            "Kegiatan",
            "3.30.02.2.06-1",
            "Jumlah pedagang/produsen yang memenuhi asas perlindungan konsumen",
            "Peserta",
            "75",
            "45",
            "60,00",
            "Rendah",
            "lengkap",
        ]
    ]


def test_category_tinggi_and_polarity_and_iku_filters(client_for, admin_user_demo):
    klien = client_for(admin_user_demo)
    tinggi = semua_baris(klien.get(URL, {"tahun": 2022, "kategori": "Tinggi"}).content.decode())
    assert [(b[0], b[KAPAIAN]) for b in tinggi] == [("Diskopum", "90,00")]
    negatif = semua_baris(klien.get(URL, {"tahun": 2022, "polaritas": "negatif"}).content.decode())
    assert sorted(b[KAPAIAN] for b in negatif) == ["117,40", "168,15"]
    iku = semua_baris(klien.get(URL, {"tahun": 2022, "iku": "on"}).content.decode())
    assert [(b[2], b[KAPAIAN]) for b in iku] == [("S2.1-1", "94,00"), ("S2.2-1", "416,70")]
    tanpa = semua_baris(
        klien.get(URL, {"tahun": 2022, "kategori": "tanpa", "opd": "diskopum"}).content.decode()
    )
    assert [b[2] for b in tanpa] == ["2.17.08.2.01.0001-1"]


def test_sorting_by_capaian_descending_puts_8666_first_and_missing_last(client_for, admin_user_demo):
    klien = client_for(admin_user_demo)
    pertama = semua_baris(klien.get(URL, {"tahun": 2022, "sort": "-capaian"}).content.decode())
    assert [b[KAPAIAN] for b in pertama[:4]] == ["8.666,60", "416,70", "308,18", "200,00"]
    terakhir = semua_baris(klien.get(URL, {"tahun": 2022, "sort": "-capaian", "page": 3}).content.decode())
    assert [b[KAPAIAN] for b in terakhir] == ["–", "–", "–"]
    naik = semua_baris(klien.get(URL, {"tahun": 2022, "sort": "capaian"}).content.decode())
    # Numbers, not text: 60,00 < 90,00 < 92,86 < 100,00 (as text "100,00" would come first).
    assert [b[KAPAIAN] for b in naik[:4]] == ["60,00", "90,00", "92,86", "93,70"]


def test_sorting_by_text_and_level_columns(client_for, admin_user_demo):
    klien = client_for(admin_user_demo)
    kode = semua_baris(klien.get(URL, {"tahun": 2022, "level": "program", "sort": "-kode"}).content.decode())
    assert kode[0][2] == "3.31.02-1" and kode[-1][2] == "3.30.01-1"
    level = semua_baris(klien.get(URL, {"tahun": 2022, "opd": "diskopum", "sort": "-level"}).content.decode())
    assert [b[1] for b in level] == ["Sub kegiatan", "Sasaran"]


def test_the_table_is_paginated_25_per_page(client_for, admin_user_demo):
    klien = client_for(admin_user_demo)
    halaman = [semua_baris(klien.get(URL, {"tahun": 2022, "page": n}).content.decode()) for n in (1, 2, 3)]
    assert [len(h) for h in halaman] == [25, 25, 3]
    html = klien.get(URL, {"tahun": 2022, "page": 2}).content.decode()
    assert "Menampilkan 26–50 dari 53 indikator." in html
    assert "Berikutnya" in html and "Sebelumnya" in html
    # A page past the end shows the last one; the URL cannot ask for a bigger page.
    assert len(semua_baris(klien.get(URL, {"tahun": 2022, "page": 99}).content.decode())) == 3
    assert len(semua_baris(klien.get(URL, {"tahun": 2022, "per_page": 1000}).content.decode())) == 25


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_a_user_without_roles_sees_an_explanation(client_for, django_user_model):
    user = django_user_model.objects.create_user(username="tamu", password="x")
    html = client_for(user).get(URL).content.decode()
    assert "Anda belum memiliki akses ke OPD mana pun." in html


def test_the_selector_filters_the_engines_rows_and_names_the_filters_in_use(auditor_user, operator2_user):
    tabel = tabel_indikator(user=auditor_user, data=QueryDict("kategori=Rendah"))
    assert (tabel.sah, tabel.tahun, tabel.tanpa_opd) == (True, 2022, False)
    assert [(b.kode, b.target.teks, b.realisasi.teks, b.capaian.teks) for b in tabel.baris] == [
        ("3.30.02.2.06-1", "75", "45", "60,00")
    ]
    assert tabel.filter.isi_terpakai() == [("Filter: Tahun", "2022"), ("Filter: Kategori", "Rendah")]
    # An OPD the user does not read makes the filter invalid: nothing is computed.
    ditolak = tabel_indikator(user=operator2_user, data=QueryDict("opd=disperindag"))
    assert (ditolak.sah, ditolak.baris) == (False, None)


def test_the_selector_tells_a_user_without_roles_apart(django_user_model):
    tamu = django_user_model.objects.create_user(username="tamu2", password="x")
    tabel = tabel_indikator(user=tamu, data=QueryDict())
    assert (tabel.tanpa_opd, tabel.baris) == (True, None)

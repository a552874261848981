"""The renstra screens: what the user sees (figures, labels, never codes), forms, the formula check."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from renstra import services
from renstra.models import Indikator, TargetIndikator
from tests.renstra import bantu_renstra as bantu

pytestmark = pytest.mark.django_db

iku_produksi = pytest.fixture(bantu.iku_produksi)
renstra = pytest.fixture(bantu.renstra_2021)
sasaran_produksi = pytest.fixture(bantu.sasaran_produksi)


def _teks(response) -> str:
    """The page as a reader sees it: tags (and the codes in their attributes) removed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_opd_renstra_list_shows_periods_and_counts(client_for, dunia):
    r = client_for(dunia.operator).get(reverse("renstra:daftar", args=["disperindag"]))
    teks = _teks(r)
    # Name, period, revision, then the number of tujuan, sasaran and indicators.
    assert "Renstra Dinas Perindustrian dan Perdagangan 2021–2026 Renstra awal 2 4 8" in teks
    assert "periode sebelumnya 2016–2021 Renstra awal 1 2 3" in teks
    assert "Tambah Renstra" in teks
    assert "Tambah Renstra" not in _teks(client_for(dunia.kepala).get(reverse("renstra:daftar", args=["disperindag"])))


def test_the_renstra_page_prints_targets_per_year(client_for, dunia, renstra):
    r = client_for(dunia.auditor).get(reverse("renstra:detail", args=["disperindag", renstra.pk]))
    teks = _teks(r)
    # S2.1-1 keeps 3 decimals: the Renstra target 0,1 for 2022-2026 reads 0,100 (Tabel 2.1).
    baris = re.search(r"S2\.1-1 Persentase Peningkatan Produksi Sektor Unggulan IKU % Positif (.*?) Target", teks).group(1)
    assert baris.split() == ["–", "0,100", "0,100", "0,100", "0,100", "0,100"]
    assert "Meningkatnya Produksi Sektor Unggulan" in teks
    assert "Ubah Renstra" not in teks  # the auditor reads


def test_indicator_page_shows_labels_not_codes(client_for, dunia, iku_produksi):
    r = client_for(dunia.operator).get(reverse("renstra:indikator_ubah", args=["disperindag", iku_produksi.pk]))
    assert r.status_code == 200
    teks = _teks(r)
    for kode in ("2t_minus_r", "t_per_r", "rata_rata", "sub_kegiatan", "kumulatif", "dpa_perubahan"):
        assert kode not in teks
    html = r.content.decode()
    assert '<option value="positif" selected>Positif (makin tinggi makin baik)</option>' in html
    assert ">(2T − R) / T × 100</option>" in html
    assert '<option value="terakhir" selected>Nilai terakhir yang diisi</option>' in html
    assert "desimal 0 membuat 104,7 menjadi 105" in teks
    assert "Persentase Peningkatan Produksi Sektor Unggulan" in teks


def test_a_positive_indicator_shows_no_negative_rule_chosen(client_for, dunia, iku_produksi):
    r = client_for(dunia.operator).get(reverse("renstra:indikator_ubah", args=["disperindag", iku_produksi.pk]))
    html = r.content.decode()
    assert '<option value="" selected>— pilih —</option>' in html.split('name="aturan_negatif"')[1].split("</select>")[0]


def test_fixed_years_are_named_on_the_edit_form(client_for, dunia, iku_produksi):
    services.definisi_bekukan(user=dunia.kepala, tahun=2022, indikator=[iku_produksi], alasan="PK 2022 disetujui")
    r = client_for(dunia.operator).get(reverse("renstra:indikator_ubah", args=["disperindag", iku_produksi.pk]))
    teks = _teks(r)
    assert "Definisi tahun 2022 sudah ditetapkan" in teks
    assert "berlaku mulai tahun 2023; tahun 2022 tetap dihitung dengan definisinya yang tetap" in teks


def test_readers_see_the_definition_without_a_form_to_save(client_for, dunia, iku_produksi):
    r = client_for(dunia.kepala).get(reverse("renstra:indikator_ubah", args=["disperindag", iku_produksi.pk]))
    assert r.status_code == 200
    assert "Simpan</button>" not in r.content.decode()
    assert 'name="kode" value="S2.1-1" maxlength="60" class="form-control" required disabled' in r.content.decode()


def _isian_indikator(**ubah):
    data = {
        "kode": "S2.1-7", "nama": "Persentase pasar tertib ukur", "satuan": "%", "polaritas": "negatif",
        "aturan_negatif": "", "agregasi": "kumulatif", "desimal": "2", "urutan": "0", "rumus": "",
        "variabel-TOTAL_FORMS": "2", "variabel-INITIAL_FORMS": "0",
        "variabel-MIN_NUM_FORMS": "0", "variabel-MAX_NUM_FORMS": "1000",
    }
    return {**data, **ubah}


def test_adding_a_negative_indicator_without_its_rule_saves_nothing(client_for, dunia, sasaran_produksi):
    url = reverse("renstra:indikator_tambah", args=["disperindag", "sasaran", sasaran_produksi.pk])
    r = client_for(dunia.operator).post(url, _isian_indikator())
    assert r.status_code == 200
    assert "Indikator negatif wajib memilih rumus capaiannya" in _teks(r)
    assert not Indikator.objects.filter(kode="S2.1-7").exists()


def test_adding_an_indicator_with_inputs_leads_to_its_targets(client_for, dunia, sasaran_produksi):
    url = reverse("renstra:indikator_tambah", args=["disperindag", "sasaran", sasaran_produksi.pk])
    data = _isian_indikator(
        aturan_negatif="t_per_r", rumus="tidak_tertib / jumlah * 100",
        **{"variabel-0-nama": "tidak_tertib", "variabel-0-label": "Pasar tidak tertib ukur", "variabel-0-satuan": "Pasar",
           "variabel-1-nama": "jumlah", "variabel-1-label": "Jumlah pasar"},
    )
    r = client_for(dunia.operator).post(url, data)
    ind = Indikator.objects.get(opd=dunia.opd_a, kode="S2.1-7")
    assert r.status_code == 302 and r["Location"] == reverse("renstra:target", args=["disperindag", ind.pk])
    assert (ind.polaritas, ind.aturan_negatif, ind.sasaran) == ("negatif", "t_per_r", sasaran_produksi)
    assert list(ind.variabel_set.values_list("nama", flat=True)) == ["tidak_tertib", "jumlah"]


def test_targets_are_typed_the_indonesian_way(client_for, dunia, iku_produksi):
    url = reverse("renstra:target", args=["disperindag", iku_produksi.pk])
    c = client_for(dunia.operator)
    halaman = c.get(url)
    assert 'name="renstra_2023" value="0,1"' in halaman.content.decode()
    r = c.post(url, {"renstra_2023": "0,25", "renja_2023": "1.250,5"})
    assert r.status_code == 302
    nilai = dict(TargetIndikator.objects.filter(indikator=iku_produksi, tahun=2023).values_list("dokumen", "nilai"))
    assert nilai == {"renstra": Decimal("0.25"), "renja": Decimal("1250.5")}
    # A cell the form did not send is left alone: 2024 still 0,1.
    assert TargetIndikator.objects.get(indikator=iku_produksi, tahun=2024, dokumen="renstra").nilai == Decimal("0.1")
    r = c.post(url, {"renstra_2023": "0.25"})
    assert "koma sebagai pemisah desimal" in _teks(r)


def test_the_formula_check_answers_as_typed(client_for, dunia):
    c = client_for(dunia.operator)
    url = reverse("renstra:periksa_rumus", args=["disperindag"])
    ok = c.get(url, {"rumus": "(produksi_n - produksi_n1) / produksi_n1 * 100",
                     "variabel-0-nama": "produksi_n", "variabel-1-nama": "produksi_n1", "variabel-2-nama": "cadangan"})
    assert _teks(ok).strip() == (
        "Rumus sah ; memakai produksi_n , produksi_n1 . Variabel yang tidak dipakai: cadangan ."
    )
    salah = c.get(url, {"rumus": "produksi_n / semua", "variabel-0-nama": "produksi_n"})
    assert _teks(salah).strip() == "Nama tidak dikenal: semua (kolom 14)."
    dihapus = c.get(url, {"rumus": "a + b", "variabel-0-nama": "a", "variabel-1-nama": "b", "variabel-1-DELETE": "on"})
    assert "Nama tidak dikenal: b" in _teks(dihapus)
    pangkat = c.get(url, {"rumus": "a ** 2", "variabel-0-nama": "a"})
    assert "operator **" in _teks(pangkat)
    assert client_for(dunia.kepala).get(url, {"rumus": "1"}).status_code == 403


def test_deleting_a_sasaran_in_use_says_why(client_for, dunia, sasaran_produksi):
    r = client_for(dunia.operator).post(reverse("renstra:sasaran_hapus", args=["disperindag", sasaran_produksi.pk]))
    assert r.status_code == 422
    assert "Sasaran 2.1 tidak dapat dihapus: masih dipakai oleh 1 indikator" in _teks(r)


def test_dpa_lines_list_their_indicators_for_the_year(client_for, dunia):
    r = client_for(dunia.operator).get(reverse("renstra:indikator_dpa", args=["disperindag"]), {"tahun": 2022})
    teks = _teks(r)
    assert "3.31.02" in teks and "+ Indikator" in teks
    program = Indikator.objects.filter(opd=dunia.opd_a, level="program").first()
    assert program.nama in teks

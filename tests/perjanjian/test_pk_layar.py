# ruff: noqa: F811 - pytest fixtures imported from bantu_pk are named as the tests' arguments
"""The PK screens: what each persona sees (labels, figures) and the forms, typed the Indonesian way."""

from decimal import Decimal

import pytest
from django.urls import reverse

from anggaran.models import Program
from perjanjian.models import PerjanjianKinerja, RencanaAksi
from renstra.models import DefinisiIndikatorTahun
from tests.monev.html import elemen, teks
from tests.perjanjian.bantu_pk import draf_2022, indikator, tanpa_pk_2022  # noqa: F401

pytestmark = pytest.mark.django_db


def _url(nama: str, *args) -> str:
    return reverse(f"perjanjian:{nama}", args=["disperindag", *args])


def _pesan(r) -> list[str]:
    return [str(m) for m in r.context["messages"]] if r.context else []


def test_pk_list_shows_each_version_with_status_budget_document_and_total(client_for, dunia):
    r = client_for(dunia.auditor).get(_url("daftar"))
    tabel = teks(elemen(r.content, "section", "tahun-2022"))
    assert (
        "Perjanjian Kinerja Perubahan Disetujui kepala OPD DPA Perubahan Oktober 2022 2 Rp 51.719.269.154"
        in tabel
    )
    assert "Perjanjian Kinerja Disetujui kepala OPD DPA Januari 2022 4 Rp 45.560.165.117" in tabel
    assert b"form-buat-pk" not in r.content  # the auditor reads only


def test_the_new_pk_year_form_leads_to_the_create_page(client_for, dunia):
    c = client_for(dunia.operator)
    assert c.get(_url("daftar"), {"tahun": "2023"})["Location"] == _url("buat", 2023)
    r = c.get(_url("daftar"), {"tahun": "23x"})
    assert "Tulis tahun dengan empat angka" in r.content.decode()


def test_pk_page_shows_rows_budgets_parties_and_the_pdf_link(client_for, dunia):
    r = client_for(dunia.operator).get(_url("lihat", 2022, 1))
    isi = r.content.decode()
    baris = teks(elemen(isi, "table", "tabel-indikator"))
    assert (
        "Meningkatnya Produksi Sektor Unggulan S2.1-1 Persentase Peningkatan Produksi Sektor Unggulan 0,1 %"
        in baris
    )
    anggaran = teks(elemen(isi, "table", "tabel-anggaran"))
    assert "3.31.02 PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI Rp 15.920.223.771 APBD" in anggaran
    assert "Jumlah Rp 51.719.269.154" in anggaran
    assert teks(elemen(isi, "dd", "dokumen-anggaran")) == "DPA Perubahan"
    assert "Drs. YANUAR APRIANSYAH,MM" in isi
    assert reverse("laporan:pk_pdf", args=["disperindag", 2022, 1]) in isi
    aksi = teks(elemen(isi, "div", "aksi-pk"))
    assert "Buat PK Perubahan" in aksi and "Ubah draf" not in aksi
    assert "kartu-setujui" not in isi  # approved already


def test_the_replaced_pk_says_so_and_offers_no_perubahan(client_for, dunia):
    isi = client_for(dunia.operator).get(_url("lihat", 2022, 0)).content.decode()
    assert "sudah digantikan oleh" in teks(elemen(isi, "div", "diganti"))
    assert "Buat PK Perubahan" not in isi


def test_create_form_is_prefilled_from_the_renstra_and_the_dpa(client_for, tanpa_pk_2022):
    r = client_for(tanpa_pk_2022.operator).get(_url("buat", 2022))
    isi = r.content.decode()
    calon = elemen(isi, "table", "tabel-isian-indikator")
    assert 'value="0,1"' in calon and 'value="49"' in calon
    assert "Sasaran: Meningkatnya Produksi Sektor Unggulan" in teks(calon)
    program = elemen(isi, "table", "tabel-isian-anggaran")
    assert 'value="8.964.583.767"' in program
    assert "Rp 15.920.223.771" in teks(program)  # DPA Perubahan pagu shown for reference
    assert '<option value="dpa" selected>DPA</option>' in isi
    assert ">DPA Perubahan</option>" in isi


def _data_buat(indikator, dunia, **lain) -> dict:
    penunjang = Program.objects.get(opd=dunia.opd_a, tahun=2022, kode="3.30.01")
    s21 = indikator["S2.1-1"].pk
    return {
        "dokumen_anggaran": "dpa",
        "tempat": "Pasuruan",
        "tanggal": "03/01/2022",
        "pihak_pertama_nama": "Drs. YANUAR AFRIANSYAH, MM",
        "pihak_pertama_jabatan": "Kepala Dinas",
        "pihak_kedua_nama": "Drs. H. SAIFULLAH YUSUF",
        "pihak_kedua_jabatan": "Wali Kota Pasuruan",
        f"ind_{s21}_pakai": "on",
        f"ind_{s21}_target": "0,25",
        f"prog_{penunjang.pk}_pakai": "on",
        f"prog_{penunjang.pk}_nilai": "8.964.583.767",
        f"prog_{penunjang.pk}_sumber": "APBD",
        **lain,
    }


def test_operator_creates_a_pk_with_indonesian_numbers(client_for, tanpa_pk_2022, indikator):
    dunia = tanpa_pk_2022
    r = client_for(dunia.operator).post(_url("buat", 2022), _data_buat(indikator, dunia), follow=True)
    pk = PerjanjianKinerja.objects.get(opd=dunia.opd_a, tahun=2022)
    assert r.redirect_chain[-1][0] == _url("lihat", 2022, 0)
    assert _pesan(r) == ["Draf PK tahun 2022 tersimpan. Ajukan ke kepala OPD untuk disetujui."]
    assert pk.baris_set.get().target == Decimal("0.25")
    assert pk.anggaran_set.get().nilai == Decimal("8964583767")
    assert pk.tanggal.isoformat() == "2022-01-03"
    assert "3 Januari 2022" in r.content.decode()


@pytest.mark.parametrize(
    ("medan", "nilai", "pesan"),
    [
        ("target", "abc", "Masukkan angka dengan koma sebagai pemisah desimal"),
        ("target", "0.25", "Masukkan angka dengan koma sebagai pemisah desimal"),
        ("target", "", "Target indikator S2.1-1 wajib diisi."),
        ("anggaran", "-5", "Anggaran program 3.30.01 tidak boleh negatif."),
        ("pihak", "", "Nama pihak pertama wajib diisi."),
        ("tanggal", "03/01/2019", "Tanggal penandatanganan PK tahun 2022 harus pada tahun 2021 atau 2022."),
    ],
)
def test_bad_input_on_the_create_form_is_shown_and_nothing_saved(
    client_for, tanpa_pk_2022, indikator, medan, nilai, pesan
):
    dunia = tanpa_pk_2022
    penunjang = Program.objects.get(opd=dunia.opd_a, tahun=2022, kode="3.30.01")
    kunci = {
        "target": f"ind_{indikator['S2.1-1'].pk}_target",
        "anggaran": f"prog_{penunjang.pk}_nilai",
        "pihak": "pihak_pertama_nama",
        "tanggal": "tanggal",
    }[medan]
    r = client_for(dunia.operator).post(_url("buat", 2022), _data_buat(indikator, dunia, **{kunci: nilai}))
    assert r.status_code == 200
    assert pesan in teks(r.content.decode())
    assert not PerjanjianKinerja.objects.filter(opd=dunia.opd_a, tahun=2022).exists()


def test_the_create_page_of_a_year_with_a_pk_leads_to_that_pk(client_for, dunia):
    r = client_for(dunia.operator).get(_url("buat", 2022))
    assert r["Location"] == _url("lihat", 2022, 1)


def test_an_approved_pk_edit_page_says_why_it_cannot_be_edited(client_for, dunia):
    r = client_for(dunia.operator).get(_url("ubah", 2022, 1), follow=True)
    assert r.redirect_chain[-1][0] == _url("lihat", 2022, 1)
    assert any("sudah disetujui dan tidak dapat diubah lagi" in p for p in _pesan(r))


def test_operator_edits_a_draft_through_the_form(client_for, draf_2022, indikator, dunia):
    c = client_for(dunia.operator)
    awal = c.get(_url("ubah", 2022, 0))
    form = awal.context["form"]
    data = {nama: form[nama].value() for nama in form.fields}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v not in (False, None)}
    data = {
        k: (form.fields[k].prepare_value(v) if hasattr(form.fields[k], "max_digits") else v)
        for k, v in data.items()
    }
    data[f"ind_{indikator['S2.1-1'].pk}_target"] = "0,3"
    data.pop(f"ind_{indikator['S2.2-1'].pk}_pakai")
    r = c.post(_url("ubah", 2022, 0), data, follow=True)
    assert "Perjanjian Kinerja 2022 tersimpan." in _pesan(r)
    assert [(b.indikator.kode, b.target) for b in draf_2022.baris_set.all()] == [("S2.1-1", Decimal("0.3"))]
    riwayat = teks(elemen(r.content.decode(), "section", "riwayat"))
    assert "Operator Disperindag" in riwayat and "0,1 → 0,3" in riwayat


def test_kepala_approves_on_the_pk_page(client_for, draf_2022, dunia):
    c = client_for(dunia.kepala)
    isi = c.get(_url("lihat", 2022, 0)).content.decode()
    assert "Setujui Perjanjian Kinerja" in teks(elemen(isi, "div", "kartu-setujui"))
    assert "Ubah draf" not in isi  # the kepala reads and approves; the operator edits
    r = c.post(_url("setujui", 2022, 0), {"catatan": "sesuai rapat"}, follow=True)
    assert any("disetujui" in p for p in _pesan(r))
    pk = PerjanjianKinerja.objects.get(pk=draf_2022.pk)
    assert (pk.status, pk.disetujui_oleh) == ("disetujui", dunia.kepala)
    assert teks(elemen(r.content.decode(), "strong", "penyetuju")) == dunia.kepala.get_full_name()
    assert DefinisiIndikatorTahun.objects.filter(tahun=2022).count() == 2


def test_operator_sees_no_approval_and_is_refused_it(client_for, draf_2022, dunia):
    c = client_for(dunia.operator)
    isi = c.get(_url("lihat", 2022, 0)).content.decode()
    assert "kartu-setujui" not in isi and "Ubah draf" in isi
    assert c.post(_url("setujui", 2022, 0), {}).status_code == 403
    assert PerjanjianKinerja.objects.get(pk=draf_2022.pk).status == "draf"


def test_perubahan_form_needs_a_reason_then_opens_the_new_draft(client_for, dunia):
    c = client_for(dunia.operator)
    r = c.post(_url("perubahan", 2022, 1), {"alasan_perubahan": "", "dokumen_anggaran": "dpa_perubahan"})
    assert "Alasan perubahan wajib diisi." in teks(r.content.decode())
    assert PerjanjianKinerja.objects.filter(opd=dunia.opd_a, tahun=2022).count() == 2
    r = c.post(
        _url("perubahan", 2022, 1),
        {"alasan_perubahan": "DPA Perubahan kedua", "dokumen_anggaran": "dpa_perubahan"},
    )
    assert r["Location"] == _url("ubah", 2022, 2)
    isi = c.get(r["Location"]).content.decode()
    assert "DPA Perubahan kedua" in isi and "Alasan perubahan" in isi


def test_the_perubahan_page_shows_before_and_after(client_for, dunia):
    isi = client_for(dunia.auditor).get(_url("banding", 2022, 1)).content.decode()
    tabel = elemen(isi, "table", "banding-indikator")
    assert 'class="table-success" data-keadaan="baru"' in tabel
    assert "S2.1-1 Persentase Peningkatan Produksi Sektor Unggulan % – 0,1 Indikator baru" in teks(tabel)
    assert "S1.2-2 IKM Layanan Pasar Nilai 80 – Dihapus" in teks(tabel)
    anggaran = teks(elemen(isi, "table", "banding-anggaran"))
    assert (
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA Rp 9.016.697.517 Rp 9.278.235.506 +Rp 261.537.989"
        in anggaran
    )
    assert "Jumlah Rp 45.560.165.117 Rp 51.719.269.154" in anggaran
    assert client_for(dunia.auditor).get(_url("banding", 2022, 0)).status_code == 404


def test_rencana_aksi_screen_saves_and_warns(client_for, dunia):
    pk = PerjanjianKinerja.objects.get(opd=dunia.opd_a, tahun=2022, revisi=1)
    baris = {b.indikator.kode: b for b in pk.baris_set.select_related("indikator")}
    c = client_for(dunia.operator)
    awal = c.get(_url("rencana_aksi", 2022, 1))
    isi = awal.content.decode()
    kepala_tabel = teks(elemen(isi, "table", "tabel-rencana-aksi"))
    assert "Indikator Target tahunan TW I TW II TW III TW IV" in kepala_tabel
    assert (
        "S2.1-1 Persentase Peningkatan Produksi Sektor Unggulan Nilai terakhir yang diisi. Target TW IV sama dengan target tahunan. 0,1 %"
        in kepala_tabel
    )
    s21 = baris["S2.1-1"].pk
    data = {"jejak": awal.context["form"]["jejak"].value()}
    data.update(
        {
            f"ra_{s21}_{tw}_target": v
            for tw, v in zip((1, 2, 3, 4), ("0,02", "0,05", "0,08", "0,09"), strict=True)
        }
    )
    data[f"ra_{s21}_1_uraian"] = "Fasilitasi sertifikasi halal"
    r = c.post(_url("rencana_aksi", 2022, 1), data, follow=True)
    pesan = _pesan(r)
    assert "Rencana Aksi Perjanjian Kinerja Perubahan 2022 tersimpan." in pesan
    assert any("target TW IV (0,09) semestinya sama dengan target tahunan (0,1)" in p for p in pesan)
    assert RencanaAksi.objects.get(baris_pk_id=s21, tribulan=1).uraian == "Fasilitasi sertifikasi halal"
    assert "peringatan" in elemen(r.content.decode(), "tr", f"ra-{s21}")


def test_rencana_aksi_bad_number_is_shown_and_nothing_saved(client_for, dunia):
    pk = PerjanjianKinerja.objects.get(opd=dunia.opd_a, tahun=2022, revisi=1)
    s21 = pk.baris_set.get(indikator__kode="S2.1-1").pk
    r = client_for(dunia.operator).post(
        _url("rencana_aksi", 2022, 1), {f"ra_{s21}_1_target": "dua", f"ra_{s21}_2_target": "0,05"}
    )
    assert "Masukkan angka dengan koma sebagai pemisah desimal" in teks(r.content.decode())
    assert not RencanaAksi.objects.filter(baris_pk__pk_dokumen=pk).exists()


def test_auditor_reads_the_rencana_aksi_without_inputs_to_save(client_for, dunia):
    isi = client_for(dunia.auditor).get(_url("rencana_aksi", 2022, 1)).content.decode()
    assert "Simpan Rencana Aksi" not in isi
    assert "disabled" in elemen(isi, "table", "tabel-rencana-aksi")
    assert "pengisian dilakukan oleh operator OPD" in isi


def test_operator_of_another_opd_gets_404_everywhere(client_for, dunia):
    c = client_for(dunia.operator2)
    for url in (
        _url("daftar"),
        _url("lihat", 2022, 1),
        _url("banding", 2022, 1),
        _url("rencana_aksi", 2022, 1),
    ):
        assert c.get(url).status_code == 404, url

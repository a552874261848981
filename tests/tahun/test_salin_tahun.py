"""Starting the next year (`lkjip.tahun.salin_tahun`) on the seed: Disperindag 2022 -> 2023."""

import getpass
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db.models import Q

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, RencanaPenyerapan, SubKegiatan
from capaian.models import RealisasiIndikator
from inti.models import TahunOPD
from lkjip.tahun import salin_tahun, salin_tahun_rencana
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja, RencanaAksi
from renstra.models import FIELD_DEFINISI, Indikator, TargetIndikator, VariabelFormula

pytestmark = pytest.mark.django_db

ALASAN = "Mulai tahun 2023 dari tahun 2022"
MODEL_DIHITUNG = (
    Program, Kegiatan, SubKegiatan, Indikator, VariabelFormula, PaguAnggaran, RealisasiAnggaran,
    RencanaPenyerapan, PerjanjianKinerja, BarisPK, RencanaAksi, AnggaranPK, TargetIndikator, TahunOPD,
)  # fmt: skip


def _pohon(opd, tahun):
    """(program, kegiatan, sub kegiatan) as (code, name, order) tuples, in display order."""
    return (
        list(Program.objects.filter(opd=opd, tahun=tahun).order_by("urutan", "kode").values_list("kode", "nama", "urutan")),
        list(
            Kegiatan.objects.filter(program__opd=opd, program__tahun=tahun)
            .order_by("program__urutan", "program__kode", "urutan", "kode")
            .values_list("program__kode", "kode", "nama", "urutan")
        ),
        list(
            SubKegiatan.objects.filter(kegiatan__program__opd=opd, kegiatan__program__tahun=tahun)
            .order_by("kegiatan__program__kode", "kegiatan__kode", "urutan", "kode")
            .values_list("kegiatan__program__kode", "kegiatan__kode", "kode", "nama", "urutan")
        ),
    )


def _indikator_mata(opd, tahun):
    return Indikator.objects.filter(
        Q(program__opd=opd, program__tahun=tahun)
        | Q(kegiatan__program__opd=opd, kegiatan__program__tahun=tahun)
        | Q(sub_kegiatan__kegiatan__program__opd=opd, sub_kegiatan__kegiatan__program__tahun=tahun)
    )


def _jumlah_semua():
    return {m.__name__: (m.objects.count(), m.history.count()) for m in MODEL_DIHITUNG}


@pytest.fixture
def hasil(dunia):
    return salin_tahun(user=dunia.admin, opd=dunia.opd_a, dari=2022, ke=2023, alasan=ALASAN)


def test_the_budget_tree_of_2022_is_copied_to_2023_with_codes_names_and_order(dunia, hasil):
    lama, baru = _pohon(dunia.opd_a, 2022), _pohon(dunia.opd_a, 2023)
    assert baru == lama
    assert [len(x) for x in baru] == [8, 16, 18]
    assert (hasil.program, hasil.kegiatan, hasil.sub_kegiatan) == (8, 16, 18)


def test_the_new_year_has_no_pagu_no_realisasi_and_no_planned_absorption(dunia, hasil):
    program = {"program__opd": dunia.opd_a, "program__tahun": 2023}
    kegiatan = {"kegiatan__program__opd": dunia.opd_a, "kegiatan__program__tahun": 2023}
    sub = {"sub_kegiatan__kegiatan__program__opd": dunia.opd_a, "sub_kegiatan__kegiatan__program__tahun": 2023}
    for model in (PaguAnggaran, RealisasiAnggaran):
        for syarat in (program, kegiatan, sub):
            assert not model.objects.filter(**syarat).exists(), (model, syarat)
    assert not RencanaPenyerapan.objects.filter(**sub).exists()
    # The 2022 figures are untouched.
    assert PaguAnggaran.objects.filter(sub_kegiatan__kegiatan__program__tahun=2022).exists()


def test_budget_line_indicators_are_copied_with_their_definitions_and_formula_inputs(dunia, hasil):
    lama = list(_indikator_mata(dunia.opd_a, 2022).order_by("level", "kode", "pk"))
    baru = list(_indikator_mata(dunia.opd_a, 2023).order_by("level", "kode", "pk"))
    assert len(baru) == len(lama) == hasil.indikator == 45
    medan = ("level", "kode", "iku", "urutan", *FIELD_DEFINISI)
    assert [[getattr(i, f) for f in medan] for i in baru] == [[getattr(i, f) for f in medan] for i in lama]
    rumus = next(i for i in baru if i.kode == "3.30.01-1")
    assert rumus.rumus == "indikator_terpenuhi / total_indikator * 100"
    assert list(rumus.variabel_set.order_by("urutan", "nama").values_list("nama", flat=True)) == [
        "indikator_terpenuhi",
        "total_indikator",
    ]
    assert rumus.program.tahun == 2023 and rumus.program.kode == "3.30.01"
    assert hasil.variabel == VariabelFormula.objects.filter(indikator__in=baru).count() > 0
    # Targets of a DPA year are the new DPA's to set: none is copied.
    assert not TargetIndikator.objects.filter(indikator__in=baru).exists()


def test_the_draft_pk_carries_the_2023_renstra_targets_and_parties_of_the_latest_2022_pk(dunia, hasil):
    pk = PerjanjianKinerja.objects.get(opd=dunia.opd_a, tahun=2023)
    assert (pk.revisi, pk.status, pk.menggantikan_id, pk.disetujui_oleh_id) == (0, "draf", None, None)
    baris = [(b.indikator.kode, b.target, b.satuan, b.sasaran.kode) for b in pk.baris_set.order_by("urutan")]
    # Tabel 2.1 of the seed: Renstra targets for 2023.
    assert baris == [("S2.1-1", Decimal("0.1"), "%", "2.1"), ("S2.2-1", Decimal("1"), "%", "2.2")]
    # The PK Perubahan of October 2022 is the latest: its parties, spelled as it spells them.
    assert (pk.pihak_pertama_nama, pk.pihak_kedua_nama) == ("Drs. YANUAR APRIANSYAH,MM", "Drs. H. SAIFULLAH YUSUF")
    assert any("APRIANSYAH" in c and "AFRIANSYAH" in c for c in hasil.catatan)
    assert not AnggaranPK.objects.filter(pk_dokumen=pk).exists()
    assert any("Anggaran program pada PK dibiarkan kosong" in c for c in hasil.catatan)
    assert hasil.pk == pk and hasil.baris_pk == 2 and hasil.dilewati == []


def test_each_pk_row_gets_four_empty_rencana_aksi_rows(dunia, hasil):
    ra = RencanaAksi.objects.filter(baris_pk__pk_dokumen=hasil.pk)
    assert sorted(ra.values_list("baris_pk__indikator__kode", "tribulan")) == [
        (kode, tw) for kode in ("S2.1-1", "S2.2-1") for tw in (1, 2, 3, 4)
    ]
    assert set(ra.values_list("target", "uraian")) == {(None, "")}
    assert hasil.rencana_aksi == 8


def test_every_created_row_records_the_admin_and_the_reason(dunia, hasil):
    catatan = [
        *Program.history.filter(tahun=2023, opd_id=dunia.opd_a.pk),
        *Kegiatan.history.filter(program__tahun=2023),
        *SubKegiatan.history.filter(kegiatan__program__tahun=2023),
        *Indikator.history.filter(program__tahun=2023),
        *PerjanjianKinerja.history.filter(tahun=2023),
        *BarisPK.history.filter(pk_dokumen_id=hasil.pk.pk),
        *RencanaAksi.history.filter(baris_pk__pk_dokumen_id=hasil.pk.pk),
        *TahunOPD.history.filter(opd_id=dunia.opd_a.pk, tahun=2023),
    ]
    assert len(catatan) == 8 + 16 + 18 + 8 + 1 + 2 + 8 + 1
    assert {(c.history_type, c.history_user_id, c.history_change_reason) for c in catatan} == {
        ("+", dunia.admin.pk, ALASAN)
    }


def test_a_second_run_is_refused_and_changes_nothing(dunia, hasil):
    sebelum = _jumlah_semua()
    with pytest.raises(ValidationError) as exc:
        salin_tahun(user=dunia.admin, opd=dunia.opd_a, dari=2022, ke=2023, alasan=ALASAN)
    assert exc.value.messages == [
        "Dinas Perindustrian dan Perdagangan Kota Pasuruan sudah memiliki data tahun 2023 (program DPA, "
        "Perjanjian Kinerja). Tahun yang sudah berisi data tidak disalin ulang dari tahun 2022; ubah datanya "
        "lewat layar perencanaan."
    ]
    assert _jumlah_semua() == sebelum


def test_a_year_holding_only_a_realisasi_is_refused_too(dunia):
    indikator = Indikator.objects.get(opd=dunia.opd_a, kode="S2.1-1")
    RealisasiIndikator.objects.create(indikator=indikator, tahun=2024, tribulan=1, nilai=Decimal("0.02"))
    sebelum = _jumlah_semua()
    with pytest.raises(ValidationError, match=r"sudah memiliki data tahun 2024 \(realisasi indikator\)"):
        salin_tahun(user=dunia.admin, opd=dunia.opd_a, dari=2022, ke=2024, alasan="uji")
    with pytest.raises(ValidationError, match="realisasi indikator"):
        salin_tahun_rencana(user=dunia.admin, opd=dunia.opd_a, dari=2022, ke=2024)
    assert _jumlah_semua() == sebelum


@pytest.mark.parametrize(
    ("dari", "ke", "pesan"),
    [
        (2022, 2022, "Tahun baru (2022) harus setelah tahun asal (2022)."),
        (2021, 2025, "belum memiliki program anggaran tahun 2021"),
        (2022, 1999, "Tahun harus antara 2000 dan 2100."),
    ],
)
def test_bad_years_are_refused_in_indonesian_and_write_nothing(dunia, dari, ke, pesan):
    sebelum = _jumlah_semua()
    with pytest.raises(ValidationError) as exc:
        salin_tahun(user=dunia.admin, opd=dunia.opd_a, dari=dari, ke=ke, alasan="uji")
    assert pesan in " ".join(exc.value.messages)
    assert _jumlah_semua() == sebelum


def test_a_row_without_a_renstra_target_of_the_new_year_is_left_out_and_listed(dunia):
    TargetIndikator.objects.filter(indikator__kode="S2.2-1", tahun=2023, dokumen="renstra").delete()
    hasil = salin_tahun(user=dunia.admin, opd=dunia.opd_a, dari=2022, ke=2023, alasan="uji")
    assert [b.indikator.kode for b in hasil.pk.baris_set.all()] == ["S2.1-1"]
    assert [(b.kode, b.alasan) for b in hasil.dilewati] == [("S2.2-1", "belum ada target Renstra tahun 2023")]
    assert hasil.rencana_aksi == 4


def test_a_year_beyond_the_renstra_gets_a_pk_without_rows_and_says_why(dunia):
    hasil = salin_tahun_rencana(user=dunia.admin, opd=dunia.opd_a, dari=2022, ke=2027)
    assert hasil.baris_pk == []
    assert {b.alasan for b in hasil.dilewati} == {"Renstra 2021-2026 tidak mencakup tahun 2027"}


def test_rows_no_longer_in_force_are_left_out(dunia):
    # Without the PK Perubahan, the latest 2022 PK is the original: its IKU were dropped after 2021 and
    # its program row takes its target from the DPA.
    PerjanjianKinerja.objects.filter(opd=dunia.opd_a, tahun=2022, revisi=1).delete()
    rencana = salin_tahun_rencana(user=dunia.admin, opd=dunia.opd_a, dari=2022, ke=2023)
    assert rencana.baris_pk == []
    assert [(b.kode, b.alasan.split(":")[0]) for b in rencana.dilewati] == [
        ("S1.1-1", "Sasaran 1.1 hanya berlaku 2021"),
        ("S1.2-1", "Sasaran 1.2 hanya berlaku 2021"),
        ("S1.2-2", "Sasaran 1.2 hanya berlaku 2021"),
        ("3.30.01-1", "indikator program"),
    ]
    assert (rencana.pihak["pihak_pertama_nama"], rencana.pk_sumber.revisi) == ("Drs. YANUAR AFRIANSYAH,MM", 0)


@pytest.mark.parametrize("persona", ["operator", "kepala", "auditor", "operator2"])
def test_only_the_pemda_admin_may_start_a_year(dunia, persona):
    sebelum = _jumlah_semua()
    with pytest.raises(PermissionDenied):
        salin_tahun(user=dunia.persona(persona), opd=dunia.opd_a, dari=2022, ke=2023, alasan="uji")
    assert _jumlah_semua() == sebelum


def test_the_admin_of_another_pemda_may_not(dunia):
    with pytest.raises(PermissionDenied):
        salin_tahun_rencana(user=dunia.admin_lain, opd=dunia.opd_a, dari=2022, ke=2023)


def test_the_preview_writes_nothing_and_announces_what_the_copy_creates(dunia):
    sebelum = _jumlah_semua()
    rencana = salin_tahun_rencana(user=dunia.admin, opd=dunia.opd_a, dari=2022, ke=2023)
    assert _jumlah_semua() == sebelum
    hasil = salin_tahun(user=dunia.admin, opd=dunia.opd_a, dari=2022, ke=2023, alasan=ALASAN)
    assert (
        rencana.jumlah_program,
        rencana.jumlah_kegiatan,
        rencana.jumlah_sub_kegiatan,
        rencana.jumlah_indikator,
        rencana.jumlah_variabel,
        len(rencana.baris_pk),
        rencana.jumlah_rencana_aksi,
    ) == (hasil.program, hasil.kegiatan, hasil.sub_kegiatan, hasil.indikator, hasil.variabel, hasil.baris_pk, hasil.rencana_aksi)


# --- the command ------------------------------------------------------------------------------------


def test_the_command_starts_the_year_and_refuses_a_second_run(dunia):
    keluar = StringIO()
    call_command("salin_tahun", "disperindag", "2022", "2023", "--pengguna", "admin", stdout=keluar)
    teks = keluar.getvalue()
    assert "Tahun 2023 Dinas Perindustrian dan Perdagangan Kota Pasuruan dimulai dari tahun 2022:" in teks
    assert "  program: 8\n" in teks and "  sub kegiatan: 18\n" in teks and "  baris Rencana Aksi: 8\n" in teks
    program = Program.history.filter(opd_id=dunia.opd_a.pk, tahun=2023).first()
    assert (program.history_user, program.history_change_reason) == (dunia.admin, ALASAN)
    sebelum = _jumlah_semua()
    with pytest.raises(CommandError, match="Tidak ada yang disimpan. .*sudah memiliki data tahun 2023"):
        call_command("salin_tahun", "disperindag", "2022", "2023", stdout=StringIO())
    assert _jumlah_semua() == sebelum


def test_the_command_names_an_unknown_opd_or_user_and_a_user_who_is_not_admin(dunia):
    with pytest.raises(CommandError, match="OPD tidak-ada tidak ditemukan."):
        call_command("salin_tahun", "tidak-ada", "2022", "2023")
    with pytest.raises(CommandError, match="Pengguna siapa tidak ditemukan."):
        call_command("salin_tahun", "disperindag", "2022", "2023", "--pengguna", "siapa")
    with pytest.raises(CommandError, match="Hanya admin Pemda"):
        call_command("salin_tahun", "disperindag", "2022", "2023", "--pengguna", "operator")
    assert not Program.objects.filter(tahun=2023).exists()


def test_the_command_without_a_user_records_its_own_reason(dunia):
    call_command("salin_tahun", "disperindag", "2022", "2023", "--alasan", "Awal tahun anggaran 2023", stdout=StringIO())
    catatan = PerjanjianKinerja.history.get(tahun=2023)
    assert (catatan.history_user, catatan.history_change_reason) == (
        None, f"[salin_tahun, pengguna OS {getpass.getuser()}] Awal tahun anggaran 2023"
    )

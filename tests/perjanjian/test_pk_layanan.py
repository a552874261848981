# ruff: noqa: F811 - pytest fixtures imported from bantu_pk are named as the tests' arguments
"""The PK services and the selectors that feed them, against the seed (Disperindag 2022)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from anggaran.models import Program
from inti.models import TahunOPD
from perjanjian import selectors, services
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja
from renstra.models import DefinisiIndikatorTahun, Indikator
from tests.perjanjian.bantu_pk import KEPALA, draf_2022, indikator, tanpa_pk_2022  # noqa: F401

pytestmark = pytest.mark.django_db

B = services.BarisMasukan
A = services.AnggaranMasukan


def _program(dunia, kode: str, tahun: int = 2022) -> Program:
    return Program.objects.get(opd=dunia.opd_a, tahun=tahun, kode=kode)


def _seed(dunia, revisi: int) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(opd=dunia.opd_a, tahun=2022, revisi=revisi)


# --- the proposal ------------------------------------------------------------------------------------------


def test_new_pk_proposal_takes_renstra_targets_of_the_year_and_dpa_pagu(tanpa_pk_2022):
    isian = selectors.isian_pk_baru(opd=tanpa_pk_2022.opd_a, tahun=2022)
    calon = {c.indikator.kode: c for c in isian.indikator}
    # The 2022-2026 sasaran indicators, not the 2021-only ones nor the previous Renstra's.
    assert set(calon) == {"S2.1-1", "S2.2-1", "T2-1"}
    assert (calon["S2.1-1"].dipakai, calon["S2.1-1"].target) == (True, Decimal("0.1"))
    assert (calon["S2.2-1"].dipakai, calon["S2.2-1"].target) == (True, Decimal("1"))
    # Tujuan indicators are offered but not proposed.
    assert (calon["T2-1"].dipakai, calon["T2-1"].target_renstra_tampil) == (False, "49")
    assert calon["S2.1-1"].induk == "Meningkatnya Produksi Sektor Unggulan"
    program = {c.program.kode: c for c in isian.program}
    assert len(program) == 8 and all(c.dipakai for c in program.values())
    # The DPA pagu (BAB II of the seed), not the signed PK's 9.016.697.517.
    assert program["3.30.01"].nilai == Decimal("8964583767")
    assert program["3.31.02"].pagu_dpa == "Rp 15.753.452.971"
    # DPA Perubahan pagu rolled up from the sub kegiatan: the PK Perubahan's figure.
    assert program["3.31.02"].pagu_dpa_perubahan == "Rp 15.920.223.771"
    assert program["3.30.01"].pagu_dpa_perubahan == "Rp 9.278.235.506"


def test_new_pk_proposal_takes_the_parties_of_the_latest_pk(dunia):
    isian = selectors.isian_pk_baru(opd=dunia.opd_a, tahun=2023)
    assert isian.awal["pihak_pertama_nama"] == "Drs. YANUAR APRIANSYAH,MM"
    assert isian.awal["pihak_kedua_nama"] == "Drs. H. SAIFULLAH YUSUF"
    assert isian.awal["dokumen_anggaran"] == "dpa"
    assert {c.indikator.kode: c.target for c in isian.indikator if c.dipakai} == {
        "S2.1-1": Decimal("0.1"), "S2.2-1": Decimal("1")
    }  # fmt: skip


# --- create ------------------------------------------------------------------------------------------------


def test_operator_creates_a_draft_pk_with_history(draf_2022, dunia):
    pk = draf_2022
    assert (pk.revisi, pk.status, pk.tempat) == (0, "draf", "Pasuruan")
    baris = list(pk.baris_set.order_by("urutan"))
    assert [(b.indikator.kode, b.target, b.satuan) for b in baris] == [
        ("S2.1-1", Decimal("0.1"), "%"), ("S2.2-1", Decimal("1"), "%")
    ]  # fmt: skip
    assert baris[0].sasaran_uraian == "Meningkatnya Produksi Sektor Unggulan"
    assert sum(a.nilai for a in pk.anggaran_set.all()) == Decimal("24718036738")
    catatan = pk.history.get()
    assert (catatan.history_user, catatan.history_change_reason) == (dunia.operator, "PK 2022 dibuat (draf)")
    catatan_baris = BarisPK.history.filter(pk_dokumen_id=pk.pk).first()
    assert catatan_baris.history_user == dunia.operator
    assert "ditambahkan" in catatan_baris.history_change_reason


def test_create_refused_when_the_year_has_a_pk(dunia, indikator):
    with pytest.raises(ValidationError, match="PK tahun 2022 sudah ada"):
        services.pk_buat(
            user=dunia.operator, opd=dunia.opd_a, tahun=2022, kepala=KEPALA,
            baris=[B(indikator["S2.1-1"].pk, Decimal("0.1"))], anggaran=[],
        )  # fmt: skip


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ("lain_opd", "bukan milik OPD ini"),
        ("ganda", "S2.1-1 dipilih lebih dari sekali"),
        ("tidak_berlaku", "S1.1-1 tidak berlaku pada Renstra tahun 2022"),
        ("tanpa_target", "Target indikator S2.1-1 wajib diisi"),
        ("terlalu_desimal", "paling banyak 8 angka di belakang koma"),
        ("program_tahun_lain", "Program 3.30.01 adalah program tahun 2023, bukan tahun 2022"),
        ("program_ganda", "Program 3.30.01 dipilih lebih dari sekali"),
        ("anggaran_negatif", "tidak boleh negatif"),
        ("tanpa_pihak", "Nama pihak pertama wajib diisi"),
    ],
)
def test_bad_input_is_refused_in_indonesian_and_nothing_is_saved(tanpa_pk_2022, indikator, ubah, pesan):
    dunia = tanpa_pk_2022
    penunjang = _program(dunia, "3.30.01")
    baris = [B(indikator["S2.1-1"].pk, Decimal("0.1"))]
    anggaran = [A(penunjang.pk, Decimal("8964583767"))]
    kepala = KEPALA
    if ubah == "lain_opd":
        baris.append(B(Indikator.objects.get(opd=dunia.opd_b, kode="S1.1-1").pk, Decimal(2)))
    elif ubah == "ganda":
        baris.append(B(indikator["S2.1-1"].pk, Decimal("0.2")))
    elif ubah == "tidak_berlaku":
        baris.append(B(indikator["S1.1-1"].pk, Decimal("0.5")))
    elif ubah == "tanpa_target":
        baris = [B(indikator["S2.1-1"].pk, None)]
    elif ubah == "terlalu_desimal":
        baris = [B(indikator["S2.1-1"].pk, Decimal("0.123456789"))]
    elif ubah == "program_tahun_lain":
        lain = Program.objects.create(opd=dunia.opd_a, tahun=2023, kode="3.30.01", nama="PROGRAM PENUNJANG")
        anggaran = [A(lain.pk, Decimal(1))]
    elif ubah == "program_ganda":
        anggaran.append(A(penunjang.pk, Decimal(5)))
    elif ubah == "anggaran_negatif":
        anggaran = [A(penunjang.pk, Decimal(-1))]
    elif ubah == "tanpa_pihak":
        kepala = services.KepalaPK(pihak_kedua_nama="Wali Kota", pihak_kedua_jabatan="Wali Kota")
    with pytest.raises(ValidationError) as galat:
        services.pk_buat(
            user=dunia.operator, opd=dunia.opd_a, tahun=2022, kepala=kepala, baris=baris, anggaran=anggaran
        )
    assert any(pesan in m for m in galat.value.messages), galat.value.messages
    assert not PerjanjianKinerja.objects.filter(opd=dunia.opd_a, tahun=2022).exists()


def test_read_only_and_outside_users_cannot_create(tanpa_pk_2022, indikator):
    dunia = tanpa_pk_2022
    argumen = {"opd": dunia.opd_a, "tahun": 2022, "kepala": KEPALA, "baris": [], "anggaran": []}
    with pytest.raises(PermissionDenied):
        services.pk_buat(user=dunia.kepala, **argumen)
    with pytest.raises(Http404):
        services.pk_buat(user=dunia.operator2, **argumen)


# --- edit ------------------------------------------------------------------------------------------------


def test_operator_edits_rows_budgets_and_parties_of_a_draft(draf_2022, dunia, indikator):
    pk = draf_2022
    jejak = selectors.jejak_pk(pk)
    services.pk_ubah(
        user=dunia.operator,
        pk=pk,
        kepala=services.KepalaPK(**{**KEPALA.__dict__, "tempat": "Kota Pasuruan"}),
        baris=[B(indikator["S2.1-1"].pk, Decimal("0.25")), B(indikator["T2-1"].pk, Decimal("49"))],
        anggaran=[A(_program(dunia, "3.30.01").pk, Decimal("9016697517"))],
        jejak=jejak,
    )
    pk.refresh_from_db()
    assert pk.tempat == "Kota Pasuruan"
    assert [(b.indikator.kode, b.target) for b in pk.baris_set.order_by("urutan")] == [
        ("S2.1-1", Decimal("0.25")), ("T2-1", Decimal("49"))
    ]  # fmt: skip
    # A tujuan row is printed with its tujuan.
    assert (
        pk.baris_set.get(indikator=indikator["T2-1"]).sasaran_uraian
        == "Meningkatnya Kontribusi PDRB Sektor Unggulan"
    )
    assert [(a.program.kode, a.nilai) for a in pk.anggaran_set.all()] == [("3.30.01", Decimal("9016697517"))]
    alasan = pk.history.order_by("-history_id").first().history_change_reason
    assert alasan.startswith("Perjanjian Kinerja 2022 diubah: −S2.2-1")
    target = (
        BarisPK.history.filter(pk_dokumen_id=pk.pk, indikator=indikator["S2.1-1"])
        .order_by("-history_id")
        .first()
    )
    assert target.history_change_reason == "Perjanjian Kinerja 2022: target S2.1-1 0,1 → 0,25"
    assert target.history_user == dunia.operator


def test_a_stale_edit_form_is_refused(draf_2022, dunia, indikator):
    pk = draf_2022
    jejak_lama = selectors.jejak_pk(pk)
    baris = [B(indikator["S2.1-1"].pk, Decimal("0.3"))]
    services.pk_ubah(user=dunia.admin, pk=pk, kepala=KEPALA, baris=baris, anggaran=[], jejak=jejak_lama)
    with pytest.raises(ValidationError, match="sudah diubah oleh .* setelah halaman ini dibuka"):
        services.pk_ubah(
            user=dunia.operator, pk=pk, kepala=KEPALA, baris=[B(indikator["S2.1-1"].pk, Decimal("0.4"))],
            anggaran=[], jejak=jejak_lama,
        )  # fmt: skip
    assert pk.baris_set.get().target == Decimal("0.3")


def test_an_approved_pk_cannot_be_edited(dunia, indikator):
    pk = _seed(dunia, 1)
    with pytest.raises(ValidationError, match="sudah disetujui dan tidak dapat diubah lagi.*PK Perubahan"):
        services.pk_ubah(
            user=dunia.admin,
            pk=pk,
            kepala=KEPALA,
            baris=[B(indikator["S2.1-1"].pk, Decimal("9"))],
            anggaran=[],
        )
    assert pk.baris_set.get(indikator=indikator["S2.1-1"]).target == Decimal("0.1")


def test_a_frozen_year_refuses_the_operator_but_not_the_admin(draf_2022, dunia, indikator):
    TahunOPD.objects.update_or_create(opd=dunia.opd_a, tahun=2022, defaults={"beku": True})
    argumen = {
        "pk": draf_2022,
        "kepala": KEPALA,
        "baris": [B(indikator["S2.1-1"].pk, Decimal("0.2"))],
        "anggaran": [],
    }
    with pytest.raises(ValidationError, match="dibekukan"):
        services.pk_ubah(user=dunia.operator, **argumen)
    services.pk_ubah(user=dunia.admin, **argumen)
    assert draf_2022.baris_set.get().target == Decimal("0.2")


def test_a_draft_can_be_deleted(draf_2022, dunia):
    services.pk_draf_hapus(user=dunia.operator, pk=draf_2022)
    assert not PerjanjianKinerja.objects.filter(pk=draf_2022.pk).exists()
    assert (
        PerjanjianKinerja.history.filter(id=draf_2022.pk, history_type="-").get().history_user
        == dunia.operator
    )


def test_an_approved_pk_is_never_deleted(dunia):
    with pytest.raises(ValidationError, match="sudah disetujui"):
        services.pk_draf_hapus(user=dunia.admin, pk=_seed(dunia, 1))
    assert PerjanjianKinerja.objects.filter(opd=dunia.opd_a, tahun=2022).count() == 2


# --- approval ---------------------------------------------------------------------------------------------


def test_kepala_approves_and_the_years_definitions_are_fixed(draf_2022, dunia, indikator):
    assert not DefinisiIndikatorTahun.objects.filter(tahun=2022).exists()
    services.pk_setujui(user=dunia.kepala, pk=draf_2022, catatan="sesuai rapat pimpinan")
    pk = PerjanjianKinerja.objects.get(pk=draf_2022.pk)
    assert (pk.status, pk.disetujui_oleh) == ("disetujui", dunia.kepala)
    assert pk.disetujui_pada is not None
    definisi = {d.indikator.kode: d for d in DefinisiIndikatorTahun.objects.filter(tahun=2022)}
    assert set(definisi) == {"S2.1-1", "S2.2-1"}
    assert definisi["S2.1-1"].nama == "Persentase Peningkatan Produksi Sektor Unggulan"
    assert definisi["S2.1-1"].satuan == "%"
    catatan = pk.history.order_by("-history_id").first()
    assert catatan.history_user == dunia.kepala
    assert catatan.history_change_reason == "Perjanjian Kinerja 2022 disetujui: sesuai rapat pimpinan"
    # A later change of the indicator does not touch the fixed 2022 definition.
    ind = indikator["S2.1-1"]
    ind.satuan = "persen"
    ind.save()
    assert DefinisiIndikatorTahun.objects.get(indikator=ind, tahun=2022).satuan == "%"


@pytest.mark.parametrize("persona", ["operator", "auditor"])
def test_operator_and_auditor_cannot_approve(draf_2022, dunia, persona):
    with pytest.raises(PermissionDenied):
        services.pk_setujui(user=dunia.persona(persona), pk=draf_2022)
    assert PerjanjianKinerja.objects.get(pk=draf_2022.pk).status == "draf"
    assert not DefinisiIndikatorTahun.objects.filter(tahun=2022).exists()


def test_admin_approves_and_an_outsider_is_not_told_the_pk_exists(draf_2022, dunia):
    with pytest.raises(Http404):
        services.pk_setujui(user=dunia.operator2, pk=draf_2022)
    services.pk_setujui(user=dunia.admin, pk=draf_2022)
    assert PerjanjianKinerja.objects.get(pk=draf_2022.pk).disetujui_oleh == dunia.admin


def test_approval_needs_rows(tanpa_pk_2022):
    dunia = tanpa_pk_2022
    kosong = services.pk_buat(
        user=dunia.operator, opd=dunia.opd_a, tahun=2022, kepala=KEPALA, baris=[], anggaran=[]
    )
    with pytest.raises(ValidationError, match="belum berisi indikator"):
        services.pk_setujui(user=dunia.kepala, pk=kosong)
    assert PerjanjianKinerja.objects.get(pk=kosong.pk).status == "draf"


def test_an_approved_pk_is_not_approved_again(dunia):
    pk = _seed(dunia, 1)
    with pytest.raises(ValidationError, match="sudah disetujui"):
        services.pk_setujui(user=dunia.kepala, pk=pk)
    assert PerjanjianKinerja.objects.get(pk=pk.pk).disetujui_oleh is None


# --- PK Perubahan --------------------------------------------------------------------------------------------


def test_perubahan_copies_rows_budgets_and_parties_of_the_approved_latest_pk(dunia):
    lama = _seed(dunia, 1)
    baru = services.pk_perubahan_buat(
        user=dunia.operator, pk=lama, alasan_perubahan="Penyesuaian DPA Perubahan kedua"
    )
    assert (baru.revisi, baru.menggantikan, baru.status, baru.dokumen_anggaran) == (
        2,
        lama,
        "draf",
        "dpa_perubahan",
    )
    assert baru.judul == "Perjanjian Kinerja Perubahan ke-2"
    assert baru.pihak_pertama_nama == "Drs. YANUAR APRIANSYAH,MM"
    assert [(b.indikator.kode, b.target) for b in baru.baris_set.order_by("urutan")] == [
        ("S2.1-1", Decimal("0.1")), ("S2.2-1", Decimal("1"))
    ]  # fmt: skip
    assert AnggaranPK.objects.filter(pk_dokumen=baru).count() == 8
    assert sum(a.nilai for a in baru.anggaran_set.all()) == Decimal("51719269154")
    assert baru.history.get().history_user == dunia.operator


@pytest.mark.parametrize(
    ("revisi", "alasan", "pesan"),
    [
        (1, "  ", "Alasan perubahan wajib diisi"),
        (0, "DPA Perubahan", "perubahan berikutnya dibuat dari versi terbaru"),
    ],
)
def test_perubahan_needs_a_reason_and_the_latest_version(dunia, revisi, alasan, pesan):
    with pytest.raises(ValidationError, match=pesan):
        services.pk_perubahan_buat(user=dunia.operator, pk=_seed(dunia, revisi), alasan_perubahan=alasan)
    assert PerjanjianKinerja.objects.filter(opd=dunia.opd_a, tahun=2022).count() == 2


def test_perubahan_of_a_draft_is_refused(draf_2022, dunia):
    with pytest.raises(ValidationError, match="setujui dulu"):
        services.pk_perubahan_buat(user=dunia.operator, pk=draf_2022, alasan_perubahan="x")


def test_the_seed_perubahan_against_its_pk_shows_the_iku_replaced_and_budgets(dunia):
    banding = selectors.perubahan_banding(pk=_seed(dunia, 1))
    keadaan = {b.indikator.kode: (b.keadaan, b.sebelum, b.sesudah) for b in banding.baris}
    assert keadaan["S2.1-1"] == ("baru", "–", "0,1")
    assert keadaan["S2.2-1"] == ("baru", "–", "1")
    assert keadaan["S1.2-2"] == ("dihapus", "80", "–")
    assert keadaan["S1.1-1"] == ("dihapus", "0,5", "–")
    assert banding.jumlah_berubah == 6
    anggaran = {a.program.kode: a for a in banding.anggaran}
    assert (anggaran["3.30.01"].sebelum_tampil, anggaran["3.30.01"].sesudah_tampil) == (
        "Rp 9.016.697.517", "Rp 9.278.235.506"
    )  # fmt: skip
    assert anggaran["3.30.01"].selisih_tampil == "+Rp 261.537.989"
    assert anggaran["3.30.05"].selisih_tampil == "−Rp 43.020.000"
    assert (banding.total_sebelum, banding.total_sesudah) == ("Rp 45.560.165.117", "Rp 51.719.269.154")


def test_an_edited_perubahan_shows_the_changed_target_and_can_be_approved(dunia, indikator):
    lama = _seed(dunia, 1)
    baru = services.pk_perubahan_buat(
        user=dunia.operator, pk=lama, alasan_perubahan="Target produksi dinaikkan"
    )
    anggaran = [A(a.program_id, a.nilai) for a in baru.anggaran_set.order_by("urutan")]
    services.pk_ubah(
        user=dunia.operator, pk=baru,
        kepala=services.KepalaPK(**{**KEPALA.__dict__, "dokumen_anggaran": "dpa_perubahan",
                                    "alasan_perubahan": "Target produksi dinaikkan"}),
        baris=[B(indikator["S2.1-1"].pk, Decimal("0.2")), B(indikator["S2.2-1"].pk, Decimal("1"))],
        anggaran=anggaran,
    )  # fmt: skip
    keadaan = {
        b.indikator.kode: (b.keadaan, b.sebelum, b.sesudah)
        for b in selectors.perubahan_banding(pk=baru).baris
    }
    assert keadaan == {"S2.1-1": ("berubah", "0,1", "0,2"), "S2.2-1": ("tetap", "1", "1")}
    services.pk_setujui(user=dunia.kepala, pk=baru)
    assert PerjanjianKinerja.objects.get(pk=baru.pk).status == "disetujui"
    assert (
        DefinisiIndikatorTahun.objects.filter(tahun=2022, indikator__kode__in=["S2.1-1", "S2.2-1"]).count()
        == 2
    )


def test_perubahan_requires_reason_on_edit(dunia, indikator):
    baru = services.pk_perubahan_buat(user=dunia.operator, pk=_seed(dunia, 1), alasan_perubahan="x")
    with pytest.raises(ValidationError, match="Alasan perubahan wajib diisi"):
        services.pk_ubah(user=dunia.operator, pk=baru, kepala=KEPALA, baris=[], anggaran=[])

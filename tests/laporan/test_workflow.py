"""The workflow: each step by each role, allowed or refused; frozen data; narratives only in Draft."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from inti.models import TahunOPD
from inti.tulis import tahun_dibekukan
from lkjip.laporan import services
from lkjip.laporan.models import Laporan, Narasi, RevisiArsip, ReviuLaporan, TransisiLaporan
from tests.laporan.bantu_lengkap import laporan_berstatus, lengkapi_laporan

pytestmark = pytest.mark.django_db
S = Laporan.Status


@pytest.fixture(autouse=True)
def render_cepat(monkeypatch):
    """The role matrix is about who may sign, not about rendering: a small stand-in for the PDF."""

    def palsu(opd, tahun, pengesahan):
        return services.Berkas(f"%PDF-1.7 palsu {pengesahan.kode_pendek}".encode(), b"PK-palsu")

    monkeypatch.setattr(services, "_render_pengesahan", palsu)


def _langkah(aksi, user, opd):
    umum = {"user": user, "opd": opd, "tahun": 2022}
    if aksi == "ajukan":
        return services.laporan_ajukan(**umum)
    if aksi == "kembalikan":
        return services.laporan_kembalikan(**umum, catatan="Tabel 3.3 perlu dilengkapi.")
    if aksi == "reviu":
        return services.laporan_reviu(**umum, pernyataan="Telah direviu.", catatan="")
    if aksi == "setujui":
        return services.laporan_setujui(**umum)
    return services.laporan_revisi_baru(**umum, catatan="Koreksi realisasi Tribulan IV.")


# step: (state before, state after)
LANGKAH = {
    "ajukan": (S.DRAFT, S.DIAJUKAN),
    "kembalikan": (S.DIAJUKAN, S.DRAFT),
    "reviu": (S.DIAJUKAN, S.DIREVIU),
    "setujui": (S.DIREVIU, S.DISETUJUI),
    "revisi": (S.DISETUJUI, S.DRAFT),
}
BOLEH = {
    "ajukan": {"admin_user_demo", "operator_user"},
    "kembalikan": {"admin_user_demo", "auditor_user"},
    "reviu": {"admin_user_demo", "auditor_user"},
    "setujui": {"admin_user_demo", "kepala_user"},
    "revisi": {"admin_user_demo", "operator_user"},
}
PERSONA = ["admin_user_demo", "operator_user", "kepala_user", "auditor_user", "operator2_user"]


@pytest.mark.parametrize("persona", PERSONA)
@pytest.mark.parametrize("aksi", list(LANGKAH))
def test_each_step_by_each_role(request, aksi, persona, opd_disperindag):
    user = request.getfixturevalue(persona)
    dari, ke = LANGKAH[aksi]
    if aksi in ("ajukan", "setujui"):
        # Only a complete report is submitted or signed: completed while a Draft, then put in the state.
        lengkapi_laporan(user=request.getfixturevalue("admin_user_demo"), opd=opd_disperindag)
    laporan = laporan_berstatus(opd_disperindag, dari)
    if persona in BOLEH[aksi]:
        _langkah(aksi, user, opd_disperindag)
        laporan.refresh_from_db()
        assert laporan.status == ke
        transisi = TransisiLaporan.objects.get(laporan=laporan)
        assert (transisi.dari, transisi.ke, transisi.oleh) == (dari, ke, user)
        assert laporan.history.first().history_user == user
    else:
        # Another OPD's user does not learn the report exists; a reader of the OPD is refused.
        galat = Http404 if persona == "operator2_user" else PermissionDenied
        with pytest.raises(galat):
            _langkah(aksi, user, opd_disperindag)
        laporan.refresh_from_db()
        assert laporan.status == dari
        assert not TransisiLaporan.objects.filter(laporan=laporan).exists()


@pytest.mark.parametrize(
    "aksi,status",
    [
        ("ajukan", S.DIAJUKAN),
        ("ajukan", S.DISETUJUI),
        ("reviu", S.DRAFT),
        ("reviu", S.DIREVIU),
        ("kembalikan", S.DRAFT),
        ("kembalikan", S.DISETUJUI),
        ("setujui", S.DIAJUKAN),
        ("setujui", S.DRAFT),
        ("revisi", S.DIREVIU),
    ],
)
def test_a_step_from_the_wrong_state_is_refused(aksi, status, admin_user_demo, opd_disperindag):
    laporan = laporan_berstatus(opd_disperindag, status)
    with pytest.raises(ValidationError) as galat:
        _langkah(aksi, admin_user_demo, opd_disperindag)
    assert "Laporan berstatus" in galat.value.messages[0]
    laporan.refresh_from_db()
    assert laporan.status == status


def test_a_complete_draft_is_submitted_as_revision_1(operator_user, opd_disperindag):
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    laporan = services.laporan_ajukan(user=operator_user, opd=opd_disperindag, tahun=2022, catatan="Siap direviu")
    assert (laporan.status, laporan.revisi) == (S.DIAJUKAN, 1)
    assert TransisiLaporan.objects.get(laporan=laporan).catatan == "Siap direviu"


def test_returning_and_reviewing_need_their_texts(auditor_user, opd_disperindag):
    laporan_berstatus(opd_disperindag, S.DIAJUKAN)
    with pytest.raises(ValidationError, match="Catatan pengembalian wajib diisi"):
        services.laporan_kembalikan(user=auditor_user, opd=opd_disperindag, tahun=2022, catatan="  ")
    with pytest.raises(ValidationError, match="Pernyataan reviu wajib diisi"):
        services.laporan_reviu(user=auditor_user, opd=opd_disperindag, tahun=2022, pernyataan="")
    reviu = services.laporan_reviu(
        user=auditor_user, opd=opd_disperindag, tahun=2022, pernyataan="Disajikan sesuai ketentuan.", catatan="Lengkapi 1.2"
    )
    assert (reviu.revisi, reviu.auditor, reviu.catatan) == (1, auditor_user, "Lengkapi 1.2")


def test_full_cycle_and_new_revision(operator_user, auditor_user, kepala_user, opd_disperindag):
    umum = {"opd": opd_disperindag, "tahun": 2022}
    lengkapi_laporan(user=operator_user, **umum)
    services.laporan_ajukan(user=operator_user, **umum)
    services.laporan_kembalikan(user=auditor_user, catatan="Perbaiki narasi BAB IV.", **umum)
    services.laporan_ajukan(user=operator_user, **umum)
    services.laporan_reviu(user=auditor_user, pernyataan="Telah direviu.", **umum)
    arsip = services.laporan_setujui(user=kepala_user, **umum)
    assert arsip.nomor == 1 and arsip.penanda_tangan == kepala_user and arsip.jabatan_penanda_tangan == "Kepala OPD"
    assert arsip.sha256 == hashlib.sha256(arsip.berkas.read()).hexdigest()
    assert arsip.berkas.name.startswith("laporan/arsip/disperindag/2022/lkjip-disperindag-2022-rev1-")
    laporan = services.laporan_revisi_baru(user=operator_user, catatan="Realisasi TW IV dikoreksi.", **umum)
    assert (laporan.status, laporan.revisi) == (S.DRAFT, 2)
    langkah = list(TransisiLaporan.objects.filter(laporan=laporan).values_list("dari", "ke", "revisi"))
    assert langkah == [
        ("draft", "diajukan", 1), ("diajukan", "draft", 1), ("draft", "diajukan", 1), ("diajukan", "direviu", 1),
        ("direviu", "disetujui", 1), ("disetujui", "draft", 2),
    ]
    # The second revision goes through the workflow again and is archived beside the first.
    services.laporan_ajukan(user=operator_user, **umum)
    services.laporan_reviu(user=auditor_user, pernyataan="Revisi telah direviu.", **umum)
    kedua = services.laporan_setujui(user=kepala_user, **umum)
    assert kedua.nomor == 2 and kedua.kode_pendek != arsip.kode_pendek
    assert list(RevisiArsip.objects.filter(laporan=laporan).values_list("nomor", flat=True)) == [1, 2]
    assert ReviuLaporan.objects.filter(laporan=laporan).count() == 2


def _beku(opd, tahun=2022) -> bool:
    return tahun_dibekukan(opd.pk, tahun)


def test_the_years_data_is_frozen_from_submission_until_a_return_to_draft(
    operator_user, auditor_user, kepala_user, opd_disperindag, opd_kedua
):
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    assert _beku(opd_disperindag) is False
    _langkah("ajukan", operator_user, opd_disperindag)
    assert _beku(opd_disperindag) is True
    assert (_beku(opd_disperindag, 2023), _beku(opd_kedua)) == (False, False)
    _langkah("kembalikan", auditor_user, opd_disperindag)
    assert _beku(opd_disperindag) is False
    for aksi, user in (("ajukan", operator_user), ("reviu", auditor_user), ("setujui", kepala_user)):
        _langkah(aksi, user, opd_disperindag)
        assert _beku(opd_disperindag) is True, aksi


def test_a_new_revision_unfreezes_the_data(operator_user, auditor_user, kepala_user, opd_disperindag):
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    for aksi, user in (("ajukan", operator_user), ("reviu", auditor_user), ("setujui", kepala_user)):
        _langkah(aksi, user, opd_disperindag)
    _langkah("revisi", operator_user, opd_disperindag)
    assert _beku(opd_disperindag) is False
    tahun = TahunOPD.objects.get(opd=opd_disperindag, tahun=2022)
    terakhir = tahun.history.order_by("-history_date", "-history_id").first()
    assert (terakhir.history_change_reason, terakhir.history_user) == ("LKjIP revisi 2 dibuka", operator_user)


# --- narratives ---------------------------------------------------------------------------------


def test_operator_writes_a_narrative_in_draft_and_an_empty_text_restores_the_default(operator_user, opd_disperindag):
    narasi = services.narasi_simpan(
        user=operator_user, opd=opd_disperindag, tahun=2022, bagian="bab1_organisasi", teks="Dinas dipimpin kepala.\r\n"
    )
    assert narasi.teks == "Dinas dipimpin kepala." and narasi.diubah_oleh == operator_user
    assert narasi.history.first().history_user == operator_user
    assert services.narasi_simpan(
        user=operator_user, opd=opd_disperindag, tahun=2022, bagian="bab1_organisasi", teks=""
    ) is None
    assert not Narasi.objects.filter(bagian="bab1_organisasi").exists()


def test_narratives_are_locked_outside_draft(operator_user, opd_disperindag):
    laporan_berstatus(opd_disperindag, S.DIAJUKAN)
    with pytest.raises(ValidationError, match="mengubah narasi"):
        services.narasi_simpan(user=operator_user, opd=opd_disperindag, tahun=2022, bagian="kata_pengantar", teks="x")
    assert not Narasi.objects.filter(teks="x").exists()


@pytest.mark.parametrize("persona,galat", [("auditor_user", PermissionDenied), ("kepala_user", PermissionDenied),
                                           ("operator2_user", Http404)])
def test_only_writers_of_the_opd_write_narratives(request, persona, galat, opd_disperindag):
    with pytest.raises(galat):
        services.narasi_simpan(
            user=request.getfixturevalue(persona), opd=opd_disperindag, tahun=2022, bagian="kata_pengantar", teks="x"
        )
    assert not Narasi.objects.filter(teks="x").exists()


def test_an_unknown_section_is_refused(operator_user, opd_disperindag):
    with pytest.raises(ValidationError, match="Bagian narasi tidak dikenal"):
        services.narasi_simpan(user=operator_user, opd=opd_disperindag, tahun=2022, bagian="../x", teks="x")


# --- through the web ----------------------------------------------------------------------------

URL = "/opd/disperindag/laporan/2022/langkah/{}/"


def test_operator_submits_through_the_page(client_for, operator_user, opd_disperindag):
    lengkapi_laporan(user=operator_user, opd=opd_disperindag)
    response = client_for(operator_user).post(URL.format("ajukan"), {"catatan": "Mohon direviu"})
    assert response.status_code == 302 and response["Location"] == "/opd/disperindag/laporan/2022/"
    assert Laporan.objects.get(opd=opd_disperindag, tahun=2022).status == S.DIAJUKAN


def test_a_reader_cannot_submit_and_an_outsider_does_not_see_the_report(client_for, auditor_user, operator2_user,
                                                                        opd_disperindag):
    assert client_for(auditor_user).post(URL.format("ajukan")).status_code == 403
    assert client_for(operator2_user).post(URL.format("ajukan")).status_code == 404
    assert not TransisiLaporan.objects.filter(laporan__opd=opd_disperindag).exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.post(URL.format("ajukan"))
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_returning_without_notes_through_the_page_changes_nothing(client_for, auditor_user, opd_disperindag):
    laporan_berstatus(opd_disperindag, S.DIAJUKAN)
    response = client_for(auditor_user).post(URL.format("kembalikan"), {"catatan": ""}, follow=True)
    assert "Tuliskan catatan" in response.content.decode()
    assert Laporan.objects.get(opd=opd_disperindag, tahun=2022).status == S.DIAJUKAN


def test_a_step_from_the_wrong_state_through_the_page_shows_the_reason(client_for, kepala_user, opd_disperindag):
    response = client_for(kepala_user).post(URL.format("setujui"), follow=True)
    assert "Laporan berstatus Draf; persetujuan hanya untuk" in response.content.decode()

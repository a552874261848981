"""Writes of the Perjanjian Kinerja: create the year's draft, edit it, approve it, make a PK Perubahan from
an approved PK, delete a draft, and save the Rencana Aksi (Tribulan targets) of a PK.

Every function here follows the shared write pattern (`inti.tulis`): access through `inti.akses` (another
OPD: 404; read-only: 403; approval: the kepala or the admin, `Akses.boleh_setujui`), validation first
(`ValidationError` in Indonesian, nothing written), then one transaction that refuses a frozen year
(`pastikan_boleh_ubah`), locks the PK row, refuses a stale form (the page's fingerprint, `jejak`, differs
from the stored one) and writes with `simpan`/`hapus`, so every history row names the user and a reason.
Every change to a PK also saves the PK itself with a reason that sums it up, so the PK's own history is
the document's audit trail.

Rules:

- A PK is edited while it is a draft. An approved PK is fixed; a change goes into a PK Perubahan (revisi
  n+1, made from the approved latest version, copying its rows, budgets and Rencana Aksi).
- Approval (kepala or admin) sets status, approver and time, and in the same transaction fixes that
  year's definitions of the PK's indicators (`renstra.services.definisi_bekukan`).
- The Rencana Aksi is a working plan: it may be changed after the PK is approved, while the year is not
  frozen, and only on the latest version of the year's PK (the Perubahan carries it on). A Tribulan's
  target is refused while that Tribulan's monev period is locked (admin excepted), since the Tribulan's
  realisasi has been judged against it. Tribulan targets that do not add up to the year's target give a
  warning, not a refusal.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from anggaran.models import Program
from inti.akses import pastikan_akses_opd, peran_pengguna
from inti.models import OPD
from inti.periode import NILAI_DIGITS, TRIBULAN, UANG_DIGITS, Tribulan, format_waktu
from inti.tampilan import format_rupiah, nama_pengguna
from inti.tulis import (
    hapus,
    pastikan_boleh_ubah,
    simpan,
    terakhir_diubah,
    validasi_desimal,
    validasi_periode,
    validasi_teks,
)
from perjanjian import selectors
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja, RencanaAksi
from perjanjian.selectors import tampil_target
from renstra.models import Indikator
from renstra.services import definisi_bekukan

Status = PerjanjianKinerja.Status
DokumenAnggaran = PerjanjianKinerja.DokumenAnggaran


@dataclass(frozen=True)
class BarisMasukan:
    """One PK row as the form gives it: the indicator and its target for the year."""

    indikator_id: int
    target: Decimal | None


@dataclass(frozen=True)
class AnggaranMasukan:
    """One program budget of the PK."""

    program_id: int
    nilai: Decimal | None
    sumber_dana: str = "APBD"


@dataclass(frozen=True)
class KepalaPK:
    """The header of a PK: budget document, place and date, the two parties, the reason of a Perubahan."""

    dokumen_anggaran: str = DokumenAnggaran.DPA
    tempat: str = ""
    tanggal: datetime.date | None = None
    pihak_pertama_nama: str = ""
    pihak_pertama_jabatan: str = ""
    pihak_pertama_nip: str = ""
    pihak_pertama_pangkat: str = ""
    pihak_kedua_nama: str = ""
    pihak_kedua_jabatan: str = ""
    alasan_perubahan: str = ""


# --- validation -----------------------------------------------------------------------------------------


def _validasi_kepala(kepala: KepalaPK, *, tahun: int, perubahan: bool) -> dict:
    galat: dict[str, list[str]] = {}

    def teks(nama: str, label: str, max_length: int, wajib: bool = False) -> str:
        try:
            return validasi_teks(getattr(kepala, nama), label=label, max_length=max_length, wajib=wajib)
        except ValidationError as e:
            galat.setdefault(nama, []).extend(e.messages)
            return ""

    bersih = {
        "tempat": teks("tempat", "Tempat", 100),
        "pihak_pertama_nama": teks("pihak_pertama_nama", "Nama pihak pertama", 200, True),
        "pihak_pertama_jabatan": teks("pihak_pertama_jabatan", "Jabatan pihak pertama", 200, True),
        "pihak_pertama_nip": teks("pihak_pertama_nip", "NIP pihak pertama", 30),
        "pihak_pertama_pangkat": teks("pihak_pertama_pangkat", "Pangkat/golongan pihak pertama", 100),
        "pihak_kedua_nama": teks("pihak_kedua_nama", "Nama pihak kedua", 200, True),
        "pihak_kedua_jabatan": teks("pihak_kedua_jabatan", "Jabatan pihak kedua", 200, True),
        "alasan_perubahan": teks("alasan_perubahan", "Alasan perubahan", 2000, perubahan),
    }
    nip = bersih["pihak_pertama_nip"].replace(" ", "")
    if nip and not nip.isdigit():
        galat.setdefault("pihak_pertama_nip", []).append("NIP hanya berisi angka (spasi boleh).")
    if kepala.dokumen_anggaran not in DokumenAnggaran.values:
        galat.setdefault("dokumen_anggaran", []).append("Pilih dokumen anggaran: DPA atau DPA Perubahan.")
    bersih["dokumen_anggaran"] = kepala.dokumen_anggaran
    if kepala.tanggal is not None and not (tahun - 1 <= kepala.tanggal.year <= tahun):
        galat.setdefault("tanggal", []).append(
            f"Tanggal penandatanganan PK tahun {tahun} harus pada tahun {tahun - 1} atau {tahun}."
        )
    bersih["tanggal"] = kepala.tanggal
    if galat:
        raise ValidationError(galat)
    return bersih


def _validasi_baris(
    baris: Sequence[BarisMasukan], *, opd: OPD, tahun: int, boleh_tetap: set[int]
) -> list[tuple[Indikator, Decimal]]:
    """The rows as (indicator, target), in the given order. An indicator must be the OPD's, a Renstra
    indicator in force in the year (or one the PK already holds), and appear once; a target is required."""
    ids = [b.indikator_id for b in baris]
    indikator = {i.pk: i for i in Indikator.objects.select_related("sasaran", "tujuan").filter(pk__in=ids)}
    berlaku = {i.pk for i in selectors.indikator_berlaku(opd=opd, tahun=tahun)}
    pesan, hasil, terlihat = [], [], set()
    for b in baris:
        ind = indikator.get(b.indikator_id)
        if ind is None or ind.opd_id != opd.pk:
            pesan.append("Indikator yang dipilih bukan milik OPD ini.")
            continue
        if ind.pk in terlihat:
            pesan.append(f"Indikator {ind.kode} dipilih lebih dari sekali.")
            continue
        terlihat.add(ind.pk)
        if ind.pk not in berlaku and ind.pk not in boleh_tetap:
            pesan.append(f"Indikator {ind.kode} tidak berlaku pada Renstra tahun {tahun}.")
            continue
        if b.target is None:
            pesan.append(f"Target indikator {ind.kode} wajib diisi.")
            continue
        try:
            target = validasi_desimal(b.target, label=f"Target {ind.kode}", **NILAI_DIGITS)
        except ValidationError as e:
            pesan.extend(e.messages)
            continue
        hasil.append((ind, target))
    if pesan:
        raise ValidationError(pesan)
    return hasil


def _validasi_anggaran(
    anggaran: Sequence[AnggaranMasukan], *, opd: OPD, tahun: int
) -> list[tuple[Program, Decimal, str]]:
    ids = [a.program_id for a in anggaran]
    program = {p.pk: p for p in Program.objects.filter(pk__in=ids)}
    pesan, hasil, terlihat = [], [], set()
    for a in anggaran:
        p = program.get(a.program_id)
        if p is None or p.opd_id != opd.pk:
            pesan.append("Program yang dipilih bukan milik OPD ini.")
            continue
        if p.tahun != tahun:
            pesan.append(f"Program {p.kode} adalah program tahun {p.tahun}, bukan tahun {tahun}.")
            continue
        if p.pk in terlihat:
            pesan.append(f"Program {p.kode} dipilih lebih dari sekali.")
            continue
        terlihat.add(p.pk)
        if a.nilai is None:
            pesan.append(f"Anggaran program {p.kode} wajib diisi.")
            continue
        try:
            nilai = validasi_desimal(
                a.nilai, label=f"Anggaran program {p.kode}", boleh_negatif=False, **UANG_DIGITS
            )
            sumber = (
                validasi_teks(a.sumber_dana, label=f"Sumber dana program {p.kode}", max_length=40) or "APBD"
            )
        except ValidationError as e:
            pesan.extend(e.messages)
            continue
        hasil.append((p, nilai, sumber))
    if pesan:
        raise ValidationError(pesan)
    return hasil


def _pastikan_draf(pk: PerjanjianKinerja) -> None:
    if pk.status != Status.DRAF:
        raise ValidationError(
            f"{pk.judul} {pk.tahun} sudah disetujui dan tidak dapat diubah lagi; "
            "untuk mengubah target atau anggaran, buat PK Perubahan.",
            code="sudah_disetujui",
        )


def _kunci_pk(pk: PerjanjianKinerja, jejak: str | None) -> PerjanjianKinerja:
    """The PK row locked for the transaction; a stale form (its fingerprint differs) is refused."""
    terkunci = PerjanjianKinerja.objects.select_for_update().select_related("opd").get(pk=pk.pk)
    if jejak is not None and jejak != selectors.jejak_pk(terkunci):
        _tolak_basi(terkunci)
    return terkunci


def _tolak_basi(pk: PerjanjianKinerja):
    oleh, pada = terakhir_diubah(pk.history.all())
    kapan = f" pada {format_waktu(pada)}" if pada else ""
    raise ValidationError(
        f"{pk.judul} {pk.tahun} sudah diubah oleh {nama_pengguna(oleh, kosong='pengguna lain')}{kapan} "
        "setelah halaman ini dibuka; perubahan Anda tidak disimpan. Muat ulang halaman dan ulangi.",
        code="konflik",
    )


# --- writing rows and budgets -------------------------------------------------------------------------


def _tulis_isi(
    *,
    user,
    pk: PerjanjianKinerja,
    baris: list[tuple[Indikator, Decimal]],
    anggaran: list[tuple[Program, Decimal, str]],
) -> list[str]:
    """Make the PK's rows and budgets what the form says; returns what changed, for the PK's reason."""
    label = f"{pk.judul} {pk.tahun}"
    perubahan: list[str] = []
    lama = {b.indikator_id: b for b in BarisPK.objects.select_for_update().filter(pk_dokumen=pk)}
    diminta = {ind.pk for ind, _ in baris}
    for ind_id, b in lama.items():
        if ind_id not in diminta:
            hapus(b, user, f"{label}: indikator {b.indikator.kode} dihapus")
            perubahan.append(f"−{b.indikator.kode}")
    for urutan, (ind, target) in enumerate(baris, start=1):
        b = lama.get(ind.pk)
        if b is None:
            b = BarisPK(
                pk_dokumen=pk, indikator=ind, sasaran=ind.sasaran, sasaran_uraian=selectors.uraian_induk(ind)[:400],
                satuan=ind.satuan, target=target, urutan=urutan,
            )  # fmt: skip
            simpan(b, user, f"{label}: indikator {ind.kode} ditambahkan, target {tampil_target(target)}")
            perubahan.append(f"+{ind.kode}")
        elif b.target != target or b.urutan != urutan:
            semula = b.target
            b.target, b.urutan = target, urutan
            simpan(b, user, f"{label}: target {ind.kode} {tampil_target(semula)} → {tampil_target(target)}")
            if semula != target:
                perubahan.append(f"{ind.kode} {tampil_target(semula)}→{tampil_target(target)}")

    lama_a = {
        a.program_id: a
        for a in AnggaranPK.objects.select_for_update().select_related("program").filter(pk_dokumen=pk)
    }
    diminta_a = {p.pk for p, _, _ in anggaran}
    for pid, a in lama_a.items():
        if pid not in diminta_a:
            hapus(a, user, f"{label}: anggaran program {a.program.kode} dihapus")
            perubahan.append(f"−program {a.program.kode}")
    for urutan, (p, nilai, sumber) in enumerate(anggaran, start=1):
        a = lama_a.get(p.pk)
        if a is None:
            a = AnggaranPK(pk_dokumen=pk, program=p, nilai=nilai, sumber_dana=sumber, urutan=urutan)
            simpan(a, user, f"{label}: program {p.kode} {format_rupiah(nilai)}")
            perubahan.append(f"+program {p.kode}")
        elif (a.nilai, a.sumber_dana, a.urutan) != (nilai, sumber, urutan):
            semula = a.nilai
            a.nilai, a.sumber_dana, a.urutan = nilai, sumber, urutan
            simpan(a, user, f"{label}: anggaran {p.kode} {format_rupiah(semula)} → {format_rupiah(nilai)}")
            if semula != nilai:
                perubahan.append(f"program {p.kode} anggaran")
    return perubahan


def _ringkas(judul: str, perubahan: list[str]) -> str:
    if not perubahan:
        return judul
    return f"{judul}: {', '.join(perubahan)}"


# --- the services -----------------------------------------------------------------------------------------


def pk_buat(
    *,
    user,
    opd: OPD,
    tahun: int,
    kepala: KepalaPK,
    baris: Sequence[BarisMasukan],
    anggaran: Sequence[AnggaranMasukan],
) -> PerjanjianKinerja:
    """Create the year's PK (revisi 0) as a draft. Refused when the year already has a PK."""
    pastikan_akses_opd(user, opd, tulis=True)
    validasi_periode(tahun)
    bersih = _validasi_kepala(kepala, tahun=tahun, perubahan=False)
    bersih["alasan_perubahan"] = ""
    baris_sah = _validasi_baris(baris, opd=opd, tahun=tahun, boleh_tetap=set())
    anggaran_sah = _validasi_anggaran(anggaran, opd=opd, tahun=tahun)
    with transaction.atomic():
        pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=tahun)
        if PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).exists():
            raise ValidationError(
                f"PK tahun {tahun} sudah ada. Ubah drafnya, atau buat PK Perubahan dari PK yang sudah disetujui.",
                code="sudah_ada",
            )
        pk = PerjanjianKinerja(opd=opd, tahun=tahun, revisi=0, status=Status.DRAF, **bersih)
        simpan(pk, user, f"PK {tahun} dibuat (draf)")
        _tulis_isi(user=user, pk=pk, baris=baris_sah, anggaran=anggaran_sah)
    return pk


def pk_ubah(
    *,
    user,
    pk: PerjanjianKinerja,
    kepala: KepalaPK,
    baris: Sequence[BarisMasukan],
    anggaran: Sequence[AnggaranMasukan],
    jejak: str | None = None,
) -> PerjanjianKinerja:
    """Change a draft PK: header, rows (add, remove, target) and program budgets.

    `jejak` is the fingerprint the edit page showed (`selectors.jejak_pk`); None skips the check.
    Refused for an approved PK (make a PK Perubahan instead).
    """
    pastikan_akses_opd(user, pk.opd_id, tulis=True)
    _pastikan_draf(pk)
    opd = pk.opd
    bersih = _validasi_kepala(kepala, tahun=pk.tahun, perubahan=pk.revisi > 0)
    tetap = set(BarisPK.objects.filter(pk_dokumen=pk).values_list("indikator_id", flat=True))
    if pk.menggantikan_id:
        tetap |= set(
            BarisPK.objects.filter(pk_dokumen_id=pk.menggantikan_id).values_list("indikator_id", flat=True)
        )
    baris_sah = _validasi_baris(baris, opd=opd, tahun=pk.tahun, boleh_tetap=tetap)
    anggaran_sah = _validasi_anggaran(anggaran, opd=opd, tahun=pk.tahun)
    with transaction.atomic():
        pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=pk.tahun)
        pk = _kunci_pk(pk, jejak)
        _pastikan_draf(pk)
        perubahan = _tulis_isi(user=user, pk=pk, baris=baris_sah, anggaran=anggaran_sah)
        kepala_berubah = [f for f, v in bersih.items() if getattr(pk, f) != v]
        for f, v in bersih.items():
            setattr(pk, f, v)
        if kepala_berubah:
            perubahan.append("data penandatanganan")
        simpan(pk, user, _ringkas(f"{pk.judul} {pk.tahun} diubah", perubahan))
    return pk


def pk_setujui(
    *, user, pk: PerjanjianKinerja, catatan: str = "", jejak: str | None = None
) -> PerjanjianKinerja:
    """The kepala (or the admin) approves a draft PK: it becomes fixed, and that year's definitions of its
    indicators are fixed in the same transaction."""
    pastikan_akses_opd(user, pk.opd_id)
    if not peran_pengguna(user).boleh_setujui(pk.opd_id):
        raise PermissionDenied("Hanya kepala OPD atau admin Pemda yang dapat menyetujui Perjanjian Kinerja.")
    catatan = validasi_teks(catatan, label="Catatan persetujuan", max_length=500)
    opd = pk.opd
    with transaction.atomic():
        pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=pk.tahun)
        pk = _kunci_pk(pk, jejak)
        if pk.status == Status.DISETUJUI:
            raise ValidationError(f"{pk.judul} {pk.tahun} sudah disetujui.", code="sudah_disetujui")
        baris = list(BarisPK.objects.filter(pk_dokumen=pk).select_related("indikator"))
        if not baris:
            raise ValidationError(
                "PK belum berisi indikator; tambahkan indikator sebelum disetujui.", code="kosong"
            )
        alasan = f"{pk.judul} {pk.tahun} disetujui" + (f": {catatan}" if catatan else "")
        pk.status = Status.DISETUJUI
        pk.disetujui_oleh = user
        pk.disetujui_pada = timezone.now()
        simpan(pk, user, alasan)
        definisi_bekukan(
            user=user,
            tahun=pk.tahun,
            indikator=[b.indikator for b in baris],
            alasan=f"Definisi {pk.tahun} dibekukan: {pk.judul} disetujui",
        )
    return pk


def pk_perubahan_buat(
    *,
    user,
    pk: PerjanjianKinerja,
    alasan_perubahan: str,
    dokumen_anggaran: str = DokumenAnggaran.DPA_PERUBAHAN,
) -> PerjanjianKinerja:
    """A PK Perubahan (revisi n+1, draft) from the approved latest version `pk`: the same parties, rows,
    budgets and Rencana Aksi, to be edited and approved like any PK."""
    pastikan_akses_opd(user, pk.opd_id, tulis=True)
    alasan_perubahan = validasi_teks(alasan_perubahan, label="Alasan perubahan", max_length=2000, wajib=True)
    if dokumen_anggaran not in DokumenAnggaran.values:
        raise ValidationError("Pilih dokumen anggaran: DPA atau DPA Perubahan.")
    opd = pk.opd
    with transaction.atomic():
        pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=pk.tahun)
        pk = _kunci_pk(pk, None)
        if pk.status != Status.DISETUJUI:
            raise ValidationError(
                "PK Perubahan dibuat dari PK yang sudah disetujui; setujui dulu PK ini.",
                code="belum_disetujui",
            )
        terbaru = PerjanjianKinerja.objects.filter(opd=opd, tahun=pk.tahun).order_by("-revisi").first()
        if terbaru.pk != pk.pk:
            raise ValidationError(
                f"Sudah ada {terbaru.judul} {pk.tahun} ({terbaru.get_status_display().lower()}); "
                "perubahan berikutnya dibuat dari versi terbaru.",
                code="bukan_terbaru",
            )
        baru = PerjanjianKinerja(
            opd=opd,
            tahun=pk.tahun,
            revisi=pk.revisi + 1,
            menggantikan=pk,
            dokumen_anggaran=dokumen_anggaran,
            tempat=pk.tempat,
            pihak_pertama_nama=pk.pihak_pertama_nama,
            pihak_pertama_jabatan=pk.pihak_pertama_jabatan,
            pihak_pertama_nip=pk.pihak_pertama_nip,
            pihak_pertama_pangkat=pk.pihak_pertama_pangkat,
            pihak_kedua_nama=pk.pihak_kedua_nama,
            pihak_kedua_jabatan=pk.pihak_kedua_jabatan,
            alasan_perubahan=alasan_perubahan,
            status=Status.DRAF,
        )
        simpan(baru, user, f"{baru.judul} {pk.tahun} dibuat dari {pk.judul} (draf)")
        alasan = f"Disalin dari {pk.judul} {pk.tahun}"
        for b in (
            BarisPK.objects.filter(pk_dokumen=pk)
            .order_by("urutan", "id")
            .prefetch_related("rencana_aksi_set")
        ):
            salinan = BarisPK(
                pk_dokumen=baru, urutan=b.urutan, sasaran_id=b.sasaran_id, sasaran_uraian=b.sasaran_uraian,
                indikator_id=b.indikator_id, target=b.target, satuan=b.satuan,
            )  # fmt: skip
            simpan(salinan, user, alasan)
            for r in b.rencana_aksi_set.all():
                simpan(
                    RencanaAksi(baris_pk=salinan, tribulan=r.tribulan, target=r.target, uraian=r.uraian),
                    user,
                    alasan,
                )
        for a in AnggaranPK.objects.filter(pk_dokumen=pk).order_by("urutan", "id"):
            simpan(
                AnggaranPK(
                    pk_dokumen=baru,
                    urutan=a.urutan,
                    program_id=a.program_id,
                    nilai=a.nilai,
                    sumber_dana=a.sumber_dana,
                ),
                user,
                alasan,
            )
    return baru


def pk_draf_hapus(*, user, pk: PerjanjianKinerja, jejak: str | None = None) -> None:
    """Delete a draft PK (with its rows, budgets and Rencana Aksi); an approved PK is never deleted."""
    pastikan_akses_opd(user, pk.opd_id, tulis=True)
    _pastikan_draf(pk)
    opd = pk.opd
    with transaction.atomic():
        pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=pk.tahun)
        pk = _kunci_pk(pk, jejak)
        _pastikan_draf(pk)
        alasan = f"Draf {pk.judul} {pk.tahun} dihapus"
        for r in RencanaAksi.objects.filter(baris_pk__pk_dokumen=pk):
            hapus(r, user, alasan)
        for b in BarisPK.objects.filter(pk_dokumen=pk):
            hapus(b, user, alasan)
        for a in AnggaranPK.objects.filter(pk_dokumen=pk):
            hapus(a, user, alasan)
        hapus(pk, user, alasan)


# --- Rencana Aksi ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RencanaAksiMasukan:
    """What the Rencana Aksi table gives for one PK row and one Tribulan."""

    baris_pk_id: int
    tribulan: int
    target: Decimal | None
    uraian: str = ""


def rencana_aksi_simpan(
    *, user, pk: PerjanjianKinerja, isian: Sequence[RencanaAksiMasukan], jejak: str | None = None
) -> list[str]:
    """Save the Tribulan targets and planned actions of the PK's rows (a cell left empty, target and
    action, is removed). Returns warnings (Tribulan targets that do not match the year's target as the
    indicator's aggregation says), which do not stop the save."""
    pastikan_akses_opd(user, pk.opd_id, tulis=True)
    opd = pk.opd
    baris = {b.pk: b for b in BarisPK.objects.filter(pk_dokumen=pk).select_related("indikator")}
    pesan, bersih, terlihat = [], {}, set()
    for m in isian:
        b = baris.get(m.baris_pk_id)
        if b is None:
            pesan.append("Baris yang diisi bukan baris PK ini.")
            continue
        if m.tribulan not in TRIBULAN:
            pesan.append("Tribulan harus 1 sampai 4.")
            continue
        if (b.pk, m.tribulan) in terlihat:
            pesan.append(f"{b.indikator.kode} {Tribulan(m.tribulan).label} diisi lebih dari sekali.")
            continue
        terlihat.add((b.pk, m.tribulan))
        label = f"Target {Tribulan(m.tribulan).label} {b.indikator.kode}"
        try:
            target = None if m.target is None else validasi_desimal(m.target, label=label, **NILAI_DIGITS)
            uraian = validasi_teks(
                m.uraian,
                label=f"Rencana aksi {Tribulan(m.tribulan).label} {b.indikator.kode}",
                max_length=2000,
            )
        except ValidationError as e:
            pesan.extend(e.messages)
            continue
        bersih[(b.pk, m.tribulan)] = (target, uraian)
    if pesan:
        raise ValidationError(pesan)

    with transaction.atomic():
        pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=pk.tahun)
        pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
        if PerjanjianKinerja.objects.filter(menggantikan=pk).exists():
            raise ValidationError(
                f"{pk.judul} {pk.tahun} sudah digantikan oleh PK Perubahan; Rencana Aksi diisi pada PK terbaru.",
                code="digantikan",
            )
        if jejak is not None and jejak != selectors.jejak_rencana_aksi(pk):
            raise ValidationError(
                "Rencana Aksi ini sudah diubah orang lain setelah halaman dibuka; perubahan Anda tidak disimpan. "
                "Muat ulang halaman dan ulangi.",
                code="konflik",
            )
        lama = {
            (r.baris_pk_id, r.tribulan): r
            for r in RencanaAksi.objects.select_for_update().filter(baris_pk__pk_dokumen=pk)
        }
        for (baris_id, tribulan), (target, uraian) in bersih.items():
            r = lama.get((baris_id, tribulan))
            kode = baris[baris_id].indikator.kode
            label = f"Rencana aksi {pk.tahun} {kode} TW {tribulan}"
            if r is not None and (r.target, r.uraian) == (target, uraian):
                continue
            # The Tribulan's realisasi is judged against its target: a locked period keeps it.
            pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=pk.tahun, tribulan=tribulan)
            if target is None and not uraian:
                if r is not None:
                    hapus(r, user, f"{label}: {tampil_target(r.target)} → kosong")
                continue
            semula = tampil_target(r.target) if r is not None else "kosong"
            if r is None:
                r = RencanaAksi(baris_pk_id=baris_id, tribulan=tribulan)
            r.target, r.uraian = target, uraian
            simpan(r, user, f"{label}: {semula} → {tampil_target(target)}")

    tersimpan: dict[int, dict[int, Decimal | None]] = {b: {} for b in baris}
    for baris_id, tribulan, target in RencanaAksi.objects.filter(baris_pk__pk_dokumen=pk).values_list(
        "baris_pk_id", "tribulan", "target"
    ):
        tersimpan[baris_id][tribulan] = target
    peringatan = [
        selectors.peringatan_rencana_aksi(b.indikator, b.target, tersimpan[b.pk])
        for b in sorted(baris.values(), key=lambda b: (b.urutan, b.pk))
    ]
    return [p for p in peringatan if p]

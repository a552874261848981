"""Reads of the LKjIP pages: which years a report exists for, the report page with its workflow history,
the signed archive and the public verification. Each returns dataclasses (or a model row for the
verification page, which shows the archive's own fields) and runs a fixed number of queries; the views
hold none.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404

from anggaran.models import Program
from capaian.pemeriksa import Temuan
from inti.akses import peran_pengguna
from inti.models import OPD
from inti.tampilan import nama_pengguna
from lkjip.laporan.dokumen import Dokumen, bangun_dokumen, kumpulkan_data
from lkjip.laporan.models import Laporan, RevisiArsip
from lkjip.laporan.narasi import pernyataan_reviu_bawaan
from perjanjian.models import PerjanjianKinerja
from renstra.models import Renstra

Status = Laporan.Status


# --------------------------------------------------------------------------------------------
# OPD and year
# --------------------------------------------------------------------------------------------


def opd_dengan_kode(kode: str) -> OPD | None:
    """The OPD with this code, whatever the user (the command line has no user)."""
    return OPD.objects.select_related("pemda").filter(kode=kode).first()


def tahun_ada_data(opd, tahun: int) -> bool:
    """Whether the OPD has anything for the year to report on: a Renstra covering it, a PK or a DPA."""
    return (
        Program.objects.filter(opd=opd, tahun=tahun).exists()
        or PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).exists()
        or Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).exists()
    )


@dataclass(frozen=True)
class TahunLaporan:
    """A row of the OPD's report index: a year with a budget or a report, and that report's state."""

    tahun: int
    status_label: str
    revisi: int


def daftar_tahun(opd) -> list[TahunLaporan]:
    """The years with a budget or a report row, latest first."""
    laporan = {lap.tahun: lap for lap in Laporan.objects.filter(opd=opd)}
    tahun = set(Program.objects.filter(opd=opd).values_list("tahun", flat=True)) | set(laporan)
    baris = []
    for th in sorted(tahun, reverse=True):
        lap = laporan.get(th)
        if lap is None:
            baris.append(TahunLaporan(th, "Draf (belum disunting)", 1))
        else:
            baris.append(TahunLaporan(th, lap.get_status_display(), lap.revisi))
    return baris


def arsip_berlaku(opd, tahun: int) -> RevisiArsip | None:
    """The signed file of the report's current revision, when it is signed off (what downloads serve)."""
    return (
        RevisiArsip.objects.select_related("laporan__opd")
        .filter(
            laporan__opd=opd,
            laporan__tahun=tahun,
            laporan__status=Status.DISETUJUI,
            nomor=F("laporan__revisi"),
        )
        .first()
    )


# --------------------------------------------------------------------------------------------
# The report page
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisTransisi:
    pada: datetime
    nama_oleh: str
    dari: str  # status labels
    ke: str
    revisi: int
    catatan: str


@dataclass(frozen=True)
class BarisArsip:
    nomor: int
    pada: datetime
    nama_penanda_tangan: str
    jabatan_penanda_tangan: str
    sha256: str
    kode_pendek: str
    ada_xlsx: bool
    tanggal_laporan: date | None = None  # the date printed in the signed PDF


@dataclass(frozen=True)
class BarisReviu:
    revisi: int
    pada: datetime
    nama_auditor: str
    pernyataan: str
    catatan: str


@dataclass(frozen=True)
class HalamanLaporan:
    """Everything the report page shows: the document, the workflow step the user may take, the history."""

    opd: OPD
    dok: Dokumen
    laporan: Laporan  # unsaved Draft while nobody has written to the report
    boleh_ubah: bool  # may edit narratives now (a Draft, and a writer of the OPD)
    boleh_tulis: bool
    boleh_reviu: bool
    boleh_setujui: bool
    transisi: list[BarisTransisi]
    arsip: list[BarisArsip]
    reviu: list[BarisReviu]
    temuan: tuple[Temuan, ...]
    pernyataan_bawaan: str  # the review statement the auditor's form starts from


def halaman_laporan(user, *, opd, tahun: int) -> HalamanLaporan:
    data = kumpulkan_data(opd, tahun)
    laporan = data.laporan or Laporan(opd=opd, tahun=tahun)
    akses = peran_pengguna(user)
    transisi, arsip, reviu = [], [], []
    if laporan.pk:
        transisi = [
            BarisTransisi(t.pada, nama_pengguna(t.oleh), t.get_dari_display(), t.get_ke_display(), t.revisi, t.catatan)
            for t in laporan.transisi_set.select_related("oleh").order_by("-pada", "-id")
        ]
        arsip = [
            BarisArsip(
                a.nomor, a.pada, a.nama_penanda_tangan, a.jabatan_penanda_tangan, a.sha256, a.kode_pendek,
                bool(a.berkas_xlsx), a.tanggal_laporan,
            )
            for a in laporan.arsip_set.order_by("-nomor")
        ]
        reviu = [
            BarisReviu(r.revisi, r.pada, nama_pengguna(r.auditor), r.pernyataan, r.catatan)
            for r in laporan.reviu_set.select_related("auditor").order_by("-pada", "-id")
        ]
    dok = bangun_dokumen(data)
    return HalamanLaporan(
        opd=opd,
        dok=dok,
        laporan=laporan,
        boleh_ubah=laporan.draft and akses.boleh_tulis(opd.pk),
        boleh_tulis=akses.boleh_tulis(opd.pk),
        boleh_reviu=akses.boleh_reviu(opd.pk),
        boleh_setujui=akses.boleh_setujui(opd.pk),
        transisi=transisi,
        arsip=arsip,
        reviu=reviu,
        temuan=tuple(dok.hasil.temuan),
        pernyataan_bawaan=pernyataan_reviu_bawaan(opd, tahun),
    )


# --------------------------------------------------------------------------------------------
# The signed archive and its public verification
# --------------------------------------------------------------------------------------------


def arsip_get(*, opd, tahun: int, nomor: int) -> RevisiArsip:
    """A signed revision of the OPD-year's report (404 if there is none with this number)."""
    return get_object_or_404(
        RevisiArsip.objects.select_related("laporan__opd"), laporan__opd=opd, laporan__tahun=tahun, nomor=nomor
    )


def arsip_dengan_kode(kode_pendek: str) -> RevisiArsip:
    """The signed revision behind a QR code (404 if unknown): public, shows only the archive's identity."""
    return get_object_or_404(RevisiArsip.objects.select_related("laporan__opd__pemda"), kode_pendek=kode_pendek)


@dataclass(frozen=True)
class HasilPeriksa:
    sha256: str  # the hash checked: of the uploaded file, or as typed
    arsip: RevisiArsip | None  # the signed revision with that hash, if any


def sha256_berkas(berkas) -> str:
    """SHA-256 of an uploaded file, read in chunks."""
    h = hashlib.sha256()
    for potongan in berkas.chunks():
        h.update(potongan)
    return h.hexdigest()


def periksa_berkas(*, berkas=None, sha256: str = "") -> HasilPeriksa:
    """Is this file (or this typed hash) an archived, signed revision? ValidationError for a malformed hash."""
    sha256 = (sha256_berkas(berkas) if berkas else sha256).strip().lower()
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValidationError("Nilai hash harus 64 karakter heksadesimal (SHA-256).", code="hash")
    return HasilPeriksa(
        sha256, RevisiArsip.objects.select_related("laporan__opd__pemda").filter(sha256=sha256).first()
    )

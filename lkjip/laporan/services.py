"""Writes of the LKjIP: narratives, the workflow and the signed archive.

Workflow: Draft (the operator edits) → Diajukan (submitted; the year's monev data is frozen for the
operator: `inti.TahunOPD.beku`, set in the same transaction as the step) → Direviu (the auditor's review statement) or back to Draft with notes → Disetujui (the head
signs off: the PDF is rendered once and archived with its SHA-256) → locked. A new revision reopens
the report as a Draft; earlier signed revisions stay in the archive.

A report is submitted, and signed, only when complete (`lkjip.laporan.kelengkapan`): no section still
shows a placeholder default and every budget line of the year has its realisasi; otherwise the step is
refused with the list of what is missing. At sign-off the kepala sets the report's date
(`tanggal_laporan`, default today), printed under the foreword and the signature.

Every function checks access through `inti.akses` (another OPD: Http404; a role that may not make
this step: PermissionDenied), validates (ValidationError in Indonesian, nothing written), runs in one
transaction with the report row locked, and records the acting user in the history and in a
`TransisiLaporan` row.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from inti.akses import LABEL_PERAN, pastikan_akses_opd, peran_pengguna
from inti.periode import format_tanggal
from inti.services import tahun_atur_beku
from inti.tampilan import nama_pengguna
from inti.tulis import kunci_tahun
from lkjip.laporan.models import Laporan, Narasi, RevisiArsip, ReviuLaporan, TransisiLaporan
from lkjip.laporan.narasi import AWALAN_SASARAN, BAGIAN

Status = Laporan.Status

PANJANG_TEKS_MAKS = 50_000
# Sign-off renders outside its transaction; data changed meanwhile makes it render again, the last time
# inside the transaction.
PERCOBAAN_RENDER = 3
ABJAD_KODE = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: read from paper and typed by hand
PANJANG_KODE = 10


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _kunci_laporan(opd, tahun: int, user) -> Laporan:
    """The report row, locked for the transaction; created as a Draft the first time it is written to.

    The OPD-year's row (`inti.tulis.kunci_tahun`) is locked first, the lock every write of the year's data
    takes: a step of the report waits for the writes under way and is recorded after them (its time
    included), and a write that comes later sees the step. Always in this order, year then report, so two
    steps never deadlock.
    """
    kunci_tahun(opd.pk, tahun)
    laporan, dibuat = Laporan.objects.select_for_update().get_or_create(opd=opd, tahun=tahun)
    if dibuat:
        laporan._history_user = user
    return laporan


def _pastikan_status(laporan: Laporan, *boleh: str, tindakan: str) -> None:
    if laporan.status not in boleh:
        nama_boleh = " atau ".join(Status(s).label for s in boleh)
        raise ValidationError(
            f"Laporan berstatus {laporan.get_status_display()}; {tindakan} hanya untuk laporan berstatus "
            f"{nama_boleh}.",
            code="status",
        )


def _teks(teks: str, *, label: str, wajib: bool = False) -> str:
    if not isinstance(teks, str):
        raise TypeError(f"{label} harus str")
    teks = teks.replace("\r\n", "\n").replace("\r", "\n").strip()
    if wajib and not teks:
        raise ValidationError(f"{label} wajib diisi.", code="wajib")
    if len(teks) > PANJANG_TEKS_MAKS:
        raise ValidationError(f"{label} paling panjang {PANJANG_TEKS_MAKS} karakter.", code="terlalu_panjang")
    return teks


def _pindah(laporan: Laporan, ke: str, user, catatan: str, *, revisi: int | None = None) -> TransisiLaporan:
    dari = laporan.status
    laporan.status = ke
    if revisi is not None:
        laporan.revisi = revisi
    laporan._history_user = user
    laporan._change_reason = f"{Status(dari).label} → {Status(ke).label}"
    laporan.save()
    transisi = TransisiLaporan(
        laporan=laporan,
        revisi=laporan.revisi,
        dari=dari,
        ke=ke,
        oleh=user,
        pada=timezone.now(),
        catatan=catatan,
    )
    transisi._history_user = user
    transisi.save()
    return transisi


def _wajib_tulis(user, opd, pesan: str) -> None:
    pastikan_akses_opd(user, opd)
    if not peran_pengguna(user).boleh_tulis(opd.pk):
        raise PermissionDenied(pesan)


def _wajib_reviu(user, opd, pesan: str) -> None:
    pastikan_akses_opd(user, opd)
    if not peran_pengguna(user).boleh_reviu(opd.pk):
        raise PermissionDenied(pesan)


def _wajib_setujui(user, opd, pesan: str) -> None:
    pastikan_akses_opd(user, opd)
    if not peran_pengguna(user).boleh_setujui(opd.pk):
        raise PermissionDenied(pesan)


def _pastikan_lengkap(opd, tahun: int, *, tindakan: str) -> None:
    """ValidationError listing what the report still lacks (placeholder sections, budget lines without
    realisasi); nothing when it is complete. Builds the document: a few dozen queries, no render."""
    # Imported here: the document pulls in the engine and the tables, which the narrative writes never need.
    from lkjip.laporan.dokumen import dokumen_laporan

    _pastikan_dokumen_lengkap(dokumen_laporan(opd, tahun), tindakan=tindakan)


def _pastikan_dokumen_lengkap(dok, *, tindakan: str) -> None:
    from lkjip.laporan.kelengkapan import kelengkapan

    hasil = kelengkapan(dok)
    if not hasil.lengkap:
        raise ValidationError(hasil.pesan(tindakan), code="belum_lengkap")


def tanggal_laporan_bawaan() -> datetime.date:
    """Today in the site's time zone (Asia/Jakarta unless configured otherwise): the sign-off form's default."""
    return timezone.localdate()


def validasi_tanggal_laporan(tanggal: datetime.date | None, tahun: int) -> datetime.date:
    """The report's date: today when not given; never in the future, never before the year has ended."""
    hari_ini = tanggal_laporan_bawaan()
    if tanggal is None:
        tanggal = hari_ini
    if isinstance(tanggal, datetime.datetime) or not isinstance(tanggal, datetime.date):
        raise TypeError("tanggal harus datetime.date")
    if tanggal > hari_ini:
        raise ValidationError(
            f"Tanggal laporan tidak boleh melewati hari ini ({format_tanggal(hari_ini)}).", code="tanggal_depan"
        )
    awal = datetime.date(tahun + 1, 1, 1)
    if tanggal < awal:
        raise ValidationError(
            f"Tanggal laporan paling awal {format_tanggal(awal)}: LKjIP tahun {tahun} ditetapkan setelah tahun "
            "tersebut berakhir.",
            code="tanggal_awal",
        )
    return tanggal


def bagian_sah(kode: str) -> bool:
    """A narrative section code the report knows: a fixed section or a sasaran's analysis."""
    return kode in BAGIAN or (kode.startswith(AWALAN_SASARAN) and kode.removeprefix(AWALAN_SASARAN).isdigit())


# --------------------------------------------------------------------------------------------
# Narratives
# --------------------------------------------------------------------------------------------


def narasi_simpan(*, user, opd, tahun: int, bagian: str, teks: str) -> Narasi | None:
    """Store the operator's text of a section; an empty text goes back to the generated default."""
    _wajib_tulis(user, opd, "Hanya operator OPD atau admin yang dapat mengubah narasi laporan.")
    if not bagian_sah(bagian):
        raise ValidationError("Bagian narasi tidak dikenal.", code="bagian")
    teks = _teks(teks, label="Teks narasi")
    with transaction.atomic():
        laporan = _kunci_laporan(opd, tahun, user)
        _pastikan_status(laporan, Status.DRAFT, tindakan="mengubah narasi")
        narasi = Narasi.objects.select_for_update().filter(laporan=laporan, bagian=bagian).first()
        if not teks:
            if narasi is not None:
                narasi._history_user = user
                narasi._change_reason = "kembali ke teks bawaan"
                narasi.delete()
            return None
        if narasi is None:
            narasi = Narasi(laporan=laporan, bagian=bagian)
        elif narasi.teks == teks:
            return narasi
        narasi.teks = teks
        narasi.diubah_oleh = user
        narasi._history_user = user
        narasi.save()
        return narasi


# --------------------------------------------------------------------------------------------
# Workflow
# --------------------------------------------------------------------------------------------


def laporan_ajukan(*, user, opd, tahun: int, catatan: str = "") -> Laporan:
    """Draft → Diajukan, by the operator (or admin), when the report is complete. The year's monev data is
    frozen from now on."""
    _wajib_tulis(user, opd, "Hanya operator OPD atau admin yang dapat mengajukan laporan.")
    catatan = _teks(catatan, label="Catatan")
    with transaction.atomic():
        laporan = _kunci_laporan(opd, tahun, user)
        _pastikan_status(laporan, Status.DRAFT, tindakan="pengajuan")
        # Under the year's lock: no write of the year's data slips in between the check and the freeze.
        _pastikan_lengkap(opd, tahun, tindakan="diajukan")
        _pindah(laporan, Status.DIAJUKAN, user, catatan)
        tahun_atur_beku(user=user, opd=opd, tahun=tahun, beku=True, alasan="LKjIP diajukan")
    return laporan


def laporan_kembalikan(*, user, opd, tahun: int, catatan: str) -> Laporan:
    """Diajukan or Direviu → Draft with the auditor's notes (required), by an auditor (or admin)."""
    _wajib_reviu(user, opd, "Hanya auditor atau admin yang dapat mengembalikan laporan.")
    catatan = _teks(catatan, label="Catatan pengembalian", wajib=True)
    with transaction.atomic():
        laporan = _kunci_laporan(opd, tahun, user)
        _pastikan_status(laporan, Status.DIAJUKAN, Status.DIREVIU, tindakan="pengembalian")
        _pindah(laporan, Status.DRAFT, user, catatan)
        tahun_atur_beku(user=user, opd=opd, tahun=tahun, beku=False, alasan="LKjIP dikembalikan ke draf")
    return laporan


def laporan_reviu(*, user, opd, tahun: int, pernyataan: str, catatan: str = "") -> ReviuLaporan:
    """Diajukan → Direviu with the review statement (required), by an auditor (or admin)."""
    _wajib_reviu(user, opd, "Hanya auditor atau admin yang dapat mereviu laporan.")
    pernyataan = _teks(pernyataan, label="Pernyataan reviu", wajib=True)
    catatan = _teks(catatan, label="Catatan reviu")
    with transaction.atomic():
        laporan = _kunci_laporan(opd, tahun, user)
        _pastikan_status(laporan, Status.DIAJUKAN, tindakan="reviu")
        reviu = ReviuLaporan(
            laporan=laporan,
            revisi=laporan.revisi,
            pernyataan=pernyataan,
            catatan=catatan,
            auditor=user,
            pada=timezone.now(),
        )
        reviu._history_user = user
        reviu.save()
        _pindah(laporan, Status.DIREVIU, user, catatan)
    return reviu


def _kode_pendek() -> str:
    while True:
        kode = "".join(secrets.choice(ABJAD_KODE) for _ in range(PANJANG_KODE))
        if not RevisiArsip.objects.filter(kode_pendek=kode).exists():
            return kode


def url_verifikasi(url_dasar: str, kode: str) -> str:
    return f"{url_dasar.rstrip('/')}/verifikasi/{kode}"


@dataclass(frozen=True)
class Berkas:
    pdf: bytes
    xlsx: bytes


def _render_pengesahan(opd, tahun: int, pengesahan) -> Berkas:
    """The signed document's PDF and xlsx: the same outputs the downloads serve, of the signed document.
    An incomplete document is refused before rendering (ValidationError)."""
    # Imported here: rendering pulls in WeasyPrint and the templates, which the other services never need.
    from lkjip.laporan.dokumen import dokumen_laporan
    from lkjip.laporan.ekspor import LaporanPDF, LaporanXlsx

    dok = dokumen_laporan(opd, tahun, pengesahan=pengesahan)
    # The very data rendered: the caller's version check then holds the check to the committed data.
    _pastikan_dokumen_lengkap(dok, tindakan="disetujui")
    return Berkas(LaporanPDF(dok).isi(), LaporanXlsx(dok).isi())


def periksa_setujui(*, user, opd, tahun: int, tanggal: datetime.date | None = None) -> Laporan:
    """Whether the user may sign the report off now, dated `tanggal` (default today): PermissionDenied (or
    Http404) if not theirs to sign, ValidationError if it is not awaiting sign-off, the date is not
    acceptable or the report is incomplete. Nothing is written; the sign-off page asks this before it
    queues the work, and `laporan_setujui` asks it again when it runs."""
    _wajib_setujui(user, opd, "Hanya kepala OPD atau admin yang dapat menyetujui laporan.")
    laporan = Laporan.objects.filter(opd=opd, tahun=tahun).first() or Laporan(opd=opd, tahun=tahun)
    _pastikan_status(laporan, Status.DIREVIU, tindakan="persetujuan")
    validasi_tanggal_laporan(tanggal, tahun)
    _pastikan_lengkap(opd, tahun, tindakan="disetujui")
    return laporan


def laporan_setujui(
    *, user, opd, tahun: int, catatan: str = "", tanggal: datetime.date | None = None
) -> RevisiArsip:
    """Direviu → Disetujui, by the kepala (or admin): the PDF is rendered once, hashed and archived.

    The stored file is what every later download serves; data changed afterwards never alters it.
    The verification link and QR code printed in the PDF name the site's configured address
    (`settings.SITE_URL`), never the address a request came in on: the archive can never be corrected.

    The render (seconds, for a big OPD a minute) runs before the transaction, so no lock is held while
    WeasyPrint works; the transaction then checks that the report still awaits sign-off and that no data
    changed since the render began (`inti.versi`). If data did change, the render is made again, up to
    `PERCOBAAN_RENDER` times, the last one inside the transaction.

    `tanggal` is the report's date (default today, see `validasi_tanggal_laporan`): stored on the report
    and the archived revision, printed under the foreword and the signature.
    """
    from inti.versi import token_opd
    from lkjip.laporan.dokumen import Pengesahan

    laporan = periksa_setujui(user=user, opd=opd, tahun=tahun, tanggal=tanggal)
    tanggal = validasi_tanggal_laporan(tanggal, tahun)
    catatan = _teks(catatan, label="Catatan")
    akses = peran_pengguna(user)
    jabatan = LABEL_PERAN[akses.peran_di_opd(opd.pk)]
    kode = _kode_pendek()
    pengesahan = Pengesahan(
        nomor=laporan.revisi,
        kode_pendek=kode,
        url_verifikasi=url_verifikasi(settings.SITE_URL, kode),
        nama=nama_pengguna(user),
        jabatan=jabatan,
        waktu=timezone.now(),
        tanggal=tanggal,
    )
    percobaan = 0
    while True:
        percobaan += 1
        versi = token_opd(opd.pk)
        # An unknown data version leaves nothing to compare: render under the transaction at once.
        berkas = _render_pengesahan(opd, tahun, pengesahan) if versi is not None else None
        with transaction.atomic():
            laporan = _kunci_laporan(opd, tahun, user)
            _pastikan_status(laporan, Status.DIREVIU, tindakan="persetujuan")
            if berkas is None or token_opd(opd.pk) != versi or laporan.revisi != pengesahan.nomor:
                # Something the document shows changed during the render.
                if berkas is not None and percobaan < PERCOBAAN_RENDER:
                    continue
                pengesahan = replace(pengesahan, nomor=laporan.revisi)
                berkas = _render_pengesahan(opd, tahun, pengesahan)
            return _arsipkan(laporan, pengesahan, berkas, user=user, catatan=catatan)


def _arsipkan(laporan: Laporan, pengesahan, berkas: Berkas, *, user, catatan: str) -> RevisiArsip:
    """Store the signed files and move the report to Disetujui, in the caller's transaction."""
    arsip = RevisiArsip(
        laporan=laporan,
        nomor=laporan.revisi,
        sha256=hashlib.sha256(berkas.pdf).hexdigest(),
        ukuran=len(berkas.pdf),
        kode_pendek=pengesahan.kode_pendek,
        penanda_tangan=user,
        nama_penanda_tangan=pengesahan.nama,
        jabatan_penanda_tangan=pengesahan.jabatan,
        pada=pengesahan.waktu,
        tanggal_laporan=pengesahan.tanggal,
    )
    arsip.berkas.save("laporan.pdf", ContentFile(berkas.pdf), save=False)
    try:
        arsip.berkas_xlsx.save("laporan.xlsx", ContentFile(berkas.xlsx), save=False)
        arsip._history_user = user
        arsip.save()
        laporan.tanggal_laporan = pengesahan.tanggal
        _pindah(laporan, Status.DISETUJUI, user, catatan)
    except BaseException:
        # The row is rolled back with the transaction; do not leave its files behind.
        arsip.berkas.delete(save=False)
        if arsip.berkas_xlsx:
            arsip.berkas_xlsx.delete(save=False)
        raise
    return arsip


def laporan_revisi_baru(*, user, opd, tahun: int, catatan: str) -> Laporan:
    """Disetujui → Draft as the next revision, by the operator (or admin), with the reason (required).

    The signed revisions stay in the archive, downloadable and verifiable.
    """
    _wajib_tulis(user, opd, "Hanya operator OPD atau admin yang dapat membuka revisi baru.")
    catatan = _teks(catatan, label="Alasan revisi", wajib=True)
    with transaction.atomic():
        laporan = _kunci_laporan(opd, tahun, user)
        _pastikan_status(laporan, Status.DISETUJUI, tindakan="revisi baru")
        # The new revision is dated when it is signed; the signed ones keep theirs in the archive.
        laporan.tanggal_laporan = None
        _pindah(laporan, Status.DRAFT, user, catatan, revisi=laporan.revisi + 1)
        tahun_atur_beku(
            user=user, opd=opd, tahun=tahun, beku=False, alasan=f"LKjIP revisi {laporan.revisi} dibuka"
        )
    return laporan

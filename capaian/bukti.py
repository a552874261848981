"""Evidence (bukti dukung): upload and removal, with the file's type read from its content.

A browser's content type and a file's name are whatever the sender says; the first bytes are what the
file is. Only PDF (`%PDF-`), PNG (`\\x89PNG\\r\\n\\x1a\\n`) and JPEG (`\\xff\\xd8\\xff`) are accepted. The
detected type is stored and used when the file is served (always as an attachment), and the stored name
gets the detected extension, so a PNG called `laporan.pdf` is kept and served as the PNG it is.

Same pattern as `capaian.services`: access (another OPD: Http404, read-only role: PermissionDenied),
validation (ValidationError in Indonesian, nothing written), the period lock and the year's freeze, one
transaction, the acting user in the history. Removing only marks the evidence `dihapus`; its file and rows stay.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from capaian.models import BuktiDukung
from inti.akses import pastikan_akses_opd
from inti.tampilan import format_angka
from inti.tulis import pastikan_boleh_ubah, simpan, validasi_periode, validasi_teks
from renstra.models import Indikator

BUKTI_MAKS_BYTE_BAWAAN = 5 * 1024 * 1024

# (leading bytes, content type, extension). Checked against the start of the file only.
TANDA_BERKAS = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
AKHIRAN = {jenis: akhiran for _, jenis, akhiran in TANDA_BERKAS}
NAMA_JENIS = {"application/pdf": "PDF", "image/png": "gambar PNG", "image/jpeg": "gambar JPEG"}
_PANJANG_TANDA = max(len(tanda) for tanda, _, _ in TANDA_BERKAS)


def batas_ukuran() -> int:
    """The size limit in bytes: setting `BUKTI_MAKS_BYTE`, 5 MB when unset."""
    return int(getattr(settings, "BUKTI_MAKS_BYTE", BUKTI_MAKS_BYTE_BAWAAN))


def format_ukuran(byte: int) -> str:
    """Sizes the way the UI states them: "5 MB", "1,2 MB", "830 KB", "12 byte"."""
    if byte >= 1024 * 1024:
        mb = Decimal(byte) / (1024 * 1024)
        return f"{format_angka(mb, 0 if mb == mb.to_integral_value() else 1)} MB"
    if byte >= 1024:
        return f"{format_angka(Decimal(byte) / 1024, 0)} KB"
    return f"{format_angka(byte, 0)} byte"


def deteksi_jenis(awal: bytes) -> str | None:
    """The content type named by the file's leading bytes, or None when it is not PDF, PNG or JPEG."""
    for tanda, jenis, _ in TANDA_BERKAS:
        if awal.startswith(tanda):
            return jenis
    return None


def nama_unduhan(bukti: BuktiDukung) -> str:
    """The original name with the extension of the detected type (foto.pdf holding a PNG: foto.png)."""
    nama = PurePath(bukti.nama_asli)
    akhiran = AKHIRAN.get(bukti.jenis_konten, "")
    if nama.suffix.lower() in ({akhiran, ".jpeg"} if akhiran == ".jpg" else {akhiran}):
        return nama.name
    return f"{nama.stem or 'bukti'}{akhiran}"


def _nama_asli(nama: str | None) -> str:
    # Some browsers send a full client path; only the last part is the file's name.
    nama = (nama or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    nama = "".join(c for c in nama if c.isprintable())
    return nama[-255:] or "bukti"


def bukti_unggah(
    *, user, indikator: Indikator, tahun: int, tribulan: int, berkas, keterangan: str = ""
) -> BuktiDukung:
    """Store an evidence file for an indicator's realisasi in one Tribulan.

    `berkas` is an uploaded file (Django `UploadedFile` or any `File` with a name and size). Refused
    (ValidationError): no file, an empty file, a file over `batas_ukuran()`, content that is not PDF, PNG
    or JPEG, the same content already kept for this indicator and Tribulan, a locked period (except for
    the Pemda's admin). Raises Http404 / PermissionDenied like every write.
    """
    pastikan_akses_opd(user, indikator.opd_id, tulis=True)
    validasi_periode(tahun, tribulan)
    keterangan = validasi_teks(keterangan, label="Keterangan", max_length=300)
    if berkas is None:
        raise ValidationError("Pilih berkas yang akan diunggah.", code="wajib")
    ukuran = berkas.size
    if not ukuran:
        raise ValidationError("Berkas kosong.", code="kosong")
    batas = batas_ukuran()
    if ukuran > batas:
        raise ValidationError(
            f"Berkas terlalu besar: {format_ukuran(ukuran)} ({format_angka(ukuran, 0)} byte); "
            f"batas {format_ukuran(batas)}.",
            code="terlalu_besar",
        )
    berkas.seek(0)
    jenis = deteksi_jenis(berkas.read(_PANJANG_TANDA))
    if jenis is None:
        raise ValidationError(
            "Isi berkas bukan PDF, PNG atau JPEG, jadi tidak dapat diterima. Jenis berkas diperiksa dari "
            "isinya, bukan dari nama atau akhirannya.",
            code="jenis",
        )
    sidik = hashlib.sha256()
    for potongan in berkas.chunks():
        sidik.update(potongan)
    sha256 = sidik.hexdigest()
    nama_asli = _nama_asli(berkas.name)

    disimpan = None
    try:
        with transaction.atomic():
            pastikan_boleh_ubah(
                user, opd_id=indikator.opd_id, pemda_id=indikator.opd.pemda_id, tahun=tahun, tribulan=tribulan
            )
            sama = BuktiDukung.objects.filter(
                indikator=indikator, tahun=tahun, tribulan=tribulan, sha256=sha256, dihapus=False
            ).first()
            if sama is not None:
                raise ValidationError(
                    f"Berkas dengan isi yang sama sudah diunggah sebagai “{sama.nama_asli}”.", code="ganda"
                )
            bukti = BuktiDukung(
                indikator=indikator,
                tahun=tahun,
                tribulan=tribulan,
                nama_asli=nama_asli,
                jenis_konten=jenis,
                ukuran=ukuran,
                sha256=sha256,
                keterangan=keterangan,
                diunggah_oleh=user,
            )
            # The stored name is random (see the model); only its extension comes from here: the content's.
            bukti.berkas.save(f"bukti{AKHIRAN[jenis]}", berkas, save=False)
            disimpan = bukti.berkas
            simpan(bukti, user, f"Bukti TW {tribulan} {tahun} diunggah: {nama_asli}")
            return bukti
    except BaseException:
        # The row was not written: do not keep its file. (A rollback of an outer transaction can still
        # leave an orphan file; it has a random name and no row, so nothing serves it.)
        if disimpan is not None:
            disimpan.delete(save=False)
        raise


def bukti_hapus(*, user, bukti: BuktiDukung) -> BuktiDukung:
    """Mark evidence as removed (`dihapus`); the file and its history stay. Removing twice is harmless."""
    indikator = bukti.indikator
    pastikan_akses_opd(user, indikator.opd_id, tulis=True)
    with transaction.atomic():
        pastikan_boleh_ubah(
            user,
            opd_id=indikator.opd_id,
            pemda_id=indikator.opd.pemda_id,
            tahun=bukti.tahun,
            tribulan=bukti.tribulan,
        )
        bukti = BuktiDukung.objects.select_for_update().get(pk=bukti.pk)
        if bukti.dihapus:
            return bukti
        bukti.dihapus = True
        simpan(bukti, user, f"Bukti dihapus: {bukti.nama_asli}")
        return bukti

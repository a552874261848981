"""Writes of the budget (DPA): the tree program → kegiatan → sub kegiatan with its Kepmendagri codes, the
pagu of the DPA and the DPA Perubahan, the planned cumulative absorption per Tribulan (the budget side of
the Rencana Aksi), the all-or-nothing DPA upload, and the budget's monev (the cumulative realisasi).

Every function checks access (`inti.akses`), validates (`ValidationError` in Indonesian, nothing written),
runs in one transaction behind `inti.tulis.pastikan_boleh_ubah` (a frozen year is refused unless the user
is admin of the Pemda) and writes with `inti.tulis.simpan`/`hapus`, so the history row names the acting
user and the reason.

Codes follow Kepmendagri 050-3708/2020: program "3.30.02" (urusan.bidang.program; "X.XX" for the
programs every agency shares), kegiatan "3.30.02.2.06", sub kegiatan "3.30.02.2.06.0003". A line's code
starts with its parent's; siblings are ordered by code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404

from anggaran.models import (
    LABEL_LEVEL_MATA,
    LEVEL_MATA,
    Kegiatan,
    MataAnggaran,
    PaguAnggaran,
    Program,
    RealisasiAnggaran,
    RencanaPenyerapan,
    SubKegiatan,
)
from anggaran.selectors import dokumen_acuan, kunci_urut_kode, peringatan_rencana
from inti.akses import pastikan_akses_opd
from inti.periode import TRIBULAN, UANG_DIGITS
from inti.tampilan import format_rupiah, tampil_nilai
from inti.tulis import (
    KonflikSimpan,
    hapus,
    pastikan_boleh_ubah,
    simpan,
    terakhir_diubah,
    tulis_banyak,
    validasi_desimal,
    validasi_periode,
    validasi_teks,
)
from renstra.models import Indikator, Sasaran

# --- codes -------------------------------------------------------------------------------------------------

_PROGRAM = r"(?:\d|X)\.(?:\d{2}|XX)\.\d{2}"
POLA_KODE = {
    "program": re.compile(rf"{_PROGRAM}"),
    "kegiatan": re.compile(rf"{_PROGRAM}\.\d\.\d{{2}}"),
    "sub_kegiatan": re.compile(rf"{_PROGRAM}\.\d\.\d{{2}}\.\d{{4}}"),
}
CONTOH_KODE = {"program": "3.30.02", "kegiatan": "3.30.02.2.06", "sub_kegiatan": "3.30.02.2.06.0003"}
# Codes above the program (urusan "3", bidang urusan "3.30") head the lists budget systems export.
POLA_DI_ATAS_PROGRAM = re.compile(r"(?:\d|X)(?:\.(?:\d{2}|XX))?")
PANJANG_NAMA = {"program": 300, "kegiatan": 400, "sub_kegiatan": 400}
NAMA_DOKUMEN = dict(PaguAnggaran.Dokumen.choices)
_INDUK = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}


def rapikan_kode(kode: str) -> str:
    """A code as stored: no spaces, "x" placeholders upper case, no trailing dot."""
    return re.sub(r"\s+", "", str(kode or "")).replace("x", "X").rstrip(".")


def level_dari_kode(kode: str) -> str | None:
    """ "program", "kegiatan" or "sub_kegiatan" by the code's shape, None for any other shape."""
    for level, pola in POLA_KODE.items():
        if pola.fullmatch(kode):
            return level
    return None


def kode_induk(kode: str) -> str | None:
    """The parent's code: 3.30.02.2.06.0003 → 3.30.02.2.06 → 3.30.02 → None."""
    level = level_dari_kode(kode)
    if level == "kegiatan":
        return ".".join(kode.split(".")[:3])
    if level == "sub_kegiatan":
        return ".".join(kode.split(".")[:5])
    return None


def validasi_kode(kode: str, *, level: str, kode_induk_: str | None = None) -> str:
    """The code tidied, or ValidationError naming the expected shape."""
    kode = rapikan_kode(kode)
    label = LABEL_LEVEL_MATA[level]
    if not kode:
        raise ValidationError({"kode": f"Kode {label.lower()} wajib diisi."}, code="wajib")
    if not POLA_KODE[level].fullmatch(kode):
        raise ValidationError(
            {
                "kode": f"Kode {label.lower()} “{kode[:40]}” tidak sesuai nomenklatur Kepmendagri 050-3708/2020; "
                f"contoh: {CONTOH_KODE[level]}."
            },
            code="format_kode",
        )
    if kode_induk_ is not None and not kode.startswith(kode_induk_ + "."):
        raise ValidationError(
            {
                "kode": f"Kode {label.lower()} {kode} harus diawali kode {_INDUK[level].replace('_', ' ')} induknya ({kode_induk_})."
            },
            code="kode_induk",
        )
    return kode


def _validasi_nama(nama: str, level: str) -> str:
    try:
        return validasi_teks(
            nama, label=f"Nama {LABEL_LEVEL_MATA[level].lower()}", max_length=PANJANG_NAMA[level], wajib=True
        )
    except ValidationError as e:
        raise ValidationError({"nama": e.messages}) from None


def _validasi_pagu(nilai: Decimal | None, dokumen: str) -> Decimal | None:
    if dokumen not in NAMA_DOKUMEN:
        raise ValueError(f"dokumen tidak dikenal: {dokumen}")
    if nilai is None:
        return None
    try:
        return validasi_desimal(
            nilai, label=f"Pagu {NAMA_DOKUMEN[dokumen]}", boleh_negatif=False, **UANG_DIGITS
        )
    except ValidationError as e:
        raise ValidationError({f"pagu_{dokumen}": e.messages}) from None


def _alasan(rincian: str, alasan: str) -> str:
    alasan = (alasan or "").strip()
    return f"{rincian} ({alasan})" if alasan else rincian


def _mata_teks(mata: MataAnggaran) -> str:
    return f"{LABEL_LEVEL_MATA[mata.level]} {mata.kode}"


# --- shared steps ------------------------------------------------------------------------------------------


def _buka(user, opd, tahun: int) -> None:
    """Access and period checks every write starts with (outside the transaction: nothing is locked yet)."""
    pastikan_akses_opd(user, opd.pk, tulis=True)
    validasi_periode(tahun)


def _boleh_ubah(user, opd, tahun: int) -> None:
    """Inside the transaction: the year's row locked, a frozen year refused (admin excepted)."""
    pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=tahun)


def _saudara(mata: MataAnggaran):
    if isinstance(mata, Program):
        return Program.objects.filter(opd_id=mata.opd_id, tahun=mata.tahun)
    if isinstance(mata, Kegiatan):
        return Kegiatan.objects.filter(program_id=mata.program_id)
    return SubKegiatan.objects.filter(kegiatan_id=mata.kegiatan_id)


def _urutkan_saudara(mata: MataAnggaran) -> None:
    """Number the siblings in code order, the order of the DPA itself.

    `urutan` follows the code and says nothing of its own, so it is updated in bulk without a history row;
    the change of code that moved a line is recorded on that line.
    """
    saudara = sorted(_saudara(mata), key=lambda o: kunci_urut_kode(o.kode))
    ubah = []
    for nomor, obj in enumerate(saudara, start=1):
        if obj.urutan != nomor:
            obj.urutan = nomor
            ubah.append(obj)
    if ubah:
        type(mata).objects.bulk_update(ubah, ["urutan"])


def _pastikan_kode_unik(mata: MataAnggaran, kode: str) -> None:
    sama = _saudara(mata).filter(kode=kode)
    if mata.pk:
        sama = sama.exclude(pk=mata.pk)
    if sama.exists():
        tempat = "OPD dan tahun ini" if isinstance(mata, Program) else "induk ini"
        raise ValidationError(
            {"kode": f"Kode {LABEL_LEVEL_MATA[mata.level].lower()} {kode} sudah dipakai di {tempat}."},
            code="kode_ganda",
        )


def _validasi_sasaran(sasaran: Sasaran | None, opd) -> None:
    if sasaran is not None and sasaran.tujuan.renstra.opd_id != opd.pk:
        raise ValidationError({"sasaran": "Sasaran harus milik Renstra OPD ini."}, code="sasaran_opd")


def _pagu_tulis(
    user,
    mata: MataAnggaran,
    dokumen: str,
    nilai: Decimal | None,
    semula: Decimal | None,
    alasan: str,
    *,
    periksa_konflik: bool = True,
) -> PaguAnggaran | None:
    """Inside a transaction whose checks are done: store (or delete, `nilai=None`) one pagu."""
    kunci = {mata.level: mata, "dokumen": dokumen}
    lama = PaguAnggaran.objects.select_for_update().filter(**kunci).first()
    tersimpan = lama.nilai if lama else None
    if nilai == tersimpan:
        return lama
    subjek = f"Pagu {NAMA_DOKUMEN[dokumen]} {mata.kode}"
    if periksa_konflik and tersimpan != semula:
        oleh, pada = terakhir_diubah(lama.history.all() if lama else PaguAnggaran.history.filter(**kunci))
        raise KonflikSimpan(
            tersimpan=tersimpan, nilai_anda=nilai, oleh=oleh, pada=pada, objek=lama, subjek=subjek
        )
    rincian = f"{subjek}: {tampil_nilai(tersimpan)} → {tampil_nilai(nilai)}"
    if nilai is None:
        hapus(lama, user, _alasan(rincian, alasan))
        return None
    if lama is None:
        lama = PaguAnggaran(**kunci)
    lama.nilai = nilai
    simpan(lama, user, _alasan(rincian, alasan))
    return lama


def _pagu_awal(pagu: Mapping[str, Decimal | None] | None) -> dict[str, Decimal | None]:
    return {d: _validasi_pagu(n, d) for d, n in (pagu or {}).items()}


def _buat(user, opd, tahun: int, mata: MataAnggaran, pagu: dict, alasan: str) -> MataAnggaran:
    try:
        with transaction.atomic():
            _boleh_ubah(user, opd, tahun)
            _pastikan_kode_unik(mata, mata.kode)
            simpan(mata, user, _alasan(f"{_mata_teks(mata)} dibuat", alasan))
            for dokumen, nilai in pagu.items():
                if nilai is not None:
                    _pagu_tulis(user, mata, dokumen, nilai, None, alasan, periksa_konflik=False)
            _urutkan_saudara(mata)
    except IntegrityError:
        # Two saves of the same code at once: the database's constraint decided.
        raise ValidationError({"kode": f"Kode {mata.kode} sudah dipakai."}, code="kode_ganda") from None
    return mata


# --- program, kegiatan, sub kegiatan -------------------------------------------------------------------------


def program_buat(
    *,
    user,
    opd,
    tahun: int,
    kode: str,
    nama: str,
    sasaran: Sasaran | None = None,
    pagu: Mapping[str, Decimal | None] | None = None,
    alasan: str = "",
) -> Program:
    """A new program of the OPD-year, with its pagu per document (`{"dpa": ..., "dpa_perubahan": ...}`)."""
    _buka(user, opd, tahun)
    kode = validasi_kode(kode, level="program")
    nama = _validasi_nama(nama, "program")
    _validasi_sasaran(sasaran, opd)
    pagu = _pagu_awal(pagu)
    return _buat(
        user, opd, tahun, Program(opd=opd, tahun=tahun, kode=kode, nama=nama, sasaran=sasaran), pagu, alasan
    )


def kegiatan_buat(
    *,
    user,
    program: Program,
    kode: str,
    nama: str,
    pagu: Mapping[str, Decimal | None] | None = None,
    alasan: str = "",
) -> Kegiatan:
    opd = program.opd
    _buka(user, opd, program.tahun)
    kode = validasi_kode(kode, level="kegiatan", kode_induk_=program.kode)
    nama = _validasi_nama(nama, "kegiatan")
    pagu = _pagu_awal(pagu)
    return _buat(user, opd, program.tahun, Kegiatan(program=program, kode=kode, nama=nama), pagu, alasan)


def sub_kegiatan_buat(
    *,
    user,
    kegiatan: Kegiatan,
    kode: str,
    nama: str,
    pagu: Mapping[str, Decimal | None] | None = None,
    alasan: str = "",
) -> SubKegiatan:
    program = kegiatan.program
    opd = program.opd
    _buka(user, opd, program.tahun)
    kode = validasi_kode(kode, level="sub_kegiatan", kode_induk_=kegiatan.kode)
    nama = _validasi_nama(nama, "sub_kegiatan")
    pagu = _pagu_awal(pagu)
    return _buat(user, opd, program.tahun, SubKegiatan(kegiatan=kegiatan, kode=kode, nama=nama), pagu, alasan)


_TETAP = object()


def _induk(mata: MataAnggaran) -> MataAnggaran | None:
    if isinstance(mata, SubKegiatan):
        return mata.kegiatan
    if isinstance(mata, Kegiatan):
        return mata.program
    return None


def _turunan(mata: MataAnggaran) -> list[MataAnggaran]:
    """Every line under `mata`, children before their own children (top-down)."""
    if isinstance(mata, Program):
        kegiatan = list(Kegiatan.objects.filter(program=mata))
        return [*kegiatan, *SubKegiatan.objects.filter(kegiatan__program=mata)]
    if isinstance(mata, Kegiatan):
        return list(SubKegiatan.objects.filter(kegiatan=mata))
    return []


def mata_anggaran_ubah(
    *,
    user,
    mata: MataAnggaran,
    kode: str,
    nama: str,
    sasaran=_TETAP,
    pagu: Mapping[str, tuple[Decimal | None, Decimal | None]] | None = None,
    alasan: str = "",
) -> MataAnggaran:
    """Change a line's code, name (a program's sasaran), and pagu: `{dokumen: (nilai, semula)}`, where
    `semula` is what the user's form showed (a stale form raises `KonflikSimpan`) and `nilai=None` deletes.

    A new code must keep the line under its parent; the lines under it take the new code as their prefix.
    """
    program = mata.program_induk
    opd = program.opd
    _buka(user, opd, program.tahun)
    induk = _induk(mata)
    kode = validasi_kode(kode, level=mata.level, kode_induk_=induk.kode if induk else None)
    nama = _validasi_nama(nama, mata.level)
    if sasaran is not _TETAP:
        if not isinstance(mata, Program):
            raise ValueError("hanya program yang mendukung sasaran")
        _validasi_sasaran(sasaran, opd)
    pagu_baru = {d: (_validasi_pagu(n, d), s) for d, (n, s) in (pagu or {}).items()}
    try:
        with transaction.atomic():
            _boleh_ubah(user, opd, program.tahun)
            mata = type(mata).objects.select_for_update().get(pk=mata.pk)
            kode_lama = mata.kode
            _pastikan_kode_unik(mata, kode)
            perubahan = []
            if kode != mata.kode:
                perubahan.append(f"kode {mata.kode} → {kode}")
            if nama != mata.nama:
                perubahan.append("nama")
            if sasaran is not _TETAP and (sasaran.pk if sasaran else None) != mata.sasaran_id:
                perubahan.append("sasaran")
                mata.sasaran = sasaran
            if perubahan:
                mata.kode, mata.nama = kode, nama
                simpan(mata, user, _alasan(f"{_mata_teks(mata)} diubah: {', '.join(perubahan)}", alasan))
            if kode != kode_lama:
                for bawah in _turunan(mata):
                    bawah.kode = kode + bawah.kode[len(kode_lama) :]
                    simpan(bawah, user, _alasan(f"Kode induk {kode_lama} → {kode}", alasan))
                _urutkan_saudara(mata)
            for dokumen, (nilai, semula) in pagu_baru.items():
                _pagu_tulis(user, mata, dokumen, nilai, semula, alasan)
    except IntegrityError:
        raise ValidationError({"kode": f"Kode {kode} sudah dipakai."}, code="kode_ganda") from None
    return mata


def ketergantungan(mata: MataAnggaran) -> list[str]:
    """What keeps the line (or a line under it) from being deleted, in words; empty when nothing does.

    Realisasi, the budget rows of a Perjanjian Kinerja and indicators would lose their line or, through the
    cascade, be lost with it: they must be moved or deleted on their own screens first.
    """
    program_ids, kegiatan_ids, sub_ids = [], [], []
    if isinstance(mata, Program):
        program_ids = [mata.pk]
        kegiatan_ids = list(Kegiatan.objects.filter(program=mata).values_list("pk", flat=True))
        sub_ids = list(SubKegiatan.objects.filter(kegiatan__program=mata).values_list("pk", flat=True))
    elif isinstance(mata, Kegiatan):
        kegiatan_ids = [mata.pk]
        sub_ids = list(SubKegiatan.objects.filter(kegiatan=mata).values_list("pk", flat=True))
    else:
        sub_ids = [mata.pk]
    q = Q(program__in=program_ids) | Q(kegiatan__in=kegiatan_ids) | Q(sub_kegiatan__in=sub_ids)
    alasan = []
    realisasi = RealisasiAnggaran.objects.filter(q).count()
    if realisasi:
        alasan.append(f"{realisasi} realisasi anggaran")
    if isinstance(mata, Program):
        pk = mata.anggaran_pk_set.count()
        if pk:
            alasan.append(f"{pk} baris anggaran Perjanjian Kinerja")
    indikator = Indikator.objects.filter(q).count()
    if indikator:
        alasan.append(f"{indikator} indikator")
    return alasan


def mata_anggaran_hapus(*, user, mata: MataAnggaran, alasan: str = "") -> None:
    """Delete a line with the lines under it, their pagu and planned absorption (each with a history row).

    Refused (ValidationError) while realisasi, a PK's budget row or indicators depend on any of them.
    """
    program = mata.program_induk
    opd = program.opd
    _buka(user, opd, program.tahun)
    with transaction.atomic():
        _boleh_ubah(user, opd, program.tahun)
        mata = type(mata).objects.select_for_update().get(pk=mata.pk)
        sebab = ketergantungan(mata)
        if sebab:
            raise ValidationError(
                f"{_mata_teks(mata)} tidak dapat dihapus karena masih dipakai oleh {', '.join(sebab)}"
                f"{' (termasuk rinciannya)' if not isinstance(mata, SubKegiatan) else ''}. "
                "Hapus atau pindahkan data itu lebih dulu.",
                code="masih_dipakai",
            )
        rincian = _alasan(f"{_mata_teks(mata)} dihapus", alasan)
        semua = [*reversed(_turunan(mata)), mata]  # bottom-up: sub kegiatan before their kegiatan
        for obj in semua:
            for pagu in PaguAnggaran.objects.filter(**{obj.level: obj}):
                hapus(pagu, user, rincian)
            if isinstance(obj, SubKegiatan):
                for rencana in obj.rencana_penyerapan_set.all():
                    hapus(rencana, user, rincian)
            hapus(obj, user, rincian)


# --- pagu ----------------------------------------------------------------------------------------------------


def pagu_simpan(
    *, user, mata: MataAnggaran, dokumen: str, nilai: Decimal | None, semula: Decimal | None, alasan: str = ""
) -> PaguAnggaran | None:
    """Set (or delete, `nilai=None`) the pagu of one document ("dpa" or "dpa_perubahan") of a line.

    Rupiah with at most two decimals, not negative. `semula` is what the user's form showed.
    """
    program = mata.program_induk
    opd = program.opd
    _buka(user, opd, program.tahun)
    nilai = _validasi_pagu(nilai, dokumen)
    try:
        with transaction.atomic():
            _boleh_ubah(user, opd, program.tahun)
            return _pagu_tulis(user, mata, dokumen, nilai, semula, alasan)
    except IntegrityError:
        lama = PaguAnggaran.objects.filter(**{mata.level: mata, "dokumen": dokumen}).first()
        if lama is None:
            raise
        raise KonflikSimpan(tersimpan=lama.nilai, nilai_anda=nilai, objek=lama) from None


# --- planned absorption (Rencana Aksi, budget side) ---------------------------------------------------------------


def rencana_penyerapan_simpan(
    *,
    user,
    sub_kegiatan: SubKegiatan,
    nilai: Mapping[int, Decimal | None],
    semula: Mapping[int, Decimal | None],
    alasan: str = "",
) -> list[str]:
    """Store the planned cumulative spending of a sub kegiatan up to each Tribulan (`{1: ..., 4: ...}`;
    None deletes a Tribulan's plan). Returns the warnings of the new plan (falling between Tribulan,
    above the pagu); they do not stop the save, since a plan may be adjusted later.
    """
    program = sub_kegiatan.kegiatan.program
    opd = program.opd
    _buka(user, opd, program.tahun)
    bersih: dict[int, Decimal | None] = {}
    galat = []
    for t in TRIBULAN:
        if t not in nilai:
            continue
        try:
            bersih[t] = (
                None
                if nilai[t] is None
                else validasi_desimal(
                    nilai[t], label=f"Rencana s.d. TW {t}", boleh_negatif=False, **UANG_DIGITS
                )
            )
        except ValidationError as e:
            galat.extend(e.messages)
    if galat:
        raise ValidationError(galat, code="rencana_tidak_sah")
    with transaction.atomic():
        _boleh_ubah(user, opd, program.tahun)
        lama = {
            r.tribulan: r
            for r in RencanaPenyerapan.objects.select_for_update().filter(sub_kegiatan=sub_kegiatan)
        }
        for t, baru in bersih.items():
            tersimpan = lama[t].nilai if t in lama else None
            if baru == tersimpan:
                continue
            if tersimpan != semula.get(t):
                riwayat = (
                    lama[t].history.all()
                    if t in lama
                    else RencanaPenyerapan.history.filter(sub_kegiatan_id=sub_kegiatan.pk, tribulan=t)
                )
                oleh, pada = terakhir_diubah(riwayat)
                raise KonflikSimpan(
                    tersimpan=tersimpan,
                    nilai_anda=baru,
                    oleh=oleh,
                    pada=pada,
                    objek=lama.get(t),
                    subjek=f"Rencana s.d. TW {t} {sub_kegiatan.kode}",
                )
            rincian = _alasan(
                f"Rencana s.d. TW {t} {sub_kegiatan.kode}: {tampil_nilai(tersimpan)} → {tampil_nilai(baru)}",
                alasan,
            )
            if baru is None:
                hapus(lama[t], user, rincian)
                continue
            obj = lama.get(t) or RencanaPenyerapan(sub_kegiatan=sub_kegiatan, tribulan=t)
            obj.nilai = baru
            simpan(obj, user, rincian)
        rencana = {r.tribulan: r.nilai for r in RencanaPenyerapan.objects.filter(sub_kegiatan=sub_kegiatan)}
        dokumen = dokumen_acuan(opd_id=opd.pk, tahun=program.tahun)
        pagu = (
            PaguAnggaran.objects.filter(sub_kegiatan=sub_kegiatan, dokumen=dokumen)
            .values_list("nilai", flat=True)
            .first()
        )
    return peringatan_rencana(pagu=pagu, rencana=rencana, nama_pagu=f"pagu {NAMA_DOKUMEN[dokumen]}")


# --- the DPA upload ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisImpor:
    """One checked row of a DPA workbook: its code (level follows from it), name and pagu (None: leave as is)."""

    nomor: int
    kode: str
    nama: str
    pagu_murni: Decimal | None
    pagu_perubahan: Decimal | None

    @property
    def level(self) -> str:
        return level_dari_kode(self.kode)


@dataclass(frozen=True)
class PerubahanImpor:
    nomor: int
    uraian: str


def dpa_impor(
    *, user, opd, tahun: int, baris: Sequence[BarisImpor], alasan: str = ""
) -> list[PerubahanImpor]:
    """Create or update every row of a checked DPA workbook, in one transaction: all rows or none.

    Rows must be checked already (`anggaran.dpa_excel.periksa_dpa`); a parent comes before its children
    or exists. A line with the same code is updated (name, pagu given); an empty pagu leaves it as is.
    """
    _buka(user, opd, tahun)
    alasan = alasan or "Unggah DPA"
    perubahan: list[PerubahanImpor] = []
    with transaction.atomic():
        _boleh_ubah(user, opd, tahun)
        program = {p.kode: p for p in Program.objects.filter(opd=opd, tahun=tahun)}
        kegiatan = {k.kode: k for k in Kegiatan.objects.filter(program__opd=opd, program__tahun=tahun)}
        sub = {
            s.kode: s
            for s in SubKegiatan.objects.filter(kegiatan__program__opd=opd, kegiatan__program__tahun=tahun)
        }
        per_level = {"program": program, "kegiatan": kegiatan, "sub_kegiatan": sub}
        disentuh: list[MataAnggaran] = []
        for b in baris:
            level = b.level
            ada = per_level[level].get(b.kode)
            nama = _validasi_nama(b.nama, level)
            if ada is None:
                if level == "program":
                    ada = Program(opd=opd, tahun=tahun, kode=b.kode, nama=nama)
                elif level == "kegiatan":
                    ada = Kegiatan(program=program[kode_induk(b.kode)], kode=b.kode, nama=nama)
                else:
                    ada = SubKegiatan(kegiatan=kegiatan[kode_induk(b.kode)], kode=b.kode, nama=nama)
                simpan(ada, user, _alasan(f"{_mata_teks(ada)} dibuat", alasan))
                per_level[level][b.kode] = ada
                perubahan.append(PerubahanImpor(b.nomor, f"{_mata_teks(ada)} dibuat"))
            elif ada.nama != nama:
                ada.nama = nama
                simpan(ada, user, _alasan(f"{_mata_teks(ada)} diubah: nama", alasan))
                perubahan.append(PerubahanImpor(b.nomor, f"Nama {_mata_teks(ada)} diubah"))
            for dokumen, nilai in (("dpa", b.pagu_murni), ("dpa_perubahan", b.pagu_perubahan)):
                if nilai is None:
                    continue
                nilai = _validasi_pagu(nilai, dokumen)
                lama = (
                    PaguAnggaran.objects.filter(**{level: ada, "dokumen": dokumen})
                    .values_list("nilai", flat=True)
                    .first()
                )
                if lama == nilai:
                    continue
                _pagu_tulis(user, ada, dokumen, nilai, None, alasan, periksa_konflik=False)
                perubahan.append(
                    PerubahanImpor(
                        b.nomor,
                        f"Pagu {NAMA_DOKUMEN[dokumen]} {ada.kode}: {format_rupiah(lama)} → {format_rupiah(nilai)}",
                    )
                )
            disentuh.append(ada)
        # One renumbering per group of siblings touched.
        for m in {(m.level, _induk(m).pk if _induk(m) else None): m for m in disentuh}.values():
            _urutkan_saudara(m)
    return perubahan


def realisasi_anggaran_simpan(
    *,
    user,
    mata_anggaran: MataAnggaran,
    tribulan: int,
    nilai: Decimal | None,
    semula: Decimal | None,
    keterangan: str = "",
) -> RealisasiAnggaran | None:
    """Save the cumulative budget realisasi (Rp) of a program, kegiatan or sub kegiatan up to a Tribulan.

    The year is the program's budget year. `semula` is the value the user's form showed. `nilai=None`
    deletes. Returns the stored row or None. Raises like `realisasi_simpan`; negative amounts and more
    than two decimals are refused.
    """
    if not isinstance(mata_anggaran, Program | Kegiatan | SubKegiatan):
        raise TypeError("mata_anggaran harus Program, Kegiatan atau SubKegiatan")
    program, medan = mata_anggaran.program_induk, mata_anggaran.level
    pastikan_akses_opd(user, program.opd_id, tulis=True)
    validasi_periode(program.tahun, tribulan)
    if nilai is not None:
        nilai = validasi_desimal(nilai, label="Realisasi anggaran", boleh_negatif=False, **UANG_DIGITS)
    keterangan = validasi_teks(keterangan, label="Keterangan", max_length=300)
    kunci = {medan: mata_anggaran, "tribulan": tribulan}
    label = f"Realisasi s.d. TW {tribulan} {program.tahun}"

    try:
        with transaction.atomic():
            pastikan_boleh_ubah(
                user,
                opd_id=program.opd_id,
                pemda_id=program.opd.pemda_id,
                tahun=program.tahun,
                tribulan=tribulan,
            )
            lama = RealisasiAnggaran.objects.select_for_update().filter(**kunci).first()
            tersimpan = lama.nilai if lama else None
            if lama is None and nilai is None:
                return None
            if lama and nilai == tersimpan and keterangan == lama.keterangan:
                return lama
            if tersimpan != semula:
                oleh, pada = terakhir_diubah(
                    lama.history.all() if lama else RealisasiAnggaran.history.filter(**kunci)
                )
                raise KonflikSimpan(tersimpan=tersimpan, nilai_anda=nilai, oleh=oleh, pada=pada, objek=lama)
            if nilai is None:
                hapus(lama, user, f"{label}: {tampil_nilai(tersimpan)} → kosong")
                return None
            if lama is None:
                lama = RealisasiAnggaran(**kunci)
            lama.nilai, lama.keterangan = nilai, keterangan
            simpan(lama, user, f"{label}: {tampil_nilai(tersimpan)} → {tampil_nilai(nilai)}")
            return lama
    except IntegrityError:
        lama = RealisasiAnggaran.objects.filter(**kunci).first()
        if lama is None:
            raise
        raise KonflikSimpan(tersimpan=lama.nilai, nilai_anda=nilai, objek=lama) from None


# --- many budget realisasi at once (the Excel upload) ------------------------------------------

@dataclass(frozen=True)
class IsianRealisasiAnggaran:
    mata_anggaran: MataAnggaran
    nilai: Decimal | None
    semula: Decimal | None  # the value the file was made with
    keterangan: str = ""


def realisasi_anggaran_simpan_banyak(
    *, user, opd, tahun: int, tribulan: int, isian: Sequence[IsianRealisasiAnggaran]
) -> dict[int, Exception]:
    """Save many budget realisasi of one OPD-year-Tribulan as `realisasi_anggaran_simpan` would save each.

    The same checks, lock, freeze, conflict rule and history row per value, in a few queries for the lot
    (the Excel upload). Runs inside the caller's transaction and writes nothing when any value is refused;
    returns the refusals by position in `isian` ({} when all were saved).
    """
    pastikan_akses_opd(user, opd, tulis=True)
    validasi_periode(tahun, tribulan)
    pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=tahun, tribulan=tribulan)
    galat: dict[int, Exception] = {}
    siap, terlihat = [], set()
    for i, s in enumerate(isian):
        program = s.mata_anggaran.program_induk
        kunci = (s.mata_anggaran.level, s.mata_anggaran.pk)
        try:
            if program.opd_id != opd.pk or program.tahun != tahun:
                raise Http404("Mata anggaran ini bukan milik OPD dan tahun tersebut.")
            if kunci in terlihat:
                raise ValidationError("Nilai yang sama muncul dua kali dalam satu unggahan.")
            terlihat.add(kunci)
            nilai = s.nilai
            if nilai is not None:
                nilai = validasi_desimal(nilai, label="Realisasi anggaran", boleh_negatif=False, **UANG_DIGITS)
            siap.append((i, s, kunci, nilai, validasi_teks(s.keterangan, label="Keterangan", max_length=300)))
        except (ValidationError, Http404) as exc:
            galat[i] = exc
    per_level = {level: [k[1] for _, _, k, _, _ in siap if k[0] == level] for level in LEVEL_MATA}
    syarat = Q(pk__in=[])
    for level, ids in per_level.items():
        if ids:
            syarat |= Q(**{f"{level}_id__in": ids})
    tersimpan = {}
    for r in RealisasiAnggaran.objects.select_for_update().filter(syarat, tribulan=tribulan):
        tersimpan[r.kunci_mata] = r
    label = f"Realisasi s.d. TW {tribulan} {tahun}"
    buat, ubah, hapus_ = [], [], []
    for i, s, kunci, nilai, keterangan in siap:
        lama = tersimpan.get(kunci)
        nilai_lama = lama.nilai if lama else None
        if (lama is None and nilai is None) or (lama and nilai == nilai_lama and keterangan == lama.keterangan):
            continue
        if nilai_lama != s.semula:
            syarat_riwayat = {kunci[0]: s.mata_anggaran, "tribulan": tribulan}
            oleh, pada = terakhir_diubah(
                lama.history.all() if lama else RealisasiAnggaran.history.filter(**syarat_riwayat)
            )
            galat[i] = KonflikSimpan(tersimpan=nilai_lama, nilai_anda=nilai, oleh=oleh, pada=pada, objek=lama)
            continue
        if nilai is None:
            lama._change_reason = f"{label}: {tampil_nilai(nilai_lama)} → kosong"
            hapus_.append(lama)
            continue
        if lama is None:
            lama = RealisasiAnggaran(**{kunci[0]: s.mata_anggaran}, tribulan=tribulan)
            buat.append(lama)
        else:
            ubah.append(lama)
        lama._change_reason = f"{label}: {tampil_nilai(nilai_lama)} → {tampil_nilai(nilai)}"
        lama.nilai, lama.keterangan = nilai, keterangan
    if not galat:
        tulis_banyak(RealisasiAnggaran, user, buat=buat, ubah=ubah, hapus=hapus_, medan_ubah=("nilai", "keterangan"))
    return galat

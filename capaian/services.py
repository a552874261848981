"""Writes of monev data: realisasi of indicators, formula inputs, budget realisasi, analysis, periods.

Every function here:

1. checks access through `lkjip.akses` (another OPD: `Http404`; read-only role: `PermissionDenied`);
2. validates its input (`ValidationError` with an Indonesian message, nothing written);
3. refuses a locked `PeriodeMonev` unless the user is admin of its Pemda (`ValidationError`);
4. runs in one transaction, locking the stored row (`select_for_update`) before comparing it with what
   the user's form showed: a stale form raises `KonflikSimpan` and writes nothing;
5. records the acting user and a change reason (old → new value) in the model's history.

Stale forms: `RealisasiIndikator` carries a `versi` that the form posts back. The other models have no
version column, so their form posts back the value it showed (`semula`); a stored value that differs from
it means someone else saved in between. Saving the value that is already stored is never a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation, localcontext

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from anggaran.models import Kegiatan, Program, RealisasiAnggaran, SubKegiatan
from capaian.models import AnalisisIndikator, NilaiVariabel, PeriodeMonev, RealisasiIndikator, VariabelFormula
from lkjip.akses import pastikan_akses_opd, peran_pengguna
from lkjip.forms import format_angka_penuh
from lkjip.periode import NILAI_DIGITS, UANG_DIGITS, Tribulan
from renstra.models import Indikator

NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
TAHUN_MIN, TAHUN_MAKS = 2000, 2100


class KonflikSimpan(Exception):
    """Someone else saved this value after the user's form was loaded; nothing was written.

    `tersimpan` is the value now stored (None: deleted or never saved), `nilai_anda` the value the user
    tried to save; `oleh` and `pada` say who stored it and when (None when history does not tell).
    """

    def __init__(
        self,
        *,
        tersimpan,
        nilai_anda,
        oleh=None,
        pada: datetime | None = None,
        versi: int | None = None,
        objek=None,
        subjek: str = "Nilai ini",
    ):
        self.tersimpan = tersimpan
        self.nilai_anda = nilai_anda
        self.oleh = oleh
        self.pada = pada
        self.versi = versi
        self.objek = objek
        self.subjek = subjek
        super().__init__(self.pesan)

    @property
    def pesan(self) -> str:
        siapa = _nama_pengguna(self.oleh)
        kapan = f" pada {format_waktu(self.pada)}" if self.pada else ""
        if self.nilai_anda is None:
            punya_anda = "penghapusan oleh Anda tidak dilakukan"
        else:
            punya_anda = f"nilai Anda {_tampil(self.nilai_anda)} tidak disimpan"
        return (
            f"{self.subjek} sudah diubah oleh {siapa}{kapan} menjadi {_tampil(self.tersimpan)}; {punya_anda}."
        )


@dataclass(frozen=True)
class TeksAnalisis:
    """The three texts of an indicator's analysis, as stored or as a form showed them."""

    faktor_keberhasilan: str = ""
    hambatan: str = ""
    tindak_lanjut: str = ""

    def __post_init__(self):
        # Browsers post textarea line breaks as CRLF; compare and store one form only.
        for nama in ("faktor_keberhasilan", "hambatan", "tindak_lanjut"):
            object.__setattr__(self, nama, _rapikan(getattr(self, nama)))

    @classmethod
    def dari(cls, analisis: AnalisisIndikator | None) -> TeksAnalisis | None:
        if analisis is None:
            return None
        return cls(analisis.faktor_keberhasilan, analisis.hambatan, analisis.tindak_lanjut)

    def kosong(self) -> bool:
        return not (self.faktor_keberhasilan or self.hambatan or self.tindak_lanjut)

    def __str__(self) -> str:
        bagian = [
            ("faktor keberhasilan", self.faktor_keberhasilan),
            ("hambatan", self.hambatan),
            ("tindak lanjut", self.tindak_lanjut),
        ]
        return "; ".join(f"{label}: “{teks}”" for label, teks in bagian if teks) or "kosong"


# --- validation helpers -------------------------------------------------------------------------


def validasi_desimal(
    nilai, *, max_digits: int, decimal_places: int, label: str = "Nilai", boleh_negatif: bool = True
) -> Decimal:
    """`nilai` as a Decimal that fits the column, or ValidationError in Indonesian.

    Floats are refused outright (TypeError): a value that went through float has already lost digits.
    Trailing zeros beyond the stored decimals are accepted (1,50000000000 fits 8 decimals).
    """
    if isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise TypeError(f"{label} harus Decimal, bukan {type(nilai).__name__}")
    nilai = Decimal(nilai)
    if not nilai.is_finite():
        raise ValidationError(f"{label} harus berupa angka (bukan NaN atau tak hingga).", code="bukan_angka")
    bulat = max_digits - decimal_places
    terlalu_panjang = ValidationError(
        f"{label} terlalu besar: paling banyak {bulat} angka sebelum koma.", code="terlalu_besar"
    )
    with localcontext(prec=max_digits + 2):
        try:
            dibulatkan = nilai.quantize(Decimal(1).scaleb(-decimal_places))
        except InvalidOperation:
            raise terlalu_panjang from None
    if dibulatkan != nilai:
        raise ValidationError(
            f"{label} paling banyak {decimal_places} angka di belakang koma.", code="terlalu_banyak_desimal"
        )
    if abs(dibulatkan) >= Decimal(10) ** bulat:
        raise terlalu_panjang
    if not boleh_negatif and dibulatkan < 0:
        raise ValidationError(f"{label} tidak boleh negatif.", code="negatif")
    return dibulatkan


def _validasi_periode(tahun: int, tribulan: int | None = None) -> None:
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise ValidationError(f"Tahun harus antara {TAHUN_MIN} dan {TAHUN_MAKS}.", code="tahun")
    if tribulan is not None and tribulan not in Tribulan.values:
        raise ValidationError("Tribulan harus 1 sampai 4.", code="tribulan")


def _rapikan(teks: str) -> str:
    if not isinstance(teks, str):
        raise TypeError("teks harus str")
    return teks.replace("\r\n", "\n").replace("\r", "\n").strip()


def _validasi_teks(teks: str, *, label: str, max_length: int | None = None) -> str:
    teks = _rapikan(teks)
    if max_length is not None and len(teks) > max_length:
        raise ValidationError(f"{label} paling panjang {max_length} karakter.", code="terlalu_panjang")
    return teks


def pastikan_tidak_dibekukan(user, *, opd_id: int, pemda_id: int, tahun: int) -> None:
    """Refuse a monev write while the OPD-year's LKjIP is submitted, reviewed or signed (admin excepted).

    The report is built from this data: once submitted, the operator may no longer change what the
    auditor reviews and the head signs. Returning the report to draft unfreezes it.
    """
    from lkjip.laporan.services import laporan_membekukan

    if laporan_membekukan(opd_id, tahun) and not peran_pengguna(user).admin_pemda(pemda_id):
        raise ValidationError(
            f"LKjIP tahun {tahun} sudah diajukan; data tahun itu dibekukan sampai laporan dikembalikan ke draf.",
            code="laporan_dibekukan",
        )


def _pastikan_periode_terbuka(user, *, opd_id: int, pemda_id: int, tahun: int, tribulan: int) -> None:
    """Called inside the transaction; the row lock orders this save against `periode_kunci`.

    Also refuses writes to a year whose LKjIP is submitted (`pastikan_tidak_dibekukan`).
    """
    pastikan_tidak_dibekukan(user, opd_id=opd_id, pemda_id=pemda_id, tahun=tahun)
    periode = (
        PeriodeMonev.objects.select_for_update()
        .filter(pemda_id=pemda_id, tahun=tahun, tribulan=tribulan)
        .first()
    )
    if periode and periode.terkunci and not peran_pengguna(user).admin_pemda(pemda_id):
        raise ValidationError(
            f"Periode {Tribulan(tribulan).label} {tahun} sudah dikunci; hanya admin yang dapat mengubah data.",
            code="periode_terkunci",
        )


# --- display helpers for messages ---------------------------------------------------------------


def format_waktu(waktu: datetime) -> str:
    lokal = timezone.localtime(waktu)
    return f"{lokal.day} {NAMA_BULAN[lokal.month - 1]} {lokal.year} pukul {lokal:%H.%M}"


def _tampil(nilai) -> str:
    """Full precision, Indonesian separators: conflicts must show exactly what is stored."""
    if nilai is None:
        return "kosong"
    if isinstance(nilai, Decimal):
        return format_angka_penuh(nilai)
    return str(nilai)


def _nama_pengguna(user) -> str:
    if user is None:
        return "pengguna lain"
    return user.get_full_name() or user.get_username()


def _terakhir_diubah(history_qs):
    """(user, time) of the latest history row, or (None, None)."""
    catatan = history_qs.select_related("history_user").order_by("-history_date", "-history_id").first()
    if catatan is None:
        return None, None
    return catatan.history_user, catatan.history_date


# django-simple-history stores the change reason in a 100-character column. The history row itself
# holds every field and says what changed; the reason repeats old → new for a reader of the list.
PANJANG_ALASAN = 100


def _simpan(obj, user, alasan: str) -> None:
    obj._history_user = user
    obj._change_reason = alasan[:PANJANG_ALASAN]
    obj.save()


def _hapus(obj, user, alasan: str) -> None:
    obj._history_user = user
    obj._change_reason = alasan[:PANJANG_ALASAN]
    obj.delete()


# --- realisasi indikator -------------------------------------------------------------------------


def realisasi_simpan(
    *,
    user,
    indikator: Indikator,
    tahun: int,
    tribulan: int,
    nilai: Decimal | None,
    versi: int | None,
    keterangan: str = "",
) -> RealisasiIndikator | None:
    """Create, update or (with `nilai=None`) delete the realisasi of an indicator for one Tribulan.

    `versi` is the version the user's form showed (None: the form showed no value). Returns the stored
    row, or None when it was deleted or there was nothing to delete.

    Raises Http404 (OPD not readable), PermissionDenied (read-only), ValidationError (input, locked
    period), KonflikSimpan (someone else saved in between; nothing written).
    """
    pastikan_akses_opd(user, indikator.opd_id, tulis=True)
    _validasi_periode(tahun, tribulan)
    if nilai is not None:
        nilai = validasi_desimal(nilai, label="Realisasi", **NILAI_DIGITS)
    keterangan = _validasi_teks(keterangan, label="Keterangan", max_length=500)
    pemda_id = indikator.opd.pemda_id
    kunci = {"indikator": indikator, "tahun": tahun, "tribulan": tribulan}
    label = f"Realisasi TW {tribulan} {tahun}"

    try:
        with transaction.atomic():
            _pastikan_periode_terbuka(
                user, opd_id=indikator.opd_id, pemda_id=pemda_id, tahun=tahun, tribulan=tribulan
            )
            lama = RealisasiIndikator.objects.select_for_update().filter(**kunci).first()
            tersimpan = lama.nilai if lama else None
            # What the user asks for is already stored: not a conflict, nothing to write.
            if lama is None and nilai is None:
                return None
            if lama and nilai == lama.nilai and keterangan == lama.keterangan:
                return lama
            if (lama.versi if lama else None) != versi:
                raise _konflik_realisasi(lama, kunci, nilai)
            if lama is None:
                baru = RealisasiIndikator(**kunci, nilai=nilai, keterangan=keterangan, versi=1)
                _simpan(baru, user, f"{label}: kosong → {_tampil(nilai)}")
                return baru
            if nilai is None:
                _hapus(lama, user, f"{label}: {_tampil(tersimpan)} → kosong")
                return None
            lama.nilai, lama.keterangan, lama.versi = nilai, keterangan, lama.versi + 1
            _simpan(lama, user, f"{label}: {_tampil(tersimpan)} → {_tampil(nilai)}")
            return lama
    except IntegrityError:
        # Two first saves raced and the unique constraint let one through: a conflict like any other.
        lama = RealisasiIndikator.objects.filter(**kunci).first()
        if lama is None:
            raise
        raise _konflik_realisasi(lama, kunci, nilai) from None


def _konflik_realisasi(lama: RealisasiIndikator | None, kunci: dict, nilai) -> KonflikSimpan:
    if lama is not None:
        oleh, pada = _terakhir_diubah(lama.history.all())
    else:
        oleh, pada = _terakhir_diubah(RealisasiIndikator.history.filter(**kunci))
    return KonflikSimpan(
        tersimpan=lama.nilai if lama else None,
        nilai_anda=nilai,
        oleh=oleh,
        pada=pada,
        versi=lama.versi if lama else None,
        objek=lama,
    )


# --- nilai variabel formula ---------------------------------------------------------------------


def nilai_variabel_simpan(
    *,
    user,
    variabel: VariabelFormula,
    tahun: int,
    tribulan: int,
    nilai: Decimal | None,
    semula: Decimal | None,
) -> NilaiVariabel | None:
    """Save the typed value of a formula input for one Tribulan (`nilai=None` deletes it).

    `semula` is the value the user's form showed (None: empty). An input summed from a supporting table
    is not typed: changing it here is refused (ValidationError). Returns the stored row or None.
    Raises like `realisasi_simpan`.
    """
    indikator = variabel.indikator
    pastikan_akses_opd(user, indikator.opd_id, tulis=True)
    _validasi_periode(tahun, tribulan)
    if nilai is not None:
        nilai = validasi_desimal(nilai, label=f"Nilai {variabel.label}", **NILAI_DIGITS)
    kunci = {"variabel": variabel, "tahun": tahun, "tribulan": tribulan}
    label = f"Nilai TW {tribulan} {tahun}"

    try:
        with transaction.atomic():
            _pastikan_periode_terbuka(
                user, opd_id=indikator.opd_id, pemda_id=indikator.opd.pemda_id, tahun=tahun, tribulan=tribulan
            )
            lama = NilaiVariabel.objects.select_for_update().filter(**kunci).first()
            if lama and lama.tabel_id:
                raise ValidationError(
                    "Nilai variabel ini dijumlahkan dari tabel pendukung; ubah datanya di tabel tersebut.",
                    code="dari_tabel",
                )
            tersimpan = lama.nilai if lama else None
            if nilai == tersimpan:
                return lama
            if tersimpan != semula:
                oleh, pada = _terakhir_diubah(
                    lama.history.all() if lama else NilaiVariabel.history.filter(**kunci)
                )
                raise KonflikSimpan(tersimpan=tersimpan, nilai_anda=nilai, oleh=oleh, pada=pada, objek=lama)
            if nilai is None:
                _hapus(lama, user, f"{label}: {_tampil(tersimpan)} → kosong")
                return None
            if lama is None:
                lama = NilaiVariabel(**kunci)
            lama.nilai = nilai
            _simpan(lama, user, f"{label}: {_tampil(tersimpan)} → {_tampil(nilai)}")
            return lama
    except IntegrityError:
        lama = NilaiVariabel.objects.filter(**kunci).first()
        if lama is None:
            raise
        raise KonflikSimpan(tersimpan=lama.nilai, nilai_anda=nilai, objek=lama) from None


# --- realisasi anggaran ---------------------------------------------------------------------------


MataAnggaran = Program | Kegiatan | SubKegiatan


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
    if isinstance(mata_anggaran, SubKegiatan):
        program, medan = mata_anggaran.kegiatan.program, "sub_kegiatan"
    elif isinstance(mata_anggaran, Kegiatan):
        program, medan = mata_anggaran.program, "kegiatan"
    elif isinstance(mata_anggaran, Program):
        program, medan = mata_anggaran, "program"
    else:
        raise TypeError("mata_anggaran harus Program, Kegiatan atau SubKegiatan")
    pastikan_akses_opd(user, program.opd_id, tulis=True)
    _validasi_periode(program.tahun, tribulan)
    if nilai is not None:
        nilai = validasi_desimal(nilai, label="Realisasi anggaran", boleh_negatif=False, **UANG_DIGITS)
    keterangan = _validasi_teks(keterangan, label="Keterangan", max_length=300)
    kunci = {medan: mata_anggaran, "tribulan": tribulan}
    label = f"Realisasi s.d. TW {tribulan} {program.tahun}"

    try:
        with transaction.atomic():
            _pastikan_periode_terbuka(
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
                oleh, pada = _terakhir_diubah(
                    lama.history.all() if lama else RealisasiAnggaran.history.filter(**kunci)
                )
                raise KonflikSimpan(tersimpan=tersimpan, nilai_anda=nilai, oleh=oleh, pada=pada, objek=lama)
            if nilai is None:
                _hapus(lama, user, f"{label}: {_tampil(tersimpan)} → kosong")
                return None
            if lama is None:
                lama = RealisasiAnggaran(**kunci)
            lama.nilai, lama.keterangan = nilai, keterangan
            _simpan(lama, user, f"{label}: {_tampil(tersimpan)} → {_tampil(nilai)}")
            return lama
    except IntegrityError:
        lama = RealisasiAnggaran.objects.filter(**kunci).first()
        if lama is None:
            raise
        raise KonflikSimpan(tersimpan=lama.nilai, nilai_anda=nilai, objek=lama) from None


# --- analisis indikator ---------------------------------------------------------------------------


def analisis_simpan(
    *,
    user,
    indikator: Indikator,
    tahun: int,
    teks: TeksAnalisis,
    semula: TeksAnalisis | None,
) -> AnalisisIndikator | None:
    """Save the yearly analysis of an indicator (success factors, obstacles, follow-up).

    All three texts empty deletes the analysis. `semula` is what the user's form showed (None: no
    analysis yet). The analysis is annual, so no Tribulan lock applies to it. Returns the stored row or
    None. Raises Http404, PermissionDenied, ValidationError, KonflikSimpan.
    """
    pastikan_akses_opd(user, indikator.opd_id, tulis=True)
    _validasi_periode(tahun)
    baru = None if teks.kosong() else teks
    kunci = {"indikator": indikator, "tahun": tahun}
    label = f"Analisis {tahun}"

    try:
        with transaction.atomic():
            pastikan_tidak_dibekukan(
                user, opd_id=indikator.opd_id, pemda_id=indikator.opd.pemda_id, tahun=tahun
            )
            lama = AnalisisIndikator.objects.select_for_update().filter(**kunci).first()
            tersimpan = TeksAnalisis.dari(lama)
            if baru == tersimpan:
                return lama
            if tersimpan != semula:
                oleh, pada = _terakhir_diubah(
                    lama.history.all() if lama else AnalisisIndikator.history.filter(**kunci)
                )
                raise KonflikSimpan(
                    tersimpan=tersimpan,
                    nilai_anda=baru,
                    oleh=oleh,
                    pada=pada,
                    objek=lama,
                    subjek="Analisis ini",
                )
            if baru is None:
                _hapus(lama, user, f"{label} dihapus")
                return None
            if lama is None:
                lama = AnalisisIndikator(**kunci)
            lama.faktor_keberhasilan = teks.faktor_keberhasilan
            lama.hambatan = teks.hambatan
            lama.tindak_lanjut = teks.tindak_lanjut
            _simpan(lama, user, f"{label} {'diubah' if tersimpan else 'diisi'}")
            return lama
    except IntegrityError:
        lama = AnalisisIndikator.objects.filter(**kunci).first()
        if lama is None:
            raise
        raise KonflikSimpan(
            tersimpan=TeksAnalisis.dari(lama), nilai_anda=baru, objek=lama, subjek="Analisis ini"
        ) from None


# --- periode monev ----------------------------------------------------------------------------------


def periode_kunci(*, user, periode: PeriodeMonev, terkunci: bool) -> PeriodeMonev:
    """Lock or unlock a monev period. Admin of the period's Pemda only (PermissionDenied otherwise)."""
    if not peran_pengguna(user).admin_pemda(periode.pemda_id):
        raise PermissionDenied("Hanya admin Pemda yang dapat mengunci atau membuka periode monev.")
    with transaction.atomic():
        periode = PeriodeMonev.objects.select_for_update().get(pk=periode.pk)
        if periode.terkunci == terkunci:
            return periode
        periode.terkunci = terkunci
        _simpan(periode, user, "Periode dikunci" if terkunci else "Periode dibuka")
        return periode

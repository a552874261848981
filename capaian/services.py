"""Writes of monev data: realisasi of indicators, formula inputs, analysis, rows of supporting tables and
review notes. (Budget realisasi is written by `anggaran.services`, periods by `inti.services`.)

Every function here:

1. checks access through `inti.akses` (another OPD: `Http404`; read-only role: `PermissionDenied`);
2. validates its input (`ValidationError` with an Indonesian message, nothing written);
3. refuses a frozen year (its LKjIP is submitted) and a locked `PeriodeMonev` unless the user is admin of
   its Pemda (`inti.tulis.pastikan_boleh_ubah`);
4. runs in one transaction, locking the stored row (`select_for_update`) before comparing it with what
   the user's form showed: a stale form raises `KonflikSimpan` and writes nothing;
5. records the acting user and a change reason (old → new value) in the model's history.

Stale forms: `RealisasiIndikator` carries a `versi` that the form posts back. The other models have no
version column, so their form posts back the value it showed (`semula`); a stored value that differs from
it means someone else saved in between. Saving the value that is already stored is never a conflict.

A supporting table belongs to a year, not to a Tribulan; its column sums feed formula inputs of one or
more Tribulan. A change is therefore refused while the period of the screen OR of any Tribulan whose
inputs are summed from the table is locked, so that a locked Tribulan's figures cannot move through
the back door of an open one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.http import Http404

from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    CatatanReviu,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)
from inti.akses import pastikan_akses_opd, peran_pengguna
from inti.models import OPD
from inti.periode import NILAI_DIGITS
from inti.tampilan import tampil_nilai, tampil_nilai_indikator
from inti.tulis import (
    KonflikSimpan,
    hapus,
    pastikan_boleh_ubah,
    rapikan,
    simpan,
    terakhir_diubah,
    tulis_banyak,
    validasi_desimal,
    validasi_periode,
    validasi_teks,
)
from perjanjian.models import BarisPK
from renstra.models import Indikator, TargetIndikator, VariabelFormula

PANJANG_CATATAN_MAKS = 5000


@dataclass(frozen=True)
class TeksAnalisis:
    """The three texts of an indicator's analysis, as stored or as a form showed them."""

    faktor_keberhasilan: str = ""
    hambatan: str = ""
    tindak_lanjut: str = ""

    def __post_init__(self):
        # Browsers post textarea line breaks as CRLF; compare and store one form only.
        for nama in ("faktor_keberhasilan", "hambatan", "tindak_lanjut"):
            object.__setattr__(self, nama, rapikan(getattr(self, nama)))

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


# --- realisasi indikator -------------------------------------------------------------------------


KALI_MENCURIGAKAN = 10


class PerluKonfirmasi(ValidationError):
    """A value far from the indicator's own target or history: saved only once the user confirms it."""

    def __init__(self, peringatan: list[str]):
        self.peringatan = list(peringatan)
        super().__init__(
            " ".join(self.peringatan) + " Periksa nilainya; bila memang benar, pilih “Tetap simpan”.",
            code="perlu_konfirmasi",
        )


def periksa_rentang(indikator: Indikator, nilai: Decimal | None, *, label: str = "Realisasi") -> None:
    """ValidationError when `nilai` lies outside the indicator's declared range (`Indikator.jenis_nilai`)."""
    if nilai is not None and nilai < 0 and indikator.jenis_nilai == Indikator.JenisNilai.TIDAK_NEGATIF:
        raise ValidationError(
            f"{label} tidak boleh negatif untuk indikator jumlah/uang {indikator.kode} "
            f"(jenis nilai: {Indikator.JenisNilai.TIDAK_NEGATIF.label.lower()}).",
            code="di_luar_rentang",
        )


def peringatan_realisasi(indikator: Indikator, tahun: int, tribulan: int, nilai: Decimal | None) -> list[str]:
    """Why a realisasi looks wrong, in Indonesian: more than ten times the year's target or the previous
    realisasi, or the opposite sign of either. [] when nothing stands out. Two queries."""
    return peringatan_realisasi_banyak({indikator.pk: nilai}, tahun, tribulan).get(indikator.pk, [])


def peringatan_realisasi_banyak(
    nilai: dict[int, Decimal | None], tahun: int, tribulan: int
) -> dict[int, list[str]]:
    """`peringatan_realisasi` for many indicators ({indikator id: new value}) in two queries. The targets
    are the year's every target: Renstra/Renja/DPA documents and the PK's rows (any revision)."""
    nilai = {pk: n for pk, n in nilai.items() if n is not None and n != 0}
    if not nilai:
        return {}
    target: dict[int, list[Decimal]] = {}
    renstra = (
        TargetIndikator.objects.filter(indikator_id__in=nilai, tahun=tahun).order_by().values_list("indikator_id", "nilai")
    )
    pk_tahun = (
        BarisPK.objects.filter(indikator_id__in=nilai, pk_dokumen__tahun=tahun)
        .order_by()
        .values_list("indikator_id", "target")
    )
    for pk, t in renstra.union(pk_tahun, all=True):
        if t:
            target.setdefault(pk, []).append(t)
    # A realisasi is shown with its indicator's decimals, as on every screen (targets as they were set).
    desimal = dict(Indikator.objects.filter(pk__in=nilai).values_list("pk", "desimal"))
    sebelum: dict[int, tuple[int, int, Decimal]] = {}
    for pk, th, tw, n in (
        RealisasiIndikator.objects.filter(indikator_id__in=nilai, nilai__isnull=False)
        .filter(Q(tahun__lt=tahun) | Q(tahun=tahun, tribulan__lt=tribulan))
        .exclude(nilai=0)
        .order_by("indikator_id", "-tahun", "-tribulan")
        .values_list("indikator_id", "tahun", "tribulan", "nilai")
    ):
        sebelum.setdefault(pk, (th, tw, n))
    hasil: dict[int, list[str]] = {}
    for pk, n in nilai.items():
        pesan = []
        d = desimal.get(pk, 0)
        if pk in target:
            terbesar = max(abs(t) for t in target[pk])
            if abs(n) > KALI_MENCURIGAKAN * terbesar:
                pesan.append(
                    f"Realisasi {tampil_nilai_indikator(n, d)} lebih dari sepuluh kali target tahun {tahun} ({tampil_nilai(terbesar)})."
                )
            if all(t > 0 for t in target[pk]) and n < 0:
                pesan.append(f"Realisasi {tampil_nilai_indikator(n, d)} negatif, sedangkan targetnya positif.")
        if pk in sebelum:
            th, tw, lalu = sebelum[pk]
            asal = f"realisasi TW {tw} {th} ({tampil_nilai_indikator(lalu, d)})"
            if abs(n) > KALI_MENCURIGAKAN * abs(lalu):
                pesan.append(f"Realisasi {tampil_nilai_indikator(n, d)} lebih dari sepuluh kali {asal}.")
            if (n < 0) != (lalu < 0):
                pesan.append(f"Tanda realisasi {tampil_nilai_indikator(n, d)} berlawanan dengan {asal}.")
        if pesan:
            hasil[pk] = pesan
    return hasil


def realisasi_simpan(
    *,
    user,
    indikator: Indikator,
    tahun: int,
    tribulan: int,
    nilai: Decimal | None,
    versi: int | None,
    keterangan: str = "",
    konfirmasi: bool = True,
) -> RealisasiIndikator | None:
    """Create, update or (with `nilai=None`) delete the realisasi of an indicator for one Tribulan.

    `versi` is the version the user's form showed (None: the form showed no value). Returns the stored
    row, or None when it was deleted or there was nothing to delete. With `konfirmasi=False` (the monev
    form's first submit) a new value that `peringatan_realisasi` finds suspicious raises PerluKonfirmasi
    and nothing is written; the form's "Tetap simpan" sends it again confirmed.

    Raises Http404 (OPD not readable), PermissionDenied (read-only), ValidationError (input, a value
    outside the indicator's range, locked period), KonflikSimpan (someone else saved in between; nothing
    written).
    """
    pastikan_akses_opd(user, indikator.opd_id, tulis=True)
    validasi_periode(tahun, tribulan)
    if nilai is not None:
        nilai = validasi_desimal(nilai, label="Realisasi", **NILAI_DIGITS)
        periksa_rentang(indikator, nilai)
    keterangan = validasi_teks(keterangan, label="Keterangan", max_length=500)
    pemda_id = indikator.opd.pemda_id
    kunci = {"indikator": indikator, "tahun": tahun, "tribulan": tribulan}
    if not konfirmasi and nilai is not None:
        tersimpan = RealisasiIndikator.objects.filter(**kunci).values_list("nilai", flat=True).first()
        peringatan = [] if tersimpan == nilai else peringatan_realisasi(indikator, tahun, tribulan, nilai)
        if peringatan:
            raise PerluKonfirmasi(peringatan)
    label = f"Realisasi TW {tribulan} {tahun}"

    try:
        with transaction.atomic():
            pastikan_boleh_ubah(user, opd_id=indikator.opd_id, pemda_id=pemda_id, tahun=tahun, tribulan=tribulan)
            lama = RealisasiIndikator.objects.select_for_update().filter(**kunci).first()
            tersimpan = lama.nilai if lama else None
            # What the user asks for is already stored: not a conflict, nothing to write.
            if lama is None and nilai is None:
                return None
            if lama and nilai == lama.nilai and keterangan == lama.keterangan:
                return lama
            if (lama.versi if lama else None) != versi:
                raise _konflik_realisasi(lama, kunci, nilai)
            d = indikator.desimal
            if lama is None:
                baru = RealisasiIndikator(**kunci, nilai=nilai, keterangan=keterangan, versi=1)
                simpan(baru, user, f"{label}: kosong → {tampil_nilai_indikator(nilai, d)}")
                return baru
            if nilai is None:
                hapus(lama, user, f"{label}: {tampil_nilai_indikator(tersimpan, d)} → kosong")
                return None
            lama.nilai, lama.keterangan, lama.versi = nilai, keterangan, lama.versi + 1
            simpan(lama, user, f"{label}: {tampil_nilai_indikator(tersimpan, d)} → {tampil_nilai_indikator(nilai, d)}")
            return lama
    except IntegrityError:
        # Two first saves raced and the unique constraint let one through: a conflict like any other.
        lama = RealisasiIndikator.objects.filter(**kunci).first()
        if lama is None:
            raise
        raise _konflik_realisasi(lama, kunci, nilai) from None


def _konflik_realisasi(lama: RealisasiIndikator | None, kunci: dict, nilai) -> KonflikSimpan:
    if lama is not None:
        oleh, pada = terakhir_diubah(lama.history.all())
    else:
        oleh, pada = terakhir_diubah(RealisasiIndikator.history.filter(**kunci))
    return KonflikSimpan(
        tersimpan=lama.nilai if lama else None,
        nilai_anda=nilai,
        oleh=oleh,
        pada=pada,
        versi=lama.versi if lama else None,
        objek=lama,
    )


# --- many values at once (the Excel upload) -------------------------------------------------------
#
# The same checks, lock, freeze, conflict rule and history row per value as `realisasi_simpan` and
# `nilai_variabel_simpan`, in a few queries for the whole lot: the period and the year are locked once,
# the stored rows are locked and read in one query, and the writes and their history go in bulk. They run
# inside the caller's transaction and write nothing when any value is refused; the refusals come back by
# position so the caller can name the cell.


@dataclass(frozen=True)
class IsianRealisasi:
    indikator: Indikator
    nilai: Decimal | None
    versi: int | None  # the version the file was made with
    keterangan: str = ""


@dataclass(frozen=True)
class IsianVariabel:
    variabel: VariabelFormula
    nilai: Decimal | None
    semula: Decimal | None  # the value the file was made with


def _ganda(kunci: list) -> dict[int, Exception]:
    """Positions whose key already came earlier in the list: one value per cell, never two."""
    terlihat, galat = set(), {}
    for i, k in enumerate(kunci):
        if k in terlihat:
            galat[i] = ValidationError("Nilai yang sama muncul dua kali dalam satu unggahan.")
        terlihat.add(k)
    return galat


def _periksa_opd(user, opd: OPD, opd_ids: list[int], tahun: int, tribulan: int) -> dict[int, Exception]:
    pastikan_akses_opd(user, opd, tulis=True)
    validasi_periode(tahun, tribulan)
    pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=tahun, tribulan=tribulan)
    return {i: Http404("Data ini bukan milik OPD tersebut.") for i, o in enumerate(opd_ids) if o != opd.pk}


def realisasi_simpan_banyak(
    *, user, opd: OPD, tahun: int, tribulan: int, isian: Sequence[IsianRealisasi]
) -> dict[int, Exception]:
    """Save many realisasi of one OPD-Tribulan as `realisasi_simpan` would save each; {} when all saved."""
    galat = _periksa_opd(user, opd, [s.indikator.opd_id for s in isian], tahun, tribulan)
    galat |= _ganda([s.indikator.pk for s in isian])
    siap = []
    for i, s in enumerate(isian):
        try:
            nilai = None if s.nilai is None else validasi_desimal(s.nilai, label="Realisasi", **NILAI_DIGITS)
            periksa_rentang(s.indikator, nilai)
            siap.append((i, s, nilai, validasi_teks(s.keterangan, label="Keterangan", max_length=500)))
        except ValidationError as exc:
            galat[i] = exc
    tersimpan = {
        r.indikator_id: r
        for r in RealisasiIndikator.objects.select_for_update().filter(
            indikator__in=[s.indikator for s in isian], tahun=tahun, tribulan=tribulan
        )
    }
    label = f"Realisasi TW {tribulan} {tahun}"
    buat, ubah, hapus_ = [], [], []
    for i, s, nilai, keterangan in siap:
        if i in galat:
            continue
        lama = tersimpan.get(s.indikator.pk)
        if (lama is None and nilai is None) or (lama and nilai == lama.nilai and keterangan == lama.keterangan):
            continue
        d = s.indikator.desimal
        if (lama.versi if lama else None) != s.versi:
            galat[i] = _konflik_realisasi(lama, {"indikator": s.indikator, "tahun": tahun, "tribulan": tribulan}, nilai)
        elif lama is None:
            baru = RealisasiIndikator(
                indikator=s.indikator, tahun=tahun, tribulan=tribulan, nilai=nilai, keterangan=keterangan, versi=1
            )
            baru._change_reason = f"{label}: kosong → {tampil_nilai_indikator(nilai, d)}"
            buat.append(baru)
        elif nilai is None:
            lama._change_reason = f"{label}: {tampil_nilai_indikator(lama.nilai, d)} → kosong"
            hapus_.append(lama)
        else:
            lama._change_reason = (
                f"{label}: {tampil_nilai_indikator(lama.nilai, d)} → {tampil_nilai_indikator(nilai, d)}"
            )
            lama.nilai, lama.keterangan, lama.versi = nilai, keterangan, lama.versi + 1
            ubah.append(lama)
    if not galat:
        tulis_banyak(
            RealisasiIndikator, user, buat=buat, ubah=ubah, hapus=hapus_, medan_ubah=("nilai", "keterangan", "versi")
        )
    return galat


def nilai_variabel_simpan_banyak(
    *, user, opd: OPD, tahun: int, tribulan: int, isian: Sequence[IsianVariabel]
) -> dict[int, Exception]:
    """Save many typed formula inputs of one OPD-Tribulan as `nilai_variabel_simpan` would; {} when all saved."""
    galat = _periksa_opd(user, opd, [s.variabel.indikator.opd_id for s in isian], tahun, tribulan)
    galat |= _ganda([s.variabel.pk for s in isian])
    siap = []
    for i, s in enumerate(isian):
        try:
            label = f"Nilai {s.variabel.label}"
            siap.append((i, s, None if s.nilai is None else validasi_desimal(s.nilai, label=label, **NILAI_DIGITS)))
        except ValidationError as exc:
            galat[i] = exc
    tersimpan = {
        n.variabel_id: n
        for n in NilaiVariabel.objects.select_for_update().filter(
            variabel__in=[s.variabel for s in isian], tahun=tahun, tribulan=tribulan
        )
    }
    label = f"Nilai TW {tribulan} {tahun}"
    buat, ubah, hapus_ = [], [], []
    for i, s, nilai in siap:
        if i in galat:
            continue
        lama = tersimpan.get(s.variabel.pk)
        if lama and lama.tabel_id:
            galat[i] = ValidationError(
                "Nilai variabel ini dijumlahkan dari tabel pendukung; ubah datanya di tabel tersebut.", code="dari_tabel"
            )
            continue
        nilai_lama = lama.nilai if lama else None
        if nilai == nilai_lama:
            continue
        if nilai_lama != s.semula:
            kunci = {"variabel": s.variabel, "tahun": tahun, "tribulan": tribulan}
            oleh, pada = terakhir_diubah(lama.history.all() if lama else NilaiVariabel.history.filter(**kunci))
            galat[i] = KonflikSimpan(tersimpan=nilai_lama, nilai_anda=nilai, oleh=oleh, pada=pada, objek=lama)
            continue
        alasan = f"{label}: {tampil_nilai(nilai_lama)} → {tampil_nilai(nilai) if nilai is not None else 'kosong'}"
        if nilai is None:
            lama._change_reason = alasan
            hapus_.append(lama)
        elif lama is None:
            baru = NilaiVariabel(variabel=s.variabel, tahun=tahun, tribulan=tribulan, nilai=nilai)
            baru._change_reason = alasan
            buat.append(baru)
        else:
            lama.nilai, lama._change_reason = nilai, alasan
            ubah.append(lama)
    if not galat:
        tulis_banyak(NilaiVariabel, user, buat=buat, ubah=ubah, hapus=hapus_, medan_ubah=("nilai",))
    return galat


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
    validasi_periode(tahun, tribulan)
    if nilai is not None:
        nilai = validasi_desimal(nilai, label=f"Nilai {variabel.label}", **NILAI_DIGITS)
    kunci = {"variabel": variabel, "tahun": tahun, "tribulan": tribulan}
    label = f"Nilai TW {tribulan} {tahun}"

    try:
        with transaction.atomic():
            pastikan_boleh_ubah(
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
                oleh, pada = terakhir_diubah(
                    lama.history.all() if lama else NilaiVariabel.history.filter(**kunci)
                )
                raise KonflikSimpan(tersimpan=tersimpan, nilai_anda=nilai, oleh=oleh, pada=pada, objek=lama)
            if nilai is None:
                hapus(lama, user, f"{label}: {tampil_nilai(tersimpan)} → kosong")
                return None
            if lama is None:
                lama = NilaiVariabel(**kunci)
            lama.nilai = nilai
            simpan(lama, user, f"{label}: {tampil_nilai(tersimpan)} → {tampil_nilai(nilai)}")
            return lama
    except IntegrityError:
        lama = NilaiVariabel.objects.filter(**kunci).first()
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
    validasi_periode(tahun)
    baru = None if teks.kosong() else teks
    kunci = {"indikator": indikator, "tahun": tahun}
    label = f"Analisis {tahun}"

    try:
        with transaction.atomic():
            pastikan_boleh_ubah(user, opd_id=indikator.opd_id, pemda_id=indikator.opd.pemda_id, tahun=tahun)
            lama = AnalisisIndikator.objects.select_for_update().filter(**kunci).first()
            tersimpan = TeksAnalisis.dari(lama)
            if baru == tersimpan:
                return lama
            if tersimpan != semula:
                oleh, pada = terakhir_diubah(
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
                hapus(lama, user, f"{label} dihapus")
                return None
            if lama is None:
                lama = AnalisisIndikator(**kunci)
            lama.faktor_keberhasilan = teks.faktor_keberhasilan
            lama.hambatan = teks.hambatan
            lama.tindak_lanjut = teks.tindak_lanjut
            simpan(lama, user, f"{label} {'diubah' if tersimpan else 'diisi'}")
            return lama
    except IntegrityError:
        lama = AnalisisIndikator.objects.filter(**kunci).first()
        if lama is None:
            raise
        raise KonflikSimpan(
            tersimpan=TeksAnalisis.dari(lama), nilai_anda=baru, objek=lama, subjek="Analisis ini"
        ) from None



# --- supporting tables (Tabel 3.7, 3.10) ------------------------------------------------------------


def _pastikan_tabel_terbuka(user, tabel: TabelPendukung, tribulan: int) -> None:
    """Inside the transaction: every period the table feeds, and the screen's own, must be open."""
    periode = {(tabel.tahun, tribulan)}
    periode |= set(NilaiVariabel.objects.filter(tabel=tabel).values_list("tahun", "tribulan"))
    # A fixed order, so that two saves lock the period rows in the same order.
    for tahun, tw in sorted(periode):
        pastikan_boleh_ubah(user, opd_id=tabel.opd_id, pemda_id=tabel.opd.pemda_id, tahun=tahun, tribulan=tw)


def _label_baris(baris: BarisTabelPendukung) -> str:
    return f"{baris.label} [{baris.kolom}]"


def baris_tabel_simpan(
    *, user, baris: BarisTabelPendukung, nilai: Decimal, semula: Decimal | None, tribulan: int
) -> BarisTabelPendukung:
    """Change the value of one row of a supporting table.

    `semula` is the value the user's form showed. `tribulan` is the Tribulan of the screen the change
    comes from (its lock applies, with those of the Tribulan the table feeds). Returns the stored row.
    Raises Http404, PermissionDenied, ValidationError, KonflikSimpan.
    """
    tabel = baris.tabel
    pastikan_akses_opd(user, tabel.opd_id, tulis=True)
    validasi_periode(tabel.tahun, tribulan)
    if nilai is None:
        raise ValidationError("Nilai wajib diisi; untuk menghapus baris gunakan tombol Hapus.", code="wajib")
    nilai = validasi_desimal(nilai, label="Nilai", **NILAI_DIGITS)

    with transaction.atomic():
        _pastikan_tabel_terbuka(user, tabel, tribulan)
        lama = BarisTabelPendukung.objects.select_for_update().filter(pk=baris.pk).first()
        if lama is None:
            oleh, pada = terakhir_diubah(BarisTabelPendukung.history.filter(id=baris.pk))
            raise KonflikSimpan(
                tersimpan=None, nilai_anda=nilai, oleh=oleh, pada=pada, subjek=f"Baris {_label_baris(baris)}"
            )
        if nilai == lama.nilai:
            return lama
        if lama.nilai != semula:
            oleh, pada = terakhir_diubah(lama.history.all())
            raise KonflikSimpan(
                tersimpan=lama.nilai,
                nilai_anda=nilai,
                oleh=oleh,
                pada=pada,
                objek=lama,
                subjek=f"Baris {_label_baris(lama)}",
            )
        tersimpan = lama.nilai
        lama.nilai = nilai
        simpan(lama, user, f"{_label_baris(lama)}: {tampil_nilai(tersimpan)} → {tampil_nilai(nilai)}")
        return lama


def baris_tabel_tambah(
    *, user, tabel: TabelPendukung, label: str, kolom: str, nilai: Decimal, tribulan: int
) -> BarisTabelPendukung:
    """Add a row (label, column, value) to a supporting table, after its last row.

    A label that already has a value in that column is refused (ValidationError): change that row
    instead. Raises Http404, PermissionDenied, ValidationError.
    """
    pastikan_akses_opd(user, tabel.opd_id, tulis=True)
    validasi_periode(tabel.tahun, tribulan)
    label = validasi_teks(label, label="Uraian", max_length=300)
    kolom = validasi_teks(kolom, label="Kolom", max_length=40)
    if not label:
        raise ValidationError("Uraian wajib diisi.", code="wajib")
    if not kolom:
        raise ValidationError("Kolom wajib diisi (mis. tahun 2022).", code="wajib")
    if nilai is None:
        raise ValidationError("Nilai wajib diisi.", code="wajib")
    nilai = validasi_desimal(nilai, label="Nilai", **NILAI_DIGITS)
    ganda = ValidationError(
        f"Baris “{label}” kolom {kolom} sudah ada di tabel ini; ubah nilainya di baris tersebut.",
        code="ganda",
    )

    try:
        with transaction.atomic():
            _pastikan_tabel_terbuka(user, tabel, tribulan)
            # Locks the table row: two additions to one table get their places one after the other.
            TabelPendukung.objects.select_for_update().filter(pk=tabel.pk).first()
            if BarisTabelPendukung.objects.filter(tabel=tabel, label=label, kolom=kolom).exists():
                raise ganda
            # A label already in the table keeps its place; a new one goes after the last row.
            urutan = (
                BarisTabelPendukung.objects.filter(tabel=tabel, label=label)
                .values_list("urutan", flat=True)
                .first()
            )
            if urutan is None:
                terakhir = BarisTabelPendukung.objects.filter(tabel=tabel).aggregate(m=Max("urutan"))["m"]
                urutan = 0 if terakhir is None else terakhir + 1
            baru = BarisTabelPendukung(tabel=tabel, urutan=urutan, label=label, kolom=kolom, nilai=nilai)
            simpan(baru, user, f"Baris ditambah: {label} [{kolom}] = {tampil_nilai(nilai)}")
            return baru
    except IntegrityError:
        raise ganda from None


def baris_tabel_hapus(*, user, baris: BarisTabelPendukung, semula: Decimal | None, tribulan: int) -> None:
    """Remove a row of a supporting table; its history keeps every value it had.

    `semula` is the value the user's page showed: a row changed by someone else since is not removed
    (KonflikSimpan). Removing a row that is already gone is not an error.
    """
    tabel = baris.tabel
    pastikan_akses_opd(user, tabel.opd_id, tulis=True)
    validasi_periode(tabel.tahun, tribulan)
    with transaction.atomic():
        _pastikan_tabel_terbuka(user, tabel, tribulan)
        lama = BarisTabelPendukung.objects.select_for_update().filter(pk=baris.pk).first()
        if lama is None:
            return
        if lama.nilai != semula:
            oleh, pada = terakhir_diubah(lama.history.all())
            raise KonflikSimpan(
                tersimpan=lama.nilai,
                nilai_anda=None,
                oleh=oleh,
                pada=pada,
                objek=lama,
                subjek=f"Baris {_label_baris(lama)}",
            )
        hapus(lama, user, f"Baris dihapus: {_label_baris(lama)} = {tampil_nilai(lama.nilai)}")


# --- review notes -----------------------------------------------------------------------------------------


def catatan_reviu_tambah(
    *,
    user,
    opd: OPD,
    tahun: int,
    teks: str,
    indikator: Indikator | None = None,
    tribulan: int | None = None,
) -> CatatanReviu:
    """Add an auditor's review note on an OPD-year, optionally on one indicator and Tribulan.

    Auditors who read the OPD and admins may write notes; operators and kepala read them
    (PermissionDenied). Raises Http404 when the OPD is not readable or the indicator is another OPD's.
    """
    pastikan_akses_opd(user, opd.pk)
    if not peran_pengguna(user).boleh_reviu(opd.pk):
        raise PermissionDenied("Hanya auditor atau admin yang dapat menulis catatan reviu.")
    validasi_periode(tahun, tribulan)
    if indikator is not None and indikator.opd_id != opd.pk:
        raise Http404("Indikator tidak ditemukan.")
    teks = validasi_teks(teks, label="Catatan", max_length=PANJANG_CATATAN_MAKS)
    if not teks:
        raise ValidationError("Tulis isi catatan reviu.", code="wajib")
    with transaction.atomic():
        catatan = CatatanReviu(
            opd=opd, tahun=tahun, indikator=indikator, tribulan=tribulan, teks=teks, penulis=user
        )
        tentang = f" {indikator.kode}" if indikator is not None else ""
        simpan(catatan, user, f"Catatan reviu {tahun}{tentang} ditulis")
        return catatan

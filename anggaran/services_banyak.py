"""Many budget realisasi at once (the Excel upload): `realisasi_anggaran_simpan`'s rules in a few queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404

from anggaran.models import LEVEL_MATA, MataAnggaran, RealisasiAnggaran
from inti.akses import pastikan_akses_opd
from inti.periode import UANG_DIGITS
from inti.tampilan import tampil_nilai
from inti.tulis import (
    KonflikSimpan,
    pastikan_boleh_ubah,
    terakhir_diubah,
    tulis_banyak,
    validasi_desimal,
    validasi_periode,
    validasi_teks,
)


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

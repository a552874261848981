"""Writes of the budget's monev: the cumulative realisasi of a budget line, with the same checks, lock,
freeze, conflict detection and history as every write service (see `inti.tulis`)."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction

from anggaran.models import Kegiatan, MataAnggaran, Program, RealisasiAnggaran, SubKegiatan
from inti.akses import pastikan_akses_opd
from inti.periode import UANG_DIGITS
from inti.tampilan import tampil_nilai
from inti.tulis import (
    KonflikSimpan,
    hapus,
    pastikan_boleh_ubah,
    simpan,
    terakhir_diubah,
    validasi_desimal,
    validasi_periode,
    validasi_teks,
)


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
                user, opd_id=program.opd_id, pemda_id=program.opd.pemda_id, tahun=program.tahun, tribulan=tribulan
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

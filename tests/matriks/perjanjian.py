"""Permission-matrix routes of the perjanjian screens.

Disperindag has the seed's approved PK and PK Perubahan of 2022; a draft PK of 2023 is added for the
routes that need a draft (edit, approve, delete, Rencana Aksi). Diskopum gets a draft PK of 2022.
"""

from decimal import Decimal

from perjanjian.models import BarisPK, PerjanjianKinerja
from renstra.models import Indikator

RUTE: dict[str, tuple[str | None, str | None]] = {
    "perjanjian:daftar": ("baca", None),
    "perjanjian:lihat": ("baca", None),
    "perjanjian:buat": ("tulis_get", "tulis"),
    "perjanjian:ubah": ("tulis_get", "tulis"),
    "perjanjian:setujui": (None, "setujui"),
    "perjanjian:perubahan": ("tulis_get", "tulis"),
    "perjanjian:banding": ("baca", None),
    "perjanjian:hapus": (None, "tulis"),
    "perjanjian:rencana_aksi": ("baca", "tulis"),
}


def _draf(opd, tahun: int, kode_indikator: str) -> PerjanjianKinerja:
    pk = PerjanjianKinerja.objects.create(
        opd=opd, tahun=tahun, pihak_pertama_nama="Kepala", pihak_pertama_jabatan="Kepala Dinas",
        pihak_kedua_nama="Wali Kota", pihak_kedua_jabatan="Wali Kota",
    )  # fmt: skip
    ind = Indikator.objects.get(opd=opd, kode=kode_indikator)
    BarisPK.objects.create(
        pk_dokumen=pk, indikator=ind, sasaran=ind.sasaran, sasaran_uraian="uji", target=Decimal(1)
    )
    return pk


def objek(dunia, opd) -> dict:
    if opd.kode == "disperindag":
        draf = _draf(opd, 2023, "S2.1-1")
        disetujui = {"kode": opd.kode, "tahun": 2022, "revisi": 1}
        tahun_baru = 2024
        banding = disetujui
    else:
        draf = _draf(opd, 2022, "S1.1-1")
        disetujui = None
        tahun_baru = 2023
        banding = None
    per_draf = {"kode": opd.kode, "tahun": draf.tahun, "revisi": draf.revisi}
    return {
        "perjanjian:daftar": {"kode": opd.kode},
        "perjanjian:lihat": disetujui or per_draf,
        "perjanjian:buat": {"kode": opd.kode, "tahun": tahun_baru},
        "perjanjian:ubah": per_draf,
        "perjanjian:setujui": per_draf,
        "perjanjian:perubahan": disetujui or per_draf,
        "perjanjian:banding": banding,
        "perjanjian:hapus": per_draf,
        "perjanjian:rencana_aksi": per_draf,
    }

"""Permission-matrix routes of the anggaran (DPA) screens."""

from anggaran.models import Kegiatan, Program, SubKegiatan

RUTE: dict[str, tuple[str | None, str | None]] = {
    "anggaran:dpa": ("baca", None),
    "anggaran:program_tambah": ("tulis_get", "tulis"),
    "anggaran:kegiatan_tambah": ("tulis_get", "tulis"),
    "anggaran:sub_kegiatan_tambah": ("tulis_get", "tulis"),
    "anggaran:ubah": ("tulis_get", "tulis"),
    "anggaran:hapus": ("tulis_get", "tulis"),
    "anggaran:rencana": ("baca", None),
    "anggaran:rencana_simpan": (None, "tulis"),
    "anggaran:unggah": ("tulis_get", "tulis"),
    "anggaran:template": ("baca", None),
    "anggaran:riwayat": ("baca", None),
}


def objek(dunia, opd) -> dict:
    dasar = {"kode": opd.kode, "tahun": 2022}
    program = Program.objects.filter(opd=opd, tahun=2022).order_by("kode").first()
    kegiatan = Kegiatan.objects.filter(program__opd=opd, program__tahun=2022).order_by("kode").first()
    sub = (
        SubKegiatan.objects.filter(kegiatan__program__opd=opd, kegiatan__program__tahun=2022)
        .order_by("kode")
        .first()
    )
    return {
        "anggaran:dpa": dasar,
        "anggaran:program_tambah": dasar,
        "anggaran:kegiatan_tambah": {**dasar, "pk": program.pk} if program else None,
        "anggaran:sub_kegiatan_tambah": {**dasar, "pk": kegiatan.pk} if kegiatan else None,
        "anggaran:ubah": {**dasar, "level": "sub_kegiatan", "pk": sub.pk} if sub else None,
        "anggaran:hapus": {**dasar, "level": "program", "pk": program.pk} if program else None,
        "anggaran:rencana": dasar,
        "anggaran:rencana_simpan": {**dasar, "pk": sub.pk} if sub else None,
        "anggaran:unggah": dasar,
        "anggaran:template": dasar,
        "anggaran:riwayat": dasar,
    }

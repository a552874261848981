"""Permission-matrix routes of the renstra screens (Renstra, tujuan, sasaran, indicators, targets)."""

from renstra.models import Indikator, Renstra, Sasaran, Tujuan

TULIS = ("tulis_get", "tulis")

RUTE: dict[str, tuple[str | None, str | None]] = {
    "renstra:daftar": ("baca", None),
    "renstra:tambah": TULIS,
    "renstra:detail": ("baca", None),
    "renstra:ubah": TULIS,
    "renstra:revisi": TULIS,
    "renstra:tujuan_tambah": TULIS,
    "renstra:tujuan_ubah": TULIS,
    "renstra:tujuan_hapus": TULIS,
    "renstra:sasaran_tambah": TULIS,
    "renstra:sasaran_ubah": TULIS,
    "renstra:sasaran_hapus": TULIS,
    "renstra:indikator_tambah": TULIS,
    # Readers see an indicator's definition and targets (without forms); only writers post.
    "renstra:indikator_ubah": ("baca", "tulis"),
    "renstra:indikator_hapus": TULIS,
    "renstra:target": ("baca", "tulis"),
    "renstra:indikator_dpa": ("baca", None),
    "renstra:periksa_rumus": ("tulis_get", None),
}


def objek(dunia, opd) -> dict:
    kode = opd.kode
    renstra = Renstra.objects.filter(opd=opd).order_by("-tahun_awal").first()
    tujuan = Tujuan.objects.filter(renstra__opd=opd).order_by("pk").first()
    sasaran = Sasaran.objects.filter(tujuan__renstra__opd=opd).order_by("pk").first()
    indikator = Indikator.objects.filter(opd=opd, level="sasaran").order_by("pk").first()
    ind_dpa = Indikator.objects.filter(opd=opd, level="program").order_by("pk").first()
    return {
        "renstra:daftar": {"kode": kode},
        "renstra:tambah": {"kode": kode},
        "renstra:detail": {"kode": kode, "pk": renstra.pk},
        "renstra:ubah": {"kode": kode, "pk": renstra.pk},
        "renstra:revisi": {"kode": kode, "pk": renstra.pk},
        "renstra:tujuan_tambah": {"kode": kode, "pk": renstra.pk},
        "renstra:tujuan_ubah": {"kode": kode, "pk": tujuan.pk},
        "renstra:tujuan_hapus": {"kode": kode, "pk": tujuan.pk},
        "renstra:sasaran_tambah": {"kode": kode, "pk": tujuan.pk},
        "renstra:sasaran_ubah": {"kode": kode, "pk": sasaran.pk},
        "renstra:sasaran_hapus": {"kode": kode, "pk": sasaran.pk},
        "renstra:indikator_tambah": (
            {"kode": kode, "level": "program", "induk": ind_dpa.program_id}
            if ind_dpa
            else {"kode": kode, "level": "sasaran", "induk": sasaran.pk}
        ),
        "renstra:indikator_ubah": {"kode": kode, "pk": indikator.pk},
        "renstra:indikator_hapus": {"kode": kode, "pk": indikator.pk},
        "renstra:target": {"kode": kode, "pk": (ind_dpa or indikator).pk},
        "renstra:indikator_dpa": {"kode": kode},
        "renstra:periksa_rumus": {"kode": kode},
    }

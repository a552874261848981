"""Pages of the registry: the home page (Beranda), an OPD's overview, and sign-out."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from anggaran.models import Program
from lkjip.akses import LABEL_PERAN, get_opd_or_404, opd_terbaca, peran_pengguna
from lkjip.models import OPD
from renstra.models import Indikator


@dataclass(frozen=True)
class BarisOPD:
    opd: OPD
    peran: str  # admin, operator, kepala or auditor
    label_peran: str
    boleh_tulis: bool


@login_required
def beranda(request):
    akses = peran_pengguna(request.user)
    baris = [
        BarisOPD(
            opd=opd,
            peran=(peran := akses.peran_di_opd(opd.pk)),
            label_peran=LABEL_PERAN[peran],
            boleh_tulis=akses.boleh_tulis(opd.pk),
        )
        for opd in opd_terbaca(request.user).order_by("pemda__nama", "nama")
    ]
    return render(request, "lkjip/beranda.html", {"baris_opd": baris})


@dataclass(frozen=True)
class JumlahAnggaranTahun:
    tahun: int
    program: int
    kegiatan: int
    sub_kegiatan: int


@dataclass(frozen=True)
class RingkasanOPD:
    indikator_per_level: list[tuple[str, int]]  # (level label, count), every level, in the model's order
    jumlah_indikator: int
    jumlah_iku: int
    anggaran_per_tahun: list[JumlahAnggaranTahun]


def ringkasan_opd(opd: OPD) -> RingkasanOPD:
    """Counts for the overview page; three queries whatever the size of the OPD."""
    per_level = dict(
        Indikator.objects.filter(opd=opd).values_list("level").annotate(n=Count("pk")).order_by()
    )
    jumlah_iku = Indikator.objects.filter(opd=opd, iku=True).count()
    anggaran = [
        JumlahAnggaranTahun(**baris)
        for baris in Program.objects.filter(opd=opd)
        .values("tahun")
        .annotate(
            program=Count("pk", distinct=True),
            kegiatan=Count("kegiatan_set", distinct=True),
            sub_kegiatan=Count("kegiatan_set__sub_kegiatan_set", distinct=True),
        )
        .order_by("-tahun")
    ]
    return RingkasanOPD(
        indikator_per_level=[(label, per_level.get(level, 0)) for level, label in Indikator.Level.choices],
        jumlah_indikator=sum(per_level.values()),
        jumlah_iku=jumlah_iku,
        anggaran_per_tahun=anggaran,
    )


@login_required
def opd_ringkasan(request, kode: str):
    opd = get_opd_or_404(request.user, kode)
    akses = peran_pengguna(request.user)
    peran = akses.peran_di_opd(opd.pk)
    konteks = {
        "opd": opd,
        "peran": peran,
        "label_peran": LABEL_PERAN[peran],
        "boleh_tulis": akses.boleh_tulis(opd.pk),
        "ringkasan": ringkasan_opd(opd),
    }
    return render(request, "lkjip/opd_ringkasan.html", konteks)


class Keluar(auth_views.LogoutView):
    """Django's sign-out (POST only), with a confirmation on the sign-in page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Anda telah keluar.")
        return response

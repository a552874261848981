"""Pages of the registry: the home page (Beranda), an OPD's page (the operator's home), and sign-out."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from anggaran.models import Program
from capaian.forms_monev import CatatanReviuForm
from capaian.views_monev import pilih_periode, ringkasan_monev
from inti.akses import LABEL_PERAN, get_opd_or_404, opd_terbaca, peran_pengguna
from inti.models import OPD, PeriodeMonev
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
    """The OPD's page and the operator's home: for the chosen year and Tribulan (`?tahun=&tribulan=`),
    what is filled and what is missing, the deadline and lock, the engine's findings, review notes,
    and the way to each entry screen."""
    opd = get_opd_or_404(request.user, kode)
    akses = peran_pengguna(request.user)
    peran = akses.peran_di_opd(opd.pk)
    ringkasan = ringkasan_opd(opd)
    periode_pemda = list(PeriodeMonev.objects.filter(pemda_id=opd.pemda_id).order_by("tahun", "tribulan"))
    pilihan = pilih_periode(request.GET, periode_pemda, {a.tahun for a in ringkasan.anggaran_per_tahun})
    terkunci = bool(pilihan.periode and pilihan.periode.terkunci)
    boleh_reviu = akses.boleh_reviu(opd.pk)
    konteks = {
        "opd": opd,
        "peran": peran,
        "label_peran": LABEL_PERAN[peran],
        "boleh_tulis": akses.boleh_tulis(opd.pk),
        "boleh_ubah": akses.boleh_tulis(opd.pk) and (not terkunci or akses.admin_pemda(opd.pemda_id)),
        "boleh_reviu": boleh_reviu,
        "ringkasan": ringkasan,
        "pilihan": pilihan,
        "terkunci": terkunci,
        "form_catatan": CatatanReviuForm(initial={"tribulan": pilihan.tribulan}) if boleh_reviu else None,
        **ringkasan_monev(opd, pilihan),
    }
    return render(request, "lkjip/opd_ringkasan.html", konteks)


class Keluar(auth_views.LogoutView):
    """Django's sign-out (POST only), with a confirmation on the sign-in page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Anda telah keluar.")
        return response

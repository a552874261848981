"""Pages of the registry: the home page (Beranda), an OPD's page (the operator's home), and sign-out."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from capaian.forms_monev import CatatanReviuForm
from capaian.selectors.monev import periode_pilih, ringkasan_monev_get
from inti.akses import LABEL_PERAN, get_opd_or_404, peran_pengguna
from lkjip.selectors import beranda_list, ringkasan_opd


@login_required
def beranda(request):
    return render(request, "lkjip/beranda.html", {"baris_opd": beranda_list(user=request.user)})


def _angka_param(nilai) -> int | None:
    try:
        return int(str(nilai).strip())
    except (TypeError, ValueError):
        return None


@login_required
def opd_ringkasan(request, kode: str):
    """The OPD's page and the operator's home: for the chosen year and Tribulan (`?tahun=&tribulan=`;
    unreadable values are ignored), what is filled and what is missing, the deadline and lock, the
    engine's findings, review notes, and the way to each entry screen."""
    opd = get_opd_or_404(request.user, kode)
    akses = peran_pengguna(request.user)
    ringkasan = ringkasan_opd(opd=opd)
    pilihan = periode_pilih(
        opd=opd,
        tahun=_angka_param(request.GET.get("tahun")),
        tribulan=_angka_param(request.GET.get("tribulan")),
        tahun_data=ringkasan.tahun_anggaran,
    )
    monev = ringkasan_monev_get(opd=opd, pilihan=pilihan, akses=akses)
    peran = akses.peran_di_opd(opd.pk)
    konteks = {
        "opd": opd,
        "peran": peran,
        "label_peran": LABEL_PERAN[peran],
        "ringkasan": ringkasan,
        "pilihan": pilihan,
        "monev": monev,
        "form_catatan": CatatanReviuForm(initial={"tribulan": pilihan.tribulan})
        if monev.layar.boleh_reviu
        else None,
        # "Mulai tahun …" is the Pemda admin's.
        "tahun_baru": ringkasan.tahun_baru if akses.admin_pemda(opd.pemda_id) else None,
    }
    return render(request, "lkjip/opd_ringkasan.html", konteks)


class Keluar(auth_views.LogoutView):
    """Django's sign-out (POST only), with a confirmation on the sign-in page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Anda telah keluar.")
        return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to: the site's icon, under its static name."""
    from django.templatetags.static import static

    return redirect(static("img/favicon.svg"), permanent=True)

"""Pages of the Pemda admin: accounts, roles and OPDs, and starting an OPD's next year. Writes go through
`inti.services` and `lkjip.tahun`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from inti import selectors_kelola as selectors
from inti import services as kelola
from inti.forms import BootstrapMixin
from inti.models import OPD, AksesPemda, Keanggotaan, Pemda
from inti.periode import TAHUN_MAKS, TAHUN_MIN
from inti.selectors import pemda_pilihan
from inti.tulis import PANJANG_ALASAN
from lkjip.selectors import tahun_baru_per_opd, tahun_baru_pilihan
from lkjip.tahun import alasan_bawaan, salin_tahun, salin_tahun_rencana

User = get_user_model()


def _pemda_aktif(request) -> Pemda:
    """The Pemda the admin works on: `?pemda=<kode>`, else their own (403 if they administer none)."""
    return selectors.pemda_aktif(request.user, request.GET.get("pemda") or request.POST.get("pemda"))


def _url(nama: str, pemda: Pemda, *args) -> str:
    return f"{reverse(nama, args=args)}?pemda={pemda.kode}"


class FormPenggunaBaru(BootstrapMixin, forms.Form):
    username = forms.CharField(label="Nama pengguna", max_length=150)
    nama_depan = forms.CharField(label="Nama depan", max_length=150, required=False)
    nama_belakang = forms.CharField(label="Nama belakang", max_length=150, required=False)
    email = forms.EmailField(label="Surel", required=False)
    sandi = forms.CharField(label="Kata sandi awal", widget=forms.PasswordInput, strip=False)
    sandi2 = forms.CharField(label="Ulangi kata sandi", widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("sandi") and data.get("sandi") != data.get("sandi2"):
            self.add_error("sandi2", "Kedua kata sandi tidak sama.")
        return data


class FormPeranOPD(BootstrapMixin, forms.Form):
    opd = forms.ModelChoiceField(label="OPD", queryset=OPD.objects.none())
    peran = forms.ChoiceField(label="Peran", choices=Keanggotaan.Peran.choices)

    def __init__(self, *args, pemda: Pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = OPD.objects.filter(pemda=pemda).order_by("nama")


class FormPeranPemda(BootstrapMixin, forms.Form):
    peran = forms.ChoiceField(label="Peran se-Pemda", choices=AksesPemda.Peran.choices)


class FormSandi(BootstrapMixin, forms.Form):
    sandi = forms.CharField(label="Kata sandi baru", widget=forms.PasswordInput, strip=False)


class FormOPD(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = OPD
        fields = kelola.KOLOM_OPD


class FormTahunBaru(BootstrapMixin, forms.Form):
    dari = forms.TypedChoiceField(label="Salin dari tahun", coerce=int)
    ke = forms.IntegerField(label="Tahun baru", min_value=TAHUN_MIN, max_value=TAHUN_MAKS)
    alasan = forms.CharField(
        label="Alasan", max_length=PANJANG_ALASAN, help_text="Dicatat di riwayat setiap baris yang dibuat."
    )

    def __init__(self, *args, tahun_sumber: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dari"].choices = [(t, str(t)) for t in tahun_sumber]

    def clean(self):
        data = super().clean()
        dari, ke = data.get("dari"), data.get("ke")
        if dari is not None and ke is not None and ke <= dari:
            self.add_error("ke", f"Tahun baru harus setelah tahun asal ({dari}).")
        return data


def _angka(teks) -> int:
    try:
        return int(teks)
    except (TypeError, ValueError):
        raise Http404("OPD tidak ditemukan.") from None


def _pesan_galat(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


@login_required
def pengguna_daftar(request):
    daftar = selectors.daftar_pengguna(request.user, pemda=_pemda_aktif(request), q=request.GET.get("q", ""))
    return render(
        request,
        "lkjip/kelola/pengguna_daftar.html",
        {"pemda": daftar.pemda, "pemda_list": daftar.pemda_list, "pengguna": daftar.pengguna, "q": daftar.q},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pengguna_baru(request):
    pemda = _pemda_aktif(request)
    form = FormPenggunaBaru(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            user = kelola.pengguna_buat(
                admin=request.user,
                pemda=pemda,
                username=d["username"],
                nama_depan=d["nama_depan"],
                nama_belakang=d["nama_belakang"],
                email=d["email"],
                sandi=d["sandi"],
            )
        except ValidationError as exc:
            _pesan_galat(form, exc)
        else:
            messages.success(request, f"Akun «{user.username}» dibuat. Berikan perannya di bawah ini.")
            return redirect(_url("lkjip:kelola_pengguna", pemda, user.pk))
    return render(request, "lkjip/kelola/pengguna_baru.html", {"pemda": pemda, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def pengguna_detail(request, pk: int):
    pemda = _pemda_aktif(request)
    user = selectors.pengguna_get_or_404(pemda, pk)
    form_opd = FormPeranOPD(pemda=pemda)
    form_pemda = FormPeranPemda()
    form_sandi = FormSandi()
    if request.method == "POST":
        kelola.pastikan_boleh_kelola_pengguna(request.user, pemda, user)
        aksi = request.POST.get("aksi")
        try:
            if aksi == "peran_opd":
                form_opd = FormPeranOPD(request.POST, pemda=pemda)
                if form_opd.is_valid():
                    d = form_opd.cleaned_data
                    kelola.peran_opd_atur(admin=request.user, user=user, opd=d["opd"], peran=d["peran"])
                    messages.success(request, f"Peran di {d['opd']} disimpan.")
                    return redirect(_url("lkjip:kelola_pengguna", pemda, user.pk))
            elif aksi == "hapus_opd":
                opd = selectors.opd_pemda_get_or_404(pemda, _angka(request.POST.get("opd")), medan="pk")
                kelola.peran_opd_atur(admin=request.user, user=user, opd=opd, peran=None)
                messages.success(request, f"Peran di {opd} dicabut.")
                return redirect(_url("lkjip:kelola_pengguna", pemda, user.pk))
            elif aksi == "peran_pemda":
                form_pemda = FormPeranPemda(request.POST)
                if form_pemda.is_valid():
                    kelola.peran_pemda_atur(
                        admin=request.user, user=user, pemda=pemda, peran=form_pemda.cleaned_data["peran"]
                    )
                    messages.success(request, "Peran se-Pemda disimpan.")
                    return redirect(_url("lkjip:kelola_pengguna", pemda, user.pk))
            elif aksi == "hapus_pemda":
                kelola.peran_pemda_atur(admin=request.user, user=user, pemda=pemda, peran=None)
                messages.success(request, "Peran se-Pemda dicabut.")
                return redirect(_url("lkjip:kelola_pengguna", pemda, user.pk))
            elif aksi in ("aktifkan", "nonaktifkan"):
                kelola.pengguna_atur_aktif(
                    admin=request.user, pemda=pemda, user=user, aktif=aksi == "aktifkan"
                )
                messages.success(request, "Akun diaktifkan." if aksi == "aktifkan" else "Akun dinonaktifkan.")
                return redirect(_url("lkjip:kelola_pengguna", pemda, user.pk))
            elif aksi == "buka_kunci":
                if kelola.pengguna_buka_kunci(admin=request.user, pemda=pemda, user=user):
                    messages.success(request, "Kunci masuk dibuka: pengguna dapat masuk lagi.")
                else:
                    messages.info(request, "Akun ini tidak sedang terkunci.")
                return redirect(_url("lkjip:kelola_pengguna", pemda, user.pk))
            elif aksi == "sandi":
                form_sandi = FormSandi(request.POST)
                if form_sandi.is_valid():
                    kelola.pengguna_atur_sandi(
                        admin=request.user, pemda=pemda, user=user, sandi=form_sandi.cleaned_data["sandi"]
                    )
                    messages.success(request, "Kata sandi diganti.")
                    return redirect(_url("lkjip:kelola_pengguna", pemda, user.pk))
            else:
                messages.error(request, "Permintaan tidak dikenal.")
        except ValidationError as exc:
            target = {"peran_opd": form_opd, "peran_pemda": form_pemda, "sandi": form_sandi}.get(aksi)
            if target is not None:
                _pesan_galat(target, exc)
            else:
                messages.error(request, " ".join(exc.messages))
    rincian = selectors.rincian_pengguna(pemda, user)
    return render(
        request,
        "lkjip/kelola/pengguna_detail.html",
        {
            "pemda": pemda,
            "pengguna": user,
            "peran_opd": rincian.peran_opd,
            "peran_pemda": rincian.peran_pemda,
            "form_opd": form_opd,
            "form_pemda": form_pemda,
            "form_sandi": form_sandi,
            "riwayat": rincian.riwayat,
            "terkunci": rincian.terkunci,
        },
    )


@login_required
def opd_daftar(request):
    pemda = _pemda_aktif(request)
    return render(
        request,
        "lkjip/kelola/opd_daftar.html",
        {
            "pemda": pemda,
            "pemda_list": pemda_pilihan(request.user, hanya_admin=True),
            "daftar_opd": tahun_baru_per_opd(selectors.daftar_opd(pemda)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opd_ubah(request, kode: str | None = None):
    if kode:
        # The OPD names its Pemda: an admin of several opens it whichever Pemda they were looking at.
        opd = selectors.opd_dikelola_get_or_404(request.user, kode)
        pemda = opd.pemda
    else:
        pemda, opd = _pemda_aktif(request), None
    form = FormOPD(request.POST or None, instance=opd)
    if request.method == "POST" and form.is_valid():
        try:
            opd = kelola.opd_simpan(admin=request.user, pemda=pemda, opd=opd, data=form.cleaned_data)
        except ValidationError as exc:
            _pesan_galat(form, exc)
        else:
            messages.success(request, f"Data {opd.nama} disimpan.")
            return redirect(_url("lkjip:kelola_opd", pemda))
    return render(request, "lkjip/kelola/opd_form.html", {"pemda": pemda, "form": form, "opd": opd})


@login_required
@require_http_methods(["GET", "POST"])
def tahun_mulai(request, kode: str):
    """"Mulai tahun …": the form (from which year, which new year), then the confirmation page listing what
    will be created (`?dari=&ke=&alasan=`), then, on POST, the copy and its result."""
    opd = selectors.opd_dikelola_get_or_404(request.user, kode)
    pilihan = tahun_baru_pilihan(opd=opd)
    # GET with the years asked: the confirmation page; POST: the copy itself.
    data = request.POST if request.method == "POST" else (request.GET if "ke" in request.GET else None)
    awal = {"dari": pilihan.dari, "ke": pilihan.ke}
    if pilihan.ada:
        awal["alasan"] = alasan_bawaan(pilihan.dari, pilihan.ke)
    form = FormTahunBaru(data, tahun_sumber=pilihan.tahun_sumber, initial=awal)
    konteks = {"pemda": opd.pemda, "opd": opd, "pilihan": pilihan, "form": form, "rencana": None}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            if request.method == "POST":
                hasil = salin_tahun(user=request.user, opd=opd, dari=d["dari"], ke=d["ke"], alasan=d["alasan"])
                messages.success(request, f"Tahun {hasil.ke} {opd.nama} dimulai dari tahun {hasil.dari}.")
                return render(
                    request, "lkjip/kelola/tahun_hasil.html", {"pemda": opd.pemda, "opd": opd, "hasil": hasil}
                )
            konteks["rencana"] = salin_tahun_rencana(user=request.user, opd=opd, dari=d["dari"], ke=d["ke"])
        except ValidationError as exc:
            _pesan_galat(form, exc)
    return render(request, "lkjip/kelola/tahun_mulai.html", konteks)

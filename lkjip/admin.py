"""Admin of the registry (Pemda, OPD, roles) and the display helpers every app's admin shares."""

from decimal import Decimal

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from capaian.tampilan import KOSONG, desimal_alami, format_angka

from .models import OPD, AksesPemda, Keanggotaan, Pemda


def format_nilai_indikator(nilai: Decimal | None, indikator) -> str:
    """An indicator value at the indicator's own display precision."""
    return format_angka(nilai, indikator.desimal)


def format_apa_adanya(nilai: Decimal | None) -> str:
    """A typed input or table cell, with the decimals it was typed with: 3.835.029 and 0,094."""
    return format_angka(nilai, desimal_alami(nilai))


def kolom_tahun(field: str, description: str):
    """A year column printed as written: the site's thousands separator would turn 2022 into 2.022."""

    @admin.display(description=description, ordering=field)
    def tampil(obj):
        nilai = obj
        for bagian in field.split("__"):
            nilai = getattr(nilai, bagian)
        return KOSONG if nilai is None else str(nilai)

    tampil.__name__ = f"kolom_{field}"
    return tampil


class InlinePerluInduk:
    """An inline whose rows are only valid once the parent has a primary key.

    Their models check that exactly one parent is set (indicators, pagu, realisasi); on the add page the
    parent has no key yet, so these rows are entered after the first save.
    """


class BaseAdmin(SimpleHistoryAdmin):
    """Every model keeps its audit trail; 50 rows a page keeps a long DPA readable."""

    list_per_page = 50
    save_on_top = True
    # The same dash capaian.tampilan prints for a missing figure.
    empty_value_display = KOSONG

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if obj is None:
            return [inline for inline in inlines if not issubclass(inline, InlinePerluInduk)]
        return inlines


class OPDInline(admin.TabularInline):
    model = OPD
    fields = ("kode", "nama", "singkatan", "kepala_nama", "aktif")
    extra = 0
    show_change_link = True


class AksesPemdaInline(admin.TabularInline):
    model = AksesPemda
    fields = ("user", "peran")
    autocomplete_fields = ("user",)
    extra = 0


class AksesPemdaPenggunaInline(admin.TabularInline):
    model = AksesPemda
    fields = ("pemda", "peran")
    autocomplete_fields = ("pemda",)
    extra = 0


class KeanggotaanInline(admin.TabularInline):
    model = Keanggotaan
    fields = ("user", "peran")
    autocomplete_fields = ("user",)
    extra = 0


class KeanggotaanPenggunaInline(admin.TabularInline):
    model = Keanggotaan
    fields = ("opd", "peran")
    autocomplete_fields = ("opd",)
    extra = 0


@admin.register(Pemda)
class PemdaAdmin(BaseAdmin):
    list_display = ("nama", "kode", "jenis", "kepala_daerah_nama", "skala_kategori", "jumlah_opd")
    list_filter = ("jenis",)
    search_fields = ("nama", "kode", "kepala_daerah_nama")
    list_select_related = ("skala_kategori",)
    autocomplete_fields = ("skala_kategori",)
    ordering = ("nama",)
    inlines = (OPDInline, AksesPemdaInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_jumlah_opd=Count("opd_set"))

    @admin.display(description="jumlah OPD", ordering="_jumlah_opd")
    def jumlah_opd(self, obj):
        return obj._jumlah_opd


@admin.register(OPD)
class OPDAdmin(BaseAdmin):
    list_display = ("nama", "singkatan", "kode", "kode_unit", "pemda", "kepala_nama", "aktif")
    list_filter = ("pemda", "aktif")
    search_fields = ("nama", "singkatan", "kode", "kode_unit", "kepala_nama")
    list_select_related = ("pemda",)
    autocomplete_fields = ("pemda",)
    ordering = ("pemda__nama", "nama")
    fieldsets = (
        (None, {"fields": ("pemda", "kode", "kode_unit", "nama", "singkatan", "aktif")}),
        ("Alamat", {"fields": ("alamat", "telepon")}),
        ("Kepala OPD", {"fields": ("kepala_nama", "kepala_nip", "kepala_pangkat", "kepala_jabatan")}),
        ("Atasan langsung", {"fields": ("atasan_nama", "atasan_jabatan")}),
    )
    inlines = (KeanggotaanInline,)


@admin.register(Keanggotaan)
class KeanggotaanAdmin(BaseAdmin):
    list_display = ("user", "opd", "peran")
    list_filter = ("peran", "opd")
    search_fields = ("user__username", "user__first_name", "user__last_name", "opd__nama", "opd__singkatan")
    list_select_related = ("user", "opd")
    autocomplete_fields = ("user", "opd")
    ordering = ("opd__nama", "user__username")


@admin.register(AksesPemda)
class AksesPemdaAdmin(BaseAdmin):
    list_display = ("user", "pemda", "peran")
    list_filter = ("peran", "pemda")
    search_fields = ("user__username", "user__first_name", "user__last_name", "pemda__nama")
    list_select_related = ("user", "pemda")
    autocomplete_fields = ("user", "pemda")
    ordering = ("pemda__nama", "user__username")


User = get_user_model()


class PenggunaAdmin(SimpleHistoryAdmin, UserAdmin):
    """Django's user admin, plus the roles a user holds, editable on the same page."""

    inlines = (*UserAdmin.inlines, AksesPemdaPenggunaInline, KeanggotaanPenggunaInline)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PenggunaAdmin)

"""Admin of the base (Pemda, OPD, roles, category scales, periods, the year's freeze) and what every
app's admin shares: the history-keeping base class, the read-only base for data written by services,
and display helpers."""

from decimal import Decimal

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from inti.models import (
    OPD,
    AksesPemda,
    Keanggotaan,
    Pemda,
    PeriodeMonev,
    RentangKategori,
    SkalaKategori,
    TahunOPD,
    UnitOrganisasi,
)
from inti.tampilan import KOSONG, format_angka, format_angka_penuh
from inti.tulis import PANJANG_ALASAN


def format_nilai_indikator(nilai: Decimal | None, indikator) -> str:
    """An indicator value at the indicator's own display precision."""
    return format_angka(nilai, indikator.desimal)


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


def alasan_perubahan(form, *, baru: bool) -> str:
    """The reason a history row records for a change made in the admin: what was changed, and where."""
    if baru:
        return "Dibuat di halaman admin"
    medan = [form.fields[n].label or n for n in form.changed_data if n in form.fields]
    return "Diubah di halaman admin: " + ", ".join(str(m) for m in medan) if medan else "Disimpan di halaman admin"


class AlasanAdminMixin:
    """Every write from the admin leaves, besides the user (the history middleware records it), a reason
    naming the changed fields, as the services' writes do: the object's own and its inline rows."""

    def save_model(self, request, obj, form, change):
        obj._change_reason = alasan_perubahan(form, baru=not change)[:PANJANG_ALASAN]
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj._change_reason = "Dihapus di halaman admin"
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One by one, so that each deletion is on record with its reason.
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        for baris in formset.forms:
            if baris in formset.deleted_forms:
                baris.instance._change_reason = "Dihapus di halaman admin"
            elif baris.has_changed():
                alasan = alasan_perubahan(baris, baru=baris.instance.pk is None)
                baris.instance._change_reason = alasan[:PANJANG_ALASAN]
        super().save_formset(request, form, formset, change)


class BaseAdmin(AlasanAdminMixin, SimpleHistoryAdmin):
    """Every model keeps its audit trail; 50 rows a page keeps a long DPA readable."""

    list_per_page = 50
    save_on_top = True
    # The same dash inti.tampilan prints for a missing figure.
    empty_value_display = KOSONG

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if obj is None:
            return [inline for inline in inlines if not issubclass(inline, InlinePerluInduk)]
        return inlines


class BacaSajaAdmin(BaseAdmin):
    """Data that only a service may write (monev values, evidence, periods, the freeze): read here.

    The service is where the lock, the freeze, the conflict check and the reason in the history live; an
    admin form beside it would be a second, unchecked way in. The page that writes it is named in the
    model's admin docstring.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BacaSajaInline:
    """An inline of rows written by a service: shown, never edited here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


@admin.register(UnitOrganisasi)
class UnitOrganisasiAdmin(BaseAdmin):
    list_display = ("nama", "jabatan_kepala", "induk", "opd", "urutan")
    list_filter = ("opd",)
    search_fields = ("nama", "jabatan_kepala", "kode", "opd__nama", "opd__singkatan")
    list_select_related = ("opd", "induk")
    autocomplete_fields = ("opd", "induk")
    ordering = ("opd__nama", "urutan", "id")
    fields = ("opd", "kode", "nama", "jabatan_kepala", "induk", "urutan")


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


class RentangKategoriInline(admin.TabularInline):
    model = RentangKategori
    fields = ("urutan", "nama", "batas_bawah", "batas_atas")
    extra = 0


@admin.register(SkalaKategori)
class SkalaKategoriAdmin(BaseAdmin):
    list_display = ("nama", "sumber", "bawaan")
    list_filter = ("bawaan",)
    search_fields = ("nama", "sumber")
    ordering = ("-bawaan", "nama")
    inlines = (RentangKategoriInline,)


@admin.register(RentangKategori)
class RentangKategoriAdmin(BaseAdmin):
    list_display = ("__str__", "skala", "urutan", "batas_bawah_tampil", "batas_atas_tampil")
    list_filter = ("skala",)
    search_fields = ("nama", "skala__nama")
    list_select_related = ("skala",)
    autocomplete_fields = ("skala",)
    ordering = ("skala__nama", "urutan")

    @admin.display(description="batas bawah (≥)", ordering="batas_bawah")
    def batas_bawah_tampil(self, obj):
        return format_angka_penuh(obj.batas_bawah)

    @admin.display(description="batas atas (<)", ordering="batas_atas")
    def batas_atas_tampil(self, obj):
        return format_angka_penuh(obj.batas_atas)


@admin.register(PeriodeMonev)
class PeriodeMonevAdmin(BacaSajaAdmin):
    """Periods are created, given a deadline, locked and unlocked on the periods page (`tabel:periode`)."""

    list_display = ("__str__", "pemda", kolom_tahun("tahun", "tahun"), "tribulan", "batas_waktu", "terkunci")
    list_filter = ("pemda", "tahun", "tribulan", "terkunci")
    search_fields = ("pemda__nama", "tahun")
    list_select_related = ("pemda",)
    autocomplete_fields = ("pemda",)
    ordering = ("pemda__nama", "-tahun", "tribulan")
    history_list_display = ("terkunci", "batas_waktu")




@admin.register(TahunOPD)
class TahunOPDAdmin(BacaSajaAdmin):
    """A year is frozen and unfrozen by its LKjIP's workflow (submission, return to draft)."""

    list_display = ("opd", kolom_tahun("tahun", "tahun"), "beku")
    list_filter = ("beku", "opd__pemda", "tahun")
    search_fields = ("opd__nama", "opd__singkatan", "opd__kode")
    list_select_related = ("opd",)
    ordering = ("opd__nama", "-tahun")
    history_list_display = ("beku",)


User = get_user_model()


class PenggunaAdmin(AlasanAdminMixin, SimpleHistoryAdmin, UserAdmin):
    """Django's user admin, plus the roles a user holds, editable on the same page."""

    inlines = (*UserAdmin.inlines, AksesPemdaPenggunaInline, KeanggotaanPenggunaInline)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PenggunaAdmin)

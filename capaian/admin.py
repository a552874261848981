"""Admin of monev data: realisasi, formula inputs and their supporting tables, analysis, scales, periods."""

from decimal import Decimal

from django.contrib import admin

from capaian.tampilan import format_angka
from lkjip.admin import BaseAdmin, format_apa_adanya, format_nilai_indikator, kolom_tahun

from .models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    BuktiDukung,
    CatatanReviu,
    NilaiVariabel,
    PeriodeMonev,
    RealisasiIndikator,
    RentangKategori,
    SkalaKategori,
    TabelPendukung,
    VariabelFormula,
)


class RealisasiIndikatorInline(admin.TabularInline):
    model = RealisasiIndikator
    fields = ("tahun", "tribulan", "nilai", "keterangan")
    extra = 0


class VariabelFormulaInline(admin.TabularInline):
    model = VariabelFormula
    fields = ("urutan", "nama", "label", "satuan")
    extra = 0
    show_change_link = True


class AnalisisIndikatorInline(admin.StackedInline):
    model = AnalisisIndikator
    fields = ("tahun", "faktor_keberhasilan", "hambatan", "tindak_lanjut")
    extra = 0


class NilaiVariabelInline(admin.TabularInline):
    model = NilaiVariabel
    fields = ("tahun", "tribulan", "nilai", "tabel", "kolom")
    autocomplete_fields = ("tabel",)
    extra = 0


class BarisTabelPendukungInline(admin.TabularInline):
    model = BarisTabelPendukung
    fields = ("urutan", "label", "kolom", "nilai")
    extra = 0


class RentangKategoriInline(admin.TabularInline):
    model = RentangKategori
    fields = ("urutan", "nama", "batas_bawah", "batas_atas")
    extra = 0


@admin.register(RealisasiIndikator)
class RealisasiIndikatorAdmin(BaseAdmin):
    list_display = (
        "indikator_kode",
        "indikator_nama",
        kolom_tahun("tahun", "tahun"),
        "tribulan",
        "nilai_tampil",
        "keterangan",
        "opd",
    )
    list_filter = ("tahun", "tribulan", "indikator__opd", "indikator__level")
    search_fields = ("indikator__kode", "indikator__nama", "keterangan")
    list_select_related = ("indikator__opd",)
    autocomplete_fields = ("indikator",)
    readonly_fields = ("versi",)
    ordering = ("indikator__opd__nama", "indikator__kode", "tahun", "tribulan")
    history_list_display = ("nilai",)

    def save_model(self, request, obj, form, change):
        # A monev form holding the previous version must see that the admin changed the row.
        if change:
            obj.versi += 1
        super().save_model(request, obj, form, change)

    @admin.display(description="kode", ordering="indikator__kode")
    def indikator_kode(self, obj):
        return obj.indikator.kode

    @admin.display(description="indikator", ordering="indikator__nama")
    def indikator_nama(self, obj):
        return obj.indikator.nama

    @admin.display(description="OPD", ordering="indikator__opd__nama")
    def opd(self, obj):
        return obj.indikator.opd

    @admin.display(description="realisasi", ordering="nilai")
    def nilai_tampil(self, obj):
        return format_nilai_indikator(obj.nilai, obj.indikator)


@admin.register(VariabelFormula)
class VariabelFormulaAdmin(BaseAdmin):
    list_display = ("nama", "label", "satuan", "indikator", "opd")
    list_filter = ("indikator__opd",)
    search_fields = ("nama", "label", "indikator__kode", "indikator__nama")
    list_select_related = ("indikator__opd",)
    autocomplete_fields = ("indikator",)
    ordering = ("indikator__opd__nama", "indikator__kode", "urutan", "nama")
    inlines = (NilaiVariabelInline,)

    @admin.display(description="OPD", ordering="indikator__opd__nama")
    def opd(self, obj):
        return obj.indikator.opd


@admin.register(NilaiVariabel)
class NilaiVariabelAdmin(BaseAdmin):
    list_display = (
        "variabel_nama",
        "indikator",
        kolom_tahun("tahun", "tahun"),
        "tribulan",
        "nilai_tampil",
        "tabel",
        "kolom",
    )
    list_filter = ("tahun", "tribulan", "variabel__indikator__opd")
    search_fields = ("variabel__nama", "variabel__label", "variabel__indikator__kode", "tabel__kode")
    list_select_related = ("variabel__indikator", "tabel")
    autocomplete_fields = ("variabel", "tabel")
    ordering = ("variabel__indikator__kode", "variabel__nama", "tahun", "tribulan")
    history_list_display = ("nilai", "tabel", "kolom")

    @admin.display(description="variabel", ordering="variabel__nama")
    def variabel_nama(self, obj):
        return obj.variabel.nama

    @admin.display(description="indikator", ordering="variabel__indikator__kode")
    def indikator(self, obj):
        return obj.variabel.indikator.kode

    @admin.display(description="nilai", ordering="nilai")
    def nilai_tampil(self, obj):
        # An input, not an indicator value: it keeps the precision it was typed with.
        return format_apa_adanya(obj.nilai)


@admin.register(TabelPendukung)
class TabelPendukungAdmin(BaseAdmin):
    list_display = ("judul", "kode", "opd", kolom_tahun("tahun", "tahun laporan"), "satuan", "sumber")
    list_filter = ("opd", "tahun")
    search_fields = ("judul", "kode", "sumber")
    list_select_related = ("opd",)
    autocomplete_fields = ("opd",)
    ordering = ("opd__nama", "tahun", "kode")
    inlines = (BarisTabelPendukungInline,)


@admin.register(BarisTabelPendukung)
class BarisTabelPendukungAdmin(BaseAdmin):
    list_display = ("label", "kolom", "nilai_tampil", "tabel")
    list_filter = ("tabel__opd", "tabel__tahun", "kolom")
    search_fields = ("label", "tabel__judul", "tabel__kode")
    list_select_related = ("tabel",)
    autocomplete_fields = ("tabel",)
    ordering = ("tabel", "urutan", "kolom")
    history_list_display = ("nilai",)

    @admin.display(description="nilai", ordering="nilai")
    def nilai_tampil(self, obj):
        return format_apa_adanya(obj.nilai)


@admin.register(AnalisisIndikator)
class AnalisisIndikatorAdmin(BaseAdmin):
    list_display = ("__str__", "indikator", kolom_tahun("tahun", "tahun"))
    list_filter = ("tahun", "indikator__opd")
    search_fields = ("indikator__kode", "indikator__nama", "faktor_keberhasilan", "hambatan", "tindak_lanjut")
    list_select_related = ("indikator",)
    autocomplete_fields = ("indikator",)
    ordering = ("indikator__kode", "tahun")


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
        return format_apa_adanya(obj.batas_bawah)

    @admin.display(description="batas atas (<)", ordering="batas_atas")
    def batas_atas_tampil(self, obj):
        return format_apa_adanya(obj.batas_atas)


@admin.register(PeriodeMonev)
class PeriodeMonevAdmin(BaseAdmin):
    list_display = ("__str__", "pemda", kolom_tahun("tahun", "tahun"), "tribulan", "batas_waktu", "terkunci")
    list_editable = ("terkunci",)
    list_filter = ("pemda", "tahun", "tribulan", "terkunci")
    search_fields = ("pemda__nama", "tahun")
    list_select_related = ("pemda",)
    autocomplete_fields = ("pemda",)
    ordering = ("pemda__nama", "-tahun", "tribulan")
    history_list_display = ("terkunci", "batas_waktu")


@admin.register(BuktiDukung)
class BuktiDukungAdmin(BaseAdmin):
    """Evidence is uploaded from the monev page, which checks the file and records its hash and size.

    Here it can be read, described and marked removed; it is never added or deleted, so no evidence
    is lost and none enters without those checks.
    """

    list_display = (
        "nama_asli",
        "indikator_kode",
        kolom_tahun("tahun", "tahun"),
        "tribulan",
        "ukuran_tampil",
        "diunggah_oleh",
        "diunggah_pada",
        "dihapus",
    )
    list_filter = ("dihapus", "tahun", "tribulan", "indikator__opd")
    search_fields = ("nama_asli", "indikator__kode", "indikator__nama", "keterangan", "sha256")
    list_select_related = ("indikator", "diunggah_oleh")
    fields = (
        "indikator",
        "tahun_tampil",
        "tribulan",
        "berkas",
        "nama_asli",
        "jenis_konten",
        "ukuran",
        "sha256",
        "diunggah_oleh",
        "diunggah_pada",
        "keterangan",
        "dihapus",
    )
    readonly_fields = (
        "indikator",
        "tahun_tampil",
        "tribulan",
        "berkas",
        "nama_asli",
        "jenis_konten",
        "ukuran",
        "sha256",
        "diunggah_oleh",
        "diunggah_pada",
    )
    ordering = ("-diunggah_pada",)
    history_list_display = ("dihapus", "keterangan")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="indikator", ordering="indikator__kode")
    def indikator_kode(self, obj):
        return obj.indikator.kode

    @admin.display(description="tahun")
    def tahun_tampil(self, obj):
        return str(obj.tahun)

    @admin.display(description="ukuran", ordering="ukuran")
    def ukuran_tampil(self, obj):
        return f"{format_angka(Decimal(obj.ukuran) / 1024, 0)} KB"


@admin.register(CatatanReviu)
class CatatanReviuAdmin(BaseAdmin):
    list_display = (
        "__str__",
        "opd",
        kolom_tahun("tahun", "tahun"),
        "indikator",
        "tribulan",
        "penulis",
        "dibuat",
        "selesai",
    )
    list_filter = ("selesai", "opd", "tahun", "tribulan")
    search_fields = ("teks", "opd__nama", "opd__singkatan", "indikator__kode", "indikator__nama")
    list_select_related = ("opd", "indikator", "penulis")
    autocomplete_fields = ("opd", "indikator")
    fields = ("opd", "tahun", "indikator", "tribulan", "teks", "selesai", "penulis", "dibuat")
    readonly_fields = ("penulis", "dibuat")
    ordering = ("-dibuat",)
    history_list_display = ("selesai",)

    def save_model(self, request, obj, form, change):
        # The author is whoever writes the note, never a choice in the form.
        if not change:
            obj.penulis = request.user
        super().save_model(request, obj, form, change)

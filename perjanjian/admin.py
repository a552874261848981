"""Admin of the Perjanjian Kinerja: the signed document, its indicator rows and its program budgets."""

from django.contrib import admin
from django.db.models import Sum

from inti.admin import BacaSajaAdmin, BaseAdmin, format_nilai_indikator, kolom_tahun
from inti.tampilan import format_rupiah

from .models import AnggaranPK, BarisPK, PerjanjianKinerja, RencanaAksi


class BarisPKInline(admin.TabularInline):
    model = BarisPK
    fields = ("urutan", "sasaran", "sasaran_uraian", "indikator", "target", "satuan")
    autocomplete_fields = ("sasaran", "indikator")
    extra = 0


class AnggaranPKInline(admin.TabularInline):
    model = AnggaranPK
    fields = ("urutan", "program", "nilai", "sumber_dana")
    autocomplete_fields = ("program",)
    extra = 0


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(BaseAdmin):
    list_display = (
        "judul_tampil",
        "opd",
        kolom_tahun("tahun", "tahun"),
        "revisi",
        "dokumen_anggaran",
        "status",
        "tanggal_tampil_kolom",
        "pihak_pertama_nama",
        "total_anggaran",
    )
    list_filter = ("opd", "tahun", "revisi", "status", "dokumen_anggaran")
    # Approval goes through the PK screen (perjanjian.services.pk_setujui), which also fixes the year's
    # indicator definitions; the admin only shows it.
    readonly_fields = ("status", "disetujui_oleh", "disetujui_pada")
    search_fields = ("opd__nama", "opd__singkatan", "pihak_pertama_nama", "pihak_kedua_nama", "tahun")
    list_select_related = ("opd",)
    autocomplete_fields = ("opd", "menggantikan")
    ordering = ("opd__nama", "-tahun", "revisi")
    fieldsets = (
        (
            None,
            {"fields": ("opd", "tahun", ("revisi", "menggantikan"), "dokumen_anggaran", "alasan_perubahan")},
        ),
        ("Penandatanganan", {"fields": ("tempat", ("tanggal", "bulan"))}),
        (
            "Pihak pertama",
            {
                "fields": (
                    "pihak_pertama_nama",
                    "pihak_pertama_jabatan",
                    "pihak_pertama_nip",
                    "pihak_pertama_pangkat",
                )
            },
        ),
        ("Pihak kedua", {"fields": ("pihak_kedua_nama", "pihak_kedua_jabatan")}),
        ("Persetujuan", {"fields": ("status", "disetujui_oleh", "disetujui_pada")}),
    )
    inlines = (BarisPKInline, AnggaranPKInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_total_anggaran=Sum("anggaran_set__nilai"))

    @admin.display(description="dokumen", ordering="revisi")
    def judul_tampil(self, obj):
        return str(obj)

    @admin.display(description="tanggal", ordering="tanggal")
    def tanggal_tampil_kolom(self, obj):
        return obj.tanggal_tampil

    @admin.display(description="total anggaran", ordering="_total_anggaran")
    def total_anggaran(self, obj):
        return format_rupiah(obj._total_anggaran)


@admin.register(BarisPK)
class BarisPKAdmin(BaseAdmin):
    list_display = ("pk_dokumen", "urutan", "sasaran_uraian", "indikator_nama", "target_tampil", "satuan")
    list_filter = ("pk_dokumen__opd", "pk_dokumen__tahun", "pk_dokumen__revisi")
    search_fields = ("sasaran_uraian", "indikator__kode", "indikator__nama")
    list_select_related = ("pk_dokumen__opd", "indikator")
    autocomplete_fields = ("pk_dokumen", "sasaran", "indikator")
    ordering = ("pk_dokumen__opd__nama", "-pk_dokumen__tahun", "pk_dokumen__revisi", "urutan")
    history_list_display = ("target",)

    @admin.display(description="indikator", ordering="indikator__nama")
    def indikator_nama(self, obj):
        return obj.indikator.nama

    @admin.display(description="target", ordering="target")
    def target_tampil(self, obj):
        return format_nilai_indikator(obj.target, obj.indikator)


@admin.register(AnggaranPK)
class AnggaranPKAdmin(BaseAdmin):
    list_display = ("pk_dokumen", "urutan", "program", "nilai_tampil", "sumber_dana")
    list_filter = ("pk_dokumen__opd", "pk_dokumen__tahun", "pk_dokumen__revisi", "sumber_dana")
    search_fields = ("program__kode", "program__nama")
    list_select_related = ("pk_dokumen__opd", "program")
    autocomplete_fields = ("pk_dokumen", "program")
    ordering = ("pk_dokumen__opd__nama", "-pk_dokumen__tahun", "pk_dokumen__revisi", "urutan")
    history_list_display = ("nilai",)

    @admin.display(description="anggaran", ordering="nilai")
    def nilai_tampil(self, obj):
        return format_rupiah(obj.nilai)


@admin.register(RencanaAksi)
class RencanaAksiAdmin(BacaSajaAdmin):
    """Tribulan targets of a PK row: written on the PK's Rencana Aksi screen (`perjanjian.services`), read here."""

    list_display = ("indikator", "pk", "tribulan", "target_tampil", "uraian")
    list_filter = ("tribulan", "baris_pk__pk_dokumen__opd", "baris_pk__pk_dokumen__tahun")
    search_fields = ("baris_pk__indikator__kode", "baris_pk__indikator__nama", "uraian")
    list_select_related = ("baris_pk__indikator", "baris_pk__pk_dokumen__opd")
    ordering = ("baris_pk__pk_dokumen__opd__nama", "-baris_pk__pk_dokumen__tahun", "baris_pk__urutan", "tribulan")
    history_list_display = ("target",)

    @admin.display(description="indikator", ordering="baris_pk__indikator__kode")
    def indikator(self, obj):
        return obj.baris_pk.indikator

    @admin.display(description="Perjanjian Kinerja", ordering="baris_pk__pk_dokumen__tahun")
    def pk(self, obj):
        return obj.baris_pk.pk_dokumen

    @admin.display(description="target tribulan", ordering="target")
    def target_tampil(self, obj):
        return format_nilai_indikator(obj.target, obj.baris_pk.indikator)


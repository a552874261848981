"""Admin of monev data: realisasi, formula inputs, supporting tables, analysis, evidence, review notes.

Monev values are read here, never written: every change of them goes through `capaian.services` (from the
monev screens and the Excel upload), which applies the period lock and the year's freeze, detects stale
forms and records a reason with the history. A supporting table's definition (title, unit, source) may be
edited here; its rows are values.
"""

from decimal import Decimal

from django.contrib import admin

from inti.admin import BacaSajaAdmin, BacaSajaInline, BaseAdmin, format_nilai_indikator, kolom_tahun
from inti.tampilan import format_angka, format_angka_penuh

from .models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    BuktiDukung,
    CatatanReviu,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)


class BarisTabelPendukungInline(BacaSajaInline, admin.TabularInline):
    model = BarisTabelPendukung
    fields = ("urutan", "label", "kolom", "nilai")


@admin.register(RealisasiIndikator)
class RealisasiIndikatorAdmin(BacaSajaAdmin):
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
    ordering = ("indikator__opd__nama", "indikator__kode", "tahun", "tribulan")
    history_list_display = ("nilai",)

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


@admin.register(NilaiVariabel)
class NilaiVariabelAdmin(BacaSajaAdmin):
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
        return format_angka_penuh(obj.nilai)


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
class BarisTabelPendukungAdmin(BacaSajaAdmin):
    list_display = ("label", "kolom", "nilai_tampil", "tabel")
    list_filter = ("tabel__opd", "tabel__tahun", "kolom")
    search_fields = ("label", "tabel__judul", "tabel__kode")
    list_select_related = ("tabel",)
    autocomplete_fields = ("tabel",)
    ordering = ("tabel", "urutan", "kolom")
    history_list_display = ("nilai",)

    @admin.display(description="nilai", ordering="nilai")
    def nilai_tampil(self, obj):
        return format_angka_penuh(obj.nilai)


@admin.register(AnalisisIndikator)
class AnalisisIndikatorAdmin(BacaSajaAdmin):
    list_display = ("__str__", "indikator", kolom_tahun("tahun", "tahun"))
    list_filter = ("tahun", "indikator__opd")
    search_fields = ("indikator__kode", "indikator__nama", "faktor_keberhasilan", "hambatan", "tindak_lanjut")
    list_select_related = ("indikator",)
    autocomplete_fields = ("indikator",)
    ordering = ("indikator__kode", "tahun")


@admin.register(BuktiDukung)
class BuktiDukungAdmin(BacaSajaAdmin):
    """Evidence is uploaded and removed on the monev page, which checks the file, records its hash and size
    and only marks a removal; here it is read."""

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
    ordering = ("-diunggah_pada",)
    history_list_display = ("dihapus", "keterangan")

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
class CatatanReviuAdmin(BacaSajaAdmin):
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
    ordering = ("-dibuat",)
    history_list_display = ("selesai",)

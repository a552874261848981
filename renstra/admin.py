"""Admin of the Renstra chain: Renstra, tujuan, sasaran and every indicator with its yearly figures."""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from inti.admin import BaseAdmin, InlinePerluInduk, format_nilai_indikator, kolom_tahun

from .models import (
    Indikator,
    RealisasiTahunLalu,
    Renstra,
    Sasaran,
    StandarPembanding,
    TargetIndikator,
    Tujuan,
    VariabelFormula,
)


class IndikatorIndukForm(forms.ModelForm):
    """OPD and level follow from the parent the row is entered under, so the user never picks them.

    They stay form fields (disabled, hidden) so that the form still validates the constraints that
    name them, such as a code unique in the OPD, instead of letting the database refuse the row.
    """

    class Meta:
        model = Indikator
        fields = ("opd", "level", "kode", "nama", "satuan", "iku", "polaritas", "desimal", "urutan")
        widgets = {"opd": forms.HiddenInput, "level": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].disabled = True
        self.fields["level"].disabled = True


class IndikatorIndukFormSet(BaseInlineFormSet):
    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is None or index >= self.initial_form_count():
            # The inline's fk_name is the parent field, named like the level it implies.
            baru = Indikator(level=self.fk.name, **{self.fk.name: self.instance})
            baru.opd_id = baru.opd_induk_id()
            kwargs["instance"] = baru
        return kwargs


class IndikatorInline(InlinePerluInduk, admin.TabularInline):
    model = Indikator
    form = IndikatorIndukForm
    formset = IndikatorIndukFormSet
    fields = IndikatorIndukForm.Meta.fields
    extra = 0
    show_change_link = True


class IndikatorTujuanInline(IndikatorInline):
    fk_name = "tujuan"


class IndikatorSasaranInline(IndikatorInline):
    fk_name = "sasaran"


class IndikatorProgramInline(IndikatorInline):
    fk_name = "program"


class IndikatorKegiatanInline(IndikatorInline):
    fk_name = "kegiatan"


class IndikatorSubKegiatanInline(IndikatorInline):
    fk_name = "sub_kegiatan"


class VariabelFormulaInline(admin.TabularInline):
    model = VariabelFormula
    fields = ("urutan", "nama", "label", "satuan")
    extra = 0
    show_change_link = True


class TujuanInline(admin.TabularInline):
    model = Tujuan
    fields = ("urutan", "kode", "nama", "tahun_mulai", "tahun_selesai", "keterangan")
    extra = 0
    show_change_link = True


class SasaranInline(admin.TabularInline):
    model = Sasaran
    fields = ("urutan", "kode", "nama", "tahun_mulai", "tahun_selesai")
    extra = 0
    show_change_link = True


class TargetIndikatorInline(admin.TabularInline):
    model = TargetIndikator
    fields = ("tahun", "dokumen", "nilai")
    extra = 0


class RealisasiTahunLaluInline(admin.TabularInline):
    model = RealisasiTahunLalu
    fields = ("tahun", "nilai", "sumber")
    extra = 0


class StandarPembandingInline(admin.TabularInline):
    model = StandarPembanding
    fields = ("tahun", "tingkat", "uraian", "nilai", "variabel", "sumber")
    autocomplete_fields = ("variabel",)
    extra = 0


@admin.register(Renstra)
class RenstraAdmin(BaseAdmin):
    list_display = (
        "__str__",
        "opd",
        kolom_tahun("tahun_awal", "tahun awal"),
        kolom_tahun("tahun_akhir", "tahun akhir"),
        "revisi_ke",
        "revisi_dari",
    )
    list_filter = ("opd", "tahun_awal", "revisi_ke")
    search_fields = ("nama", "opd__nama", "opd__singkatan", "dasar_hukum")
    list_select_related = ("opd", "revisi_dari")
    autocomplete_fields = ("opd", "revisi_dari")
    ordering = ("opd__nama", "tahun_awal", "revisi_ke")
    fieldsets = (
        (None, {"fields": ("opd", "nama", ("tahun_awal", "tahun_akhir"), ("revisi_ke", "revisi_dari"))}),
        ("Visi, misi dan dasar hukum", {"fields": ("visi", "misi", "dasar_hukum")}),
    )
    inlines = (TujuanInline,)


@admin.register(Tujuan)
class TujuanAdmin(BaseAdmin):
    list_display = (
        "__str__",
        "renstra",
        "opd",
        kolom_tahun("tahun_mulai", "berlaku mulai tahun"),
        kolom_tahun("tahun_selesai", "berlaku sampai tahun"),
    )
    list_filter = ("renstra__opd", "renstra")
    search_fields = ("kode", "nama", "renstra__nama")
    list_select_related = ("renstra__opd",)
    autocomplete_fields = ("renstra",)
    ordering = ("renstra", "urutan", "kode")
    inlines = (SasaranInline, IndikatorTujuanInline)

    @admin.display(description="OPD", ordering="renstra__opd__nama")
    def opd(self, obj):
        return obj.renstra.opd


@admin.register(Sasaran)
class SasaranAdmin(BaseAdmin):
    list_display = (
        "__str__",
        "tujuan",
        "opd",
        kolom_tahun("tahun_mulai", "berlaku mulai tahun"),
        kolom_tahun("tahun_selesai", "berlaku sampai tahun"),
    )
    list_filter = ("tujuan__renstra__opd", "tujuan__renstra")
    search_fields = ("kode", "nama", "tujuan__nama")
    list_select_related = ("tujuan__renstra__opd",)
    autocomplete_fields = ("tujuan",)
    ordering = ("tujuan", "urutan", "kode")
    inlines = (IndikatorSasaranInline,)

    @admin.display(description="OPD", ordering="tujuan__renstra__opd__nama")
    def opd(self, obj):
        return obj.tujuan.renstra.opd


@admin.register(Indikator)
class IndikatorAdmin(BaseAdmin):
    list_display = (
        "kode",
        "nama",
        "level",
        "induk_tampil",
        "opd",
        "satuan",
        "iku_tampil",
        "polaritas",
        "agregasi",
    )
    list_display_links = ("kode", "nama")
    list_filter = ("opd", "level", "iku", "polaritas", "agregasi")
    search_fields = ("kode", "nama", "satuan", "sumber_data")
    list_select_related = ("opd", "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
    autocomplete_fields = ("opd", "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
    ordering = ("opd__nama", "level", "urutan", "kode")
    fieldsets = (
        (None, {"fields": ("opd", "level", ("kode", "urutan"), "nama", ("satuan", "desimal"), "iku")}),
        (
            "Induk (isi satu saja, sesuai level)",
            {"fields": ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")},
        ),
        (
            "Metadata",
            {
                "fields": (
                    "definisi_operasional",
                    "formula_uraian",
                    "rumus",
                    "sumber_data",
                    "penanggung_jawab",
                )
            },
        ),
        ("Cara menghitung capaian", {"fields": ("polaritas", "aturan_negatif", "agregasi")}),
    )
    # Realisasi, formula input values and analysis are monev data: the monev screens write them, their
    # own admin pages (under "Monev dan capaian") show them.
    inlines = (
        TargetIndikatorInline,
        VariabelFormulaInline,
        RealisasiTahunLaluInline,
        StandarPembandingInline,
    )

    @admin.display(description="induk")
    def induk_tampil(self, obj):
        return obj.induk

    @admin.display(description="IKU", boolean=True, ordering="iku")
    def iku_tampil(self, obj):
        return obj.iku


class NilaiIndikatorAdmin(BaseAdmin):
    """A yearly figure of an indicator, shown at the indicator's own precision."""

    list_select_related = ("indikator__opd",)
    autocomplete_fields = ("indikator",)
    search_fields = ("indikator__kode", "indikator__nama")
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

    @admin.display(description="nilai", ordering="nilai")
    def nilai_tampil(self, obj):
        return format_nilai_indikator(obj.nilai, obj.indikator)


@admin.register(TargetIndikator)
class TargetIndikatorAdmin(NilaiIndikatorAdmin):
    list_display = (
        "indikator_kode",
        "indikator_nama",
        kolom_tahun("tahun", "tahun"),
        "dokumen",
        "nilai_tampil",
        "opd",
    )
    list_filter = ("dokumen", "tahun", "indikator__opd", "indikator__level")
    ordering = ("indikator__opd__nama", "indikator__kode", "tahun", "dokumen")


@admin.register(RealisasiTahunLalu)
class RealisasiTahunLaluAdmin(NilaiIndikatorAdmin):
    list_display = (
        "indikator_kode",
        "indikator_nama",
        kolom_tahun("tahun", "tahun"),
        "nilai_tampil",
        "sumber",
        "opd",
    )
    list_filter = ("tahun", "indikator__opd")
    ordering = ("indikator__opd__nama", "indikator__kode", "tahun")


@admin.register(StandarPembanding)
class StandarPembandingAdmin(NilaiIndikatorAdmin):
    list_display = (
        "indikator_kode",
        "indikator_nama",
        kolom_tahun("tahun", "tahun"),
        "tingkat",
        "uraian",
        "nilai_tampil",
        "opd",
    )
    list_filter = ("tingkat", "tahun", "indikator__opd")
    search_fields = ("indikator__kode", "indikator__nama", "uraian", "sumber")
    autocomplete_fields = ("indikator", "variabel")
    ordering = ("indikator__opd__nama", "indikator__kode", "tahun", "tingkat")


@admin.register(VariabelFormula)
class VariabelFormulaAdmin(BaseAdmin):
    list_display = ("nama", "label", "satuan", "indikator", "opd")
    list_filter = ("indikator__opd",)
    search_fields = ("nama", "label", "indikator__kode", "indikator__nama")
    list_select_related = ("indikator__opd",)
    autocomplete_fields = ("indikator",)
    ordering = ("indikator__opd__nama", "indikator__kode", "urutan", "nama")

    @admin.display(description="OPD", ordering="indikator__opd__nama")
    def opd(self, obj):
        return obj.indikator.opd

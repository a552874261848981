"""Admin of the Renstra chain: Renstra, tujuan, sasaran and every indicator with its yearly figures."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from inti.admin import (
    BacaSajaAdmin,
    BaseAdmin,
    InlinePerluInduk,
    alasan_perubahan,
    format_nilai_indikator,
    kolom_tahun,
)
from renstra import services

from .models import (
    DefinisiIndikatorTahun,
    Indikator,
    RealisasiTahunLalu,
    Renstra,
    Sasaran,
    StandarPembanding,
    TargetIndikator,
    Tujuan,
    VariabelFormula,
)

PILIH = ("", "— pilih —")
FIELD_METADATA = ("definisi_operasional", "formula_uraian", "rumus", "sumber_data", "penanggung_jawab")


class PilihanEksplisitMixin:
    """The negative rule and the aggregation are chosen, never defaulted: both start blank on a new
    indicator. The aggregation is required; the negative rule is required for a negative indicator and
    means nothing for a positive one (its column still needs a value: the stored one, else the model's)."""

    def _pasang_pilihan(self):
        self.fields["agregasi"] = forms.ChoiceField(
            label="agregasi Tribulan", choices=[PILIH, *Indikator.Agregasi.choices],
            error_messages={"required": "Pilih agregasi Tribulan (cara menghitung nilai tahunan)."},
        )
        self.fields["aturan_negatif"] = forms.ChoiceField(
            label="rumus capaian polaritas negatif", choices=[PILIH, *Indikator.AturanNegatif.choices], required=False,
            help_text="Wajib untuk indikator negatif.",
        )
        if "jenis_nilai" in self.fields:
            # Optional in a post: a form of before this field keeps the stored range, else "bebas".
            self.fields["jenis_nilai"].required = False
        if self.instance.pk is None:
            self.initial["agregasi"] = ""
            self.initial["aturan_negatif"] = ""
        elif self.instance.polaritas != Indikator.Polaritas.NEGATIF:
            self.initial["aturan_negatif"] = ""

    def clean(self):
        data = super().clean()
        if "jenis_nilai" in self.fields and not data.get("jenis_nilai"):
            data["jenis_nilai"] = self.instance.jenis_nilai or Indikator.JenisNilai.BEBAS
        if not data.get("aturan_negatif"):
            if data.get("polaritas") == Indikator.Polaritas.NEGATIF:
                self.add_error("aturan_negatif", "Indikator negatif wajib memilih rumus capaiannya.")
            else:
                data["aturan_negatif"] = self.instance.aturan_negatif or Indikator.AturanNegatif.DUA_T_MINUS_R
        return data


class IndikatorIndukForm(PilihanEksplisitMixin, forms.ModelForm):
    """OPD and level follow from the parent the row is entered under, so the user never picks them.

    They stay form fields (disabled, hidden) so that the form still validates the constraints that
    name them, such as a code unique in the OPD, instead of letting the database refuse the row.
    """

    class Meta:
        model = Indikator
        fields = (
            "opd", "level", "kode", "nama", "satuan", "iku", "polaritas", "aturan_negatif", "agregasi", "jenis_nilai",
            "desimal", "urutan",
        )
        widgets = {"opd": forms.HiddenInput, "level": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].disabled = True
        self.fields["level"].disabled = True
        self._pasang_pilihan()


def _simpan_lewat_layanan(user, form, *, induk=None, indikator=None, alasan: str) -> Indikator:
    """Write an admin form's indicator through `services.indikator_simpan` (permission, validation,
    frozen year, history with the reason)."""
    hasil = services.indikator_simpan(
        user=user, data=services.DataIndikator.dari(form.instance), induk=induk, indikator=indikator, alasan=alasan
    )
    form.instance.pk = hasil.pk
    form.instance._state.adding = False
    return hasil


class IndikatorIndukFormSet(BaseInlineFormSet):
    """Rows saved and deleted through the services; `user` is set by the inline for the request."""

    user = None

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk:
                dipakai = services.indikator_dipakai(form.instance)
                if dipakai:
                    raise ValidationError(
                        f"Indikator {form.instance.kode} tidak dapat dihapus: masih dipakai oleh {', '.join(dipakai)}."
                    )

    def save_new(self, form, commit=True):
        return _simpan_lewat_layanan(self.user, form, induk=self.instance, alasan=alasan_perubahan(form, baru=True))

    def save_existing(self, form, obj, commit=True):
        return _simpan_lewat_layanan(self.user, form, indikator=obj, alasan=alasan_perubahan(form, baru=False))

    def delete_existing(self, obj, commit=True):
        if commit:
            services.indikator_hapus(user=self.user, indikator=obj, alasan="Dihapus di halaman admin")

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

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        return formset


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


class IndikatorAdminForm(PilihanEksplisitMixin, forms.ModelForm):
    class Meta:
        model = Indikator
        fields = (
            "opd", "level", "kode", "urutan", "nama", "satuan", "desimal", "iku", "tujuan", "sasaran", "program",
            "kegiatan", "sub_kegiatan", *FIELD_METADATA, "polaritas", "aturan_negatif", "agregasi", "jenis_nilai",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pasang_pilihan()


@admin.register(Indikator)
class IndikatorAdmin(BaseAdmin):
    form = IndikatorAdminForm
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
    list_filter = ("opd", "level", "iku", "polaritas", "agregasi", "jenis_nilai")
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
        ("Cara menghitung capaian", {"fields": ("polaritas", "aturan_negatif", "agregasi", "jenis_nilai")}),
    )
    # Realisasi, formula input values and analysis are monev data: the monev screens write them, their
    # own admin pages (under "Monev dan capaian") show them.
    inlines = (
        TargetIndikatorInline,
        VariabelFormulaInline,
        RealisasiTahunLaluInline,
        StandarPembandingInline,
    )

    def save_model(self, request, obj, form, change):
        lama = Indikator.objects.get(pk=obj.pk) if change else None
        _simpan_lewat_layanan(
            request.user, form, induk=obj.induk, indikator=lama, alasan=alasan_perubahan(form, baru=not change)
        )

    def delete_model(self, request, obj):
        services.indikator_hapus(user=request.user, indikator=obj, alasan="Dihapus di halaman admin")

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


@admin.register(DefinisiIndikatorTahun)
class DefinisiIndikatorTahunAdmin(BacaSajaAdmin):
    """An indicator's definition fixed for a year when that year's PK was approved: never edited."""

    list_display = ("indikator", kolom_tahun("tahun", "tahun"), "satuan", "polaritas", "desimal", "dibekukan_pada")
    list_filter = ("tahun", "indikator__opd")
    search_fields = ("indikator__kode", "nama")
    list_select_related = ("indikator",)
    ordering = ("indikator__opd__nama", "-tahun", "indikator__kode")


"""Admin of the DPA: program, kegiatan, sub kegiatan, and the pagu and realisasi attached to them.

The DPA screens (`anggaran.views`, opd/<kode>/dpa/<tahun>/) are where planning staff enter the budget;
the planned absorption per Tribulan is written there only (`anggaran.services.rencana_penyerapan_simpan`)
and shown here for reference."""

from django.contrib import admin
from django.db.models import OuterRef, Q, Subquery

from inti.admin import BacaSajaAdmin, BacaSajaInline, BaseAdmin, InlinePerluInduk, kolom_tahun
from inti.models import OPD
from inti.tampilan import KOSONG, format_rupiah
from renstra.admin import IndikatorKegiatanInline, IndikatorProgramInline, IndikatorSubKegiatanInline

from .models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, RencanaPenyerapan, SubKegiatan


class KegiatanInline(admin.TabularInline):
    model = Kegiatan
    fields = ("urutan", "kode", "nama")
    extra = 0
    show_change_link = True


class SubKegiatanInline(admin.TabularInline):
    model = SubKegiatan
    fields = ("urutan", "kode", "nama")
    extra = 0
    show_change_link = True


# Pagu and realisasi point at program, kegiatan and sub kegiatan through one abstract mixin, so each
# inline names the parent it hangs from.
class PaguInline(InlinePerluInduk, admin.TabularInline):
    model = PaguAnggaran
    fields = ("dokumen", "nilai")
    extra = 0


class PaguProgramInline(PaguInline):
    fk_name = "program"
    verbose_name_plural = "pagu anggaran tingkat program"


class PaguKegiatanInline(PaguInline):
    fk_name = "kegiatan"
    verbose_name_plural = "pagu anggaran tingkat kegiatan"


class PaguSubKegiatanInline(PaguInline):
    fk_name = "sub_kegiatan"


class RealisasiInline(BacaSajaInline, InlinePerluInduk, admin.TabularInline):
    """Realisasi is monev data, written on the monev screen: shown here for reference."""

    model = RealisasiAnggaran
    fields = ("tribulan", "nilai", "keterangan")


class RencanaPenyerapanInline(BacaSajaInline, InlinePerluInduk, admin.TabularInline):
    """The Rencana Aksi of the budget: written on the DPA screen (rencana penyerapan), read here."""

    model = RencanaPenyerapan
    fields = ("tribulan", "nilai")
    verbose_name_plural = "rencana penyerapan (kumulatif)"


class RealisasiProgramInline(RealisasiInline):
    fk_name = "program"
    verbose_name_plural = "realisasi anggaran tingkat program"


class RealisasiKegiatanInline(RealisasiInline):
    fk_name = "kegiatan"
    verbose_name_plural = "realisasi anggaran tingkat kegiatan"


class RealisasiSubKegiatanInline(RealisasiInline):
    fk_name = "sub_kegiatan"


@admin.register(Program)
class ProgramAdmin(BaseAdmin):
    list_display = ("kode", "nama", "opd", kolom_tahun("tahun", "tahun anggaran"), "sasaran", "urutan")
    list_display_links = ("kode", "nama")
    list_filter = ("opd", "tahun")
    search_fields = ("kode", "nama", "sasaran__nama")
    list_select_related = ("opd", "sasaran")
    autocomplete_fields = ("opd", "sasaran")
    ordering = ("opd__nama", "-tahun", "urutan", "kode")
    inlines = (KegiatanInline, PaguProgramInline, RealisasiProgramInline, IndikatorProgramInline)


@admin.register(Kegiatan)
class KegiatanAdmin(BaseAdmin):
    list_display = ("kode", "nama", "program", "opd", kolom_tahun("program__tahun", "tahun anggaran"))
    list_display_links = ("kode", "nama")
    list_filter = ("program__opd", "program__tahun")
    search_fields = ("kode", "nama", "program__kode", "program__nama")
    list_select_related = ("program__opd",)
    autocomplete_fields = ("program",)
    ordering = ("program__opd__nama", "-program__tahun", "program__urutan", "urutan", "kode")
    inlines = (SubKegiatanInline, PaguKegiatanInline, RealisasiKegiatanInline, IndikatorKegiatanInline)

    @admin.display(description="OPD", ordering="program__opd__nama")
    def opd(self, obj):
        return obj.program.opd


def _pagu_sub_kegiatan(dokumen: str) -> Subquery:
    return Subquery(
        PaguAnggaran.objects.filter(sub_kegiatan=OuterRef("pk"), dokumen=dokumen).values("nilai")[:1]
    )


@admin.register(SubKegiatan)
class SubKegiatanAdmin(BaseAdmin):
    list_display = (
        "kode",
        "nama",
        "kegiatan",
        "opd",
        kolom_tahun("kegiatan__program__tahun", "tahun anggaran"),
        "pagu_dpa",
        "pagu_dpa_perubahan",
        "realisasi_terakhir",
    )
    list_display_links = ("kode", "nama")
    list_filter = ("kegiatan__program__opd", "kegiatan__program__tahun")
    search_fields = ("kode", "nama", "kegiatan__kode", "kegiatan__nama", "kegiatan__program__nama")
    list_select_related = ("kegiatan__program__opd",)
    autocomplete_fields = ("kegiatan",)
    ordering = (
        "kegiatan__program__opd__nama",
        "-kegiatan__program__tahun",
        "kegiatan__program__urutan",
        "kegiatan__urutan",
        "urutan",
        "kode",
    )
    inlines = (PaguSubKegiatanInline, RencanaPenyerapanInline, RealisasiSubKegiatanInline, IndikatorSubKegiatanInline)

    def get_queryset(self, request):
        # The sub kegiatan is where the DPA puts its money, so its own figures are worth a column each.
        realisasi = RealisasiAnggaran.objects.filter(sub_kegiatan=OuterRef("pk")).order_by("-tribulan")
        return (
            super()
            .get_queryset(request)
            .annotate(
                _pagu_dpa=_pagu_sub_kegiatan(PaguAnggaran.Dokumen.DPA),
                _pagu_dpa_perubahan=_pagu_sub_kegiatan(PaguAnggaran.Dokumen.DPA_PERUBAHAN),
                _realisasi=Subquery(realisasi.values("nilai")[:1]),
                _realisasi_tribulan=Subquery(realisasi.values("tribulan")[:1]),
            )
        )

    @admin.display(description="OPD", ordering="kegiatan__program__opd__nama")
    def opd(self, obj):
        return obj.kegiatan.program.opd

    @admin.display(description="pagu DPA", ordering="_pagu_dpa")
    def pagu_dpa(self, obj):
        return format_rupiah(obj._pagu_dpa)

    @admin.display(description="pagu DPA Perubahan", ordering="_pagu_dpa_perubahan")
    def pagu_dpa_perubahan(self, obj):
        return format_rupiah(obj._pagu_dpa_perubahan)

    @admin.display(description="realisasi terakhir", ordering="_realisasi")
    def realisasi_terakhir(self, obj):
        if obj._realisasi is None:
            return KOSONG
        return f"{format_rupiah(obj._realisasi)} (s.d. TW {obj._realisasi_tribulan})"


class OPDMataAnggaranFilter(admin.SimpleListFilter):
    """The OPD of a figure, whichever of the three levels it hangs from."""

    title = "OPD"
    parameter_name = "opd"

    def lookups(self, request, model_admin):
        return [(str(opd.pk), str(opd)) for opd in OPD.objects.order_by("nama")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        opd = self.value()
        return queryset.filter(
            Q(program__opd=opd) | Q(kegiatan__program__opd=opd) | Q(sub_kegiatan__kegiatan__program__opd=opd)
        )


class TahunMataAnggaranFilter(admin.SimpleListFilter):
    title = "tahun anggaran"
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        tahun = Program.objects.order_by("-tahun").values_list("tahun", flat=True).distinct()
        return [(str(t), str(t)) for t in tahun]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        tahun = self.value()
        return queryset.filter(
            Q(program__tahun=tahun)
            | Q(kegiatan__program__tahun=tahun)
            | Q(sub_kegiatan__kegiatan__program__tahun=tahun)
        )


class MataAnggaranAdmin(BaseAdmin):
    list_select_related = ("program__opd", "kegiatan__program__opd", "sub_kegiatan__kegiatan__program__opd")
    autocomplete_fields = ("program", "kegiatan", "sub_kegiatan")
    search_fields = (
        "sub_kegiatan__kode",
        "sub_kegiatan__nama",
        "kegiatan__kode",
        "kegiatan__nama",
        "program__kode",
        "program__nama",
    )
    history_list_display = ("nilai",)

    @admin.display(description="program / kegiatan / sub kegiatan")
    def mata_anggaran_tampil(self, obj):
        return obj.mata_anggaran

    @admin.display(description="tingkat")
    def tingkat(self, obj):
        if obj.sub_kegiatan_id:
            return "Sub kegiatan"
        if obj.kegiatan_id:
            return "Kegiatan"
        return "Program"

    @admin.display(description="OPD")
    def opd(self, obj):
        return obj.program_induk.opd

    @admin.display(description="tahun anggaran")
    def tahun(self, obj):
        return str(obj.program_induk.tahun)


@admin.register(PaguAnggaran)
class PaguAnggaranAdmin(MataAnggaranAdmin):
    list_display = ("mata_anggaran_tampil", "tingkat", "dokumen", "nilai_tampil", "opd", "tahun")
    list_filter = ("dokumen", OPDMataAnggaranFilter, TahunMataAnggaranFilter)
    ordering = ("program", "kegiatan", "sub_kegiatan", "dokumen")

    @admin.display(description="pagu", ordering="nilai")
    def nilai_tampil(self, obj):
        return format_rupiah(obj.nilai)


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(BacaSajaAdmin, MataAnggaranAdmin):
    """Budget realisasi is monev data: the monev screen and the Excel upload write it
    (`anggaran.services.realisasi_anggaran_simpan`)."""

    list_display = (
        "mata_anggaran_tampil",
        "tingkat",
        "tribulan",
        "nilai_tampil",
        "opd",
        "tahun",
        "keterangan",
    )
    list_filter = ("tribulan", OPDMataAnggaranFilter, TahunMataAnggaranFilter)
    ordering = ("program", "kegiatan", "sub_kegiatan", "tribulan")

    @admin.display(description="realisasi kumulatif", ordering="nilai")
    def nilai_tampil(self, obj):
        return format_rupiah(obj.nilai)


@admin.register(RencanaPenyerapan)
class RencanaPenyerapanAdmin(BacaSajaAdmin):
    """The planned cumulative absorption per Tribulan: written on the DPA screen's "Rencana penyerapan"
    (`anggaran.services.rencana_penyerapan_simpan`), read here."""

    list_display = ("sub_kegiatan", "opd", kolom_tahun("sub_kegiatan__kegiatan__program__tahun", "tahun anggaran"), "tribulan", "nilai_tampil")
    list_filter = ("tribulan", "sub_kegiatan__kegiatan__program__opd", "sub_kegiatan__kegiatan__program__tahun")
    search_fields = ("sub_kegiatan__kode", "sub_kegiatan__nama")
    list_select_related = ("sub_kegiatan__kegiatan__program__opd",)
    ordering = ("sub_kegiatan__kegiatan__program__opd__nama", "-sub_kegiatan__kegiatan__program__tahun", "sub_kegiatan__kode", "tribulan")
    history_list_display = ("nilai",)

    @admin.display(description="OPD", ordering="sub_kegiatan__kegiatan__program__opd__nama")
    def opd(self, obj):
        return obj.sub_kegiatan.kegiatan.program.opd

    @admin.display(description="rencana kumulatif", ordering="nilai")
    def nilai_tampil(self, obj):
        return format_rupiah(obj.nilai)

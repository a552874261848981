"""The budget of an OPD year (DPA): program, kegiatan, sub kegiatan, pagu and realisasi.

Pagu and realisasi are normally entered on sub kegiatan and rolled up by the engine. They may also be
entered on a program or kegiatan where the source gives only that level (the Program Penunjang of the
dataset); the consistency checker reports any level whose own figure differs from the sum of its children.

Budget realisasi is stored cumulatively: the value for Tribulan III is what has been spent up to the end
of Tribulan III, the way monev forms report it, so the year's realisasi is the latest Tribulan entered.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from simple_history.models import HistoricalRecords

from inti.periode import UANG_DIGITS, Tribulan


class Program(models.Model):
    level = "program"

    opd = models.ForeignKey("inti.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="program_set")
    tahun = models.PositiveSmallIntegerField("tahun anggaran")
    kode = models.CharField("kode nomenklatur", max_length=40, help_text="Kepmendagri 050-3708/2020, mis. 3.30.03")
    nama = models.CharField("nama program", max_length=300)
    sasaran = models.ForeignKey(
        "renstra.Sasaran",
        verbose_name="mendukung sasaran",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="program_set",
        help_text="Kosong untuk program penunjang yang mendukung seluruh OPD",
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["opd", "tahun", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["opd", "tahun", "kode"], name="program_kode_unik",
                violation_error_message="Kode program sudah dipakai di OPD dan tahun ini.")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def program_induk(self) -> Program:
        return self

    def clean(self):
        if self.sasaran_id and self.opd_id and self.sasaran.tujuan.renstra.opd_id != self.opd_id:
            raise ValidationError({"sasaran": "Sasaran harus milik OPD yang sama dengan program."})


class Kegiatan(models.Model):
    level = "kegiatan"

    program = models.ForeignKey(Program, verbose_name="program", on_delete=models.CASCADE, related_name="kegiatan_set")
    kode = models.CharField("kode nomenklatur", max_length=40)
    nama = models.CharField("nama kegiatan", max_length=400)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["program", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_kode_unik",
                violation_error_message="Kode kegiatan sudah dipakai di program ini.")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def program_induk(self) -> Program:
        return self.program


class SubKegiatan(models.Model):
    level = "sub_kegiatan"

    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name="kegiatan", on_delete=models.CASCADE, related_name="sub_kegiatan_set"
    )
    kode = models.CharField("kode nomenklatur", max_length=40)
    nama = models.CharField("nama sub kegiatan", max_length=400)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"
        ordering = ["kegiatan", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["kegiatan", "kode"], name="sub_kegiatan_kode_unik",
                violation_error_message="Kode sub kegiatan sudah dipakai di kegiatan ini.")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def program_induk(self) -> Program:
        return self.kegiatan.program


# The budget levels, top down: every place that dispatches on a level uses these, nothing else.
LEVEL_MATA = ("program", "kegiatan", "sub_kegiatan")
LABEL_LEVEL_MATA = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan"}
MODEL_MATA = {"program": Program, "kegiatan": Kegiatan, "sub_kegiatan": SubKegiatan}
# From a budget line to its program (for the OPD and the year): the lookup path per level.
JALUR_PROGRAM = {"program": "", "kegiatan": "program__", "sub_kegiatan": "kegiatan__program__"}

MataAnggaran = Program | Kegiatan | SubKegiatan


def mata_anggaran_get(*, opd, level: str, pk: int, tahun: int | None = None) -> MataAnggaran:
    """The program, kegiatan or sub kegiatan of `opd` (and of `tahun` when given), with its program and
    Pemda; Http404 for an unknown level, another OPD's line or another year's."""
    if level not in MODEL_MATA:
        raise Http404("Level mata anggaran tidak dikenal.")
    jalur = JALUR_PROGRAM[level]
    syarat = {f"{jalur}opd": opd}
    if tahun is not None:
        syarat[f"{jalur}tahun"] = tahun
    terkait = [f"{jalur}opd__pemda", *([jalur.rstrip("_")] if jalur else [])]
    if level == "sub_kegiatan":
        terkait.append("kegiatan")
    mata = MODEL_MATA[level].objects.select_related(*terkait).filter(pk=pk, **syarat).first()
    if mata is None:
        raise Http404("Mata anggaran tidak ditemukan.")
    return mata


def q_mata_anggaran(opd_id: int | list[int], tahun: int) -> Q:
    """Figures (pagu, realisasi) attached to any budget line of the OPD-year (or of every OPD listed)."""
    lookup = "opd_id__in" if isinstance(opd_id, list | tuple | set) else "opd_id"
    return (
        Q(**{f"program__{lookup}": opd_id, "program__tahun": tahun})
        | Q(**{f"kegiatan__program__{lookup}": opd_id, "kegiatan__program__tahun": tahun})
        | Q(**{f"sub_kegiatan__kegiatan__program__{lookup}": opd_id, "sub_kegiatan__kegiatan__program__tahun": tahun})
    )


def _satu_tingkat() -> Q:
    """Exactly one of program, kegiatan, sub_kegiatan is set."""
    return (
        Q(program__isnull=False, kegiatan__isnull=True, sub_kegiatan__isnull=True)
        | Q(program__isnull=True, kegiatan__isnull=False, sub_kegiatan__isnull=True)
        | Q(program__isnull=True, kegiatan__isnull=True, sub_kegiatan__isnull=False)
    )


class MataAnggaranMixin(models.Model):
    """A figure attached to exactly one budget line: a program, a kegiatan or a sub kegiatan."""

    program = models.ForeignKey(
        Program, verbose_name="program", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name="kegiatan", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, verbose_name="sub kegiatan", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def mata_anggaran(self) -> MataAnggaran:
        return self.sub_kegiatan or self.kegiatan or self.program

    @property
    def kunci_mata(self) -> tuple[str, int]:
        """(level, id) of the line the figure is attached to, without reading it."""
        if self.sub_kegiatan_id:
            return ("sub_kegiatan", self.sub_kegiatan_id)
        if self.kegiatan_id:
            return ("kegiatan", self.kegiatan_id)
        return ("program", self.program_id)

    @property
    def program_induk(self) -> Program:
        return self.mata_anggaran.program_induk

    def clean(self):
        jumlah = sum(1 for x in (self.program_id, self.kegiatan_id, self.sub_kegiatan_id) if x)
        if jumlah != 1:
            raise ValidationError("Pilih tepat satu: program, kegiatan, atau sub kegiatan.")


class PaguAnggaran(MataAnggaranMixin):
    class Dokumen(models.TextChoices):
        DPA = "dpa", "DPA"
        DPA_PERUBAHAN = "dpa_perubahan", "DPA Perubahan"

    dokumen = models.CharField("dokumen", max_length=20, choices=Dokumen.choices)
    nilai = models.DecimalField("pagu (Rp)", **UANG_DIGITS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pagu anggaran"
        verbose_name_plural = "pagu anggaran"
        constraints = [
            models.CheckConstraint(condition=_satu_tingkat(), name="pagu_satu_mata_anggaran",
                violation_error_message="Pagu harus melekat pada tepat satu: program, kegiatan, atau sub kegiatan."),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="pagu_tidak_negatif",
                violation_error_message="Pagu tidak boleh negatif."),
            models.UniqueConstraint(
                fields=["program", "dokumen"], condition=Q(program__isnull=False), name="pagu_unik_program",
                violation_error_message="Pagu program ini untuk dokumen tersebut sudah ada."
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "dokumen"], condition=Q(kegiatan__isnull=False), name="pagu_unik_kegiatan",
                violation_error_message="Pagu kegiatan ini untuk dokumen tersebut sudah ada."
            ),
            models.UniqueConstraint(
                fields=["sub_kegiatan", "dokumen"],
                condition=Q(sub_kegiatan__isnull=False),
                name="pagu_unik_sub_kegiatan",
                violation_error_message="Pagu sub kegiatan ini untuk dokumen tersebut sudah ada.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_dokumen_display()} {self.mata_anggaran}: Rp {self.nilai}"


class RealisasiAnggaran(MataAnggaranMixin):
    """Cumulative spending up to the end of a Tribulan."""

    tribulan = models.PositiveSmallIntegerField("s.d. tribulan", choices=Tribulan.choices)
    nilai = models.DecimalField("realisasi kumulatif (Rp)", **UANG_DIGITS)
    keterangan = models.CharField("keterangan", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        constraints = [
            models.CheckConstraint(condition=_satu_tingkat(), name="realisasi_anggaran_satu_mata",
                violation_error_message="Realisasi harus melekat pada tepat satu: program, kegiatan, atau sub kegiatan."),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="realisasi_anggaran_tidak_negatif",
                violation_error_message="Realisasi anggaran tidak boleh negatif."),
            models.CheckConstraint(condition=Q(tribulan__gte=1, tribulan__lte=4), name="realisasi_anggaran_tribulan",
                violation_error_message="Tribulan harus 1 sampai 4."),
            models.UniqueConstraint(
                fields=["program", "tribulan"], condition=Q(program__isnull=False), name="realisasi_unik_program",
                violation_error_message="Realisasi program ini untuk tribulan tersebut sudah ada."
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "tribulan"], condition=Q(kegiatan__isnull=False), name="realisasi_unik_kegiatan",
                violation_error_message="Realisasi kegiatan ini untuk tribulan tersebut sudah ada."
            ),
            models.UniqueConstraint(
                fields=["sub_kegiatan", "tribulan"],
                condition=Q(sub_kegiatan__isnull=False),
                name="realisasi_unik_sub_kegiatan",
                violation_error_message="Realisasi sub kegiatan ini untuk tribulan tersebut sudah ada.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mata_anggaran} s.d. TW {self.tribulan}: Rp {self.nilai}"


class RencanaPenyerapan(models.Model):
    """The Rencana Aksi of a sub kegiatan's budget: what is planned to be spent by the end of a Tribulan.

    Cumulative, like `RealisasiAnggaran`, so a Tribulan's realisasi is compared with its plan directly.
    """

    sub_kegiatan = models.ForeignKey(
        SubKegiatan, verbose_name="sub kegiatan", on_delete=models.CASCADE, related_name="rencana_penyerapan_set"
    )
    tribulan = models.PositiveSmallIntegerField("s.d. tribulan", choices=Tribulan.choices)
    nilai = models.DecimalField("rencana kumulatif (Rp)", **UANG_DIGITS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "rencana penyerapan anggaran"
        verbose_name_plural = "rencana penyerapan anggaran"
        ordering = ["sub_kegiatan", "tribulan"]
        constraints = [
            models.UniqueConstraint(fields=["sub_kegiatan", "tribulan"], name="rencana_penyerapan_unik",
                violation_error_message="Rencana penyerapan sub kegiatan ini untuk tribulan tersebut sudah ada."),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="rencana_penyerapan_tidak_negatif",
                violation_error_message="Rencana penyerapan tidak boleh negatif."),
        ]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan} s.d. TW {self.tribulan}: Rp {self.nilai}"

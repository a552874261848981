"""The budget of an OPD year (DPA): program, kegiatan, sub kegiatan, pagu and realisasi.

Pagu and realisasi are normally entered on sub kegiatan and rolled up by the engine. They may also be
entered on a program or kegiatan where the source gives only that level (the Program Penunjang of the
dataset); the consistency checker reports any level whose own figure differs from the sum of its children.

Budget realisasi is stored cumulatively: the value for Tribulan III is what has been spent up to the end
of Tribulan III, the way monev forms report it, so the year's realisasi is the latest Tribulan entered.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lkjip.periode import UANG_DIGITS, Tribulan


class Program(models.Model):
    opd = models.ForeignKey("lkjip.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="program_set")
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

    def clean(self):
        if self.sasaran_id and self.opd_id and self.sasaran.tujuan.renstra.opd_id != self.opd_id:
            raise ValidationError({"sasaran": "Sasaran harus milik OPD yang sama dengan program."})


class Kegiatan(models.Model):
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


class SubKegiatan(models.Model):
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
    def mata_anggaran(self):
        return self.sub_kegiatan or self.kegiatan or self.program

    @property
    def program_induk(self) -> Program:
        if self.program_id:
            return self.program
        if self.kegiatan_id:
            return self.kegiatan.program
        return self.sub_kegiatan.kegiatan.program

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

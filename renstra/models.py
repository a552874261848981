"""The strategic plan (Renstra) and every performance indicator of an OPD.

Indicators live at five levels: tujuan and sasaran (from the Renstra; the IKU are among them) and
program, kegiatan and sub kegiatan (from the DPA, in the `anggaran` app). Targets are stored per year
and per source document; the targets of the Perjanjian Kinerja live in its rows (`perjanjian.BarisPK`),
so that a PK is one document and not a copy spread over two tables.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from inti.periode import NILAI_DIGITS
from renstra.formula import FormulaError, validasi_rumus


class Renstra(models.Model):
    opd = models.ForeignKey("inti.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="renstra_set")
    nama = models.CharField("nama", max_length=200)
    tahun_awal = models.PositiveSmallIntegerField("tahun awal")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    revisi_ke = models.PositiveSmallIntegerField("revisi ke", default=0, help_text="0 = Renstra awal")
    revisi_dari = models.ForeignKey(
        "self",
        verbose_name="revisi dari",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisi_set",
    )
    dasar_hukum = models.CharField("dasar hukum", max_length=300, blank=True)
    visi = models.TextField("visi", blank=True)
    misi = models.TextField("misi", blank=True, help_text="Satu misi per baris")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["opd", "tahun_awal", "revisi_ke"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun_akhir__gt=models.F("tahun_awal")), name="renstra_periode_valid",
                violation_error_message="Tahun akhir Renstra harus setelah tahun awal."
            ),
            models.UniqueConstraint(
                fields=["opd", "tahun_awal", "tahun_akhir", "revisi_ke"], name="renstra_unik_per_periode",
                violation_error_message="Renstra untuk OPD, periode dan revisi ini sudah ada."
            ),
        ]

    def __str__(self) -> str:
        revisi = f" (revisi {self.revisi_ke})" if self.revisi_ke else ""
        return f"{self.nama} {self.tahun_awal}-{self.tahun_akhir}{revisi}"

    def clean(self):
        if self.revisi_dari_id and self.revisi_dari.opd_id != self.opd_id:
            raise ValidationError({"revisi_dari": "Renstra yang direvisi harus milik OPD yang sama."})

class BerlakuMixin(models.Model):
    """Years a tujuan or sasaran is in force; empty means the whole Renstra period."""

    tahun_mulai = models.PositiveSmallIntegerField("berlaku mulai tahun", null=True, blank=True)
    tahun_selesai = models.PositiveSmallIntegerField("berlaku sampai tahun", null=True, blank=True)

    class Meta:
        abstract = True

    def berlaku_pada(self, tahun: int) -> bool:
        return (self.tahun_mulai is None or self.tahun_mulai <= tahun) and (
            self.tahun_selesai is None or tahun <= self.tahun_selesai
        )

class Tujuan(BerlakuMixin):
    renstra = models.ForeignKey(Renstra, verbose_name="Renstra", on_delete=models.CASCADE, related_name="tujuan_set")
    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("nama", max_length=400)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    keterangan = models.CharField("keterangan", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik",
                violation_error_message="Kode tujuan sudah dipakai di Renstra ini.")]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"

class Sasaran(BerlakuMixin):
    tujuan = models.ForeignKey(Tujuan, verbose_name="tujuan", on_delete=models.CASCADE, related_name="sasaran_set")
    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("nama", max_length=400)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["tujuan", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["tujuan", "kode"], name="sasaran_kode_unik",
                violation_error_message="Kode sasaran sudah dipakai di tujuan ini.")]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"

class Indikator(models.Model):
    class Level(models.TextChoices):
        TUJUAN = "tujuan", "Tujuan"
        SASARAN = "sasaran", "Sasaran"
        PROGRAM = "program", "Program"
        KEGIATAN = "kegiatan", "Kegiatan"
        SUB_KEGIATAN = "sub_kegiatan", "Sub kegiatan"

    class Polaritas(models.TextChoices):
        POSITIF = "positif", "Positif (makin tinggi makin baik)"
        NEGATIF = "negatif", "Negatif (makin rendah makin baik)"

    class AturanNegatif(models.TextChoices):
        DUA_T_MINUS_R = "2t_minus_r", "(2T − R) / T × 100"
        T_PER_R = "t_per_r", "T / R × 100"

    class JenisNilai(models.TextChoices):
        """The valid range of the indicator's values (realisasi, targets, formula results)."""

        BEBAS = "bebas", "Boleh negatif (mis. persen pertumbuhan, selisih)"
        TIDAK_NEGATIF = "tidak_negatif", "Tidak boleh negatif (jumlah, uang, indeks, persentase)"

    class Agregasi(models.TextChoices):
        KUMULATIF = "kumulatif", "Kumulatif (nilai Tribulan IV = nilai tahunan)"
        JUMLAH = "jumlah", "Jumlah keempat Tribulan"
        RATA_RATA = "rata_rata", "Rata-rata Tribulan yang terisi"
        TERAKHIR = "terakhir", "Nilai terakhir yang diisi"

    opd = models.ForeignKey("inti.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="indikator_set")
    level = models.CharField("level", max_length=20, choices=Level.choices)
    tujuan = models.ForeignKey(
        Tujuan, verbose_name="tujuan", on_delete=models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    sasaran = models.ForeignKey(
        Sasaran, verbose_name="sasaran", on_delete=models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    program = models.ForeignKey(
        "anggaran.Program",
        verbose_name="program",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator_set",
    )
    kegiatan = models.ForeignKey(
        "anggaran.Kegiatan",
        verbose_name="kegiatan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator_set",
    )
    sub_kegiatan = models.ForeignKey(
        "anggaran.SubKegiatan",
        verbose_name="sub kegiatan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator_set",
    )
    kode = models.CharField("kode", max_length=60, help_text="Mis. S2.1-1; indikator Renstra unik per OPD, indikator DPA unik per induknya")
    nama = models.CharField("nama indikator", max_length=400)
    satuan = models.CharField("satuan", max_length=40, blank=True)
    iku = models.BooleanField("Indikator Kinerja Utama (IKU)", default=False)
    definisi_operasional = models.TextField("definisi operasional", blank=True)
    formula_uraian = models.TextField("formula (uraian)", blank=True, help_text="Rumus seperti tertulis di metadata")
    rumus = models.CharField(
        "rumus hitung",
        max_length=500,
        blank=True,
        help_text="Aritmetika atas nama variabel formula, mis. (produksi_n - produksi_n1) / produksi_n1 * 100",
    )
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=300, blank=True)
    desimal = models.PositiveSmallIntegerField(
        "jumlah desimal", default=2, validators=[MaxValueValidator(6)], help_text="Presisi tampilan realisasi"
    )
    polaritas = models.CharField("polaritas", max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF)
    aturan_negatif = models.CharField(
        "rumus capaian polaritas negatif",
        max_length=20,
        choices=AturanNegatif.choices,
        default=AturanNegatif.DUA_T_MINUS_R,
    )
    agregasi = models.CharField(
        "agregasi Tribulan", max_length=20, choices=Agregasi.choices, default=Agregasi.KUMULATIF
    )
    jenis_nilai = models.CharField(
        "jenis nilai",
        max_length=20,
        choices=JenisNilai.choices,
        default=JenisNilai.BEBAS,
        help_text="Realisasi di luar rentang ini ditolak: jumlah atau uang tidak boleh negatif.",
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["opd", "level", "urutan", "kode"]
        constraints = [
            models.CheckConstraint(
                name="indikator_induk_sesuai_level",
                violation_error_message="Indikator harus punya tepat satu induk yang sesuai levelnya.",
                condition=(
                    Q(level="tujuan", tujuan__isnull=False, sasaran__isnull=True, program__isnull=True,
                      kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(level="sasaran", tujuan__isnull=True, sasaran__isnull=False, program__isnull=True,
                        kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(level="program", tujuan__isnull=True, sasaran__isnull=True, program__isnull=False,
                        kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(level="kegiatan", tujuan__isnull=True, sasaran__isnull=True, program__isnull=True,
                        kegiatan__isnull=False, sub_kegiatan__isnull=True)
                    | Q(level="sub_kegiatan", tujuan__isnull=True, sasaran__isnull=True, program__isnull=True,
                        kegiatan__isnull=True, sub_kegiatan__isnull=False)
                ),
            ),
            # Renstra indicators span years: unique in the OPD. Budget-line indicators belong to one
            # DPA year through their parent, so their codes need only be unique under it.
            models.UniqueConstraint(
                fields=["opd", "kode"], condition=Q(level__in=["tujuan", "sasaran"]), name="indikator_kode_unik_renstra",
                violation_error_message="Kode indikator sudah dipakai di OPD ini."
            ),
            models.UniqueConstraint(
                fields=["program", "kode"], condition=Q(program__isnull=False), name="indikator_kode_unik_program",
                violation_error_message="Kode indikator sudah dipakai di program ini."
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "kode"], condition=Q(kegiatan__isnull=False), name="indikator_kode_unik_kegiatan",
                violation_error_message="Kode indikator sudah dipakai di kegiatan ini."
            ),
            models.UniqueConstraint(
                fields=["sub_kegiatan", "kode"],
                condition=Q(sub_kegiatan__isnull=False),
                name="indikator_kode_unik_sub_kegiatan",
                violation_error_message="Kode indikator sudah dipakai di sub kegiatan ini.",
            ),
            models.CheckConstraint(condition=Q(desimal__lte=6), name="indikator_desimal_maks_6",
                violation_error_message="Jumlah desimal paling banyak 6."),
        ]
        indexes = [models.Index(fields=["opd", "level"])]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def induk(self):
        return self.tujuan or self.sasaran or self.program or self.kegiatan or self.sub_kegiatan

    def opd_induk_id(self):
        """The OPD of the parent object, to check the denormalised `opd` against."""
        if self.tujuan_id:
            return self.tujuan.renstra.opd_id
        if self.sasaran_id:
            return self.sasaran.tujuan.renstra.opd_id
        if self.program_id:
            return self.program.opd_id
        if self.kegiatan_id:
            return self.kegiatan.program.opd_id
        if self.sub_kegiatan_id:
            return self.sub_kegiatan.kegiatan.program.opd_id
        return None

    def clean(self):
        errors = {}
        induk_opd = self.opd_induk_id()
        if induk_opd is not None and self.opd_id and induk_opd != self.opd_id:
            errors["opd"] = "OPD indikator harus sama dengan OPD induknya."
        if self.rumus:
            nama_variabel = set(self.variabel_set.values_list("nama", flat=True)) if self.pk else set()
            try:
                validasi_rumus(self.rumus, nama_variabel)
            except FormulaError as exc:
                errors["rumus"] = str(exc)
        if errors:
            raise ValidationError(errors)

nama_variabel_validator = RegexValidator(
    r"^[a-z_][a-z0-9_]*$",
    "Nama variabel hanya huruf kecil, angka dan garis bawah, dan tidak diawali angka (mis. produksi_n1).",
)



class VariabelFormula(models.Model):
    """A named input of an indicator's formula (a Kertas Kerja variable)."""

    indikator = models.ForeignKey(
        Indikator, verbose_name="indikator", on_delete=models.CASCADE, related_name="variabel_set"
    )
    nama = models.CharField("nama di rumus", max_length=60, validators=[nama_variabel_validator])
    label = models.CharField("uraian", max_length=300)
    satuan = models.CharField("satuan", max_length=40, blank=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "variabel formula"
        verbose_name_plural = "variabel formula"
        ordering = ["indikator", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "nama"],
                name="variabel_nama_unik",
                violation_error_message="Nama variabel sudah dipakai di indikator ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.label})"



# The fields of an indicator that define how its figures are computed and printed (the Metadata IKU).
# They are fixed per year once that year's PK is approved (`DefinisiIndikatorTahun`).
FIELD_DEFINISI = (
    "nama",
    "satuan",
    "definisi_operasional",
    "formula_uraian",
    "rumus",
    "sumber_data",
    "penanggung_jawab",
    "desimal",
    "polaritas",
    "aturan_negatif",
    "agregasi",
)


class DefinisiIndikatorTahun(models.Model):
    """An indicator's definition as it was when the year's PK was approved.

    The engine computes a year that has one with it, and every other year with the indicator's current
    definition: a change made after approval applies from the next year, and no figure of a closed year
    changes. `variabel` keeps the formula's named inputs of that time: [{"nama", "label", "satuan"}].
    """

    indikator = models.ForeignKey(
        Indikator, verbose_name="indikator", on_delete=models.CASCADE, related_name="definisi_tahun_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    nama = models.CharField("nama indikator", max_length=400)
    satuan = models.CharField("satuan", max_length=40, blank=True)
    definisi_operasional = models.TextField("definisi operasional", blank=True)
    formula_uraian = models.TextField("formula (uraian)", blank=True)
    rumus = models.CharField("rumus hitung", max_length=500, blank=True)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=300, blank=True)
    desimal = models.PositiveSmallIntegerField("jumlah desimal", validators=[MaxValueValidator(6)])
    polaritas = models.CharField("polaritas", max_length=10, choices=Indikator.Polaritas.choices)
    aturan_negatif = models.CharField(
        "rumus capaian polaritas negatif", max_length=20, choices=Indikator.AturanNegatif.choices
    )
    agregasi = models.CharField("agregasi Tribulan", max_length=20, choices=Indikator.Agregasi.choices)
    variabel = models.JSONField("variabel formula", default=list, blank=True)
    dibekukan_pada = models.DateTimeField("dibekukan pada", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "definisi indikator per tahun"
        verbose_name_plural = "definisi indikator per tahun"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="definisi_indikator_unik_per_tahun",
                violation_error_message="Definisi indikator ini untuk tahun tersebut sudah dibekukan."),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}"


class TargetIndikator(models.Model):
    """A yearly target as a planning document states it."""

    class Dokumen(models.TextChoices):
        RENSTRA = "renstra", "Renstra"
        RENJA = "renja", "Renja"
        DPA = "dpa", "DPA"
        DPA_PERUBAHAN = "dpa_perubahan", "DPA Perubahan"

    indikator = models.ForeignKey(Indikator, verbose_name="indikator", on_delete=models.CASCADE, related_name="target_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    dokumen = models.CharField("dokumen", max_length=20, choices=Dokumen.choices)
    nilai = models.DecimalField("target", **NILAI_DIGITS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target indikator"
        verbose_name_plural = "target indikator"
        ordering = ["indikator", "tahun", "dokumen"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "dokumen"], name="target_unik_per_dokumen_tahun",
                violation_error_message="Target indikator ini untuk tahun dan dokumen tersebut sudah ada."),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} {self.get_dokumen_display()}: {self.nilai}"

class RealisasiTahunLalu(models.Model):
    """Realisasi of earlier years, as earlier reports printed them (Tabel 3.3)."""

    indikator = models.ForeignKey(
        Indikator, verbose_name="indikator", on_delete=models.CASCADE, related_name="realisasi_lalu_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    nilai = models.DecimalField(
        "realisasi", null=True, blank=True, help_text="Kosong bila laporan tahun itu mencetak '-'", **NILAI_DIGITS
    )
    sumber = models.CharField("sumber", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi tahun sebelumnya"
        verbose_name_plural = "realisasi tahun sebelumnya"
        ordering = ["indikator", "tahun"]
        constraints = [models.UniqueConstraint(fields=["indikator", "tahun"], name="realisasi_lalu_unik",
                violation_error_message="Realisasi indikator ini untuk tahun tersebut sudah ada.")]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}: {self.nilai if self.nilai is not None else '-'}"

class StandarPembanding(models.Model):
    """A national or provincial standard the indicator (or one of its formula inputs) is compared with."""

    class Tingkat(models.TextChoices):
        NASIONAL = "nasional", "Nasional"
        PROVINSI = "provinsi", "Provinsi"

    indikator = models.ForeignKey(
        Indikator, verbose_name="indikator", on_delete=models.CASCADE, related_name="standar_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    tingkat = models.CharField("tingkat", max_length=10, choices=Tingkat.choices)
    uraian = models.CharField("uraian standar", max_length=300)
    nilai = models.DecimalField("nilai standar", **NILAI_DIGITS)
    sumber = models.CharField("sumber", max_length=300, blank=True)
    variabel = models.ForeignKey(
        "VariabelFormula",
        verbose_name="dibandingkan dengan variabel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Kosong: dibandingkan dengan realisasi indikator",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "standar nasional/provinsi"
        verbose_name_plural = "standar nasional/provinsi"
        ordering = ["indikator", "tahun", "tingkat"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "tingkat", "uraian"], name="standar_unik",
                violation_error_message="Standar ini sudah tercatat untuk indikator dan tahun tersebut."),
            models.CheckConstraint(condition=Q(nilai__gt=0), name="standar_nilai_positif",
                violation_error_message="Nilai standar harus lebih dari nol."),
        ]

    def __str__(self) -> str:
        return f"{self.get_tingkat_display()}: {self.uraian} {self.nilai}"


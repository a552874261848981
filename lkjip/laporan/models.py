"""The LKjIP of an OPD-year: its state in the workflow, its narratives, its reviews and its signed archive.

Figures are never stored here: the report is generated from the data every time, except the PDF of a
signed revision (`RevisiArsip`), which is rendered once at sign-off and kept byte for byte.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Laporan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIREVIU = "direviu", "Direviu"
        DISETUJUI = "disetujui", "Disetujui"

    opd = models.ForeignKey("inti.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="laporan_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    revisi = models.PositiveSmallIntegerField(
        "revisi", default=1, help_text="Revisi yang sedang disusun, atau yang terakhir disetujui"
    )
    tanggal_laporan = models.DateField(
        "tanggal laporan",
        null=True,
        blank=True,
        help_text="Tanggal yang ditetapkan Kepala OPD saat menyetujui; dicetak di bawah kata pengantar dan tanda tangan",
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "laporan kinerja (LKjIP)"
        verbose_name_plural = "laporan kinerja (LKjIP)"
        ordering = ["opd", "-tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun"],
                name="laporan_unik_per_opd_tahun",
                violation_error_message="LKjIP OPD ini untuk tahun tersebut sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(revisi__gte=1), name="laporan_revisi_positif",
                violation_error_message="Nomor revisi dimulai dari 1.",
            ),
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.opd} {self.tahun} (revisi {self.revisi}, {self.get_status_display()})"

    @property
    def draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Narasi(models.Model):
    """The text of one narrative section as the operator wrote it (Markdown); absent = generated default."""

    laporan = models.ForeignKey(Laporan, verbose_name="laporan", on_delete=models.CASCADE, related_name="narasi_set")
    bagian = models.CharField("bagian", max_length=80, help_text="Kode bagian, mis. kata_pengantar")
    teks = models.TextField("teks (Markdown)")
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="diubah oleh", on_delete=models.PROTECT, null=True, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "narasi laporan"
        verbose_name_plural = "narasi laporan"
        ordering = ["laporan", "bagian"]
        constraints = [
            models.UniqueConstraint(
                fields=["laporan", "bagian"],
                name="narasi_unik_per_bagian",
                violation_error_message="Narasi bagian ini sudah ada di laporan tersebut.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.laporan}: {self.bagian}"


class TransisiLaporan(models.Model):
    """One step of the workflow: who moved the report from which state to which, when, and why."""

    laporan = models.ForeignKey(
        Laporan, verbose_name="laporan", on_delete=models.CASCADE, related_name="transisi_set"
    )
    revisi = models.PositiveSmallIntegerField("revisi")
    dari = models.CharField("dari status", max_length=20, choices=Laporan.Status.choices)
    ke = models.CharField("ke status", max_length=20, choices=Laporan.Status.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="oleh", on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField("pada")
    catatan = models.TextField("catatan", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "transisi laporan"
        verbose_name_plural = "transisi laporan"
        ordering = ["laporan", "pada", "id"]

    def __str__(self) -> str:
        return f"{self.laporan_id}: {self.get_dari_display()} → {self.get_ke_display()}"


class ReviuLaporan(models.Model):
    """The auditor's review statement (pernyataan telah direviu, PermenPAN-RB 53/2014) for a revision."""

    laporan = models.ForeignKey(Laporan, verbose_name="laporan", on_delete=models.CASCADE, related_name="reviu_set")
    revisi = models.PositiveSmallIntegerField("revisi")
    pernyataan = models.TextField("pernyataan reviu")
    catatan = models.TextField("catatan reviu", blank=True)
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auditor", on_delete=models.PROTECT, related_name="+"
    )
    pada = models.DateTimeField("pada")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "reviu laporan"
        verbose_name_plural = "reviu laporan"
        ordering = ["laporan", "revisi", "pada", "id"]

    def __str__(self) -> str:
        return f"Reviu {self.laporan} revisi {self.revisi}"


def _lokasi_arsip(instance: "RevisiArsip", filename: str) -> str:
    # Named by the server only: OPD code, year, revision and the random short code.
    from pathlib import PurePath

    akhiran = PurePath(filename).suffix.lower()
    laporan = instance.laporan
    return (
        f"laporan/arsip/{laporan.opd.kode}/{laporan.tahun}/"
        f"lkjip-{laporan.opd.kode}-{laporan.tahun}-rev{instance.nomor}-{instance.kode_pendek}{akhiran}"
    )


class RevisiArsip(models.Model):
    """A signed revision: the PDF rendered once at sign-off, its SHA-256, and who signed when."""

    laporan = models.ForeignKey(Laporan, verbose_name="laporan", on_delete=models.PROTECT, related_name="arsip_set")
    nomor = models.PositiveSmallIntegerField("nomor revisi")
    berkas = models.FileField("berkas PDF", upload_to=_lokasi_arsip, max_length=300)
    berkas_xlsx = models.FileField("berkas xlsx", upload_to=_lokasi_arsip, max_length=300, blank=True)
    sha256 = models.CharField("SHA-256 PDF", max_length=64, unique=True)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    kode_pendek = models.CharField("kode verifikasi", max_length=16, unique=True)
    penanda_tangan = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="disetujui oleh", on_delete=models.PROTECT, related_name="+"
    )
    nama_penanda_tangan = models.CharField("nama penanda tangan", max_length=200)
    jabatan_penanda_tangan = models.CharField("jabatan penanda tangan", max_length=200, blank=True)
    pada = models.DateTimeField("disetujui pada")
    tanggal_laporan = models.DateField(
        "tanggal laporan", null=True, blank=True, help_text="Tanggal laporan yang tercetak pada PDF revisi ini"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "arsip revisi LKjIP"
        verbose_name_plural = "arsip revisi LKjIP"
        ordering = ["laporan", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["laporan", "nomor"],
                name="arsip_unik_per_revisi",
                violation_error_message="Revisi ini sudah diarsipkan.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.laporan.opd} {self.laporan.tahun} revisi {self.nomor}"

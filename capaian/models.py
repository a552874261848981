"""Monev data: realisasi per indicator and Tribulan, the values of formula inputs (their definitions are
the indicator's, in `renstra`), the supporting tables some inputs are summed from, analysis text, evidence
and review notes.

Nothing here is derived: capaian, categories, annual values and totals are computed by `capaian.engine`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from inti.periode import NILAI_DIGITS, Tribulan


class RealisasiIndikator(models.Model):
    """The realisasi of an indicator for one Tribulan, as the operator typed it."""

    indikator = models.ForeignKey(
        "renstra.Indikator", verbose_name="indikator", on_delete=models.CASCADE, related_name="realisasi_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    tribulan = models.PositiveSmallIntegerField("tribulan", choices=Tribulan.choices)
    nilai = models.DecimalField("realisasi", **NILAI_DIGITS)
    keterangan = models.CharField("keterangan", max_length=500, blank=True)
    # Bumped on every save; a form that posts an older version is refused (optimistic locking).
    versi = models.PositiveIntegerField("versi", default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi indikator"
        verbose_name_plural = "realisasi indikator"
        ordering = ["indikator", "tahun", "tribulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "tribulan"],
                name="realisasi_unik_per_periode",
                violation_error_message="Realisasi indikator ini untuk tahun dan tribulan tersebut sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(tribulan__gte=1, tribulan__lte=4),
                name="realisasi_tribulan_valid",
                violation_error_message="Tribulan harus 1 sampai 4.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} TW{self.tribulan}: {self.nilai}"


class TabelPendukung(models.Model):
    """A supporting data table whose column sums feed formula inputs (seed Tabel 3.7 and 3.10)."""

    opd = models.ForeignKey(
        "inti.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="tabel_pendukung_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun laporan")
    kode = models.SlugField("kode", max_length=60)
    judul = models.CharField("judul", max_length=300)
    judul_baris = models.CharField("judul kolom uraian", max_length=100, default="Uraian")
    satuan = models.CharField("satuan", max_length=60, blank=True)
    sumber = models.CharField("sumber", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tabel data pendukung"
        verbose_name_plural = "tabel data pendukung"
        ordering = ["opd", "tahun", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "kode"],
                name="tabel_pendukung_unik",
                violation_error_message="Kode tabel pendukung sudah dipakai di OPD dan tahun ini.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.tahun})"


class BarisTabelPendukung(models.Model):
    tabel = models.ForeignKey(
        TabelPendukung, verbose_name="tabel", on_delete=models.CASCADE, related_name="baris_set"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    label = models.CharField("uraian", max_length=300)
    kolom = models.CharField("kolom", max_length=40, help_text="Mis. tahun: 2021 atau 2022")
    nilai = models.DecimalField("nilai", **NILAI_DIGITS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris tabel pendukung"
        verbose_name_plural = "baris tabel pendukung"
        ordering = ["tabel", "urutan", "kolom"]
        constraints = [
            models.UniqueConstraint(
                fields=["tabel", "label", "kolom"],
                name="baris_tabel_unik",
                violation_error_message="Baris dengan uraian dan kolom ini sudah ada di tabel.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} [{self.kolom}]: {self.nilai}"


class NilaiVariabel(models.Model):
    """The value of a formula input for one Tribulan: typed, or the sum of a supporting table's column."""

    variabel = models.ForeignKey(
        "renstra.VariabelFormula", verbose_name="variabel", on_delete=models.CASCADE, related_name="nilai_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    tribulan = models.PositiveSmallIntegerField("tribulan", choices=Tribulan.choices)
    nilai = models.DecimalField("nilai", null=True, blank=True, **NILAI_DIGITS)
    tabel = models.ForeignKey(
        TabelPendukung,
        verbose_name="jumlah dari tabel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nilai_variabel_set",
    )
    kolom = models.CharField("kolom tabel", max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "nilai variabel"
        verbose_name_plural = "nilai variabel"
        ordering = ["variabel", "tahun", "tribulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["variabel", "tahun", "tribulan"],
                name="nilai_variabel_unik",
                violation_error_message="Nilai variabel ini untuk tahun dan tribulan tersebut sudah ada.",
            ),
            models.CheckConstraint(
                name="nilai_variabel_isi_atau_tabel",
                violation_error_message="Isi nilai, atau pilih tabel pendukung dan kolomnya — salah satu saja.",
                condition=(
                    Q(nilai__isnull=False, tabel__isnull=True, kolom="")
                    | Q(nilai__isnull=True, tabel__isnull=False) & ~Q(kolom="")
                ),
            ),
            models.CheckConstraint(
                condition=Q(tribulan__gte=1, tribulan__lte=4),
                name="nilai_variabel_tribulan",
                violation_error_message="Tribulan harus 1 sampai 4.",
            ),
        ]

    def __str__(self) -> str:
        sumber = f"Σ {self.tabel.kode}[{self.kolom}]" if self.tabel_id else str(self.nilai)
        return f"{self.variabel.nama} {self.tahun} TW{self.tribulan}: {sumber}"

    def clean(self):
        if (self.nilai is None) == (self.tabel_id is None):
            raise ValidationError("Isi nilai, atau pilih tabel pendukung dan kolomnya — salah satu saja.")
        if self.tabel_id and not self.kolom:
            raise ValidationError({"kolom": "Pilih kolom tabel yang dijumlahkan."})


class AnalisisIndikator(models.Model):
    indikator = models.ForeignKey(
        "renstra.Indikator", verbose_name="indikator", on_delete=models.CASCADE, related_name="analisis_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    faktor_keberhasilan = models.TextField("faktor keberhasilan", blank=True)
    hambatan = models.TextField("hambatan", blank=True)
    tindak_lanjut = models.TextField("upaya / tindak lanjut", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "analisis indikator"
        verbose_name_plural = "analisis indikator"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun"],
                name="analisis_unik",
                violation_error_message="Analisis indikator ini untuk tahun tersebut sudah ada.",
            )
        ]

    def __str__(self) -> str:
        return f"Analisis {self.indikator.kode} {self.tahun}"


def _lokasi_bukti(instance: "BuktiDukung", filename: str) -> str:
    # The stored name never comes from the user: a random name under the OPD and period.
    import uuid
    from pathlib import PurePath

    akhiran = PurePath(filename).suffix.lower()[:10]
    return f"bukti/{instance.indikator.opd_id}/{instance.tahun}/tw{instance.tribulan}/{uuid.uuid4().hex}{akhiran}"


class BuktiDukung(models.Model):
    """Evidence (bukti dukung) for an indicator's realisasi in one Tribulan: a PDF or an image.

    Attached to the indicator and period, not to the realisasi row, so that clearing a value does not
    lose its evidence. Removing evidence only marks it `dihapus`: no data is ever lost.
    """

    indikator = models.ForeignKey(
        "renstra.Indikator", verbose_name="indikator", on_delete=models.PROTECT, related_name="bukti_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    tribulan = models.PositiveSmallIntegerField("tribulan", choices=Tribulan.choices)
    berkas = models.FileField("berkas", upload_to=_lokasi_bukti, max_length=300)
    nama_asli = models.CharField("nama berkas asli", max_length=255)
    jenis_konten = models.CharField("jenis isi (terdeteksi)", max_length=100)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    keterangan = models.CharField("keterangan", max_length=300, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="diunggah oleh", on_delete=models.PROTECT, related_name="+"
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)
    dihapus = models.BooleanField("dihapus", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["indikator", "tahun", "tribulan", "diunggah_pada"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tribulan__gte=1, tribulan__lte=4),
                name="bukti_tribulan_valid",
                violation_error_message="Tribulan harus 1 sampai 4.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama_asli} ({self.indikator.kode} {self.tahun} TW{self.tribulan})"

    @property
    def nama_jenis(self) -> str:
        """The file's kind in words ("PDF", "gambar PNG"), not its MIME type."""
        from capaian.bukti import NAMA_JENIS

        return NAMA_JENIS.get(self.jenis_konten, self.jenis_konten)


class CatatanReviu(models.Model):
    """A review note by an auditor (or admin) on an OPD-year, optionally on one indicator and Tribulan."""

    opd = models.ForeignKey(
        "inti.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="catatan_reviu_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    indikator = models.ForeignKey(
        "renstra.Indikator",
        verbose_name="indikator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catatan_reviu_set",
    )
    tribulan = models.PositiveSmallIntegerField("tribulan", choices=Tribulan.choices, null=True, blank=True)
    teks = models.TextField("catatan")
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="penulis", on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    selesai = models.BooleanField("sudah ditindaklanjuti", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "catatan reviu"
        verbose_name_plural = "catatan reviu"
        ordering = ["opd", "tahun", "-dibuat"]

    def __str__(self) -> str:
        return f"Catatan {self.opd} {self.tahun}: {self.teks[:40]}"

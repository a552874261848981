"""Monev data: realisasi per indicator and Tribulan, the named inputs of formula indicators, the
supporting tables some inputs are summed from, analysis text, the category scale and the monev periods.

Nothing here is derived: capaian, categories, annual values and totals are computed by `capaian.engine`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lkjip.periode import NILAI_DIGITS, Tribulan

nama_variabel_validator = RegexValidator(
    r"^[a-z_][a-z0-9_]*$",
    "Nama variabel hanya huruf kecil, angka dan garis bawah, dan tidak diawali angka (mis. produksi_n1).",
)


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


class VariabelFormula(models.Model):
    """A named input of an indicator's formula (a Kertas Kerja variable)."""

    indikator = models.ForeignKey(
        "renstra.Indikator", verbose_name="indikator", on_delete=models.CASCADE, related_name="variabel_set"
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


class TabelPendukung(models.Model):
    """A supporting data table whose column sums feed formula inputs (seed Tabel 3.7 and 3.10)."""

    opd = models.ForeignKey(
        "lkjip.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="tabel_pendukung_set"
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
        VariabelFormula, verbose_name="variabel", on_delete=models.CASCADE, related_name="nilai_set"
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


class SkalaKategori(models.Model):
    """A scale that turns a capaian percentage into a category. Data, since Pemdas use different ones."""

    nama = models.CharField("nama", max_length=200, unique=True)
    sumber = models.CharField("dasar", max_length=300, blank=True)
    bawaan = models.BooleanField(
        "skala bawaan", default=False, help_text="Dipakai Pemda yang tidak memilih skala"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "skala kategori capaian"
        verbose_name_plural = "skala kategori capaian"
        constraints = [
            models.UniqueConstraint(
                fields=["bawaan"],
                condition=Q(bawaan=True),
                name="hanya_satu_skala_bawaan",
                violation_error_message="Hanya boleh ada satu skala bawaan.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class RentangKategori(models.Model):
    """One band of a scale, a half-open interval [batas_bawah, batas_atas)."""

    skala = models.ForeignKey(
        SkalaKategori, verbose_name="skala", on_delete=models.CASCADE, related_name="rentang_set"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    nama = models.CharField("kategori", max_length=60)
    batas_bawah = models.DecimalField(
        "batas bawah (≥)",
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Kosong: tanpa batas",
    )
    batas_atas = models.DecimalField(
        "batas atas (<)",
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Kosong: tanpa batas",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "rentang kategori"
        verbose_name_plural = "rentang kategori"
        ordering = ["skala", "urutan"]
        constraints = [
            models.CheckConstraint(
                name="rentang_bawah_kurang_dari_atas",
                violation_error_message="Batas bawah harus lebih kecil dari batas atas.",
                condition=Q(batas_bawah__isnull=True)
                | Q(batas_atas__isnull=True)
                | Q(batas_bawah__lt=models.F("batas_atas")),
            ),
            models.UniqueConstraint(
                fields=["skala", "nama"],
                name="rentang_nama_unik",
                violation_error_message="Nama kategori sudah dipakai di skala ini.",
            ),
        ]

    def __str__(self) -> str:
        from capaian.tampilan import desimal_alami, format_angka

        def teks(x):
            return format_angka(x, desimal_alami(x.normalize()))

        bawah = "" if self.batas_bawah is None else f"≥ {teks(self.batas_bawah)}"
        atas = "" if self.batas_atas is None else f"< {teks(self.batas_atas)}"
        return f"{self.nama} ({' dan '.join(x for x in (bawah, atas) if x)})"


class PeriodeMonev(models.Model):
    """A Tribulan of monev for a Pemda: its deadline and whether entry is locked."""

    pemda = models.ForeignKey(
        "lkjip.Pemda", verbose_name="Pemda", on_delete=models.CASCADE, related_name="periode_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    tribulan = models.PositiveSmallIntegerField("tribulan", choices=Tribulan.choices)
    batas_waktu = models.DateField("batas waktu pengisian", null=True, blank=True)
    terkunci = models.BooleanField("terkunci", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "periode monev"
        verbose_name_plural = "periode monev"
        ordering = ["pemda", "tahun", "tribulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "tahun", "tribulan"],
                name="periode_unik",
                violation_error_message="Periode monev ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(tribulan__gte=1, tribulan__lte=4),
                name="periode_tribulan_valid",
                violation_error_message="Tribulan harus 1 sampai 4.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pemda} {self.tahun} {self.get_tribulan_display()}"


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


class CatatanReviu(models.Model):
    """A review note by an auditor (or admin) on an OPD-year, optionally on one indicator and Tribulan."""

    opd = models.ForeignKey(
        "lkjip.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="catatan_reviu_set"
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

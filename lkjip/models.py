"""The registry: a Pemda, its agencies (OPD), and who may do what in which of them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from simple_history import register
from simple_history.models import HistoricalRecords


class Pemda(models.Model):
    class Jenis(models.TextChoices):
        KOTA = "kota", "Kota"
        KABUPATEN = "kabupaten", "Kabupaten"
        PROVINSI = "provinsi", "Provinsi"

    kode = models.SlugField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=200, help_text="Misalnya: Pemerintah Kota Pasuruan")
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices, default=Jenis.KOTA)
    kepala_daerah_nama = models.CharField("nama kepala daerah", max_length=200, blank=True)
    kepala_daerah_jabatan = models.CharField(
        "jabatan kepala daerah", max_length=200, blank=True, help_text="Misalnya: Walikota Pasuruan"
    )
    skala_kategori = models.ForeignKey(
        "capaian.SkalaKategori",
        verbose_name="skala kategori capaian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Kosong: skala bawaan (Permendagri 86/2017).",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Pemda"
        verbose_name_plural = "Pemda"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class OPD(models.Model):
    """An agency (Organisasi Perangkat Daerah). Its head and their superior sign its documents."""

    pemda = models.ForeignKey(Pemda, verbose_name="Pemda", on_delete=models.PROTECT, related_name="opd_set")
    kode = models.SlugField(
        "kode", max_length=40, unique=True, help_text="Kode singkat untuk URL dan perintah, mis. disperindag"
    )
    kode_unit = models.CharField(
        "kode unit (nomenklatur)", max_length=40, blank=True, help_text="Kode perangkat daerah menurut SIPD"
    )
    nama = models.CharField("nama", max_length=200)
    singkatan = models.CharField("singkatan", max_length=40, blank=True)
    alamat = models.CharField("alamat", max_length=300, blank=True)
    telepon = models.CharField("telepon", max_length=60, blank=True)
    kepala_nama = models.CharField("nama kepala", max_length=200, blank=True)
    kepala_nip = models.CharField("NIP kepala", max_length=30, blank=True)
    kepala_pangkat = models.CharField("pangkat/golongan kepala", max_length=100, blank=True)
    kepala_jabatan = models.CharField("jabatan kepala", max_length=200, blank=True)
    atasan_nama = models.CharField("nama atasan langsung", max_length=200, blank=True)
    atasan_jabatan = models.CharField("jabatan atasan langsung", max_length=200, blank=True)
    aktif = models.BooleanField("aktif", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "OPD"
        verbose_name_plural = "OPD"
        ordering = ["pemda", "nama"]

    def __str__(self) -> str:
        return self.singkatan or self.nama


class Keanggotaan(models.Model):
    """A user's role in one OPD."""

    class Peran(models.TextChoices):
        OPERATOR = "operator", "Operator / perencana"
        KEPALA = "kepala", "Kepala OPD"
        AUDITOR = "auditor", "Auditor"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengguna", on_delete=models.CASCADE, related_name="keanggotaan"
    )
    opd = models.ForeignKey(OPD, verbose_name="OPD", on_delete=models.CASCADE, related_name="keanggotaan")
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "peran di OPD"
        verbose_name_plural = "peran di OPD"
        constraints = [
            models.UniqueConstraint(fields=["user", "opd"], name="keanggotaan_satu_peran_per_opd",
                violation_error_message="Pengguna ini sudah memiliki peran di OPD tersebut."),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_peran_display()} {self.opd}"


class AksesPemda(models.Model):
    """A Pemda-wide role: the admin (Bappeda) or an auditor (Inspektorat) who reads every OPD."""

    class Peran(models.TextChoices):
        ADMIN = "admin", "Admin Pemda"
        AUDITOR = "auditor", "Auditor (seluruh OPD)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengguna", on_delete=models.CASCADE, related_name="akses_pemda"
    )
    pemda = models.ForeignKey(Pemda, verbose_name="Pemda", on_delete=models.CASCADE, related_name="akses")
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "peran se-Pemda"
        verbose_name_plural = "peran se-Pemda"
        constraints = [
            models.UniqueConstraint(fields=["user", "pemda"], name="akses_pemda_satu_peran",
                violation_error_message="Pengguna ini sudah memiliki peran se-Pemda."),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_peran_display()} {self.pemda}"


# Account changes (activation, names, e-mail, staff flags) are part of the audit trail; the password hash
# and the last login time are not history worth keeping.
register(
    get_user_model(),
    app=__package__,
    table_name="lkjip_historicaluser",
    excluded_fields=["password", "last_login"],
)

"""The base of every other app: a Pemda and its agencies (OPD), who may do what in which of them, the
Pemda's category scale, the Tribulan calendar with its deadlines and locks, and the freeze of an
OPD-year while its LKjIP is submitted.
"""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history import register
from simple_history.models import HistoricalRecords

from inti.periode import Tribulan
from inti.tampilan import desimal_alami, format_angka


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
        "inti.SkalaKategori",
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
        def teks(x):
            return format_angka(x, desimal_alami(x.normalize()))

        bawah = "" if self.batas_bawah is None else f"≥ {teks(self.batas_bawah)}"
        atas = "" if self.batas_atas is None else f"< {teks(self.batas_atas)}"
        return f"{self.nama} ({' dan '.join(x for x in (bawah, atas) if x)})"


class PeriodeMonev(models.Model):
    """A Tribulan of monev for a Pemda: its deadline and whether entry is locked."""

    pemda = models.ForeignKey(
        Pemda, verbose_name="Pemda", on_delete=models.CASCADE, related_name="periode_set"
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



class TahunOPD(models.Model):
    """The state of an OPD's year that every app must respect: whether its data is frozen.

    The report (`lkjip.laporan`) freezes the year when its LKjIP is submitted and unfreezes it when the
    report goes back to draft; every monev write reads this flag (`inti.tulis.pastikan_boleh_ubah`) and
    never asks the report itself. A year without a row is open.
    """

    opd = models.ForeignKey(OPD, verbose_name="OPD", on_delete=models.CASCADE, related_name="tahun_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    beku = models.BooleanField(
        "dibekukan", default=False, help_text="Data tahun ini tidak dapat diubah operator (LKjIP sudah diajukan)."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tahun OPD"
        verbose_name_plural = "tahun OPD"
        ordering = ["opd", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun"],
                name="tahun_opd_unik",
                violation_error_message="Tahun ini sudah tercatat untuk OPD tersebut.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun}{' (dibekukan)' if self.beku else ''}"


class UnitOrganisasi(models.Model):
    """One unit of an OPD's organisation structure (the head, a secretariat, a bidang, a subbagian, a UPT).

    The units form a tree through `induk`; the report draws the organisation chart of BAB I from it, so
    the chart follows the data instead of a picture. `kode` names the unit within its OPD (a dataset
    finds it again by that code); `urutan` orders the units under the same parent.
    """

    opd = models.ForeignKey(OPD, verbose_name="OPD", on_delete=models.CASCADE, related_name="unit_organisasi_set")
    kode = models.SlugField("kode", max_length=60, help_text="Kode unit dalam OPD ini, mis. bidang-perdagangan")
    nama = models.CharField("nama unit", max_length=200)
    jabatan_kepala = models.CharField(
        "jabatan kepala unit", max_length=200, blank=True, help_text="Mis. Sekretaris, Kepala Bidang Perdagangan"
    )
    induk = models.ForeignKey(
        "self", verbose_name="unit induk", on_delete=models.CASCADE, null=True, blank=True, related_name="anak_set"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "unit organisasi"
        verbose_name_plural = "unit organisasi"
        ordering = ["opd", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "kode"],
                name="unit_organisasi_kode_unik",
                violation_error_message="Kode unit ini sudah dipakai di OPD tersebut.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        """The parent is a unit of the same OPD, and the chain of parents never comes back to this unit."""
        induk, dilihat = self.induk, {self.pk} if self.pk else set()
        if induk is not None and induk.opd_id != self.opd_id:
            raise ValidationError({"induk": "Unit induk harus dari OPD yang sama."})
        while induk is not None:
            if induk.pk in dilihat:
                raise ValidationError({"induk": "Susunan unit tidak boleh melingkar."})
            dilihat.add(induk.pk)
            induk = induk.induk


# Account changes (activation, names, e-mail, staff flags) are part of the audit trail; the password hash
# and the last login time are not history worth keeping.
register(
    get_user_model(),
    app=__package__,
    table_name="inti_historicaluser",
    excluded_fields=["password", "last_login"],
)


class VersiData(models.Model):
    """The version of the data every computed figure of an OPD depends on: a token that changes with it.

    Every write to an OPD's data gives its row a new random token in the same transaction
    (`inti.versi`), and a write that concerns a whole installation (a category scale, a user's name)
    the row `*`; a write of a role, an OPD or a Pemda, the row `peran` (each user's roles and navbar
    are kept per process under it). Cached engine results and stored renders are keyed by these tokens,
    so a figure computed from older data can never be served. Random, not a counter: a rolled-back write never
    makes an old token mean new data.
    """

    GLOBAL = "*"
    # Who reads which OPD and what the navbar lists: roles, OPDs and Pemdas (`inti.akses`).
    PERAN = "peran"

    kunci = models.CharField(
        "kunci", max_length=24, primary_key=True, help_text="`*`, `peran` atau `opd:<id>`"
    )
    token = models.CharField("token", max_length=32)
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "versi data"
        verbose_name_plural = "versi data"

    def __str__(self) -> str:
        return f"{self.kunci} {self.token}"


def _lokasi_pekerjaan(instance: "Pekerjaan", filename: str) -> str:
    # Under MEDIA_ROOT, which the site never serves directly: every file goes out through a view that
    # checks who asks.
    return f"pekerjaan/{instance.pk}/{filename}"


class Pekerjaan(models.Model):
    """Background work a user started (a PDF render, a big upload, a Pemda-wide export) and watches on
    its page while a task worker (`manage.py db_worker`) does it: state, progress, message, result.

    `kunci` joins a second request for the same work (same kind, same OPD-year, same data) to the job
    that is still queued or running: the database allows one active job per key. Not OPD data: no
    history, and `inti.versi` leaves it out, so a job's progress never changes the data version of the
    OPD it concerns. Written only through `inti.pekerjaan`.
    """

    class Status(models.TextChoices):
        ANTRI = "antri", "Menunggu giliran"
        BERJALAN = "berjalan", "Sedang diproses"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    AKTIF = (Status.ANTRI, Status.BERJALAN)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jenis = models.CharField("jenis", max_length=40, help_text="Mis. laporan_draft, unggah_monev")
    judul = models.CharField("judul", max_length=300)
    kunci = models.CharField("kunci gabung", max_length=64)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.ANTRI)
    kemajuan = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    pesan = models.TextField("pesan", blank=True)
    berkas = models.FileField("berkas hasil", upload_to=_lokasi_pekerjaan, max_length=300, blank=True)
    nama_berkas = models.CharField("nama berkas unduhan", max_length=200, blank=True)
    jenis_konten = models.CharField("jenis isi", max_length=100, blank=True)
    tautan = models.CharField("tautan hasil", max_length=500, blank=True)
    hasil = models.JSONField("ringkasan hasil", default=dict, blank=True)
    masukan = models.FileField("berkas masukan", upload_to=_lokasi_pekerjaan, max_length=300, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="dimulai oleh", on_delete=models.CASCADE, related_name="+"
    )
    opd = models.ForeignKey(OPD, verbose_name="OPD", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    pemda = models.ForeignKey(
        Pemda, verbose_name="Pemda", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    dimulai = models.DateTimeField("mulai diproses", null=True, blank=True)
    berakhir = models.DateTimeField("berakhir", null=True, blank=True)
    diperbarui = models.DateTimeField("kabar terakhir", default=timezone.now)
    id_tugas = models.CharField("id tugas", max_length=64, blank=True)

    class Meta:
        verbose_name = "pekerjaan latar"
        verbose_name_plural = "pekerjaan latar"
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["kunci"],
                condition=Q(status__in=["antri", "berjalan"]),
                name="pekerjaan_satu_aktif_per_kunci",
                violation_error_message="Pekerjaan yang sama sedang berjalan.",
            ),
            models.CheckConstraint(
                condition=Q(kemajuan__lte=100),
                name="pekerjaan_kemajuan_sampai_100",
                violation_error_message="Kemajuan paling besar 100%.",
            ),
        ]
        indexes = [models.Index(fields=["status", "berakhir"], name="pekerjaan_status_berakhir")]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_status_display()})"

    @property
    def aktif(self) -> bool:
        return self.status in self.AKTIF

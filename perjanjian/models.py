"""The Perjanjian Kinerja (PK): the head's yearly commitment to targets and program budgets.

A year has the original PK (revisi 0) and possibly amendments (PK Perubahan, revisi 1, 2, ...), each
linked to the one it replaces. Each PK version goes with one budget document: the original with the DPA,
an amendment with the DPA Perubahan; the checker compares the PK's program budgets with that document.
Names, ranks and titles are kept as the signed document prints them, since they change over time.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from inti.periode import NILAI_DIGITS, UANG_DIGITS, Tribulan
from inti.tampilan import tampil_nilai

BULAN = [
    (1, "Januari"), (2, "Februari"), (3, "Maret"), (4, "April"), (5, "Mei"), (6, "Juni"),
    (7, "Juli"), (8, "Agustus"), (9, "September"), (10, "Oktober"), (11, "November"), (12, "Desember"),
]


class PerjanjianKinerja(models.Model):
    class DokumenAnggaran(models.TextChoices):
        DPA = "dpa", "DPA"
        DPA_PERUBAHAN = "dpa_perubahan", "DPA Perubahan"

    opd = models.ForeignKey("inti.OPD", verbose_name="OPD", on_delete=models.PROTECT, related_name="pk_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    revisi = models.PositiveSmallIntegerField("revisi", default=0, help_text="0 = PK awal, 1 = PK Perubahan, ...")
    menggantikan = models.OneToOneField(
        "self",
        verbose_name="menggantikan PK",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="perubahan",
    )
    dokumen_anggaran = models.CharField(
        "dokumen anggaran acuan", max_length=20, choices=DokumenAnggaran.choices, default=DokumenAnggaran.DPA
    )
    tempat = models.CharField("tempat", max_length=100, blank=True)
    tanggal = models.DateField("tanggal", null=True, blank=True)
    bulan = models.PositiveSmallIntegerField(
        "bulan", choices=BULAN, null=True, blank=True, help_text="Bila dokumen hanya mencantumkan bulan"
    )
    pihak_pertama_nama = models.CharField("pihak pertama: nama", max_length=200)
    pihak_pertama_jabatan = models.CharField("pihak pertama: jabatan", max_length=200)
    pihak_pertama_nip = models.CharField("pihak pertama: NIP", max_length=30, blank=True)
    pihak_pertama_pangkat = models.CharField("pihak pertama: pangkat/golongan", max_length=100, blank=True)
    pihak_kedua_nama = models.CharField("pihak kedua: nama", max_length=200)
    pihak_kedua_jabatan = models.CharField("pihak kedua: jabatan", max_length=200)
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)

    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DISETUJUI = "disetujui", "Disetujui kepala OPD"

    # A draft is prepared by the planning staff; the kepala approves it. Approval fixes the year's
    # indicator definitions (renstra.DefinisiIndikatorTahun) and the PK's rows and budgets.
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAF)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="disetujui oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    disetujui_pada = models.DateTimeField("disetujui pada", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Perjanjian Kinerja"
        verbose_name_plural = "Perjanjian Kinerja"
        ordering = ["opd", "tahun", "revisi"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "revisi"], name="pk_unik_per_revisi",
                violation_error_message="PK dengan revisi ini sudah ada untuk OPD dan tahun tersebut."),
            models.CheckConstraint(
                condition=Q(revisi=0, menggantikan__isnull=True) | Q(revisi__gte=1, menggantikan__isnull=False),
                name="pk_perubahan_menggantikan_pk",
                violation_error_message="PK awal (revisi 0) tidak menggantikan PK lain; PK Perubahan harus menggantikan PK sebelumnya.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} {self.opd} {self.tahun}"

    @property
    def judul(self) -> str:
        if self.revisi == 0:
            return "Perjanjian Kinerja"
        return "Perjanjian Kinerja Perubahan" + (f" ke-{self.revisi}" if self.revisi > 1 else "")

    @property
    def tanggal_tampil(self) -> str:
        nama_bulan = dict(BULAN)
        if self.tanggal:
            return f"{self.tanggal.day} {nama_bulan[self.tanggal.month]} {self.tanggal.year}"
        if self.bulan:
            return f"{nama_bulan[self.bulan]} {self.tahun}"
        return str(self.tahun)

    def clean(self):
        if self.menggantikan_id:
            lama = self.menggantikan
            if lama.opd_id != self.opd_id or lama.tahun != self.tahun:
                raise ValidationError({"menggantikan": "PK yang diganti harus milik OPD dan tahun yang sama."})
            if lama.revisi != self.revisi - 1:
                raise ValidationError({"menggantikan": "PK Perubahan harus menggantikan revisi sebelumnya."})


class BarisPK(models.Model):
    pk_dokumen = models.ForeignKey(
        PerjanjianKinerja, verbose_name="Perjanjian Kinerja", on_delete=models.CASCADE, related_name="baris_set"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    sasaran = models.ForeignKey(
        "renstra.Sasaran",
        verbose_name="sasaran Renstra",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="baris_pk_set",
    )
    sasaran_uraian = models.CharField("sasaran strategis (seperti tertulis)", max_length=400)
    indikator = models.ForeignKey(
        "renstra.Indikator", verbose_name="indikator", on_delete=models.PROTECT, related_name="baris_pk_set"
    )
    target = models.DecimalField("target", **NILAI_DIGITS)
    satuan = models.CharField("satuan", max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris PK"
        verbose_name_plural = "baris PK"
        ordering = ["pk_dokumen", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pk_dokumen", "indikator"], name="baris_pk_indikator_unik",
                violation_error_message="Indikator ini sudah ada di PK tersebut."),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.nama}: {self.target}"

    def clean(self):
        if self.indikator_id and self.pk_dokumen_id and self.indikator.opd_id != self.pk_dokumen.opd_id:
            raise ValidationError({"indikator": "Indikator harus milik OPD yang sama dengan PK."})


class RencanaAksi(models.Model):
    """The Rencana Aksi of one PK row for one Tribulan: the target planned for that Tribulan.

    The target is stated the way the indicator's realisasi is entered for a Tribulan (for a cumulative
    indicator, the value planned by the end of that Tribulan), so the engine judges a Tribulan's realisasi
    against it with the indicator's own rules. `uraian` is the planned action, as the Rencana Aksi prints it.
    """

    baris_pk = models.ForeignKey(
        BarisPK, verbose_name="baris PK", on_delete=models.CASCADE, related_name="rencana_aksi_set"
    )
    tribulan = models.PositiveSmallIntegerField("tribulan", choices=Tribulan.choices)
    target = models.DecimalField("target tribulan", **NILAI_DIGITS, null=True, blank=True)
    uraian = models.TextField("rencana aksi", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["baris_pk", "tribulan"]
        constraints = [
            models.UniqueConstraint(fields=["baris_pk", "tribulan"], name="rencana_aksi_unik_per_tribulan",
                violation_error_message="Rencana aksi baris PK ini untuk tribulan tersebut sudah ada."),
        ]

    def __str__(self) -> str:
        return f"{self.baris_pk.indikator.kode} TW{self.tribulan}: {tampil_nilai(self.target)}"


class AnggaranPK(models.Model):
    pk_dokumen = models.ForeignKey(
        PerjanjianKinerja, verbose_name="Perjanjian Kinerja", on_delete=models.CASCADE, related_name="anggaran_set"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    program = models.ForeignKey(
        "anggaran.Program", verbose_name="program", on_delete=models.PROTECT, related_name="anggaran_pk_set"
    )
    nilai = models.DecimalField("anggaran (Rp)", **UANG_DIGITS)
    sumber_dana = models.CharField("sumber dana", max_length=40, default="APBD")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "anggaran program PK"
        verbose_name_plural = "anggaran program PK"
        ordering = ["pk_dokumen", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pk_dokumen", "program"], name="anggaran_pk_program_unik",
                violation_error_message="Anggaran program ini sudah ada di PK tersebut."),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="anggaran_pk_tidak_negatif",
                violation_error_message="Anggaran PK tidak boleh negatif."),
        ]

    def __str__(self) -> str:
        return f"{self.program.nama}: Rp {self.nilai}"

    def clean(self):
        if (
            self.program_id
            and self.pk_dokumen_id
            and (self.program.opd_id != self.pk_dokumen.opd_id or self.program.tahun != self.pk_dokumen.tahun)
        ):
            raise ValidationError({"program": "Program harus milik OPD dan tahun yang sama dengan PK."})

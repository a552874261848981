"""Reads of the Perjanjian Kinerja screens: the OPD's PK per year, one PK version, what a PK may be drawn
from (Renstra indicators in force, the programs of the year with their pagu), the Perubahan compared
with the PK it replaces, and the Rencana Aksi table.

Every selector returns dataclasses holding what a page shows, read in a fixed number of queries. Lookups
that answer 404 (a PK of another OPD, an unknown revision) are here too; the OPD itself is fetched with
its access check by `inti.akses.get_opd_or_404`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.http import Http404

from anggaran.models import PaguAnggaran, Program
from inti.akses import Akses
from inti.models import OPD, TahunOPD
from inti.periode import TRIBULAN, Tribulan
from inti.riwayat import BarisRiwayat, riwayat
from inti.tampilan import KOSONG, format_angka_penuh, format_rupiah, nama_pengguna
from inti.tulis import tahun_dibekukan
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja, RencanaAksi
from renstra.models import Indikator, Renstra, TargetIndikator

DokumenAnggaran = PerjanjianKinerja.DokumenAnggaran

# Aggregations whose Tribulan IV value is the year's value (the Tribulan IV target should equal the PK's).
AGREGASI_TW4_TAHUNAN = (Indikator.Agregasi.KUMULATIF, Indikator.Agregasi.TERAKHIR)


def tampil_target(nilai: Decimal | None) -> str:
    """A target as typed and printed: every stored digit, Indonesian separators (0,5; 80; 1.695)."""
    return KOSONG if nilai is None else format_angka_penuh(nilai)


# --- lookups -----------------------------------------------------------------------------------------------


def pk_get(*, opd: OPD, tahun: int, revisi: int) -> PerjanjianKinerja:
    """The PK version of the OPD (404 when there is none), with what its pages show of it."""
    pk = (
        PerjanjianKinerja.objects.select_related("opd", "opd__pemda", "menggantikan", "disetujui_oleh")
        .filter(opd=opd, tahun=tahun, revisi=revisi)
        .first()
    )
    if pk is None:
        raise Http404("Perjanjian Kinerja tidak ditemukan.")
    return pk


def pk_terbaru(*, opd: OPD, tahun: int) -> PerjanjianKinerja | None:
    """The latest version of the year's PK (the one the report measures against), or None."""
    return PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).order_by("-revisi").first()


def jejak_pk(pk: PerjanjianKinerja) -> str:
    """A fingerprint of the stored PK (header, rows, budgets): a form posts it back, and a save whose
    fingerprint differs from the stored one was made on a stale page."""
    kepala = [
        getattr(pk, f)
        for f in (
            "status", "dokumen_anggaran", "tempat", "tanggal", "bulan", "pihak_pertama_nama",
            "pihak_pertama_jabatan", "pihak_pertama_nip", "pihak_pertama_pangkat", "pihak_kedua_nama",
            "pihak_kedua_jabatan", "alasan_perubahan",
        )
    ]  # fmt: skip
    baris = list(
        BarisPK.objects.filter(pk_dokumen=pk).order_by("id").values_list("id", "indikator_id", "target")
    )
    anggaran = list(
        AnggaranPK.objects.filter(pk_dokumen=pk)
        .order_by("id")
        .values_list("id", "program_id", "nilai", "sumber_dana")
    )
    return _sidik([kepala, baris, anggaran])


def jejak_rencana_aksi(pk: PerjanjianKinerja) -> str:
    """A fingerprint of the PK's Rencana Aksi, for the same stale-form check."""
    isi = list(
        RencanaAksi.objects.filter(baris_pk__pk_dokumen=pk)
        .order_by("baris_pk_id", "tribulan")
        .values_list("baris_pk_id", "tribulan", "target", "uraian")
    )
    return _sidik(isi)


def _sidik(isi) -> str:
    def rapi(x):
        if isinstance(x, Decimal):
            return format(x.normalize(), "f")
        if isinstance(x, str):  # a choices member and its stored value are the same
            return str(x)
        if isinstance(x, list | tuple):
            return [rapi(y) for y in x]
        return x

    return hashlib.sha256(repr(rapi(isi)).encode()).hexdigest()[:20]


# --- the OPD's PK list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersiPK:
    pk: PerjanjianKinerja
    jumlah_indikator: int
    total_anggaran: Decimal | None

    @property
    def total_tampil(self) -> str:
        return format_rupiah(self.total_anggaran)


@dataclass(frozen=True)
class TahunPK:
    tahun: int
    versi: list[VersiPK]
    beku: bool

    @property
    def terbaru(self) -> VersiPK:
        return self.versi[-1]


@dataclass(frozen=True)
class DaftarPK:
    opd: OPD
    tahun: list[TahunPK]
    boleh_tulis: bool
    tahun_usulan: int  # the year offered in the "create" form


def pk_daftar(*, opd: OPD, akses: Akses, tahun_sekarang: int) -> DaftarPK:
    """Every PK version of the OPD, grouped by year (newest year first), in three queries."""
    versi = list(
        PerjanjianKinerja.objects.filter(opd=opd)
        .select_related("disetujui_oleh")
        .annotate(jumlah=Count("baris_set", distinct=True))
        .order_by("-tahun", "revisi")
    )
    total = dict(
        AnggaranPK.objects.filter(pk_dokumen__opd=opd)
        .values("pk_dokumen_id")
        .annotate(total=Sum("nilai"))
        .values_list("pk_dokumen_id", "total")
    )
    beku = set(TahunOPD.objects.filter(opd=opd, beku=True).values_list("tahun", flat=True))
    per_tahun: dict[int, list[VersiPK]] = defaultdict(list)
    for v in versi:
        per_tahun[v.tahun].append(VersiPK(v, v.jumlah, total.get(v.pk)))
    ada = set(per_tahun)
    usulan = max(ada) + 1 if ada else tahun_sekarang
    return DaftarPK(
        opd=opd,
        tahun=[TahunPK(t, per_tahun[t], t in beku) for t in sorted(ada, reverse=True)],
        boleh_tulis=akses.boleh_tulis(opd.pk),
        tahun_usulan=usulan,
    )


# --- one PK version ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisTampil:
    baris: BarisPK
    indikator: Indikator
    target: str


@dataclass(frozen=True)
class AnggaranTampil:
    anggaran: AnggaranPK
    program: Program
    nilai: str


@dataclass(frozen=True)
class HalamanPK:
    pk: PerjanjianKinerja
    baris: list[BarisTampil]
    anggaran: list[AnggaranTampil]
    total_anggaran: str
    versi_lain: list[PerjanjianKinerja]
    diganti_oleh: PerjanjianKinerja | None
    beku: bool
    boleh_tulis: bool
    boleh_setujui_peran: bool
    ada_rencana_aksi: bool
    riwayat: list[BarisRiwayat]

    @property
    def draf(self) -> bool:
        return self.pk.status == PerjanjianKinerja.Status.DRAF

    @property
    def boleh_ubah(self) -> bool:
        return self.boleh_tulis and self.draf and not self.beku

    @property
    def boleh_setujui(self) -> bool:
        return self.boleh_setujui_peran and self.draf and bool(self.baris) and not self.beku

    @property
    def boleh_perubahan(self) -> bool:
        """A Perubahan is made from the approved latest version."""
        return self.boleh_tulis and not self.draf and self.diganti_oleh is None and not self.beku

    @property
    def boleh_hapus(self) -> bool:
        return self.boleh_ubah

    @property
    def penyetuju(self) -> str:
        """Who approved it; PKs loaded from a signed document have no user: the document is the record."""
        return nama_pengguna(self.pk.disetujui_oleh, kosong="tercatat dari dokumen yang ditandatangani")


def baris_pk_list(pk: PerjanjianKinerja) -> list[BarisPK]:
    return list(
        BarisPK.objects.filter(pk_dokumen=pk).select_related("indikator", "sasaran").order_by("urutan", "id")
    )


def anggaran_pk_list(pk: PerjanjianKinerja) -> list[AnggaranPK]:
    return list(AnggaranPK.objects.filter(pk_dokumen=pk).select_related("program").order_by("urutan", "id"))


def pk_halaman(*, pk: PerjanjianKinerja, akses: Akses) -> HalamanPK:
    baris = baris_pk_list(pk)
    anggaran = anggaran_pk_list(pk)
    versi = list(PerjanjianKinerja.objects.filter(opd_id=pk.opd_id, tahun=pk.tahun).order_by("revisi"))
    diganti = next((v for v in versi if v.menggantikan_id == pk.pk), None)
    ada_ra = RencanaAksi.objects.filter(baris_pk__pk_dokumen=pk).exists()
    return HalamanPK(
        pk=pk,
        baris=[BarisTampil(b, b.indikator, tampil_target(b.target)) for b in baris],
        anggaran=[AnggaranTampil(a, a.program, format_rupiah(a.nilai)) for a in anggaran],
        total_anggaran=format_rupiah(sum((a.nilai for a in anggaran), Decimal(0)) if anggaran else None),
        versi_lain=[v for v in versi if v.pk != pk.pk],
        diganti_oleh=diganti,
        beku=tahun_dibekukan(pk.opd_id, pk.tahun),
        boleh_tulis=akses.boleh_tulis(pk.opd_id),
        boleh_setujui_peran=akses.boleh_setujui(pk.opd_id),
        ada_rencana_aksi=ada_ra,
        riwayat=pk_riwayat(pk),
    )


def pk_riwayat(pk: PerjanjianKinerja) -> list[BarisRiwayat]:
    """Who created, changed and approved the PK and its rows, newest first (three queries)."""
    hasil = riwayat(
        PerjanjianKinerja.history.filter(id=pk.pk),
        {"status": "Status", "dokumen_anggaran": "Dokumen anggaran", "pihak_pertama_nama": "Pihak pertama"},
        lambda r: r.instance.judul,
        tampil=_tampil_pk,
    )
    hasil += riwayat(
        BarisPK.history.filter(pk_dokumen_id=pk.pk).select_related("indikator"),
        {"target": "Target"},
        lambda r: f"Indikator {r.indikator.kode}",
        tampil=lambda r, f: tampil_target(getattr(r, f)),
    )
    hasil += riwayat(
        AnggaranPK.history.filter(pk_dokumen_id=pk.pk).select_related("program"),
        {"nilai": "Anggaran"},
        lambda r: f"Program {r.program.kode}",
        tampil=lambda r, f: format_rupiah(getattr(r, f)),
    )
    hasil.sort(key=lambda b: b.waktu, reverse=True)
    return hasil


def _tampil_pk(r, nama: str) -> str | None:
    if nama == "status":
        return PerjanjianKinerja.Status(r.status).label
    if nama == "dokumen_anggaran":
        return DokumenAnggaran(r.dokumen_anggaran).label
    return getattr(r, nama) or None


# --- what a PK is drawn from --------------------------------------------------------------------------


@dataclass(frozen=True)
class CalonIndikator:
    """An indicator a PK row may hold, with the Renstra target of the year and the row's current values."""

    indikator: Indikator
    induk: str  # the sasaran (or tujuan) it measures, as the PK prints it
    target_renstra: Decimal | None
    dipakai: bool  # in the PK now (or proposed for a new PK)
    target: Decimal | None  # the row's target now (or the proposal)

    @property
    def target_renstra_tampil(self) -> str:
        return tampil_target(self.target_renstra)


@dataclass(frozen=True)
class CalonProgram:
    program: Program
    pagu: dict[str, Decimal | None]  # dokumen -> pagu of the program (own, else its lines summed)
    dipakai: bool
    nilai: Decimal | None
    sumber_dana: str

    @property
    def pagu_dpa(self) -> str:
        return format_rupiah(self.pagu.get(DokumenAnggaran.DPA))

    @property
    def pagu_dpa_perubahan(self) -> str:
        return format_rupiah(self.pagu.get(DokumenAnggaran.DPA_PERUBAHAN))


@dataclass(frozen=True)
class IsianPK:
    """Everything the create and edit form offers: header values, indicator and program candidates."""

    opd: OPD
    tahun: int
    awal: dict  # initial header values
    indikator: list[CalonIndikator]
    program: list[CalonProgram]
    jejak: str = ""
    renstra: list[Renstra] = field(default_factory=list)


def renstra_berlaku(*, opd: OPD, tahun: int) -> list[Renstra]:
    """The Renstra in force in the year: the latest revision of each Renstra covering it."""
    semua = list(Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun))
    direvisi = {r.revisi_dari_id for r in semua if r.revisi_dari_id}
    return [r for r in semua if r.pk not in direvisi]


def indikator_berlaku(*, opd: OPD, tahun: int) -> list[Indikator]:
    """Tujuan and sasaran indicators of the Renstra in force whose tujuan and sasaran are in force."""
    renstra = renstra_berlaku(opd=opd, tahun=tahun)
    qs = (
        Indikator.objects.filter(opd=opd)
        .filter(
            Q(level=Indikator.Level.SASARAN, sasaran__tujuan__renstra__in=renstra)
            | Q(level=Indikator.Level.TUJUAN, tujuan__renstra__in=renstra)
        )
        .select_related("tujuan", "sasaran", "sasaran__tujuan")
        .order_by("level", "urutan", "kode")
    )
    hasil = []
    for ind in qs:
        tujuan = ind.tujuan if ind.level == Indikator.Level.TUJUAN else ind.sasaran.tujuan
        if not tujuan.berlaku_pada(tahun):
            continue
        if ind.sasaran_id and not ind.sasaran.berlaku_pada(tahun):
            continue
        hasil.append(ind)
    # Sasaran first (what the PK normally commits to), then tujuan.
    hasil.sort(key=lambda i: (i.level != Indikator.Level.SASARAN, i.urutan, i.kode))
    return hasil


def uraian_induk(ind: Indikator) -> str:
    if ind.sasaran_id:
        return ind.sasaran.nama
    if ind.tujuan_id:
        return ind.tujuan.nama
    induk = ind.induk
    return induk.nama if induk is not None else ""


def pagu_program(*, opd: OPD, tahun: int) -> dict[int, dict[str, Decimal | None]]:
    """Pagu per program of the OPD-year and per document: the program's own, else the sum of its
    kegiatan (each its own, else the sum of its sub kegiatan). One query."""
    baris = PaguAnggaran.objects.filter(
        Q(program__opd=opd, program__tahun=tahun)
        | Q(kegiatan__program__opd=opd, kegiatan__program__tahun=tahun)
        | Q(sub_kegiatan__kegiatan__program__opd=opd, sub_kegiatan__kegiatan__program__tahun=tahun)
    ).values_list(
        "dokumen", "nilai", "program_id", "kegiatan_id", "kegiatan__program_id", "sub_kegiatan__kegiatan_id",
        "sub_kegiatan__kegiatan__program_id",
    )  # fmt: skip
    sendiri: dict[tuple[int, str], Decimal] = {}
    kegiatan: dict[tuple[int, str], Decimal] = {}
    kegiatan_program: dict[int, int] = {}
    sub: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for (
        dokumen,
        nilai,
        program_id,
        kegiatan_id,
        kegiatan_program_id,
        sub_kegiatan_id,
        sub_program_id,
    ) in baris:
        if program_id:
            sendiri[(program_id, dokumen)] = nilai
        elif kegiatan_id:
            kegiatan[(kegiatan_id, dokumen)] = nilai
            kegiatan_program[kegiatan_id] = kegiatan_program_id
        else:
            sub[(sub_kegiatan_id, dokumen)] += nilai
            kegiatan_program[sub_kegiatan_id] = sub_program_id
    per_kegiatan = dict(sub)
    per_kegiatan.update(kegiatan)  # a kegiatan's own pagu wins over its sub kegiatan
    hasil: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    jumlah: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for (kegiatan_id, dokumen), nilai in per_kegiatan.items():
        jumlah[(kegiatan_program[kegiatan_id], dokumen)] += nilai
    jumlah.update(sendiri)
    for (program_id, dokumen), nilai in jumlah.items():
        hasil[program_id][dokumen] = nilai
    return hasil


def program_tahun(*, opd: OPD, tahun: int) -> list[Program]:
    return list(Program.objects.filter(opd=opd, tahun=tahun).order_by("urutan", "kode"))


def _awal_pihak(opd: OPD, sebelumnya: PerjanjianKinerja | None) -> dict:
    """The parties of a new PK: as in the OPD's latest PK, else from the OPD's data."""
    if sebelumnya is not None:
        return {
            f: getattr(sebelumnya, f)
            for f in (
                "tempat", "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip",
                "pihak_pertama_pangkat", "pihak_kedua_nama", "pihak_kedua_jabatan",
            )
        }  # fmt: skip
    pemda = opd.pemda
    return {
        "tempat": "",
        "pihak_pertama_nama": opd.kepala_nama,
        "pihak_pertama_jabatan": opd.kepala_jabatan,
        "pihak_pertama_nip": opd.kepala_nip,
        "pihak_pertama_pangkat": opd.kepala_pangkat,
        "pihak_kedua_nama": opd.atasan_nama or pemda.kepala_daerah_nama,
        "pihak_kedua_jabatan": opd.atasan_jabatan or pemda.kepala_daerah_jabatan,
    }


def _target_renstra(indikator: list[Indikator], tahun: int) -> dict[int, Decimal]:
    return dict(
        TargetIndikator.objects.filter(
            indikator__in=indikator, tahun=tahun, dokumen=TargetIndikator.Dokumen.RENSTRA
        ).values_list("indikator_id", "nilai")
    )


def isian_pk_baru(*, opd: OPD, tahun: int) -> IsianPK:
    """The proposal for the year's new PK: every sasaran indicator in force with its Renstra target of the
    year, every program of the year with its DPA pagu, the parties of the OPD's latest PK."""
    calon = indikator_berlaku(opd=opd, tahun=tahun)
    target = _target_renstra(calon, tahun)
    program = program_tahun(opd=opd, tahun=tahun)
    pagu = pagu_program(opd=opd, tahun=tahun)
    sebelumnya = PerjanjianKinerja.objects.filter(opd=opd).order_by("-tahun", "-revisi").first()
    awal = {"dokumen_anggaran": DokumenAnggaran.DPA, **_awal_pihak(opd, sebelumnya)}
    return IsianPK(
        opd=opd,
        tahun=tahun,
        awal=awal,
        indikator=[
            CalonIndikator(
                indikator=i,
                induk=uraian_induk(i),
                target_renstra=target.get(i.pk),
                dipakai=i.level == Indikator.Level.SASARAN,
                target=target.get(i.pk),
            )
            for i in calon
        ],
        program=[
            CalonProgram(
                program=p,
                pagu=pagu.get(p.pk, {}),
                dipakai=True,
                nilai=pagu.get(p.pk, {}).get(DokumenAnggaran.DPA),
                sumber_dana="APBD",
            )
            for p in program
        ],
        renstra=renstra_berlaku(opd=opd, tahun=tahun),
    )


def isian_pk_ubah(*, pk: PerjanjianKinerja) -> IsianPK:
    """The edit form of a PK: its rows and budgets first, then what else may be added."""
    opd, tahun = pk.opd, pk.tahun
    baris = baris_pk_list(pk)
    anggaran = {a.program_id: a for a in anggaran_pk_list(pk)}
    calon = indikator_berlaku(opd=opd, tahun=tahun)
    ada = {b.indikator_id for b in baris}
    semua = [b.indikator for b in baris] + [i for i in calon if i.pk not in ada]
    target = _target_renstra(semua, tahun)
    baris_per_ind = {b.indikator_id: b for b in baris}
    program = program_tahun(opd=opd, tahun=tahun)
    pagu = pagu_program(opd=opd, tahun=tahun)
    urutan_anggaran = {pid: a.urutan for pid, a in anggaran.items()}
    program.sort(key=lambda p: (p.pk not in anggaran, urutan_anggaran.get(p.pk, 0)))  # the PK's first
    awal = {
        f: getattr(pk, f)
        for f in (
            "dokumen_anggaran", "tempat", "tanggal", "pihak_pertama_nama", "pihak_pertama_jabatan",
            "pihak_pertama_nip", "pihak_pertama_pangkat", "pihak_kedua_nama", "pihak_kedua_jabatan",
            "alasan_perubahan",
        )
    }  # fmt: skip
    awal["jejak"] = jejak_pk(pk)
    return IsianPK(
        opd=opd,
        tahun=tahun,
        awal=awal,
        indikator=[
            CalonIndikator(
                indikator=i,
                induk=baris_per_ind[i.pk].sasaran_uraian if i.pk in baris_per_ind else uraian_induk(i),
                target_renstra=target.get(i.pk),
                dipakai=i.pk in baris_per_ind,
                target=baris_per_ind[i.pk].target if i.pk in baris_per_ind else target.get(i.pk),
            )
            for i in semua
        ],
        program=[
            CalonProgram(
                program=p,
                pagu=pagu.get(p.pk, {}),
                dipakai=p.pk in anggaran,
                nilai=anggaran[p.pk].nilai
                if p.pk in anggaran
                else pagu.get(p.pk, {}).get(pk.dokumen_anggaran),
                sumber_dana=anggaran[p.pk].sumber_dana if p.pk in anggaran else "APBD",
            )
            for p in program
        ],
        jejak=awal["jejak"],
        renstra=renstra_berlaku(opd=opd, tahun=tahun),
    )


# --- the Perubahan next to the PK it replaces -----------------------------------------------------------


@dataclass(frozen=True)
class BarisBanding:
    indikator: Indikator
    induk: str
    satuan: str
    sebelum: str
    sesudah: str
    keadaan: str  # "tetap", "berubah", "baru", "dihapus"

    @property
    def label_keadaan(self) -> str:
        return {
            "tetap": "Tetap",
            "berubah": "Target berubah",
            "baru": "Indikator baru",
            "dihapus": "Dihapus",
        }[self.keadaan]


@dataclass(frozen=True)
class AnggaranBanding:
    program: Program
    sebelum: Decimal | None
    sesudah: Decimal | None

    @property
    def sebelum_tampil(self) -> str:
        return format_rupiah(self.sebelum)

    @property
    def sesudah_tampil(self) -> str:
        return format_rupiah(self.sesudah)

    @property
    def selisih_tampil(self) -> str:
        if self.sebelum is None or self.sesudah is None:
            return KOSONG
        selisih = self.sesudah - self.sebelum
        if selisih == 0:
            return "0"
        return ("+" if selisih > 0 else "−") + format_rupiah(abs(selisih))

    @property
    def berubah(self) -> bool:
        return self.sebelum != self.sesudah


@dataclass(frozen=True)
class Banding:
    lama: PerjanjianKinerja
    baru: PerjanjianKinerja
    baris: list[BarisBanding]
    anggaran: list[AnggaranBanding]
    total_sebelum: str
    total_sesudah: str

    @property
    def jumlah_berubah(self) -> int:
        return sum(1 for b in self.baris if b.keadaan != "tetap")


def perubahan_banding(*, pk: PerjanjianKinerja) -> Banding:
    """A Perubahan row by row against the PK it replaces (404 for an original PK)."""
    lama = pk.menggantikan
    if lama is None:
        raise Http404("PK ini bukan PK Perubahan.")
    baris_lama = {b.indikator_id: b for b in baris_pk_list(lama)}
    baris_baru = {b.indikator_id: b for b in baris_pk_list(pk)}
    hasil = []
    for ind_id, b in baris_baru.items():
        dulu = baris_lama.get(ind_id)
        keadaan = "baru" if dulu is None else "tetap" if dulu.target == b.target else "berubah"
        hasil.append(
            BarisBanding(
                b.indikator, b.sasaran_uraian, b.satuan or b.indikator.satuan,
                tampil_target(dulu.target if dulu else None), tampil_target(b.target), keadaan,
            )
        )  # fmt: skip
    for ind_id, dulu in baris_lama.items():
        if ind_id not in baris_baru:
            hasil.append(
                BarisBanding(
                    dulu.indikator, dulu.sasaran_uraian, dulu.satuan or dulu.indikator.satuan,
                    tampil_target(dulu.target), KOSONG, "dihapus",
                )
            )  # fmt: skip
    ang_lama = {a.program_id: a for a in anggaran_pk_list(lama)}
    ang_baru = {a.program_id: a for a in anggaran_pk_list(pk)}
    anggaran = [
        AnggaranBanding(
            (ang_baru.get(pid) or ang_lama[pid]).program,
            ang_lama[pid].nilai if pid in ang_lama else None,
            ang_baru[pid].nilai if pid in ang_baru else None,
        )
        for pid in [*ang_lama, *(p for p in ang_baru if p not in ang_lama)]
    ]
    anggaran.sort(key=lambda a: a.program.kode)
    return Banding(
        lama=lama,
        baru=pk,
        baris=hasil,
        anggaran=anggaran,
        total_sebelum=format_rupiah(
            sum((a.nilai for a in ang_lama.values()), Decimal(0)) if ang_lama else None
        ),
        total_sesudah=format_rupiah(
            sum((a.nilai for a in ang_baru.values()), Decimal(0)) if ang_baru else None
        ),
    )


# --- Rencana Aksi ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SelRencanaAksi:
    tribulan: int
    target: Decimal | None
    uraian: str

    @property
    def target_tampil(self) -> str:
        return tampil_target(self.target)


@dataclass(frozen=True)
class BarisRencanaAksi:
    baris: BarisPK
    indikator: Indikator
    target_tahunan: str
    sel: list[SelRencanaAksi]
    peringatan: str

    @property
    def petunjuk(self) -> str:
        return petunjuk_agregasi(self.indikator)


@dataclass(frozen=True)
class TabelRencanaAksi:
    pk: PerjanjianKinerja
    baris: list[BarisRencanaAksi]
    jejak: str
    beku: bool
    diganti_oleh: PerjanjianKinerja | None
    boleh_tulis: bool

    @property
    def boleh_ubah(self) -> bool:
        return self.boleh_tulis and not self.beku and self.diganti_oleh is None


def petunjuk_agregasi(indikator: Indikator) -> str:
    if indikator.agregasi in AGREGASI_TW4_TAHUNAN:
        return "Target TW IV sama dengan target tahunan."
    if indikator.agregasi == Indikator.Agregasi.JUMLAH:
        return "Jumlah target TW I–IV sama dengan target tahunan."
    return "Rata-rata target Tribulan mendekati target tahunan."


def peringatan_rencana_aksi(
    indikator: Indikator, target_tahunan: Decimal, target_tw: dict[int, Decimal | None]
) -> str:
    """A warning (not a refusal) when the Tribulan targets do not add up to the year's as the indicator's
    aggregation says they should; "" when they do or when too little is filled in to tell."""
    if indikator.agregasi in AGREGASI_TW4_TAHUNAN:
        tw4 = target_tw.get(Tribulan.IV)
        if tw4 is not None and tw4 != target_tahunan:
            return (
                f"{indikator.kode}: indikator ini dihitung {Indikator.Agregasi(indikator.agregasi).label.lower()}; "
                f"target TW IV ({tampil_target(tw4)}) semestinya sama dengan target tahunan "
                f"({tampil_target(target_tahunan)})."
            )
    elif indikator.agregasi == Indikator.Agregasi.JUMLAH:
        nilai = [target_tw.get(t) for t in TRIBULAN]
        if all(n is not None for n in nilai) and sum(nilai) != target_tahunan:
            return (
                f"{indikator.kode}: jumlah target TW I–IV ({tampil_target(sum(nilai))}) tidak sama dengan "
                f"target tahunan ({tampil_target(target_tahunan)})."
            )
    return ""


def rencana_aksi_tabel(*, pk: PerjanjianKinerja, akses: Akses) -> TabelRencanaAksi:
    baris = baris_pk_list(pk)
    ra: dict[int, dict[int, RencanaAksi]] = defaultdict(dict)
    for r in RencanaAksi.objects.filter(baris_pk__pk_dokumen=pk):
        ra[r.baris_pk_id][r.tribulan] = r
    hasil = []
    for b in baris:
        sel = [
            SelRencanaAksi(
                t, ra[b.pk][t].target if t in ra[b.pk] else None, ra[b.pk][t].uraian if t in ra[b.pk] else ""
            )
            for t in TRIBULAN
        ]
        hasil.append(
            BarisRencanaAksi(
                baris=b,
                indikator=b.indikator,
                target_tahunan=tampil_target(b.target),
                sel=sel,
                peringatan=peringatan_rencana_aksi(
                    b.indikator, b.target, {s.tribulan: s.target for s in sel}
                ),
            )
        )
    return TabelRencanaAksi(
        pk=pk,
        baris=hasil,
        jejak=jejak_rencana_aksi(pk),
        beku=tahun_dibekukan(pk.opd_id, pk.tahun),
        diganti_oleh=PerjanjianKinerja.objects.filter(menggantikan=pk).first(),
        boleh_tulis=akses.boleh_tulis(pk.opd_id),
    )


# --- what may be done with a PK now ---------------------------------------------------------------------


def pesan_tidak_bisa_ubah(pk: PerjanjianKinerja) -> str:
    """Why the PK cannot be edited now ("" when it can): approved, or the year is frozen."""
    if pk.status != PerjanjianKinerja.Status.DRAF:
        return (
            f"{pk.judul} {pk.tahun} sudah disetujui dan tidak dapat diubah lagi; "
            "untuk mengubah target atau anggaran, buat PK Perubahan."
        )
    if tahun_dibekukan(pk.opd_id, pk.tahun):
        return f"LKjIP tahun {pk.tahun} sudah diajukan; data tahun itu dibekukan sampai laporan dikembalikan ke draf."
    return ""


def pesan_tidak_bisa_perubahan(pk: PerjanjianKinerja) -> str:
    """Why no PK Perubahan can be made from this PK now ("" when it can)."""
    if pk.status != PerjanjianKinerja.Status.DISETUJUI:
        return "PK Perubahan dibuat dari PK yang sudah disetujui; setujui dulu PK ini."
    terbaru = pk_terbaru(opd=pk.opd, tahun=pk.tahun)
    if terbaru is not None and terbaru.pk != pk.pk:
        return f"Sudah ada {terbaru.judul} {pk.tahun}; perubahan berikutnya dibuat dari versi terbaru."
    if tahun_dibekukan(pk.opd_id, pk.tahun):
        return f"LKjIP tahun {pk.tahun} sudah diajukan; data tahun itu dibekukan sampai laporan dikembalikan ke draf."
    return ""

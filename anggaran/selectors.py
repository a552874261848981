"""Reads of the DPA screens: the OPD-year's budget tree with its pagu and level totals, the planned
absorption per Tribulan with its warnings, the sasaran a program may support, and the DPA's history.

Every selector loads what its page shows in a fixed number of queries, whatever the size of the DPA, and
returns dataclasses; totals are computed here (a parent = the sum of its children that have a pagu; a
line whose children have none keeps its own, the same rule as the capaian engine), never in templates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from anggaran.models import (
    LABEL_LEVEL_MATA,
    Kegiatan,
    PaguAnggaran,
    Program,
    RencanaPenyerapan,
    SubKegiatan,
    q_mata_anggaran,
)
from inti.akses import Akses
from inti.models import OPD
from inti.periode import NAMA_TRIBULAN, TRIBULAN
from inti.riwayat import BarisRiwayat, riwayat
from inti.tampilan import format_rupiah
from inti.tulis import tahun_dibekukan
from renstra.models import Sasaran

DPA, DPA_PERUBAHAN = PaguAnggaran.Dokumen.DPA.value, PaguAnggaran.Dokumen.DPA_PERUBAHAN.value
NAMA_DOKUMEN = dict(PaguAnggaran.Dokumen.choices)


def kunci_urut_kode(kode: str) -> tuple:
    """Sort key of a Kepmendagri code, segment by segment as numbers (3.30.10 after 3.30.9)."""
    return tuple((0, int(b), "") if b.isdigit() else (1, 0, b) for b in kode.split("."))


# --- the frame ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LayarDPA:
    """An OPD's DPA of one year, and what the user may do with it."""

    opd: OPD
    tahun: int
    akses: Akses
    beku: bool

    @property
    def admin(self) -> bool:
        return self.akses.admin_pemda(self.opd.pemda_id)

    @property
    def boleh_tulis(self) -> bool:
        return self.akses.boleh_tulis(self.opd.pk)

    @property
    def boleh_ubah(self) -> bool:
        """The user may change the DPA now: a writer, and the year not frozen (the admin excepted)."""
        return self.boleh_tulis and (not self.beku or self.admin)


def layar_get(*, opd: OPD, tahun: int, akses: Akses) -> LayarDPA:
    return LayarDPA(opd=opd, tahun=tahun, akses=akses, beku=tahun_dibekukan(opd.pk, tahun))


# --- the tree with its totals -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pagu:
    """A line's pagu in one document: entered on the line itself, and the sum of its children's."""

    sendiri: Decimal | None
    anak: Decimal | None  # None: no child has a pagu (or there is no child)

    @property
    def total(self) -> Decimal | None:
        """What the line counts for: its children's sum when they have one, else its own entry."""
        return self.anak if self.anak is not None else self.sendiri

    @property
    def beda(self) -> bool:
        """Own entry and children's sum disagree (the consistency checker reports the same)."""
        return self.sendiri is not None and self.anak is not None and self.sendiri != self.anak

    @property
    def selisih(self) -> Decimal | None:
        return abs(self.sendiri - self.anak) if self.beda else None


def _jumlah(sendiri: Decimal | None, anak: list[Pagu]) -> Pagu:
    punya = [p.total for p in anak if p.total is not None]
    return Pagu(sendiri, sum(punya, Decimal(0)) if punya else None)


@dataclass(frozen=True)
class BarisDPA:
    level: str  # "program", "kegiatan", "sub_kegiatan"
    pk: int
    kode: str
    nama: str
    murni: Pagu
    perubahan: Pagu
    sasaran: str = ""
    anak: tuple[BarisDPA, ...] = ()

    @property
    def label_level(self) -> str:
        return LABEL_LEVEL_MATA[self.level]

    def pagu(self, dokumen: str) -> Pagu:
        return self.murni if dokumen == DPA else self.perubahan

    def semua(self) -> list[BarisDPA]:
        """This line and every line under it, in tree order."""
        return [self, *(b for a in self.anak for b in a.semua())]


@dataclass(frozen=True)
class Selisih:
    """A line whose own pagu differs from its children's sum, said the way the checker says it."""

    baris: BarisDPA
    dokumen: str
    pesan: str


@dataclass(frozen=True)
class HalamanDPA:
    layar: LayarDPA
    program: tuple[BarisDPA, ...]
    total_murni: Decimal | None
    total_perubahan: Decimal | None
    selisih: tuple[Selisih, ...]
    tahun_lain: tuple[int, ...]

    @property
    def baris(self) -> list[BarisDPA]:
        return [b for p in self.program for b in p.semua()]

    @property
    def tahun_pilihan(self) -> list[int]:
        """Years to switch to: those with a DPA, and the years next to this one."""
        t = self.layar.tahun
        return sorted({*self.tahun_lain, t - 1, t, t + 1})

    @property
    def jumlah(self) -> dict[str, int]:
        hitung: dict[str, int] = defaultdict(int)
        for b in self.baris:
            hitung[b.level] += 1
        return dict(hitung)


def _pagu_per_mata(opd_id: int, tahun: int) -> dict[tuple[str, int, str], Decimal]:
    """{(level, pk, dokumen): nilai} of every pagu of the OPD-year, in one query."""
    hasil = {}
    for p in PaguAnggaran.objects.filter(q_mata_anggaran(opd_id, tahun)).order_by():
        level, pk = p.kunci_mata
        hasil[(level, pk, p.dokumen)] = p.nilai
    return hasil


def pohon_dpa(*, opd_id: int, tahun: int) -> tuple[BarisDPA, ...]:
    """The OPD-year's tree in four queries: programs, kegiatan, sub kegiatan, pagu."""
    pagu = _pagu_per_mata(opd_id, tahun)
    program = list(Program.objects.filter(opd_id=opd_id, tahun=tahun).select_related("sasaran"))
    kegiatan = list(Kegiatan.objects.filter(program__opd_id=opd_id, program__tahun=tahun))
    sub = list(SubKegiatan.objects.filter(kegiatan__program__opd_id=opd_id, kegiatan__program__tahun=tahun))
    sub_per_kegiatan = defaultdict(list)
    for s in sub:
        sub_per_kegiatan[s.kegiatan_id].append(s)
    kegiatan_per_program = defaultdict(list)
    for k in kegiatan:
        kegiatan_per_program[k.program_id].append(k)

    def baris(obj, anak: tuple[BarisDPA, ...], sasaran: str = "") -> BarisDPA:
        level = obj.level
        return BarisDPA(
            level=level,
            pk=obj.pk,
            kode=obj.kode,
            nama=obj.nama,
            murni=_jumlah(pagu.get((level, obj.pk, DPA)), [a.murni for a in anak]),
            perubahan=_jumlah(pagu.get((level, obj.pk, DPA_PERUBAHAN)), [a.perubahan for a in anak]),
            sasaran=sasaran,
            anak=anak,
        )

    def urut(daftar):
        return sorted(daftar, key=lambda o: kunci_urut_kode(o.kode))

    hasil = []
    for p in urut(program):
        anak_p = []
        for k in urut(kegiatan_per_program[p.pk]):
            anak_k = tuple(baris(s, ()) for s in urut(sub_per_kegiatan[k.pk]))
            anak_p.append(baris(k, anak_k))
        sasaran = f"{p.sasaran.kode} {p.sasaran.nama}" if p.sasaran else ""
        hasil.append(baris(p, tuple(anak_p), sasaran))
    return tuple(hasil)


def _selisih(program: tuple[BarisDPA, ...]) -> tuple[Selisih, ...]:
    hasil = []
    for p in program:
        for b in p.semua():
            for dokumen in (DPA, DPA_PERUBAHAN):
                pagu = b.pagu(dokumen)
                if pagu.beda:
                    hasil.append(
                        Selisih(
                            b,
                            dokumen,
                            f"Pagu {NAMA_DOKUMEN[dokumen]} {b.label_level.lower()} {b.kode} {b.nama} tercatat "
                            f"{format_rupiah(pagu.sendiri)}, sedangkan jumlah rinciannya {format_rupiah(pagu.anak)}.",
                        )
                    )
    return tuple(hasil)


def _total(program: tuple[BarisDPA, ...], dokumen: str) -> Decimal | None:
    punya = [p.pagu(dokumen).total for p in program if p.pagu(dokumen).total is not None]
    return sum(punya, Decimal(0)) if punya else None


def tahun_dpa(opd_id: int) -> tuple[int, ...]:
    """The years the OPD has a DPA for, newest first."""
    return tuple(
        Program.objects.filter(opd_id=opd_id).order_by("-tahun").values_list("tahun", flat=True).distinct()
    )


def dpa_get(*, layar: LayarDPA) -> HalamanDPA:
    program = pohon_dpa(opd_id=layar.opd.pk, tahun=layar.tahun)
    return HalamanDPA(
        layar=layar,
        program=program,
        total_murni=_total(program, DPA),
        total_perubahan=_total(program, DPA_PERUBAHAN),
        selisih=_selisih(program),
        tahun_lain=tahun_dpa(layar.opd.pk),
    )


def baris_dpa_get(*, layar: LayarDPA, level: str, pk: int) -> BarisDPA | None:
    """One line of the tree with its totals (for the edit form), None if it is not in this OPD-year."""
    for b in (b for p in pohon_dpa(opd_id=layar.opd.pk, tahun=layar.tahun) for b in p.semua()):
        if b.level == level and b.pk == pk:
            return b
    return None


def sasaran_pilihan(*, opd: OPD, tahun: int, termasuk: int | None = None) -> list[tuple[int, str]]:
    """(pk, label) of the sasaran a program of the year may support: those of the OPD's Renstra in force
    that year, plus the one already chosen (`termasuk`) whatever its Renstra."""
    qs = Sasaran.objects.filter(tujuan__renstra__opd=opd).select_related("tujuan__renstra")
    berlaku = Q(tujuan__renstra__tahun_awal__lte=tahun, tujuan__renstra__tahun_akhir__gte=tahun)
    if termasuk:
        berlaku |= Q(pk=termasuk)
    hasil = []
    for s in qs.filter(berlaku).order_by(
        "tujuan__renstra__tahun_awal", "tujuan__renstra__revisi_ke", "tujuan__urutan", "urutan"
    ):
        if s.pk != termasuk and not (s.berlaku_pada(tahun) and s.tujuan.berlaku_pada(tahun)):
            continue
        r = s.tujuan.renstra
        hasil.append((s.pk, f"{s.kode} {s.nama} (Renstra {r.tahun_awal}–{r.tahun_akhir})"))
    return hasil


def sasaran_get(*, opd: OPD, pk: int) -> Sasaran | None:
    """A sasaran of the OPD's Renstra (None for another OPD's: the service then says why)."""
    return Sasaran.objects.filter(pk=pk, tujuan__renstra__opd=opd).select_related("tujuan__renstra").first()


# --- planned absorption ------------------------------------------------------------------------------------------


def dokumen_acuan(*, opd_id: int, tahun: int) -> str:
    """The budget document the year is measured against: the DPA Perubahan once it has a pagu, else the DPA
    (the capaian engine decides the same way)."""
    ada = PaguAnggaran.objects.filter(q_mata_anggaran(opd_id, tahun), dokumen=DPA_PERUBAHAN).exists()
    return DPA_PERUBAHAN if ada else DPA


def peringatan_rencana(
    *, pagu: Decimal | None, rencana: Mapping[int, Decimal | None], nama_pagu: str = "pagu"
) -> list[str]:
    """What is odd about a cumulative plan: a Tribulan below the one before it, the year above the pagu."""
    pesan = []
    sebelumnya: tuple[int, Decimal] | None = None
    for t in TRIBULAN:
        nilai = rencana.get(t)
        if nilai is None:
            continue
        if sebelumnya is not None and nilai < sebelumnya[1]:
            pesan.append(
                f"Rencana s.d. {NAMA_TRIBULAN[t]} ({format_rupiah(nilai)}) lebih kecil daripada s.d. "
                f"{NAMA_TRIBULAN[sebelumnya[0]]} ({format_rupiah(sebelumnya[1])}); rencana penyerapan kumulatif "
                "tidak turun (isi jumlah sejak awal tahun, bukan per tribulan)."
            )
        sebelumnya = (t, nilai)
    akhir = rencana.get(4)
    if akhir is not None and pagu is not None and akhir > pagu:
        pesan.append(
            f"Rencana s.d. {NAMA_TRIBULAN[4]} ({format_rupiah(akhir)}) melebihi {nama_pagu} ({format_rupiah(pagu)})."
        )
    return pesan


@dataclass(frozen=True)
class BarisRencana:
    sub_kegiatan: SubKegiatan
    kode_kegiatan: str
    nama_kegiatan: str
    pagu: Decimal | None
    rencana: dict[int, Decimal | None]
    peringatan: tuple[str, ...]

    @property
    def kunci(self) -> str:
        return f"rencana-{self.sub_kegiatan.pk}"


@dataclass(frozen=True)
class HalamanRencana:
    layar: LayarDPA
    dokumen: str
    baris: tuple[BarisRencana, ...]
    total_pagu: Decimal | None
    total_rencana: dict[int, Decimal | None] = field(default_factory=dict)

    @property
    def nama_dokumen(self) -> str:
        return NAMA_DOKUMEN[self.dokumen]

    @property
    def jumlah_peringatan(self) -> int:
        return sum(1 for b in self.baris if b.peringatan)


def _baris_rencana(sub: SubKegiatan, pagu: Decimal | None, rencana: dict[int, Decimal | None], dokumen: str):
    return BarisRencana(
        sub_kegiatan=sub,
        kode_kegiatan=sub.kegiatan.kode,
        nama_kegiatan=sub.kegiatan.nama,
        pagu=pagu,
        rencana={t: rencana.get(t) for t in TRIBULAN},
        peringatan=tuple(
            peringatan_rencana(pagu=pagu, rencana=rencana, nama_pagu=f"pagu {NAMA_DOKUMEN[dokumen]}")
        ),
    )


def _rencana_sub(qs_sub, dokumen: str) -> list[BarisRencana]:
    sub = sorted(qs_sub.select_related("kegiatan"), key=lambda s: kunci_urut_kode(s.kode))
    ids = [s.pk for s in sub]
    pagu = dict(
        PaguAnggaran.objects.filter(sub_kegiatan_id__in=ids, dokumen=dokumen).values_list(
            "sub_kegiatan_id", "nilai"
        )
    )
    rencana: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for r in RencanaPenyerapan.objects.filter(sub_kegiatan_id__in=ids).order_by():
        rencana[r.sub_kegiatan_id][r.tribulan] = r.nilai
    return [_baris_rencana(s, pagu.get(s.pk), rencana[s.pk], dokumen) for s in sub]


def rencana_list(*, layar: LayarDPA) -> HalamanRencana:
    """Every sub kegiatan of the OPD-year with its pagu and plan per Tribulan, in four queries."""
    dokumen = dokumen_acuan(opd_id=layar.opd.pk, tahun=layar.tahun)
    baris = _rencana_sub(
        SubKegiatan.objects.filter(kegiatan__program__opd=layar.opd, kegiatan__program__tahun=layar.tahun),
        dokumen,
    )
    pagu = [b.pagu for b in baris if b.pagu is not None]
    total = {}
    for t in TRIBULAN:
        isi = [b.rencana[t] for b in baris if b.rencana[t] is not None]
        total[t] = sum(isi, Decimal(0)) if isi else None
    return HalamanRencana(
        layar=layar,
        dokumen=dokumen,
        baris=tuple(baris),
        total_pagu=sum(pagu, Decimal(0)) if pagu else None,
        total_rencana=total,
    )


def rencana_get(*, layar: LayarDPA, sub_kegiatan: SubKegiatan) -> BarisRencana:
    dokumen = dokumen_acuan(opd_id=layar.opd.pk, tahun=layar.tahun)
    return _rencana_sub(SubKegiatan.objects.filter(pk=sub_kegiatan.pk), dokumen)[0]


# --- history ---------------------------------------------------------------------------------------------------


def riwayat_dpa(*, layar: LayarDPA, batas: int = 300) -> list[BarisRiwayat]:
    """The latest changes of the OPD-year's DPA (lines, pagu, planned absorption), newest first.

    Lines deleted since are found through their history rows, which keep their program and year.
    """
    opd, tahun = layar.opd.pk, layar.tahun
    program_ids = set(Program.history.filter(opd_id=opd, tahun=tahun).values_list("id", flat=True).distinct())
    kegiatan_ids = set(
        Kegiatan.history.filter(program_id__in=program_ids).values_list("id", flat=True).distinct()
    )
    sub_ids = set(
        SubKegiatan.history.filter(kegiatan_id__in=kegiatan_ids).values_list("id", flat=True).distinct()
    )
    di_mata = Q(program_id__in=program_ids) | Q(kegiatan_id__in=kegiatan_ids) | Q(sub_kegiatan_id__in=sub_ids)

    def teks(r) -> str:
        return f"{r.kode} {r.nama}"

    hasil: list[BarisRiwayat] = []
    for model, ids, level in (
        (Program, program_ids, "program"),
        (Kegiatan, kegiatan_ids, "kegiatan"),
        (SubKegiatan, sub_ids, "sub_kegiatan"),
    ):
        hasil += riwayat(
            model.history.filter(id__in=ids),
            {"kode": "Kode", "nama": "Nama"},
            lambda r, level=level: f"{LABEL_LEVEL_MATA[level]} {teks(r)}",
        )
    nama_mata = {}
    for model, ids, level in (
        (Program, program_ids, "program"),
        (Kegiatan, kegiatan_ids, "kegiatan"),
        (SubKegiatan, sub_ids, "sub_kegiatan"),
    ):
        for pk, kode in model.history.filter(id__in=ids).values_list("id", "kode"):
            nama_mata[(level, pk)] = f"{LABEL_LEVEL_MATA[level]} {kode}"

    def objek_pagu(r) -> str:
        kunci = (
            ("sub_kegiatan", r.sub_kegiatan_id)
            if r.sub_kegiatan_id
            else (("kegiatan", r.kegiatan_id) if r.kegiatan_id else ("program", r.program_id))
        )
        return f"{nama_mata.get(kunci, '')} ({NAMA_DOKUMEN.get(r.dokumen, r.dokumen)})"

    hasil += riwayat(PaguAnggaran.history.filter(di_mata), {"nilai": "Pagu"}, objek_pagu)
    hasil += riwayat(
        RencanaPenyerapan.history.filter(sub_kegiatan_id__in=sub_ids),
        {"nilai": "Rencana kumulatif"},
        lambda r: f"{nama_mata.get(('sub_kegiatan', r.sub_kegiatan_id), '')} s.d. TW {r.tribulan}",
    )
    hasil.sort(key=lambda b: b.waktu, reverse=True)
    return hasil[:batas]

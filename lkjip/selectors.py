"""Reads of the site's own pages: the home page's list of OPDs, the navbar's, the counts on an OPD's
page (its monev summary is `capaian.selectors.monev`'s), and the years offered by "Mulai tahun …"."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html_join

from anggaran.models import Program
from inti.akses import LABEL_PERAN, per_peran, peran_pengguna
from inti.models import OPD
from inti.selectors import opd_terbaca_urut
from perjanjian.models import PerjanjianKinerja
from renstra.models import Indikator


def opd_list(*, user) -> list[OPD]:
    """The OPDs the user reads, their own Pemda and OPD first (`inti.selectors.opd_terbaca_urut`); one query."""
    return list(opd_terbaca_urut(user))


@dataclass(frozen=True)
class OPDNavigasi:
    pk: int
    kode: str
    nama: str
    url: str

    def __str__(self) -> str:
        return self.nama


class DaftarNavigasi(tuple):
    """The switcher's `OPDNavigasi` items, with their links rendered once: the list is kept per user
    (`opd_navigasi`), and forty-odd escaped links cost every page more than the rest of the navbar."""

    @cached_property
    def html(self) -> str:
        return format_html_join(
            "\n", '<li><a class="dropdown-item" href="{}">{}</a></li>', ((o.url, o.nama) for o in self)
        )


def opd_navigasi(*, user) -> DaftarNavigasi:
    """The navbar's OPD switcher: `opd_list`'s OPDs in its order, as plain values with their page's URL.
    One query, no model instances and one `reverse` for the whole list, and every page pays for it: kept in
    the process under the roles token (`inti.akses.per_peran`), which changes with every OPD and role."""

    def hitung() -> DaftarNavigasi:
        contoh = reverse("lkjip:opd", args=["__kode__"])
        return DaftarNavigasi(
            OPDNavigasi(pk, kode, nama, contoh.replace("__kode__", kode))
            for pk, kode, nama in opd_terbaca_urut(user).values_list("pk", "kode", "nama")
        )

    return per_peran(user, "navigasi", hitung)


@dataclass(frozen=True)
class BarisOPD:
    opd: OPD
    peran: str  # admin, operator, kepala or auditor
    label_peran: str
    boleh_tulis: bool


def beranda_list(*, user) -> list[BarisOPD]:
    """The home page: every OPD the user reads, with the user's role there."""
    akses = peran_pengguna(user)
    return [
        BarisOPD(
            opd=opd,
            peran=(peran := akses.peran_di_opd(opd.pk)),
            label_peran=LABEL_PERAN[peran],
            boleh_tulis=akses.boleh_tulis(opd.pk),
        )
        for opd in opd_list(user=user)
    ]


@dataclass(frozen=True)
class JumlahAnggaranTahun:
    tahun: int
    program: int
    kegiatan: int
    sub_kegiatan: int


@dataclass(frozen=True)
class RingkasanOPD:
    indikator_per_level: list[tuple[str, int]]  # (level label, count), every level, in the model's order
    jumlah_indikator: int
    jumlah_iku: int
    anggaran_per_tahun: list[JumlahAnggaranTahun]  # newest year first

    @property
    def tahun_anggaran(self) -> set[int]:
        """The years that have a budget."""
        return {a.tahun for a in self.anggaran_per_tahun}

    @property
    def tahun_baru(self) -> int | None:
        """The year "Mulai tahun …" would start: after the latest budget year (None: nothing to copy)."""
        return self.anggaran_per_tahun[0].tahun + 1 if self.anggaran_per_tahun else None


def ringkasan_opd(*, opd: OPD) -> RingkasanOPD:
    """Counts for the overview page; three queries whatever the size of the OPD."""
    per_level = dict(
        Indikator.objects.filter(opd=opd).values_list("level").annotate(n=Count("pk")).order_by()
    )
    jumlah_iku = Indikator.objects.filter(opd=opd, iku=True).count()
    anggaran = [
        JumlahAnggaranTahun(**baris)
        for baris in Program.objects.filter(opd=opd)
        .values("tahun")
        .annotate(
            program=Count("pk", distinct=True),
            kegiatan=Count("kegiatan_set", distinct=True),
            sub_kegiatan=Count("kegiatan_set__sub_kegiatan_set", distinct=True),
        )
        .order_by("-tahun")
    ]
    return RingkasanOPD(
        indikator_per_level=[(label, per_level.get(level, 0)) for level, label in Indikator.Level.choices],
        jumlah_indikator=sum(per_level.values()),
        jumlah_iku=jumlah_iku,
        anggaran_per_tahun=anggaran,
    )


@dataclass(frozen=True)
class PilihanTahunBaru:
    """The years of "Mulai tahun …": those a new year can be copied from, and the proposal."""

    tahun_sumber: list[int]  # years with a budget tree, newest first
    dari: int | None  # the latest of them (None: nothing to copy from)
    ke: int | None  # the year after the latest year with a budget or a PK

    @property
    def ada(self) -> bool:
        return self.dari is not None


def tahun_baru_pilihan(*, opd: OPD) -> PilihanTahunBaru:
    """Years to start a new year from, newest first, and the next year to propose; two queries."""
    sumber = sorted(set(Program.objects.filter(opd=opd).values_list("tahun", flat=True)), reverse=True)
    terpakai = set(sumber) | set(PerjanjianKinerja.objects.filter(opd=opd).values_list("tahun", flat=True))
    if not sumber:
        return PilihanTahunBaru([], None, None)
    return PilihanTahunBaru(sumber, sumber[0], max(terpakai) + 1)


def tahun_baru_per_opd(opd_list: list[OPD]) -> list[tuple[OPD, int | None]]:
    """Each OPD with the new year "Mulai tahun …" proposes for it (None: no budget year to copy from),
    as `tahun_baru_pilihan` does; two queries for the whole list."""
    ids = [o.pk for o in opd_list]
    anggaran = dict(Program.objects.filter(opd_id__in=ids).values_list("opd_id").annotate(t=Max("tahun")).order_by())
    pk = dict(PerjanjianKinerja.objects.filter(opd_id__in=ids).values_list("opd_id").annotate(t=Max("tahun")).order_by())
    return [
        (o, max(anggaran[o.pk], pk.get(o.pk, 0)) + 1 if o.pk in anggaran else None) for o in opd_list
    ]

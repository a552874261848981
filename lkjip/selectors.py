"""Reads of the site's own pages: the home page's list of OPDs, the navbar's, and the counts on an OPD's
page (its monev summary is `capaian.selectors.monev`'s)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from anggaran.models import Program
from inti.akses import LABEL_PERAN, opd_terbaca, peran_pengguna
from inti.models import OPD
from renstra.models import Indikator


def opd_list(*, user) -> list[OPD]:
    """The OPDs the user reads, by Pemda and name; one query."""
    return list(opd_terbaca(user).order_by("pemda__nama", "nama"))


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

"""Reads of the plan for the renstra screens: Renstra documents, their tujuan, sasaran and indicators with
yearly targets, an indicator's definition and its fixed years, and the DPA lines an indicator may hang on.

Getters take the OPD the URL named (already checked by `inti.akses.get_opd_or_404`) and answer 404 for an
object of another OPD. Every list is read in a fixed number of queries and returned as dataclasses whose
labels are ready to print (choices' labels, numbers in the Indonesian format), never codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.http import Http404

from inti.akses import pastikan_akses_opd
from inti.tampilan import format_indikator
from inti.tulis import tahun_dibekukan
from renstra.models import (
    FIELD_DEFINISI,
    DefinisiIndikatorTahun,
    Indikator,
    Renstra,
    Sasaran,
    TargetIndikator,
    Tujuan,
)
from renstra.services import tahun_dpa, tahun_target

LEVEL_DPA = ("program", "kegiatan", "sub_kegiatan")


def get_indikator_or_404(user, pk: int, *, tulis: bool = False) -> Indikator:
    """The indicator, with its OPD and Pemda, checked like `inti.akses.get_opd_or_404`."""
    indikator = Indikator.objects.select_related("opd", "opd__pemda").filter(pk=pk).first()
    if indikator is None:
        raise Http404("Indikator tidak ditemukan.")
    pastikan_akses_opd(user, indikator.opd_id, tulis=tulis)
    return indikator


def tampil_target(nilai: Decimal | None, desimal: int) -> str:
    """A target as the plan prints it: at least the indicator's decimals, more if the value has them."""
    return format_indikator(nilai, desimal)


def label_berlaku(obj, awal: int | None = None, akhir: int | None = None) -> str:
    """"2022–2026", "mulai 2022", "s.d. 2021" or "seluruh periode" for a tujuan or sasaran."""
    mulai, selesai = obj.tahun_mulai, obj.tahun_selesai
    if mulai is None and selesai is None:
        return "seluruh periode"
    if mulai == selesai:
        return str(mulai)
    if mulai is None:
        return f"{awal}–{selesai}" if awal else f"s.d. {selesai}"
    if selesai is None:
        return f"{mulai}–{akhir}" if akhir else f"mulai {mulai}"
    return f"{mulai}–{selesai}"


# --- getters -------------------------------------------------------------------------------------------------


def renstra_get(*, opd, pk: int) -> Renstra:
    renstra = Renstra.objects.select_related("opd", "revisi_dari").filter(pk=pk, opd=opd).first()
    if renstra is None:
        raise Http404("Renstra tidak ditemukan.")
    return renstra


def tujuan_get(*, opd, pk: int) -> Tujuan:
    tujuan = Tujuan.objects.select_related("renstra__opd").filter(pk=pk, renstra__opd=opd).first()
    if tujuan is None:
        raise Http404("Tujuan tidak ditemukan.")
    return tujuan


def sasaran_get(*, opd, pk: int) -> Sasaran:
    sasaran = Sasaran.objects.select_related("tujuan__renstra__opd").filter(pk=pk, tujuan__renstra__opd=opd).first()
    if sasaran is None:
        raise Http404("Sasaran tidak ditemukan.")
    return sasaran


def indikator_get(*, opd, pk: int) -> Indikator:
    indikator = (
        Indikator.objects.select_related(
            "opd__pemda", "tujuan__renstra", "sasaran__tujuan__renstra", "program", "kegiatan__program",
            "sub_kegiatan__kegiatan__program",
        )
        .filter(pk=pk, opd=opd)
        .first()
    )
    if indikator is None:
        raise Http404("Indikator tidak ditemukan.")
    return indikator


def _model_level(level: str):
    # The DPA models belong to an upper layer: reached through the indicator's relations, not imported.
    return Indikator._meta.get_field(level).related_model


_JALUR_OPD = {
    "tujuan": "renstra__opd",
    "sasaran": "tujuan__renstra__opd",
    "program": "opd",
    "kegiatan": "program__opd",
    "sub_kegiatan": "kegiatan__program__opd",
}


def induk_get(*, opd, level: str, pk: int):
    """The tujuan, sasaran, program, kegiatan or sub kegiatan of `opd` an indicator is added under."""
    if level not in _JALUR_OPD:
        raise Http404("Level indikator tidak dikenal.")
    induk = _model_level(level).objects.filter(pk=pk, **{_JALUR_OPD[level]: opd}).first()
    if induk is None:
        raise Http404("Induk indikator tidak ditemukan.")
    return induk


def label_induk(induk) -> str:
    """"Sasaran 2.1. Meningkatnya …" / "Sub kegiatan 3.31.02.2.01.0005 … (DPA 2022)"."""
    if isinstance(induk, Tujuan | Sasaran):
        return f"{induk._meta.verbose_name.capitalize()} {induk}"
    return f"{induk._meta.verbose_name.capitalize()} {induk} (DPA {induk.program_induk.tahun})"


# --- the Renstra list and one Renstra ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisRenstra:
    renstra: Renstra
    periode: str
    jumlah_tujuan: int
    jumlah_sasaran: int
    jumlah_indikator: int
    direvisi: bool

    @property
    def judul_revisi(self) -> str:
        r = self.renstra
        return f"Revisi {r.revisi_ke} (dari {r.revisi_dari.tahun_awal}–{r.revisi_dari.tahun_akhir})" if r.revisi_ke else "Renstra awal"


def renstra_list(*, opd) -> list[BarisRenstra]:
    qs = (
        Renstra.objects.filter(opd=opd)
        .select_related("revisi_dari")
        .annotate(
            _tujuan=Count("tujuan_set", distinct=True),
            _sasaran=Count("tujuan_set__sasaran_set", distinct=True),
            _ind_t=Count("tujuan_set__indikator_set", distinct=True),
            _ind_s=Count("tujuan_set__sasaran_set__indikator_set", distinct=True),
            _revisi=Count("revisi_set", distinct=True),
        )
        .order_by("-tahun_awal", "-revisi_ke")
    )
    return [
        BarisRenstra(
            renstra=r,
            periode=f"{r.tahun_awal}–{r.tahun_akhir}",
            jumlah_tujuan=r._tujuan,
            jumlah_sasaran=r._sasaran,
            jumlah_indikator=r._ind_t + r._ind_s,
            direvisi=bool(r._revisi),
        )
        for r in qs
    ]


@dataclass(frozen=True)
class IndikatorRingkas:
    indikator: Indikator
    polaritas: str
    target: tuple[str, ...]  # the Renstra target of each year of the period, formatted

    @property
    def negatif(self) -> bool:
        return self.indikator.polaritas == Indikator.Polaritas.NEGATIF


@dataclass(frozen=True)
class SasaranRinci:
    sasaran: Sasaran
    berlaku: str
    indikator: tuple[IndikatorRingkas, ...]


@dataclass(frozen=True)
class TujuanRinci:
    tujuan: Tujuan
    berlaku: str
    indikator: tuple[IndikatorRingkas, ...]
    sasaran: tuple[SasaranRinci, ...]


@dataclass(frozen=True)
class DetailRenstra:
    renstra: Renstra
    tahun: tuple[int, ...]
    misi: tuple[str, ...]
    tujuan: tuple[TujuanRinci, ...]
    revisi: Renstra | None  # the revision that replaces this one from its first year, if any

    @property
    def kolom(self) -> int:
        return len(self.tahun) + 4


def _ringkas(ind: Indikator, tahun: tuple[int, ...]) -> IndikatorRingkas:
    target = {t.tahun: t.nilai for t in ind.target_set.all() if t.dokumen == TargetIndikator.Dokumen.RENSTRA}
    return IndikatorRingkas(
        indikator=ind,
        polaritas="Negatif" if ind.polaritas == Indikator.Polaritas.NEGATIF else "Positif",
        target=tuple(tampil_target(target.get(th), ind.desimal) for th in tahun),
    )


def renstra_detail(*, renstra: Renstra) -> DetailRenstra:
    """The Renstra with its tujuan, sasaran and indicators and the Renstra target of every year."""
    indikator = Prefetch("indikator_set", queryset=Indikator.objects.prefetch_related("target_set"))
    tujuan_qs = Tujuan.objects.filter(renstra=renstra).prefetch_related(
        indikator,
        Prefetch(
            "sasaran_set",
            queryset=Sasaran.objects.prefetch_related(
                Prefetch("indikator_set", queryset=Indikator.objects.prefetch_related("target_set"))
            ),
        ),
    )
    tahun = tuple(range(renstra.tahun_awal, renstra.tahun_akhir + 1))
    a, b = renstra.tahun_awal, renstra.tahun_akhir
    tujuan = tuple(
        TujuanRinci(
            tujuan=t,
            berlaku=label_berlaku(t, a, b),
            indikator=tuple(_ringkas(i, tahun) for i in t.indikator_set.all()),
            sasaran=tuple(
                SasaranRinci(s, label_berlaku(s, a, b), tuple(_ringkas(i, tahun) for i in s.indikator_set.all()))
                for s in t.sasaran_set.all()
            ),
        )
        for t in tujuan_qs
    )
    return DetailRenstra(
        renstra=renstra,
        tahun=tahun,
        misi=tuple(baris.strip() for baris in renstra.misi.splitlines() if baris.strip()),
        tujuan=tujuan,
        revisi=renstra.revisi_set.order_by("revisi_ke").first(),
    )


def indikator_revisi_pilihan(*, renstra: Renstra, tahun_awal: int | None = None) -> list[tuple[int, str]]:
    """(id, label) of the indicators a revision may carry: those of a tujuan or sasaran still in force."""
    hasil = []
    for t in renstra.tujuan_set.prefetch_related("indikator_set", "sasaran_set__indikator_set"):
        if tahun_awal and t.tahun_selesai and t.tahun_selesai < tahun_awal:
            continue
        hasil += [(i.pk, f"{i.kode} {i.nama} (tujuan {t.kode})") for i in t.indikator_set.all()]
        for s in t.sasaran_set.all():
            if tahun_awal and s.tahun_selesai and s.tahun_selesai < tahun_awal:
                continue
            hasil += [(i.pk, f"{i.kode} {i.nama} (sasaran {s.kode})") for i in s.indikator_set.all()]
    return hasil


# --- one indicator ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DefinisiBeku:
    tahun: int
    definisi: DefinisiIndikatorTahun
    beda: tuple[str, ...]  # labels of the fields that differ from the current definition


@dataclass(frozen=True)
class InfoIndikator:
    indikator: Indikator
    induk: str
    renstra: Renstra | None
    tahun_dpa: int | None
    beku: tuple[DefinisiBeku, ...]
    dipakai: tuple[str, ...] = field(default_factory=tuple)

    @property
    def tahun_beku(self) -> tuple[int, ...]:
        return tuple(b.tahun for b in self.beku)

    @property
    def berlaku_mulai(self) -> int | None:
        """The first year a change applies to, when some years are fixed."""
        return max(self.tahun_beku) + 1 if self.beku else None

    @property
    def tahun_beku_teks(self) -> str:
        daftar = [str(t) for t in self.tahun_beku]
        return daftar[0] if len(daftar) == 1 else ", ".join(daftar[:-1]) + " dan " + daftar[-1]


def indikator_info(*, indikator: Indikator) -> InfoIndikator:
    renstra = None
    if indikator.tujuan_id:
        renstra = indikator.tujuan.renstra
    elif indikator.sasaran_id:
        renstra = indikator.sasaran.tujuan.renstra
    variabel = [{"nama": v.nama, "label": v.label, "satuan": v.satuan} for v in indikator.variabel_set.all()]
    beku = []
    for d in indikator.definisi_tahun_set.order_by("tahun"):
        beda = [str(Indikator._meta.get_field(f).verbose_name) for f in FIELD_DEFINISI if getattr(d, f) != getattr(indikator, f)]
        if d.variabel != variabel:
            beda.append("variabel formula")
        beku.append(DefinisiBeku(d.tahun, d, tuple(beda)))
    return InfoIndikator(
        indikator=indikator,
        induk=label_induk(indikator.induk),
        renstra=renstra,
        tahun_dpa=tahun_dpa(indikator),
        beku=tuple(beku),
    )


# --- targets ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SelTarget:
    tahun: int
    dokumen: str
    label_dokumen: str
    nilai: Decimal | None
    tampil: str

    @property
    def nama(self) -> str:
        """The form field's name."""
        return f"{self.dokumen}_{self.tahun}"


@dataclass(frozen=True)
class BarisTarget:
    tahun: int
    beku: bool
    sel: tuple[SelTarget, ...]


@dataclass(frozen=True)
class TabelTarget:
    indikator: Indikator
    dokumen: tuple[tuple[str, str], ...]  # (code, label): the columns
    baris: tuple[BarisTarget, ...]

    @property
    def ada_beku(self) -> bool:
        return any(b.beku for b in self.baris)


def target_tabel(*, indikator: Indikator) -> TabelTarget:
    """The targets of every year an indicator may have one for, per planning document."""
    tersimpan = {(t.tahun, t.dokumen): t.nilai for t in indikator.target_set.all()}
    dokumen = tuple(TargetIndikator.Dokumen.choices)
    baris = []
    for tahun in tahun_target(indikator):
        sel = tuple(
            SelTarget(tahun, kode, label, tersimpan.get((tahun, kode)), tampil_target(tersimpan.get((tahun, kode)), indikator.desimal))
            for kode, label in dokumen
        )
        baris.append(BarisTarget(tahun, tahun_dibekukan(indikator.opd_id, tahun), sel))
    return TabelTarget(indikator, dokumen, tuple(baris))


# --- indicators of DPA lines --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisMata:
    level: str
    label_level: str
    mata: object  # a program, kegiatan or sub kegiatan
    indikator: tuple[Indikator, ...]


def tahun_dpa_list(*, opd) -> list[int]:
    return list(
        _model_level("program").objects.filter(opd=opd).order_by("-tahun").values_list("tahun", flat=True).distinct()
    )


def mata_anggaran_list(*, opd, tahun: int) -> list[BarisMata]:
    """The OPD's programs, kegiatan and sub kegiatan of `tahun`, in DPA order, each with its indicators."""
    Program = _model_level("program")
    Kegiatan = _model_level("kegiatan")
    SubKegiatan = _model_level("sub_kegiatan")
    program = Program.objects.filter(opd=opd, tahun=tahun).prefetch_related(
        "indikator_set",
        Prefetch(
            "kegiatan_set",
            queryset=Kegiatan.objects.prefetch_related(
                "indikator_set",
                Prefetch("sub_kegiatan_set", queryset=SubKegiatan.objects.prefetch_related("indikator_set")),
            ),
        ),
    )
    label = dict(Indikator.Level.choices)
    hasil = []
    for p in program:
        hasil.append(BarisMata("program", label["program"], p, tuple(p.indikator_set.all())))
        for k in p.kegiatan_set.all():
            hasil.append(BarisMata("kegiatan", label["kegiatan"], k, tuple(k.indikator_set.all())))
            for s in k.sub_kegiatan_set.all():
                hasil.append(BarisMata("sub_kegiatan", label["sub_kegiatan"], s, tuple(s.indikator_set.all())))
    return hasil


LEVEL_LABEL = dict(Indikator.Level.choices)

"""Starting an OPD's next year from the year before ("Mulai tahun …").

`salin_tahun` creates year `ke` from year `dari`: the budget tree (program, kegiatan, sub kegiatan with
the same codes, names and order, and no amount: no pagu, no realisasi, no planned absorption), the
indicators hanging on those lines with their definitions and formula variables, and the year's draft PK
(revisi 0): the rows of `dari`'s latest PK that are still in force in `ke`, each with its Renstra target
of `ke`, the parties of that PK, and empty Rencana Aksi rows (Tribulan I-IV) for the operator to fill.

A year that already holds data for the OPD (a program, a PK, a realisasi ...) is refused: the copy is
only a starting point, never an overwrite, so running it twice changes nothing. `salin_tahun_rencana`
computes the same plan without writing, for the confirmation page; `salin_tahun` computes it again inside
its transaction (after locking the year) and writes exactly that.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Prefetch, Q

from anggaran.models import Kegiatan, Program, SubKegiatan
from capaian.models import AnalisisIndikator, NilaiVariabel, RealisasiIndikator, TabelPendukung
from inti.akses import peran_pengguna
from inti.models import OPD, TahunOPD
from inti.periode import TRIBULAN
from inti.tampilan import format_angka
from inti.tulis import PANJANG_ALASAN, pastikan_boleh_ubah, simpan, validasi_periode, validasi_teks
from lkjip.laporan.models import Laporan
from perjanjian.models import BarisPK, PerjanjianKinerja, RencanaAksi
from renstra.models import Indikator, Renstra, TargetIndikator, VariabelFormula

PESAN_403 = "Hanya admin Pemda yang dapat memulai tahun baru OPD."
LEVEL_RENSTRA = (Indikator.Level.TUJUAN, Indikator.Level.SASARAN)


def alasan_bawaan(dari: int, ke: int) -> str:
    return f"Mulai tahun {ke} dari tahun {dari}"


@dataclass(frozen=True)
class BarisDilewati:
    """A row of the source PK that the new year's draft leaves out, and why."""

    kode: str
    nama: str
    alasan: str


@dataclass(frozen=True)
class BarisPKBaru:
    """A row of the new draft PK: the indicator, its sasaran as the PK prints it, and its Renstra target."""

    urutan: int
    indikator: Indikator
    sasaran_id: int | None
    sasaran_uraian: str
    target: Decimal
    satuan: str

    @property
    def target_teks(self) -> str:
        return format_angka(self.target, self.indikator.desimal)


@dataclass(frozen=True)
class ProgramSalin:
    """A program of `dari` to copy, the sasaran its copy will support (None: none) and its lines."""

    program: Program
    sasaran_id: int | None
    kegiatan: list[Kegiatan]  # each with `sub_kegiatan_set` prefetched

    @property
    def jumlah_sub_kegiatan(self) -> int:
        return sum(len(k.sub_kegiatan_set.all()) for k in self.kegiatan)


@dataclass(frozen=True)
class RencanaSalinTahun:
    """What `salin_tahun` will create: read from the database, nothing written."""

    opd: OPD
    dari: int
    ke: int
    program: list[ProgramSalin]
    indikator: dict[tuple[str, int], list[Indikator]]  # (level, id of the `dari` line) -> its indicators
    pk_sumber: PerjanjianKinerja | None  # the latest PK of `dari`
    pihak: dict[str, str]  # the parties' fields of the new PK
    baris_pk: list[BarisPKBaru]
    dilewati: list[BarisDilewati]
    catatan: list[str]  # what the operator still has to do, and what was left as it was

    @property
    def jumlah_program(self) -> int:
        return len(self.program)

    @property
    def jumlah_kegiatan(self) -> int:
        return sum(len(p.kegiatan) for p in self.program)

    @property
    def jumlah_sub_kegiatan(self) -> int:
        return sum(p.jumlah_sub_kegiatan for p in self.program)

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(d) for d in self.indikator.values())

    @property
    def jumlah_variabel(self) -> int:
        return sum(len(i.variabel_set.all()) for d in self.indikator.values() for i in d)

    @property
    def jumlah_rencana_aksi(self) -> int:
        return len(self.baris_pk) * len(TRIBULAN)


@dataclass(frozen=True)
class HasilSalinTahun:
    """What `salin_tahun` created (counts of rows written), what it left out and why."""

    opd: OPD
    dari: int
    ke: int
    pk: PerjanjianKinerja
    program: int
    kegiatan: int
    sub_kegiatan: int
    indikator: int
    variabel: int
    baris_pk: int
    rencana_aksi: int
    dilewati: list[BarisDilewati] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)


# --- checks -----------------------------------------------------------------------------------------


def _pastikan_admin(user, opd: OPD) -> None:
    """The Pemda admin only. `user=None` is the server's command line, which needs no role."""
    if user is not None and not peran_pengguna(user).admin_pemda(opd.pemda_id):
        raise PermissionDenied(PESAN_403)


def _validasi_tahun(dari, ke) -> None:
    validasi_periode(dari)
    validasi_periode(ke)
    if ke <= dari:
        raise ValidationError(f"Tahun baru ({ke}) harus setelah tahun asal ({dari}).", code="tahun_urut")


def data_tahun(opd: OPD, tahun: int) -> list[str]:
    """What the OPD already holds for `tahun` (empty: nothing), named for a message."""
    indikator = Q(indikator__opd=opd, tahun=tahun)
    ada = {
        "program DPA": Program.objects.filter(opd=opd, tahun=tahun),
        "Perjanjian Kinerja": PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun),
        "realisasi indikator": RealisasiIndikator.objects.filter(indikator),
        "nilai variabel formula": NilaiVariabel.objects.filter(variabel__indikator__opd=opd, tahun=tahun),
        "tabel pendukung": TabelPendukung.objects.filter(opd=opd, tahun=tahun),
        "analisis capaian": AnalisisIndikator.objects.filter(indikator),
        "LKjIP": Laporan.objects.filter(opd=opd, tahun=tahun),
    }
    return [nama for nama, qs in ada.items() if qs.exists()]


def _pastikan_tahun_kosong(opd: OPD, dari: int, ke: int) -> None:
    ada = data_tahun(opd, ke)
    if ada:
        raise ValidationError(
            f"{opd.nama} sudah memiliki data tahun {ke} ({', '.join(ada)}). Tahun yang sudah berisi data "
            f"tidak disalin ulang dari tahun {dari}; ubah datanya lewat layar perencanaan.",
            code="tahun_sudah_ada",
        )


# --- the plan ---------------------------------------------------------------------------------------


def _rantai(indikator_atau_sasaran) -> list[tuple[str, object]]:
    """The Renstra parents an indicator or a sasaran is in force through, nearest first."""
    obj = indikator_atau_sasaran
    if isinstance(obj, Indikator):
        obj = obj.sasaran if obj.level == Indikator.Level.SASARAN else obj.tujuan
    if hasattr(obj, "tujuan"):
        return [("Sasaran", obj), ("Tujuan", obj.tujuan)]
    return [("Tujuan", obj)]


def _tidak_berlaku(indikator_atau_sasaran, tahun: int, direvisi: set[int]) -> str | None:
    """Why a Renstra indicator (or a sasaran) is not in force in `tahun`; None when it is."""
    rantai = _rantai(indikator_atau_sasaran)
    renstra = rantai[-1][1].renstra
    if not renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
        return f"Renstra {renstra.tahun_awal}-{renstra.tahun_akhir} tidak mencakup tahun {tahun}"
    if renstra.pk in direvisi:
        return f"Renstra {renstra.tahun_awal}-{renstra.tahun_akhir} sudah direvisi"
    for nama, induk in rantai:
        if not induk.berlaku_pada(tahun):
            awal = induk.tahun_mulai or renstra.tahun_awal
            akhir = induk.tahun_selesai or renstra.tahun_akhir
            rentang = str(awal) if awal == akhir else f"{awal}-{akhir}"
            return f"{nama} {induk.kode} hanya berlaku {rentang}"
    return None


def _sama_nama(a: str, b: str) -> bool:
    def rapi(teks):
        return re.sub(r"[^0-9a-z]", "", teks.lower())

    return rapi(a) == rapi(b)


def _pihak(opd: OPD, sumber: PerjanjianKinerja | None, catatan: list[str]) -> dict[str, str]:
    if sumber is None:
        catatan.append(
            "Tahun asal tidak memiliki PK: para pihak diambil dari data OPD (kepala dan atasan langsung)."
        )
        return {
            "pihak_pertama_nama": opd.kepala_nama,
            "pihak_pertama_jabatan": opd.kepala_jabatan,
            "pihak_pertama_nip": opd.kepala_nip,
            "pihak_pertama_pangkat": opd.kepala_pangkat,
            "pihak_kedua_nama": opd.atasan_nama,
            "pihak_kedua_jabatan": opd.atasan_jabatan,
            "tempat": "",
        }
    pihak = {
        f: getattr(sumber, f)
        for f in (
            "pihak_pertama_nama",
            "pihak_pertama_jabatan",
            "pihak_pertama_nip",
            "pihak_pertama_pangkat",
            "pihak_kedua_nama",
            "pihak_kedua_jabatan",
            "tempat",
        )
    }
    if opd.kepala_nama and not _sama_nama(sumber.pihak_pertama_nama, opd.kepala_nama):
        catatan.append(
            f"Pihak pertama disalin dari {sumber.judul} {sumber.tahun} («{sumber.pihak_pertama_nama}»), "
            f"berbeda dengan kepala di data OPD («{opd.kepala_nama}»): periksa sebelum PK disetujui."
        )
    return pihak


def _rencana(opd: OPD, dari: int, ke: int) -> RencanaSalinTahun:
    catatan: list[str] = []
    direvisi = set(Renstra.objects.filter(opd=opd, revisi_set__isnull=False).values_list("pk", flat=True))
    berlaku_terkait = ("sasaran__tujuan__renstra", "tujuan__renstra")

    # Budget tree of `dari`, every level in its display order: three queries.
    programs = list(
        Program.objects.filter(opd=opd, tahun=dari)
        .select_related("sasaran__tujuan__renstra")
        .prefetch_related(
            Prefetch(
                "kegiatan_set",
                queryset=Kegiatan.objects.order_by("urutan", "kode").prefetch_related(
                    Prefetch("sub_kegiatan_set", queryset=SubKegiatan.objects.order_by("urutan", "kode"))
                ),
            )
        )
        .order_by("urutan", "kode")
    )
    if not programs:
        raise ValidationError(
            f"{opd.nama} belum memiliki program anggaran tahun {dari}; tidak ada yang dapat disalin.",
            code="tahun_asal_kosong",
        )
    salin_program = []
    for p in programs:
        sasaran_id = p.sasaran_id
        if p.sasaran_id and (tidak := _tidak_berlaku(p.sasaran, ke, direvisi)) is not None:
            sasaran_id = None
            catatan.append(
                f"Program {p.kode} mendukung sasaran {p.sasaran.kode}, yang tidak berlaku pada tahun {ke} "
                f"({tidak}): program tahun baru belum dihubungkan ke sasaran; pilih sasarannya di layar DPA."
            )
        salin_program.append(ProgramSalin(p, sasaran_id, list(p.kegiatan_set.all())))

    # The indicators of those lines, with their formula variables: two queries.
    lini = Q(program__opd=opd, program__tahun=dari) | Q(kegiatan__program__opd=opd, kegiatan__program__tahun=dari)
    lini |= Q(sub_kegiatan__kegiatan__program__opd=opd, sub_kegiatan__kegiatan__program__tahun=dari)
    indikator: dict[tuple[str, int], list[Indikator]] = defaultdict(list)
    for ind in (
        Indikator.objects.filter(lini)
        .prefetch_related(Prefetch("variabel_set", queryset=VariabelFormula.objects.order_by("urutan", "nama")))
        .order_by("urutan", "kode", "pk")
    ):
        indikator[(ind.level, getattr(ind, f"{ind.level}_id"))].append(ind)

    # The draft PK: the latest PK of `dari`, its rows still in force in `ke`, with the Renstra targets of `ke`.
    sumber = PerjanjianKinerja.objects.filter(opd=opd, tahun=dari).order_by("-revisi").first()
    baris_sumber = (
        list(
            sumber.baris_set.select_related(*(f"indikator__{t}" for t in berlaku_terkait)).order_by(
                "urutan", "pk"
            )
        )
        if sumber
        else []
    )
    target = dict(
        TargetIndikator.objects.filter(
            indikator__in=[b.indikator_id for b in baris_sumber],
            tahun=ke,
            dokumen=TargetIndikator.Dokumen.RENSTRA,
        ).values_list("indikator_id", "nilai")
    )
    baris_pk, dilewati = [], []
    for b in baris_sumber:
        ind = b.indikator
        if ind.level not in LEVEL_RENSTRA:
            alasan = (
                f"indikator {ind.get_level_display().lower()}: targetnya dari DPA, bukan Renstra; "
                "tambahkan di layar PK bila tetap diperjanjikan"
            )
        elif (tidak := _tidak_berlaku(ind, ke, direvisi)) is not None:
            alasan = tidak
        elif ind.pk not in target:
            alasan = f"belum ada target Renstra tahun {ke}"
        else:
            alasan = None
        if alasan:
            dilewati.append(BarisDilewati(ind.kode, ind.nama, alasan))
            continue
        baris_pk.append(
            BarisPKBaru(
                urutan=len(baris_pk) + 1,
                indikator=ind,
                sasaran_id=b.sasaran_id,
                sasaran_uraian=b.sasaran_uraian,
                target=target[ind.pk],
                satuan=ind.satuan or b.satuan,
            )
        )
    if sumber is None:
        catatan.append(f"Tahun {dari} tidak memiliki PK: PK {ke} dibuat tanpa baris; tambahkan di layar PK.")
    pihak = _pihak(opd, sumber, catatan)
    catatan += [
        "Pagu (DPA dan DPA Perubahan) dan realisasi anggaran tidak disalin: isi pagu tahun baru di layar DPA.",
        "Anggaran program pada PK dibiarkan kosong: isi di layar PK setelah pagu DPA ditetapkan.",
        f"Target indikator program, kegiatan dan sub kegiatan tahun {ke} belum diisi: isi dari DPA tahun {ke}.",
        "Target Rencana Aksi Tribulan I-IV dibiarkan kosong untuk diisi operator.",
    ]
    return RencanaSalinTahun(
        opd=opd,
        dari=dari,
        ke=ke,
        program=salin_program,
        indikator=dict(indikator),
        pk_sumber=sumber,
        pihak=pihak,
        baris_pk=baris_pk,
        dilewati=dilewati,
        catatan=catatan,
    )


def salin_tahun_rencana(*, user, opd: OPD, dari: int, ke: int) -> RencanaSalinTahun:
    """What `salin_tahun` would create, for the confirmation page. Writes nothing.

    Same checks as `salin_tahun`: PermissionDenied for anyone but the Pemda admin, ValidationError (in
    Indonesian) for bad years, an empty `dari` or a `ke` that already holds data.
    """
    _pastikan_admin(user, opd)
    _validasi_tahun(dari, ke)
    _pastikan_tahun_kosong(opd, dari, ke)
    return _rencana(opd, dari, ke)


# --- the write --------------------------------------------------------------------------------------


def _salinan(obj: Model, user, alasan: str, **ganti) -> Model:
    """Save a copy of `obj` (every stored field but its key), with the fields in `ganti` (by attname)."""
    nilai = {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields if not f.primary_key}
    nilai.update(ganti)
    baru = type(obj)(**nilai)
    simpan(baru, user, alasan)
    return baru


def salin_tahun(*, user, opd: OPD, dari: int, ke: int, alasan: str) -> HasilSalinTahun:
    """Create year `ke` of the OPD from year `dari` (see the module docstring), in one transaction.

    Every row is written with its history naming `user` and `alasan`. `user=None` is the server's command
    line (`manage.py salin_tahun`); anyone else must be the Pemda admin (PermissionDenied). Bad years, an
    empty `dari` or a `ke` that already holds data raise ValidationError in Indonesian, and nothing is
    written; so a second run is refused and changes nothing.
    """
    _pastikan_admin(user, opd)
    _validasi_tahun(dari, ke)
    alasan = validasi_teks(alasan, label="Alasan", max_length=PANJANG_ALASAN, wajib=True)
    try:
        with transaction.atomic():
            return _salin(user=user, opd=opd, dari=dari, ke=ke, alasan=alasan)
    except IntegrityError:
        # Another run of the same year got in first (its rows hit the unique constraints): refuse as the
        # second run always is.
        _pastikan_tahun_kosong(opd, dari, ke)
        raise


def _salin(*, user, opd: OPD, dari: int, ke: int, alasan: str) -> HasilSalinTahun:
    if not TahunOPD.objects.filter(opd=opd, tahun=ke).exists():
        simpan(TahunOPD(opd=opd, tahun=ke), user, alasan)
    # Locks the year's row: two runs at once are ordered, and the second finds the first's data.
    pastikan_boleh_ubah(user, opd_id=opd.pk, pemda_id=opd.pemda_id, tahun=ke)
    _pastikan_tahun_kosong(opd, dari, ke)
    rencana = _rencana(opd, dari, ke)
    jumlah = defaultdict(int)

    def salin_indikator(level: str, lama_id: int, baru_id: int) -> None:
        for ind in rencana.indikator.get((level, lama_id), ()):
            baru = _salinan(ind, user, alasan, **{f"{level}_id": baru_id})
            jumlah["indikator"] += 1
            for v in ind.variabel_set.all():
                _salinan(v, user, alasan, indikator_id=baru.pk)
                jumlah["variabel"] += 1

    for ps in rencana.program:
        program = _salinan(ps.program, user, alasan, tahun=ke, sasaran_id=ps.sasaran_id)
        jumlah["program"] += 1
        salin_indikator("program", ps.program.pk, program.pk)
        for k in ps.kegiatan:
            kegiatan = _salinan(k, user, alasan, program_id=program.pk)
            jumlah["kegiatan"] += 1
            salin_indikator("kegiatan", k.pk, kegiatan.pk)
            for s in k.sub_kegiatan_set.all():
                sub = _salinan(s, user, alasan, kegiatan_id=kegiatan.pk)
                jumlah["sub_kegiatan"] += 1
                salin_indikator("sub_kegiatan", s.pk, sub.pk)

    pk = PerjanjianKinerja(
        opd=opd,
        tahun=ke,
        revisi=0,
        dokumen_anggaran=PerjanjianKinerja.DokumenAnggaran.DPA,
        status=PerjanjianKinerja.Status.DRAF,
        **rencana.pihak,
    )
    simpan(pk, user, alasan)
    for b in rencana.baris_pk:
        baris = BarisPK(
            pk_dokumen=pk,
            urutan=b.urutan,
            sasaran_id=b.sasaran_id,
            sasaran_uraian=b.sasaran_uraian,
            indikator=b.indikator,
            target=b.target,
            satuan=b.satuan,
        )
        simpan(baris, user, alasan)
        jumlah["baris_pk"] += 1
        for tw in TRIBULAN:
            simpan(RencanaAksi(baris_pk=baris, tribulan=tw, target=None), user, alasan)
            jumlah["rencana_aksi"] += 1

    return HasilSalinTahun(
        opd=opd,
        dari=dari,
        ke=ke,
        pk=pk,
        program=jumlah["program"],
        kegiatan=jumlah["kegiatan"],
        sub_kegiatan=jumlah["sub_kegiatan"],
        indikator=jumlah["indikator"],
        variabel=jumlah["variabel"],
        baris_pk=jumlah["baris_pk"],
        rencana_aksi=jumlah["rencana_aksi"],
        dilewati=rencana.dilewati,
        catatan=rencana.catatan,
    )

"""Writes of the Renstra and the indicator definitions, through the shared write helpers (`inti.tulis`).

Every function here checks that the user may write the OPD (`inti.akses`: another OPD answers 404, a
read-only role 403), validates its input (`ValidationError` in Indonesian, keyed by field where one field
is at fault; nothing written), runs in one transaction and writes with `simpan`/`hapus`, so each history
row names the acting user and a reason.

Renstra data is not tied to a Tribulan. Two freezes apply:

- a target of a year whose LKjIP is submitted cannot change (`pastikan_boleh_ubah`, admin excepted), and an
  indicator of a DPA line belongs to the line's year, so the same holds for its definition;
- once a year's PK is approved its indicator definitions are fixed (`DefinisiIndikatorTahun`, written by
  `definisi_bekukan` in the approval's transaction). A later change of the indicator applies from the next
  year; the fixed rows are never touched here.

`definisi_bekukan` fixes the definitions of a year's indicators when that year's PK is approved
(`perjanjian.services` calls it in the approval's transaction).

A revision of a Renstra (`renstra_revisi_buat`) is a new Renstra for the years from which it applies,
with copies of the tujuan and sasaran still in force then. The indicators chosen to carry on are moved to
the copies: they stay the same indicators (code, targets, realisasi, PK rows and fixed definitions go
with them), since an indicator code is unique in the OPD. Indicators not carried stay with the revised
Renstra, which still holds the years before the revision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from inti.akses import pastikan_akses_opd
from inti.models import OPD
from inti.periode import NILAI_DIGITS, TAHUN_MAKS, TAHUN_MIN, tahun_sah
from inti.tampilan import tampil_nilai
from inti.tulis import (
    hapus,
    pastikan_boleh_ubah,
    simpan,
    tahun_dibekukan,
    validasi_desimal,
    validasi_teks,
)
from renstra.formula import FormulaError, validasi_rumus
from renstra.models import (
    FIELD_DEFINISI,
    DefinisiIndikatorTahun,
    Indikator,
    Renstra,
    Sasaran,
    TargetIndikator,
    Tujuan,
    VariabelFormula,
    nama_variabel_validator,
)

PANJANG_PERIODE_MAKS = 10  # a Renstra is five years; a longer plan is a typing mistake


def definisi_bekukan(*, user, tahun: int, indikator: Iterable[Indikator], alasan: str) -> int:
    """Record the current definition of each indicator for `tahun`, unless that year already has one.

    Idempotent: an indicator whose definition of that year is already fixed keeps it. Returns how many
    definitions were fixed now.
    """
    daftar = list(indikator)
    with transaction.atomic():
        sudah = set(
            DefinisiIndikatorTahun.objects.filter(indikator__in=daftar, tahun=tahun).values_list(
                "indikator_id", flat=True
            )
        )
        baru = 0
        for ind in daftar:
            if ind.pk in sudah:
                continue
            definisi = DefinisiIndikatorTahun(
                indikator=ind,
                tahun=tahun,
                variabel=[
                    {"nama": v.nama, "label": v.label, "satuan": v.satuan}
                    for v in ind.variabel_set.order_by("urutan", "nama")
                ],
                **{f: getattr(ind, f) for f in FIELD_DEFINISI},
            )
            simpan(definisi, user, alasan)
            baru += 1
    return baru


# --- shared helpers ----------------------------------------------------------------------------------------


def _alasan(alasan: str | None, bawaan: str) -> str:
    alasan = (alasan or "").strip()
    return f"{alasan} ({bawaan})" if alasan and bawaan else (alasan or bawaan)


def _berubah(obj, nilai: Mapping[str, object]) -> list[str]:
    """Set `nilai` on `obj`; the verbose names of the fields whose value changed."""
    label = []
    for nama, baru in nilai.items():
        if getattr(obj, nama) != baru:
            setattr(obj, nama, baru)
            label.append(str(obj._meta.get_field(nama).verbose_name))
    return label


def _pesan_ubah(subjek: str, label: list[str]) -> str:
    return f"{subjek} diubah: {', '.join(label)}" if label else f"{subjek} disimpan tanpa perubahan"


def _tahun(nilai, *, label: str, wajib: bool) -> int | None:
    if nilai is None:
        if wajib:
            raise ValidationError(f"{label} wajib diisi.", code="wajib")
        return None
    if not tahun_sah(nilai):
        raise ValidationError(f"{label} harus antara {TAHUN_MIN} dan {TAHUN_MAKS}.", code="tahun")
    return nilai


def _kumpulkan(galat: dict, nama: str, fungsi):
    """Run a validation; its error goes under `nama` in `galat`, the value comes back (None on error)."""
    try:
        return fungsi()
    except ValidationError as e:
        galat.setdefault(nama, []).extend(e.messages)
        return None


def _dipakai(obj, kecuali: Iterable[str] = ()) -> list[str]:
    """What still points at `obj` (other than the relations in `kecuali`), as "3 realisasi indikator".

    Read from the model's reverse relations, so data of the upper layers (PK rows, realisasi, programs)
    is found without importing them.
    """
    lewati = set(kecuali)
    hasil = []
    for rel in obj._meta.related_objects:
        nama = rel.get_accessor_name()
        if nama in lewati or rel.one_to_one:
            continue
        jumlah = getattr(obj, nama).count()
        if jumlah:
            hasil.append(f"{jumlah} {rel.related_model._meta.verbose_name}")
    return hasil


def _tolak_hapus(subjek: str, dipakai: list[str], saran: str) -> None:
    if dipakai:
        raise ValidationError(
            f"{subjek} tidak dapat dihapus: masih dipakai oleh {', '.join(dipakai)}. {saran}",
            code="masih_dipakai",
        )


def _pemda_id(opd_id: int) -> int:
    return OPD.objects.values_list("pemda_id", flat=True).get(pk=opd_id)


# --- Renstra ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataRenstra:
    nama: str
    tahun_awal: int | None
    tahun_akhir: int | None
    visi: str = ""
    misi: str = ""
    dasar_hukum: str = ""


def _validasi_renstra(data: DataRenstra) -> dict:
    galat: dict = {}
    bersih = {
        "nama": _kumpulkan(galat, "nama", lambda: validasi_teks(data.nama, label="Nama", max_length=200, wajib=True)),
        "tahun_awal": _kumpulkan(galat, "tahun_awal", lambda: _tahun(data.tahun_awal, label="Tahun awal", wajib=True)),
        "tahun_akhir": _kumpulkan(
            galat, "tahun_akhir", lambda: _tahun(data.tahun_akhir, label="Tahun akhir", wajib=True)
        ),
        "visi": _kumpulkan(galat, "visi", lambda: validasi_teks(data.visi, label="Visi", max_length=2000)),
        "misi": _kumpulkan(galat, "misi", lambda: validasi_teks(data.misi, label="Misi", max_length=5000)),
        "dasar_hukum": _kumpulkan(
            galat, "dasar_hukum", lambda: validasi_teks(data.dasar_hukum, label="Dasar hukum", max_length=300)
        ),
    }
    awal, akhir = bersih["tahun_awal"], bersih["tahun_akhir"]
    if awal and akhir:
        if akhir <= awal:
            galat.setdefault("tahun_akhir", []).append("Tahun akhir Renstra harus setelah tahun awal.")
        elif akhir - awal > PANJANG_PERIODE_MAKS:
            galat.setdefault("tahun_akhir", []).append(
                f"Periode Renstra paling lama {PANJANG_PERIODE_MAKS} tahun; periksa tahun yang diketik."
            )
    if galat:
        raise ValidationError(galat)
    return bersih


def renstra_simpan(*, user, opd, data: DataRenstra, renstra: Renstra | None = None, alasan: str | None = None) -> Renstra:
    """Create a Renstra of `opd` (renstra=None) or change one: name, period, visi, misi, legal basis.

    A period that would leave a tujuan or sasaran's years in force outside it is refused.
    """
    if renstra is not None and renstra.opd_id != opd.pk:
        raise ValidationError("Renstra ini bukan milik OPD tersebut.")
    pastikan_akses_opd(user, opd, tulis=True)
    bersih = _validasi_renstra(data)
    with transaction.atomic():
        if renstra is None:
            obj = Renstra(opd=opd, revisi_ke=0, **bersih)
            pesan = f"Renstra {bersih['tahun_awal']}-{bersih['tahun_akhir']} dibuat"
        else:
            obj = Renstra.objects.select_for_update().get(pk=renstra.pk)
            pesan = _pesan_ubah("Renstra", _berubah(obj, bersih))
            _periksa_periode_isi(obj)
        ada = Renstra.objects.filter(
            opd=opd, tahun_awal=obj.tahun_awal, tahun_akhir=obj.tahun_akhir, revisi_ke=obj.revisi_ke
        ).exclude(pk=obj.pk)
        if ada.exists():
            raise ValidationError(
                {"tahun_awal": "Renstra untuk OPD, periode dan revisi ini sudah ada."}, code="unik"
            )
        simpan(obj, user, _alasan(alasan, pesan))
    return obj


def _periksa_periode_isi(renstra: Renstra) -> None:
    for t in renstra.tujuan_set.all():
        for obj in (t, *t.sasaran_set.all()):
            for tahun in (obj.tahun_mulai, obj.tahun_selesai):
                if tahun is not None and not renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
                    raise ValidationError(
                        {"tahun_awal": f"{obj._meta.verbose_name.capitalize()} {obj.kode} berlaku tahun {tahun}, "
                         "di luar periode baru; ubah dulu tahun berlakunya."},
                        code="periode",
                    )


def renstra_revisi_buat(
    *,
    user,
    renstra: Renstra,
    nama: str,
    tahun_awal: int | None,
    dasar_hukum: str = "",
    indikator_dibawa: Iterable[int] | None = None,
    alasan: str | None = None,
) -> Renstra:
    """A revision of `renstra` that applies from `tahun_awal` to the end of its period (see module doc).

    `indikator_dibawa`: ids of the tujuan/sasaran indicators that carry on (None: every indicator of a
    tujuan or sasaran still in force). Refused when `renstra` already has a revision (revise the latest),
    and, for anyone but the admin, when a year of the revision is frozen.
    """
    pastikan_akses_opd(user, renstra.opd_id, tulis=True)
    galat: dict = {}
    nama = _kumpulkan(galat, "nama", lambda: validasi_teks(nama, label="Nama", max_length=200, wajib=True))
    dasar_hukum = _kumpulkan(
        galat, "dasar_hukum", lambda: validasi_teks(dasar_hukum, label="Dasar hukum", max_length=300)
    )
    tahun_awal = _kumpulkan(galat, "tahun_awal", lambda: _tahun(tahun_awal, label="Berlaku mulai tahun", wajib=True))
    if tahun_awal and not renstra.tahun_awal <= tahun_awal <= renstra.tahun_akhir - 1:
        galat.setdefault("tahun_awal", []).append(
            f"Revisi harus mulai berlaku antara tahun {renstra.tahun_awal} dan {renstra.tahun_akhir - 1}."
        )
    if galat:
        raise ValidationError(galat)
    pemda_id = _pemda_id(renstra.opd_id)
    with transaction.atomic():
        asal = Renstra.objects.select_for_update().get(pk=renstra.pk)
        if asal.revisi_set.exists():
            raise ValidationError(
                "Renstra ini sudah direvisi; buat revisi dari revisi terakhirnya.", code="sudah_direvisi"
            )
        for tahun in range(tahun_awal, asal.tahun_akhir + 1):
            if tahun_dibekukan(asal.opd_id, tahun):
                pastikan_boleh_ubah(user, opd_id=asal.opd_id, pemda_id=pemda_id, tahun=tahun)
        baru = Renstra(
            opd_id=asal.opd_id,
            nama=nama,
            tahun_awal=tahun_awal,
            tahun_akhir=asal.tahun_akhir,
            revisi_ke=asal.revisi_ke + 1,
            revisi_dari=asal,
            dasar_hukum=dasar_hukum or asal.dasar_hukum,
            visi=asal.visi,
            misi=asal.misi,
        )
        if Renstra.objects.filter(
            opd_id=asal.opd_id, tahun_awal=baru.tahun_awal, tahun_akhir=baru.tahun_akhir, revisi_ke=baru.revisi_ke
        ).exists():
            raise ValidationError({"tahun_awal": "Renstra untuk OPD, periode dan revisi ini sudah ada."})
        judul = f"Revisi {baru.revisi_ke} dari Renstra {asal.tahun_awal}-{asal.tahun_akhir}"
        simpan(baru, user, _alasan(alasan, f"{judul} dibuat, berlaku mulai {tahun_awal}"))
        dibawa = None if indikator_dibawa is None else set(indikator_dibawa)

        def pindahkan(indikator_qs, **induk):
            for ind in indikator_qs:
                if dibawa is None or ind.pk in dibawa:
                    for nama_induk, obj in induk.items():
                        setattr(ind, nama_induk, obj)
                    simpan(ind, user, f"Dibawa ke {judul.lower()}")

        berlaku = _berlaku_sejak(tahun_awal)
        for t in asal.tujuan_set.filter(berlaku):
            t_baru = Tujuan(
                renstra=baru, kode=t.kode, nama=t.nama, urutan=t.urutan, keterangan=t.keterangan,
                tahun_mulai=max(t.tahun_mulai, tahun_awal) if t.tahun_mulai else None, tahun_selesai=t.tahun_selesai,
            )
            simpan(t_baru, user, f"Disalin ke {judul.lower()}")
            pindahkan(t.indikator_set.all(), tujuan=t_baru)
            for s in t.sasaran_set.filter(berlaku):
                s_baru = Sasaran(
                    tujuan=t_baru, kode=s.kode, nama=s.nama, urutan=s.urutan,
                    tahun_mulai=max(s.tahun_mulai, tahun_awal) if s.tahun_mulai else None,
                    tahun_selesai=s.tahun_selesai,
                )
                simpan(s_baru, user, f"Disalin ke {judul.lower()}")
                pindahkan(s.indikator_set.all(), sasaran=s_baru)
                # The budget years the revision holds support the copy (Tabel 3.8 and 3.11).
                for program in s.program_set.filter(tahun__gte=tahun_awal):
                    program.sasaran = s_baru
                    simpan(program, user, f"Sasaran diganti ke {judul.lower()}")
    return baru


def _berlaku_sejak(tahun: int) -> Q:
    return Q(tahun_selesai__isnull=True) | Q(tahun_selesai__gte=tahun)


# --- tujuan and sasaran ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataTujuanSasaran:
    kode: str
    nama: str
    urutan: int | None = 0
    tahun_mulai: int | None = None
    tahun_selesai: int | None = None
    keterangan: str = ""


def _validasi_bagian(data: DataTujuanSasaran, *, awal: int, akhir: int, subjek: str, keterangan: bool) -> dict:
    galat: dict = {}
    bersih = {
        "kode": _kumpulkan(galat, "kode", lambda: validasi_teks(data.kode, label="Kode", max_length=20, wajib=True)),
        "nama": _kumpulkan(galat, "nama", lambda: validasi_teks(data.nama, label="Nama", max_length=400, wajib=True)),
        "urutan": data.urutan or 0,
        "tahun_mulai": _kumpulkan(
            galat, "tahun_mulai", lambda: _tahun(data.tahun_mulai, label="Berlaku mulai tahun", wajib=False)
        ),
        "tahun_selesai": _kumpulkan(
            galat, "tahun_selesai", lambda: _tahun(data.tahun_selesai, label="Berlaku sampai tahun", wajib=False)
        ),
    }
    if keterangan:
        bersih["keterangan"] = _kumpulkan(
            galat, "keterangan", lambda: validasi_teks(data.keterangan, label="Keterangan", max_length=300)
        )
    if not 0 <= bersih["urutan"] <= 32767:
        galat.setdefault("urutan", []).append("Urutan harus bilangan 0 sampai 32767.")
    for nama in ("tahun_mulai", "tahun_selesai"):
        tahun = bersih[nama]
        if tahun is not None and not awal <= tahun <= akhir:
            galat.setdefault(nama, []).append(f"Tahun berlaku {subjek} harus di antara {awal} dan {akhir}.")
    if bersih["tahun_mulai"] and bersih["tahun_selesai"] and bersih["tahun_selesai"] < bersih["tahun_mulai"]:
        galat.setdefault("tahun_selesai", []).append("Tahun selesai tidak boleh sebelum tahun mulai.")
    if galat:
        raise ValidationError(galat)
    return bersih


def tujuan_simpan(
    *, user, renstra: Renstra, data: DataTujuanSasaran, tujuan: Tujuan | None = None, alasan: str | None = None
) -> Tujuan:
    """Create a tujuan of `renstra` (tujuan=None) or change one; its years in force lie in the period."""
    pastikan_akses_opd(user, renstra.opd_id, tulis=True)
    if tujuan is not None and tujuan.renstra_id != renstra.pk:
        raise ValidationError("Tujuan ini bukan bagian dari Renstra tersebut.")
    bersih = _validasi_bagian(
        data, awal=renstra.tahun_awal, akhir=renstra.tahun_akhir, subjek="tujuan", keterangan=True
    )
    with transaction.atomic():
        if tujuan is None:
            obj = Tujuan(renstra=renstra, **bersih)
            pesan = f"Tujuan {bersih['kode']} dibuat"
        else:
            obj = Tujuan.objects.select_for_update().get(pk=tujuan.pk)
            pesan = _pesan_ubah(f"Tujuan {obj.kode}", _berubah(obj, bersih))
            for s in obj.sasaran_set.all():
                _periksa_dalam(s, obj.tahun_mulai or renstra.tahun_awal, obj.tahun_selesai or renstra.tahun_akhir)
        if Tujuan.objects.filter(renstra=renstra, kode=obj.kode).exclude(pk=obj.pk).exists():
            raise ValidationError({"kode": "Kode tujuan sudah dipakai di Renstra ini."}, code="unik")
        simpan(obj, user, _alasan(alasan, pesan))
    return obj


def _periksa_dalam(sasaran: Sasaran, awal: int, akhir: int) -> None:
    for tahun in (sasaran.tahun_mulai, sasaran.tahun_selesai):
        if tahun is not None and not awal <= tahun <= akhir:
            raise ValidationError(
                {"tahun_mulai": f"Sasaran {sasaran.kode} berlaku tahun {tahun}, di luar tahun berlaku tujuan ini."},
                code="periode",
            )


def tujuan_hapus(*, user, tujuan: Tujuan, alasan: str | None = None) -> None:
    """Delete an empty tujuan; one that still has sasaran or indicators is refused."""
    pastikan_akses_opd(user, tujuan.renstra.opd_id, tulis=True)
    with transaction.atomic():
        obj = Tujuan.objects.select_for_update().get(pk=tujuan.pk)
        _tolak_hapus(f"Tujuan {obj.kode}", _dipakai(obj), "Hapus atau pindahkan sasaran dan indikatornya lebih dulu.")
        hapus(obj, user, _alasan(alasan, f"Tujuan {obj.kode} dihapus"))


def sasaran_simpan(
    *, user, tujuan: Tujuan, data: DataTujuanSasaran, sasaran: Sasaran | None = None, alasan: str | None = None
) -> Sasaran:
    """Create a sasaran under `tujuan` (sasaran=None) or change one; its years lie in the tujuan's."""
    renstra = tujuan.renstra
    pastikan_akses_opd(user, renstra.opd_id, tulis=True)
    if sasaran is not None and sasaran.tujuan_id != tujuan.pk:
        raise ValidationError("Sasaran ini bukan bagian dari tujuan tersebut.")
    bersih = _validasi_bagian(
        data,
        awal=tujuan.tahun_mulai or renstra.tahun_awal,
        akhir=tujuan.tahun_selesai or renstra.tahun_akhir,
        subjek="sasaran (mengikuti tujuannya)",
        keterangan=False,
    )
    with transaction.atomic():
        if sasaran is None:
            obj = Sasaran(tujuan=tujuan, **bersih)
            pesan = f"Sasaran {bersih['kode']} dibuat"
        else:
            obj = Sasaran.objects.select_for_update().get(pk=sasaran.pk)
            pesan = _pesan_ubah(f"Sasaran {obj.kode}", _berubah(obj, bersih))
        if Sasaran.objects.filter(tujuan=tujuan, kode=obj.kode).exclude(pk=obj.pk).exists():
            raise ValidationError({"kode": "Kode sasaran sudah dipakai di tujuan ini."}, code="unik")
        simpan(obj, user, _alasan(alasan, pesan))
    return obj


def sasaran_hapus(*, user, sasaran: Sasaran, alasan: str | None = None) -> None:
    """Delete a sasaran nothing depends on (indicators, supporting programs, PK rows)."""
    pastikan_akses_opd(user, sasaran.tujuan.renstra.opd_id, tulis=True)
    with transaction.atomic():
        obj = Sasaran.objects.select_for_update().get(pk=sasaran.pk)
        _tolak_hapus(
            f"Sasaran {obj.kode}", _dipakai(obj), "Hapus atau pindahkan indikatornya dan ubah program pendukungnya lebih dulu."
        )
        hapus(obj, user, _alasan(alasan, f"Sasaran {obj.kode} dihapus"))


# --- indicators ---------------------------------------------------------------------------------------------------


LEVEL_RENSTRA = (Indikator.Level.TUJUAN, Indikator.Level.SASARAN)


@dataclass(frozen=True)
class DataVariabel:
    """A formula input as the form gives it: `pk` of a stored one (None: new); `hapus` to delete it."""

    nama: str
    label: str
    satuan: str = ""
    urutan: int = 0
    pk: int | None = None
    hapus: bool = False


@dataclass(frozen=True)
class DataIndikator:
    """An indicator's definition as the user states it. `aturan_negatif` None: not given (required only for
    a negative indicator); `agregasi` and `polaritas` None: not chosen, which is refused."""

    kode: str
    nama: str
    polaritas: str | None
    agregasi: str | None
    aturan_negatif: str | None = None
    satuan: str = ""
    desimal: int | None = 2
    iku: bool = False
    definisi_operasional: str = ""
    formula_uraian: str = ""
    rumus: str = ""
    sumber_data: str = ""
    penanggung_jawab: str = ""
    urutan: int | None = 0
    jenis_nilai: str = Indikator.JenisNilai.BEBAS

    @classmethod
    def dari(cls, indikator: Indikator) -> DataIndikator:
        return cls(**{f.name: getattr(indikator, f.name) for f in fields(cls)})


def level_induk(induk) -> str:
    """The indicator level a parent object implies (a tujuan, sasaran or a DPA line)."""
    if isinstance(induk, Tujuan):
        return Indikator.Level.TUJUAN
    if isinstance(induk, Sasaran):
        return Indikator.Level.SASARAN
    level = getattr(induk, "level", None)  # program, kegiatan, sub_kegiatan carry it as a class attribute
    if level not in Indikator.Level.values:
        raise ValueError(f"induk indikator tidak dikenal: {induk!r}")
    return level


def tahun_dpa(indikator: Indikator) -> int | None:
    """The budget year of an indicator of a DPA line (None for a Renstra indicator)."""
    induk = indikator.program or indikator.kegiatan or indikator.sub_kegiatan
    return induk.program_induk.tahun if induk is not None else None


def _validasi_indikator(data: DataIndikator) -> dict:
    galat: dict = {}

    def teks(nama, label, maks=None, wajib=False):
        return _kumpulkan(galat, nama, lambda: validasi_teks(getattr(data, nama), label=label, max_length=maks, wajib=wajib))

    bersih = {
        "kode": teks("kode", "Kode", 60, True),
        "nama": teks("nama", "Nama indikator", 400, True),
        "satuan": teks("satuan", "Satuan", 40),
        "definisi_operasional": teks("definisi_operasional", "Definisi operasional", 5000),
        "formula_uraian": teks("formula_uraian", "Formula (uraian)", 5000),
        "rumus": teks("rumus", "Rumus hitung", 500),
        "sumber_data": teks("sumber_data", "Sumber data", 300),
        "penanggung_jawab": teks("penanggung_jawab", "Penanggung jawab", 300),
        "iku": bool(data.iku),
        "urutan": data.urutan or 0,
        "desimal": data.desimal,
        "polaritas": data.polaritas,
        "agregasi": data.agregasi,
        "aturan_negatif": data.aturan_negatif or None,
        "jenis_nilai": data.jenis_nilai,
    }
    if data.jenis_nilai not in Indikator.JenisNilai.values:
        galat.setdefault("jenis_nilai", []).append("Pilih jenis nilai indikator: boleh negatif atau tidak.")
    if data.desimal is None or isinstance(data.desimal, bool) or not 0 <= data.desimal <= 6:
        galat.setdefault("desimal", []).append("Jumlah desimal harus 0 sampai 6.")
    if not 0 <= bersih["urutan"] <= 32767:
        galat.setdefault("urutan", []).append("Urutan harus bilangan 0 sampai 32767.")
    if data.polaritas not in Indikator.Polaritas.values:
        galat.setdefault("polaritas", []).append("Pilih polaritas indikator: positif atau negatif.")
    if data.agregasi not in Indikator.Agregasi.values:
        galat.setdefault("agregasi", []).append(
            "Pilih cara menghitung nilai tahunan dari nilai Tribulan (agregasi)."
        )
    if bersih["aturan_negatif"] is not None and bersih["aturan_negatif"] not in Indikator.AturanNegatif.values:
        galat.setdefault("aturan_negatif", []).append("Rumus capaian polaritas negatif tidak dikenal.")
    elif data.polaritas == Indikator.Polaritas.NEGATIF and bersih["aturan_negatif"] is None:
        galat.setdefault("aturan_negatif", []).append(
            "Indikator negatif wajib memilih rumus capaiannya: (2T − R) / T × 100 atau T / R × 100."
        )
    if galat:
        raise ValidationError(galat)
    return bersih


def _validasi_variabel(variabel: list[DataVariabel]) -> list[DataVariabel]:
    pesan, dipakai = [], set()
    hasil = []
    for v in variabel:
        if v.hapus:
            hasil.append(v)
            continue
        nama = (v.nama or "").strip()
        label = (v.label or "").strip()
        if not nama and not label and v.pk is None:
            continue  # an empty extra row of the form
        try:
            nama_variabel_validator(nama)
        except ValidationError:
            pesan.append(
                f"Nama variabel “{nama}”: hanya huruf kecil, angka dan garis bawah, tidak diawali angka "
                "(mis. produksi_n1)." if nama else "Nama variabel wajib diisi."
            )
        if len(nama) > 60:
            pesan.append(f"Nama variabel “{nama}” paling panjang 60 karakter.")
        if nama in dipakai:
            pesan.append(f"Nama variabel “{nama}” dipakai dua kali.")
        dipakai.add(nama)
        if not label:
            pesan.append(f"Uraian variabel {nama} wajib diisi.")
        elif len(label) > 300:
            pesan.append(f"Uraian variabel {nama} paling panjang 300 karakter.")
        if len(v.satuan or "") > 40:
            pesan.append(f"Satuan variabel {nama} paling panjang 40 karakter.")
        hasil.append(DataVariabel(nama, label, (v.satuan or "").strip(), v.urutan or 0, v.pk, False))
    if pesan:
        raise ValidationError({"variabel": pesan})
    return hasil


def indikator_simpan(
    *,
    user,
    data: DataIndikator,
    induk=None,
    indikator: Indikator | None = None,
    variabel: list[DataVariabel] | None = None,
    alasan: str | None = None,
) -> Indikator:
    """Create an indicator under `induk` (a tujuan, sasaran, program, kegiatan or sub kegiatan), or change
    `indikator` (and move it under `induk` when one is given), with its formula inputs.

    `variabel` None leaves the formula inputs as they are; a list is the whole new set (rows with `hapus`
    are deleted; an input that already holds monev values cannot be deleted). The formula must use only
    the inputs of the new set. Fixed definitions of earlier years (`DefinisiIndikatorTahun`) are kept: the
    change applies to the years not yet fixed. An indicator of a DPA line whose year is frozen cannot
    change (admin excepted).
    """
    if indikator is None and induk is None:
        raise ValueError("indikator baru memerlukan induk")
    bersih = _validasi_indikator(data)
    galat: dict = {}
    if variabel is not None:
        try:
            variabel = _validasi_variabel(variabel)
        except ValidationError as e:
            galat.update(e.message_dict)
    with transaction.atomic():
        if indikator is None:
            obj = Indikator()
            lama_variabel: dict[int, VariabelFormula] = {}
        else:
            obj = Indikator.objects.select_for_update().get(pk=indikator.pk)
            lama_variabel = {v.pk: v for v in obj.variabel_set.all()}
        if induk is not None:
            level = level_induk(induk)
            for nama in ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"):
                setattr(obj, nama, induk if nama == level else None)
            obj.level = level
            obj.opd_id = obj.opd_induk_id()
        pastikan_akses_opd(user, obj.opd_id, tulis=True)
        if indikator is not None:
            # Another OPD's parent: the indicator may not leave its OPD.
            pastikan_akses_opd(user, indikator.opd_id, tulis=True)
            if obj.opd_id != indikator.opd_id:
                raise ValidationError("Indikator tidak dapat dipindah ke OPD lain.")
        if bersih["aturan_negatif"] is None:
            bersih["aturan_negatif"] = obj.aturan_negatif or Indikator.AturanNegatif.DUA_T_MINUS_R
            # Stored for a positive indicator only because the column is required; never used for it.
        berubah = _berubah(obj, bersih)

        # Formula inputs: the set after this save, to check the formula against.
        nama_baru = set()
        if variabel is None:
            nama_baru = {v.nama for v in lama_variabel.values()}
        else:
            for v in variabel:
                if v.pk is not None and v.pk not in lama_variabel:
                    raise ValidationError({"variabel": ["Variabel formula tidak ditemukan pada indikator ini."]})
                if not v.hapus:
                    nama_baru.add(v.nama)
                elif v.pk is not None:
                    dipakai = _dipakai(lama_variabel[v.pk])
                    if dipakai:
                        galat.setdefault("variabel", []).append(
                            f"Variabel {lama_variabel[v.pk].nama} tidak dapat dihapus: sudah berisi "
                            f"{', '.join(dipakai)}."
                        )
        if obj.rumus:
            try:
                validasi_rumus(obj.rumus, nama_baru)
            except FormulaError as e:
                galat.setdefault("rumus", []).append(str(e))
        _periksa_kode(obj, galat)
        if galat:
            raise ValidationError(galat)

        tahun = tahun_dpa(obj)
        if tahun is not None:
            pastikan_boleh_ubah(user, opd_id=obj.opd_id, pemda_id=_pemda_id(obj.opd_id), tahun=tahun)
        if indikator is None:
            pesan = f"Indikator {obj.kode} dibuat ({obj.get_level_display().lower()})"
        else:
            pesan = _pesan_ubah(f"Indikator {obj.kode}", berubah)
        simpan(obj, user, _alasan(alasan, pesan))
        if variabel is not None:
            _simpan_variabel(user, obj, variabel, lama_variabel, alasan)
    return obj


def _periksa_kode(obj: Indikator, galat: dict) -> None:
    if not obj.kode:
        return
    qs = Indikator.objects.exclude(pk=obj.pk).filter(kode=obj.kode)
    if obj.level in LEVEL_RENSTRA:
        if qs.filter(opd_id=obj.opd_id, level__in=LEVEL_RENSTRA).exists():
            galat.setdefault("kode", []).append("Kode indikator sudah dipakai di OPD ini.")
    elif qs.filter(**{obj.level: obj.induk}).exists():
        galat.setdefault("kode", []).append(
            f"Kode indikator sudah dipakai di {obj._meta.get_field(obj.level).verbose_name} ini."
        )


def _simpan_variabel(user, obj: Indikator, variabel: list[DataVariabel], lama: dict, alasan: str | None) -> None:
    # Deletions first, so that a name freed by one row can be taken by another in the same save.
    for v in variabel:
        if v.hapus and v.pk is not None:
            hapus(lama[v.pk], user, _alasan(alasan, f"Variabel {lama[v.pk].nama} ({obj.kode}) dihapus"))
    for v in variabel:
        if v.hapus:
            continue
        nilai = {"nama": v.nama, "label": v.label, "satuan": v.satuan, "urutan": v.urutan}
        if v.pk is None:
            simpan(VariabelFormula(indikator=obj, **nilai), user, _alasan(alasan, f"Variabel {v.nama} ({obj.kode}) dibuat"))
            continue
        row = lama[v.pk]
        label = _berubah(row, nilai)
        if label:
            simpan(row, user, _alasan(alasan, _pesan_ubah(f"Variabel {row.nama} ({obj.kode})", label)))


def indikator_dipakai(indikator: Indikator) -> list[str]:
    """What refers to an indicator besides its own targets and formula inputs (empty: it may be deleted)."""
    dipakai = _dipakai(indikator, kecuali=("target_set", "variabel_set"))
    for v in indikator.variabel_set.all():
        dipakai += [f"{d} (variabel {v.nama})" for d in _dipakai(v)]
    return dipakai


def indikator_hapus(*, user, indikator: Indikator, alasan: str | None = None) -> None:
    """Delete an indicator with its targets and formula inputs. Refused while anything else refers to it
    (realisasi, PK rows, analysis, evidence, review notes, fixed definitions, earlier years' realisasi,
    standards, values of its inputs)."""
    pastikan_akses_opd(user, indikator.opd_id, tulis=True)
    with transaction.atomic():
        obj = Indikator.objects.select_for_update().get(pk=indikator.pk)
        _tolak_hapus(f"Indikator {obj.kode}", indikator_dipakai(obj), "Data monev dan PK indikator ini harus tetap utuh.")
        tahun = tahun_dpa(obj)
        if tahun is not None:
            pastikan_boleh_ubah(user, opd_id=obj.opd_id, pemda_id=_pemda_id(obj.opd_id), tahun=tahun)
        pesan = _alasan(alasan, f"Indikator {obj.kode} dihapus")
        for t in obj.target_set.all():
            hapus(t, user, pesan)
        for v in obj.variabel_set.all():
            hapus(v, user, pesan)
        hapus(obj, user, pesan)


# --- targets --------------------------------------------------------------------------------------------------


def tahun_target(indikator: Indikator) -> list[int]:
    """The years an indicator's targets may be set for: its Renstra's period, or its DPA line's year."""
    tahun = tahun_dpa(indikator)
    if tahun is not None:
        return [tahun]
    renstra = indikator.tujuan.renstra if indikator.tujuan_id else indikator.sasaran.tujuan.renstra
    return list(range(renstra.tahun_awal, renstra.tahun_akhir + 1))


@dataclass(frozen=True)
class HasilTarget:
    diubah: list[str] = field(default_factory=list)


def target_simpan(
    *, user, indikator: Indikator, nilai: Mapping[tuple[int, str], Decimal | None], alasan: str | None = None
) -> HasilTarget:
    """Set the targets of `indikator`: {(tahun, dokumen): value or None to clear}. Only the cells whose
    value differs from the stored one are written; a cell of a frozen year is refused (admin excepted),
    and then nothing is written. Returns the cells that changed ("Renstra 2023: 0,1 → 0,2")."""
    pastikan_akses_opd(user, indikator.opd_id, tulis=True)
    boleh_tahun = set(tahun_target(indikator))
    galat: dict = {}
    bersih: dict[tuple[int, str], Decimal | None] = {}
    for (tahun, dokumen), v in nilai.items():
        kunci = f"{dokumen}_{tahun}"
        label = f"Target {TargetIndikator.Dokumen(dokumen).label if dokumen in TargetIndikator.Dokumen.values else dokumen} {tahun}"
        if dokumen not in TargetIndikator.Dokumen.values:
            galat.setdefault(kunci, []).append(f"Dokumen target tidak dikenal: {dokumen}.")
            continue
        if tahun not in boleh_tahun:
            galat.setdefault(kunci, []).append(f"{label}: tahun di luar periode indikator ini.")
            continue
        bersih[(tahun, dokumen)] = (
            None if v is None else _kumpulkan(galat, kunci, lambda v=v, label=label: validasi_desimal(v, label=label, **NILAI_DIGITS))
        )
    if galat:
        raise ValidationError(galat)
    hasil = HasilTarget()
    pemda_id = _pemda_id(indikator.opd_id)
    with transaction.atomic():
        Indikator.objects.select_for_update().filter(pk=indikator.pk).first()
        tersimpan = {(t.tahun, t.dokumen): t for t in TargetIndikator.objects.select_for_update().filter(indikator=indikator)}
        for (tahun, dokumen), baru in sorted(bersih.items()):
            lama = tersimpan.get((tahun, dokumen))
            if (lama.nilai if lama else None) == baru:
                continue
            pastikan_boleh_ubah(user, opd_id=indikator.opd_id, pemda_id=pemda_id, tahun=tahun)
            label = f"Target {TargetIndikator.Dokumen(dokumen).label} {tahun}"
            perubahan = f"{label}: {tampil_nilai(lama.nilai if lama else None)} → {tampil_nilai(baru)}"
            pesan = _alasan(alasan, f"{indikator.kode} {perubahan}")
            if baru is None:
                hapus(lama, user, pesan)
            elif lama is None:
                simpan(TargetIndikator(indikator=indikator, tahun=tahun, dokumen=dokumen, nilai=baru), user, pesan)
            else:
                lama.nilai = baru
                simpan(lama, user, pesan)
            hasil.diubah.append(perubahan)
    return hasil

"""The demo dataset: Disperindag Kota Pasuruan 2022, a second demo OPD and the demo users.

The data lives in `fixtures/pasuruan_2022.json`, nested the way the LKjIP reads (Renstra → tujuan →
sasaran → indikator; program → kegiatan → sub kegiatan), so that a reviewer can check it against the
printed report. This module only walks that file and writes it.

Loading is idempotent: every object is found by its natural key and only the fields that differ are
written, so a second run creates nothing and leaves no history rows behind. The data file is the source
of truth for what it holds (a rerun restores seed values), except a few operational settings that an
admin owns once they exist: user passwords, the lock of a monev period and which scale is the default.
"""

from __future__ import annotations

import datetime
import json
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, SubKegiatan
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)
from inti.models import OPD, AksesPemda, Keanggotaan, Pemda, PeriodeMonev, RentangKategori, SkalaKategori
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja
from renstra.formula import FormulaError, validasi_rumus
from renstra.models import (
    Indikator,
    RealisasiTahunLalu,
    Renstra,
    Sasaran,
    StandarPembanding,
    TargetIndikator,
    Tujuan,
    VariabelFormula,
)

BERKAS_DATASET = Path(settings.BASE_DIR) / "fixtures" / "pasuruan_2022.json"


class DatasetError(ValueError):
    """The data file is inconsistent; the message (Indonesian) names the place."""


@dataclass(frozen=True)
class PenggunaDemo:
    username: str
    keterangan: str


@dataclass(frozen=True)
class HasilMuat:
    pengguna: list[PenggunaDemo]
    opd_dimuat: list[str]
    opd_dilewati: list[str]


# Whether a rerun overwrites what is already stored. Off by default: data people entered or corrected
# in the demo is never replaced behind their back by a `make run`.
_timpa: ContextVar[bool] = ContextVar("timpa", default=False)


def baca_dataset(berkas: Path | None = None) -> dict[str, Any]:
    # parse_float: a number typed without quotes still arrives as an exact Decimal, never a float.
    with open(berkas or BERKAS_DATASET, encoding="utf-8") as f:
        return json.load(f, parse_float=Decimal)


def muat_dataset(*, berkas: Path | None = None, dengan_pengguna: bool = True, timpa: bool = False) -> HasilMuat:
    """Load the dataset file into the database in one transaction; safe to run again.

    An OPD that already exists is left as it is (its data may have been edited since), unless `timpa`
    asks to put every value of the file back.
    """
    data = baca_dataset(berkas)
    token = _timpa.set(timpa)
    try:
        with transaction.atomic():
            return _Pemuat().muat(data, dengan_pengguna=dengan_pengguna)
    finally:
        _timpa.reset(token)


# ---------------------------------------------------------------------------------------------
# Writing helpers


def _simpan(
    model: type[models.Model],
    kunci: dict[str, Any],
    nilai: dict[str, Any] | None = None,
    *,
    awal: dict[str, Any] | None = None,
) -> tuple[Any, bool]:
    """Find by natural key, create if missing, otherwise save only the fields that differ.

    `awal` holds values set at creation only (things an admin may change afterwards).
    """
    nilai = nilai or {}
    obj = model.objects.filter(**kunci).first()
    if obj is None:
        obj = model(**kunci, **nilai, **(awal or {}))
        obj.save()
        return obj, True
    if not _timpa.get():
        return obj, False
    berubah = []
    for nama, baru in nilai.items():
        field = model._meta.get_field(nama)
        if field.is_relation:
            # Compare ids: reading the related object would cost a query per field.
            sama = getattr(obj, field.attname) == (baru.pk if baru is not None else None)
        else:
            sama = getattr(obj, nama) == baru
        if not sama:
            setattr(obj, nama, baru)
            berubah.append(nama)
    if berubah:
        obj.save(update_fields=berubah)
    return obj, False


def _angka(nilai: Any, tempat: str) -> Decimal | None:
    if nilai is None:
        return None
    if isinstance(nilai, Decimal):
        return nilai
    if isinstance(nilai, bool) or not isinstance(nilai, str | int):
        raise DatasetError(f"{tempat}: angka harus ditulis sebagai teks, mis. \"0.094\", bukan {nilai!r}.")
    try:
        return Decimal(nilai)
    except InvalidOperation:
        raise DatasetError(f"{tempat}: {nilai!r} bukan angka (pakai titik desimal, tanpa pemisah ribuan).") from None


def _periksa_kunci(spek: dict[str, Any], diizinkan: set[str], tempat: str) -> None:
    """Reject unknown keys, so a typo in the data file fails loudly instead of being ignored."""
    asing = sorted(k for k in spek if not k.startswith("_") and k not in diizinkan)
    if asing:
        raise DatasetError(f"{tempat}: kunci tidak dikenal {', '.join(asing)}.")


def _pilihan(nilai: str, pilihan: type[models.Choices], tempat: str) -> str:
    if nilai not in pilihan.values:
        raise DatasetError(f"{tempat}: {nilai!r} bukan salah satu dari {', '.join(map(str, pilihan.values))}.")
    return nilai


KUNCI_INDIKATOR = {
    "kode", "nama", "satuan", "iku", "definisi_operasional", "formula_uraian", "rumus", "sumber_data",
    "penanggung_jawab", "desimal", "polaritas", "aturan_negatif", "agregasi", "target", "variabel",
    "realisasi", "realisasi_tahun_lalu", "standar", "analisis",
}

# Which parent field of Indikator each level fills.
INDUK_LEVEL = {
    Indikator.Level.TUJUAN: "tujuan",
    Indikator.Level.SASARAN: "sasaran",
    Indikator.Level.PROGRAM: "program",
    Indikator.Level.KEGIATAN: "kegiatan",
    Indikator.Level.SUB_KEGIATAN: "sub_kegiatan",
}


class _Pemuat:
    """Walks the data file top-down, keeping the lookups that later sections refer to by code."""

    def __init__(self) -> None:
        self.pemda: dict[str, Pemda] = {}
        self.opd: dict[str, OPD] = {}

    def muat(self, data: dict[str, Any], *, dengan_pengguna: bool) -> HasilMuat:
        _periksa_kunci(data, {"skala_kategori", "pemda", "opd", "pengguna"}, "berkas dataset")
        for spek in data.get("skala_kategori", []):
            self._skala(spek)
        for spek in data.get("pemda", []):
            self._pemda(spek)
        dimuat: list[str] = []
        dilewati: list[str] = []
        for spek in data.get("opd", []):
            if not _timpa.get() and OPD.objects.filter(kode=spek.get("kode")).exists():
                dilewati.append(spek["kode"])
                self.opd[spek["kode"]] = OPD.objects.get(kode=spek["kode"])
                continue
            _PemuatOPD(self, spek).muat()
            dimuat.append(spek["kode"])
        pengguna: list[PenggunaDemo] = []
        if dengan_pengguna:
            pengguna = [self._pengguna(spek) for spek in data.get("pengguna", [])]
        return HasilMuat(pengguna=pengguna, opd_dimuat=dimuat, opd_dilewati=dilewati)

    def _skala(self, spek: dict[str, Any]) -> None:
        _periksa_kunci(spek, {"nama", "sumber", "bawaan", "rentang"}, f"skala {spek.get('nama')}")
        # Only one scale may be the default; an admin who chose another keeps that choice.
        bawaan_lain = SkalaKategori.objects.filter(bawaan=True).exclude(nama=spek["nama"]).exists()
        skala, _ = _simpan(
            SkalaKategori,
            {"nama": spek["nama"]},
            {"sumber": spek.get("sumber", "")},
            awal={"bawaan": bool(spek.get("bawaan")) and not bawaan_lain},
        )
        for urutan, r in enumerate(spek["rentang"], start=1):
            tempat = f"skala {skala.nama}, rentang {r.get('nama')}"
            _periksa_kunci(r, {"nama", "batas_bawah", "batas_atas"}, tempat)
            _simpan(
                RentangKategori,
                {"skala": skala, "nama": r["nama"]},
                {
                    "urutan": urutan,
                    "batas_bawah": _angka(r.get("batas_bawah"), tempat),
                    "batas_atas": _angka(r.get("batas_atas"), tempat),
                },
            )

    def _pemda(self, spek: dict[str, Any]) -> None:
        tempat = f"Pemda {spek.get('kode')}"
        _periksa_kunci(
            spek, {"kode", "nama", "jenis", "kepala_daerah_nama", "kepala_daerah_jabatan", "periode_monev"}, tempat
        )
        pemda, _ = _simpan(
            Pemda,
            {"kode": spek["kode"]},
            {
                "nama": spek["nama"],
                "jenis": _pilihan(spek.get("jenis", Pemda.Jenis.KOTA), Pemda.Jenis, tempat),
                "kepala_daerah_nama": spek.get("kepala_daerah_nama", ""),
                "kepala_daerah_jabatan": spek.get("kepala_daerah_jabatan", ""),
            },
        )
        for p in spek.get("periode_monev", []):
            _simpan(
                PeriodeMonev,
                {"pemda": pemda, "tahun": p["tahun"], "tribulan": p["tribulan"]},
                {"batas_waktu": datetime.date.fromisoformat(p["batas_waktu"]) if p.get("batas_waktu") else None},
                # Locking a period is the admin's decision; a rerun must not unlock it.
                awal={"terkunci": bool(p.get("terkunci", False))},
            )
        self.pemda[pemda.kode] = pemda

    def _pengguna(self, spek: dict[str, Any]) -> PenggunaDemo:
        tempat = f"pengguna {spek.get('username')}"
        _periksa_kunci(
            spek,
            {"username", "first_name", "last_name", "keterangan", "is_staff", "is_superuser", "akses_pemda",
             "keanggotaan"},
            tempat,
        )
        user, dibuat = _simpan(
            get_user_model(),
            {"username": spek["username"]},
            {
                "first_name": spek.get("first_name", ""),
                "last_name": spek.get("last_name", ""),
                "is_staff": bool(spek.get("is_staff", False)),
                "is_superuser": bool(spek.get("is_superuser", False)),
                "is_active": True,
            },
        )
        if dibuat:
            # Set once: a demo user who changed the password keeps it across reruns.
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        for akses in spek.get("akses_pemda", []):
            pemda = self._cari(self.pemda, akses["pemda"], "Pemda", tempat)
            _simpan(
                AksesPemda,
                {"user": user, "pemda": pemda},
                {"peran": _pilihan(akses["peran"], AksesPemda.Peran, tempat)},
            )
        for anggota in spek.get("keanggotaan", []):
            opd = self._cari(self.opd, anggota["opd"], "OPD", tempat)
            _simpan(
                Keanggotaan,
                {"user": user, "opd": opd},
                {"peran": _pilihan(anggota["peran"], Keanggotaan.Peran, tempat)},
            )
        return PenggunaDemo(username=user.username, keterangan=spek.get("keterangan", ""))

    @staticmethod
    def _cari(peta: dict, kunci: Any, jenis: str, tempat: str) -> Any:
        try:
            return peta[kunci]
        except KeyError:
            raise DatasetError(f"{tempat}: {jenis} {kunci!r} tidak ada di berkas dataset.") from None


class _PemuatOPD:
    """One OPD with its Renstra, supporting tables, budget years and Perjanjian Kinerja."""

    def __init__(self, induk: _Pemuat, spek: dict[str, Any]) -> None:
        self.induk = induk
        self.spek = spek
        self.opd: OPD | None = None
        self.renstra: dict[str, Renstra] = {}
        self.sasaran: dict[tuple[str, str], Sasaran] = {}
        self.tabel: dict[tuple[int, str], TabelPendukung] = {}
        self.program: dict[tuple[int, str], Program] = {}
        # Renstra indicator codes are unique in the OPD; budget-line codes are unique within a year.
        self.indikator_renstra: dict[str, Indikator] = {}
        self.indikator_anggaran: dict[tuple[int, str], Indikator] = {}

    def muat(self) -> None:
        spek = self.spek
        tempat = f"OPD {spek.get('kode')}"
        kolom = [
            "nama", "singkatan", "kode_unit", "alamat", "telepon", "kepala_nama", "kepala_nip", "kepala_pangkat",
            "kepala_jabatan", "atasan_nama", "atasan_jabatan",
        ]
        _periksa_kunci(
            spek, {"pemda", "kode", *kolom, "tabel_pendukung", "renstra", "anggaran", "perjanjian_kinerja"}, tempat
        )
        pemda = self.induk._cari(self.induk.pemda, spek["pemda"], "Pemda", tempat)
        self.opd, _ = _simpan(
            OPD,
            {"kode": spek["kode"]},
            {"pemda": pemda, "aktif": True, **{k: spek.get(k, "") for k in kolom}},
        )
        self.induk.opd[self.opd.kode] = self.opd
        for t in spek.get("tabel_pendukung", []):
            self._tabel(t)
        for r in spek.get("renstra", []):
            self._renstra(r)
        for a in spek.get("anggaran", []):
            self._anggaran(a)
        for pk in spek.get("perjanjian_kinerja", []):
            self._perjanjian(pk)

    # --- supporting tables ---------------------------------------------------------------------

    def _tabel(self, spek: dict[str, Any]) -> None:
        tempat = f"tabel pendukung {spek.get('kode')}"
        _periksa_kunci(spek, {"tahun", "kode", "judul", "judul_baris", "satuan", "sumber", "baris"}, tempat)
        tabel, _ = _simpan(
            TabelPendukung,
            {"opd": self.opd, "tahun": spek["tahun"], "kode": spek["kode"]},
            {
                "judul": spek["judul"],
                "judul_baris": spek.get("judul_baris", "Uraian"),
                "satuan": spek.get("satuan", ""),
                "sumber": spek.get("sumber", ""),
            },
        )
        for urutan, baris in enumerate(spek["baris"], start=1):
            for kolom, nilai in baris["nilai"].items():
                _simpan(
                    BarisTabelPendukung,
                    {"tabel": tabel, "label": baris["label"], "kolom": kolom},
                    {"urutan": urutan, "nilai": _angka(nilai, f"{tempat}, {baris['label']} [{kolom}]")},
                )
        self.tabel[(tabel.tahun, tabel.kode)] = tabel

    # --- Renstra -------------------------------------------------------------------------------

    def _renstra(self, spek: dict[str, Any]) -> None:
        tempat = f"Renstra {spek.get('tahun_awal')}-{spek.get('tahun_akhir')}"
        _periksa_kunci(
            spek, {"nama", "tahun_awal", "tahun_akhir", "revisi_ke", "dasar_hukum", "visi", "misi", "tujuan"}, tempat
        )
        revisi_ke = spek.get("revisi_ke", 0)
        renstra, _ = _simpan(
            Renstra,
            {"opd": self.opd, "tahun_awal": spek["tahun_awal"], "tahun_akhir": spek["tahun_akhir"], "revisi_ke": revisi_ke},
            {
                "nama": spek["nama"],
                "dasar_hukum": spek.get("dasar_hukum", ""),
                "visi": spek.get("visi", ""),
                "misi": "\n".join(spek.get("misi", [])),
            },
        )
        kunci_renstra = f"{renstra.tahun_awal}-{renstra.tahun_akhir}" + (f"/r{revisi_ke}" if revisi_ke else "")
        self.renstra[kunci_renstra] = renstra
        for urutan_t, t in enumerate(spek.get("tujuan", []), start=1):
            tempat_t = f"{tempat}, tujuan {t.get('kode')}"
            _periksa_kunci(
                t, {"kode", "nama", "keterangan", "tahun_mulai", "tahun_selesai", "indikator", "sasaran"}, tempat_t
            )
            tujuan, _ = _simpan(
                Tujuan,
                {"renstra": renstra, "kode": t["kode"]},
                {
                    "nama": t["nama"],
                    "urutan": urutan_t,
                    "keterangan": t.get("keterangan", ""),
                    "tahun_mulai": t.get("tahun_mulai"),
                    "tahun_selesai": t.get("tahun_selesai"),
                },
            )
            for urutan_i, i in enumerate(t.get("indikator", []), start=1):
                self._indikator(i, level=Indikator.Level.TUJUAN, induk=tujuan, urutan=urutan_i, tempat=tempat_t)
            for urutan_s, s in enumerate(t.get("sasaran", []), start=1):
                tempat_s = f"{tempat}, sasaran {s.get('kode')}"
                _periksa_kunci(s, {"kode", "nama", "tahun_mulai", "tahun_selesai", "indikator"}, tempat_s)
                sasaran, _ = _simpan(
                    Sasaran,
                    {"tujuan": tujuan, "kode": s["kode"]},
                    {
                        "nama": s["nama"],
                        "urutan": urutan_s,
                        "tahun_mulai": s.get("tahun_mulai"),
                        "tahun_selesai": s.get("tahun_selesai"),
                    },
                )
                if (kunci_renstra, sasaran.kode) in self.sasaran:
                    raise DatasetError(f"{tempat_s}: kode sasaran dipakai dua kali dalam Renstra ini.")
                self.sasaran[(kunci_renstra, sasaran.kode)] = sasaran
                for urutan_i, i in enumerate(s.get("indikator", []), start=1):
                    self._indikator(i, level=Indikator.Level.SASARAN, induk=sasaran, urutan=urutan_i, tempat=tempat_s)

    def _cari_sasaran(self, ref: dict[str, str] | None, tempat: str) -> Sasaran | None:
        if ref is None:
            return None
        try:
            return self.sasaran[(ref["renstra"], ref["kode"])]
        except KeyError:
            raise DatasetError(f"{tempat}: sasaran {ref} tidak ditemukan di Renstra OPD ini.") from None

    # --- indicators ----------------------------------------------------------------------------

    def _indikator(
        self,
        spek: dict[str, Any],
        *,
        level: str,
        induk: models.Model,
        urutan: int,
        tempat: str,
        tahun: int | None = None,
    ) -> Indikator:
        tempat = f"{tempat}, indikator {spek.get('kode')}"
        _periksa_kunci(spek, KUNCI_INDIKATOR, tempat)
        indikator, _ = _simpan(
            Indikator,
            {INDUK_LEVEL[level]: induk, "kode": spek["kode"]},
            {
                "opd": self.opd,
                "level": level,
                "nama": spek["nama"],
                "satuan": spek.get("satuan", ""),
                "iku": bool(spek.get("iku", False)),
                "definisi_operasional": spek.get("definisi_operasional", ""),
                "formula_uraian": spek.get("formula_uraian", ""),
                "rumus": spek.get("rumus", ""),
                "sumber_data": spek.get("sumber_data", ""),
                "penanggung_jawab": spek.get("penanggung_jawab", ""),
                "desimal": spek.get("desimal", 0),
                "polaritas": _pilihan(spek.get("polaritas", "positif"), Indikator.Polaritas, tempat),
                "aturan_negatif": _pilihan(spek.get("aturan_negatif", "2t_minus_r"), Indikator.AturanNegatif, tempat),
                "agregasi": _pilihan(spek.get("agregasi", "kumulatif"), Indikator.Agregasi, tempat),
                "urutan": urutan,
            },
        )
        if tahun is None:
            peta, kunci = self.indikator_renstra, indikator.kode
        else:
            peta, kunci = self.indikator_anggaran, (tahun, indikator.kode)
        if kunci in peta:
            raise DatasetError(f"{tempat}: kode indikator dipakai dua kali di OPD ini.")
        peta[kunci] = indikator

        for dokumen, per_tahun in spek.get("target", {}).items():
            _pilihan(dokumen, TargetIndikator.Dokumen, f"{tempat}, target")
            for th, nilai in per_tahun.items():
                _simpan(
                    TargetIndikator,
                    {"indikator": indikator, "tahun": int(th), "dokumen": dokumen},
                    {"nilai": _angka(nilai, f"{tempat}, target {dokumen} {th}")},
                )

        variabel = self._variabel(indikator, spek.get("variabel", []), tempat)
        if indikator.rumus:
            try:
                validasi_rumus(indikator.rumus, set(variabel))
            except FormulaError as exc:
                raise DatasetError(f"{tempat}: rumus {indikator.rumus!r} tidak sah: {exc}") from None

        for r in spek.get("realisasi", []):
            _simpan(
                RealisasiIndikator,
                {"indikator": indikator, "tahun": r["tahun"], "tribulan": r["tribulan"]},
                {"nilai": _angka(r["nilai"], f"{tempat}, realisasi"), "keterangan": r.get("keterangan", "")},
            )
        for r in spek.get("realisasi_tahun_lalu", []):
            _simpan(
                RealisasiTahunLalu,
                {"indikator": indikator, "tahun": r["tahun"]},
                {"nilai": _angka(r["nilai"], f"{tempat}, realisasi {r['tahun']}"), "sumber": r.get("sumber", "")},
            )
        for s in spek.get("standar", []):
            nama_var = s.get("variabel")
            if nama_var is not None and nama_var not in variabel:
                raise DatasetError(f"{tempat}: standar merujuk variabel {nama_var!r} yang tidak ada.")
            _simpan(
                StandarPembanding,
                {"indikator": indikator, "tahun": s["tahun"], "tingkat": s["tingkat"], "uraian": s["uraian"]},
                {
                    "nilai": _angka(s["nilai"], f"{tempat}, standar"),
                    "sumber": s.get("sumber", ""),
                    "variabel": variabel[nama_var] if nama_var else None,
                },
            )
        for a in spek.get("analisis", []):
            _simpan(
                AnalisisIndikator,
                {"indikator": indikator, "tahun": a["tahun"]},
                {
                    "faktor_keberhasilan": a.get("faktor_keberhasilan", ""),
                    "hambatan": a.get("hambatan", ""),
                    "tindak_lanjut": a.get("tindak_lanjut", ""),
                },
            )
        return indikator

    def _variabel(
        self, indikator: Indikator, daftar: list[dict[str, Any]], tempat: str
    ) -> dict[str, VariabelFormula]:
        hasil: dict[str, VariabelFormula] = {}
        for urutan, v in enumerate(daftar, start=1):
            tempat_v = f"{tempat}, variabel {v.get('nama')}"
            _periksa_kunci(v, {"nama", "label", "satuan", "nilai"}, tempat_v)
            var, _ = _simpan(
                VariabelFormula,
                {"indikator": indikator, "nama": v["nama"]},
                {"label": v["label"], "satuan": v.get("satuan", ""), "urutan": urutan},
            )
            hasil[var.nama] = var
            for n in v.get("nilai", []):
                if "tabel" in n:
                    tabel = self.tabel.get((n["tahun"], n["tabel"]))
                    if tabel is None:
                        raise DatasetError(f"{tempat_v}: tabel pendukung {n['tabel']!r} tahun {n['tahun']} tidak ada.")
                    isi = {"nilai": None, "tabel": tabel, "kolom": n["kolom"]}
                else:
                    isi = {"nilai": _angka(n["nilai"], tempat_v), "tabel": None, "kolom": ""}
                _simpan(NilaiVariabel, {"variabel": var, "tahun": n["tahun"], "tribulan": n["tribulan"]}, isi)
        return hasil

    # --- budget --------------------------------------------------------------------------------

    def _anggaran(self, spek: dict[str, Any]) -> None:
        tahun = spek["tahun"]
        _periksa_kunci(spek, {"tahun", "program"}, f"anggaran {tahun}")
        for urutan_p, p in enumerate(spek["program"], start=1):
            tempat_p = f"anggaran {tahun}, program {p.get('kode')}"
            _periksa_kunci(p, {"kode", "nama", "sasaran", "pagu", "realisasi", "indikator", "kegiatan"}, tempat_p)
            program, _ = _simpan(
                Program,
                {"opd": self.opd, "tahun": tahun, "kode": p["kode"]},
                {"nama": p["nama"], "sasaran": self._cari_sasaran(p.get("sasaran"), tempat_p), "urutan": urutan_p},
            )
            self.program[(tahun, program.kode)] = program
            self._uang(p, "program", program, tempat_p)
            for urutan_i, i in enumerate(p.get("indikator", []), start=1):
                self._indikator(
                    i, level=Indikator.Level.PROGRAM, induk=program, urutan=urutan_i, tempat=tempat_p, tahun=tahun
                )
            for urutan_k, k in enumerate(p.get("kegiatan", []), start=1):
                tempat_k = f"anggaran {tahun}, kegiatan {k.get('kode')}"
                _periksa_kunci(k, {"kode", "nama", "pagu", "realisasi", "indikator", "sub_kegiatan"}, tempat_k)
                kegiatan, _ = _simpan(
                    Kegiatan, {"program": program, "kode": k["kode"]}, {"nama": k["nama"], "urutan": urutan_k}
                )
                self._uang(k, "kegiatan", kegiatan, tempat_k)
                for urutan_i, i in enumerate(k.get("indikator", []), start=1):
                    self._indikator(
                        i, level=Indikator.Level.KEGIATAN, induk=kegiatan, urutan=urutan_i, tempat=tempat_k, tahun=tahun
                    )
                for urutan_s, s in enumerate(k.get("sub_kegiatan", []), start=1):
                    tempat_s = f"anggaran {tahun}, sub kegiatan {s.get('kode')}"
                    _periksa_kunci(s, {"kode", "nama", "pagu", "realisasi", "indikator"}, tempat_s)
                    sub, _ = _simpan(
                        SubKegiatan, {"kegiatan": kegiatan, "kode": s["kode"]}, {"nama": s["nama"], "urutan": urutan_s}
                    )
                    self._uang(s, "sub_kegiatan", sub, tempat_s)
                    for urutan_i, i in enumerate(s.get("indikator", []), start=1):
                        self._indikator(
                            i, level=Indikator.Level.SUB_KEGIATAN, induk=sub, urutan=urutan_i, tempat=tempat_s,
                            tahun=tahun,
                        )

    @staticmethod
    def _uang(spek: dict[str, Any], tingkat: str, mata: models.Model, tempat: str) -> None:
        """Pagu per budget document and cumulative realisasi per Tribulan, on the level the file gives."""
        for dokumen, nilai in spek.get("pagu", {}).items():
            _pilihan(dokumen, PaguAnggaran.Dokumen, f"{tempat}, pagu")
            _simpan(PaguAnggaran, {tingkat: mata, "dokumen": dokumen}, {"nilai": _angka(nilai, f"{tempat}, pagu")})
        for r in spek.get("realisasi", []):
            _simpan(
                RealisasiAnggaran,
                {tingkat: mata, "tribulan": r["tribulan"]},
                {"nilai": _angka(r["nilai"], f"{tempat}, realisasi"), "keterangan": r.get("keterangan", "")},
            )

    # --- Perjanjian Kinerja --------------------------------------------------------------------

    def _perjanjian(self, spek: dict[str, Any]) -> None:
        tahun, revisi = spek["tahun"], spek.get("revisi", 0)
        tempat = f"PK {tahun} revisi {revisi}"
        kolom = [
            "tempat", "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip", "pihak_pertama_pangkat",
            "pihak_kedua_nama", "pihak_kedua_jabatan", "alasan_perubahan",
        ]
        _periksa_kunci(
            spek,
            {"tahun", "revisi", "menggantikan_revisi", "dokumen_anggaran", "tanggal", "bulan", "baris", "anggaran",
             *kolom},
            tempat,
        )
        menggantikan = None
        if spek.get("menggantikan_revisi") is not None:
            menggantikan = PerjanjianKinerja.objects.filter(
                opd=self.opd, tahun=tahun, revisi=spek["menggantikan_revisi"]
            ).first()
            if menggantikan is None:
                raise DatasetError(f"{tempat}: PK yang diganti (revisi {spek['menggantikan_revisi']}) harus dimuat dulu.")
        pk, _ = _simpan(
            PerjanjianKinerja,
            {"opd": self.opd, "tahun": tahun, "revisi": revisi},
            {
                "menggantikan": menggantikan,
                "dokumen_anggaran": _pilihan(
                    spek.get("dokumen_anggaran", "dpa"), PerjanjianKinerja.DokumenAnggaran, tempat
                ),
                "tanggal": datetime.date.fromisoformat(spek["tanggal"]) if spek.get("tanggal") else None,
                "bulan": spek.get("bulan"),
                **{k: spek.get(k, "") for k in kolom},
            },
        )
        for urutan, b in enumerate(spek.get("baris", []), start=1):
            tempat_b = f"{tempat}, baris {urutan}"
            _periksa_kunci(b, {"sasaran", "sasaran_uraian", "indikator", "target", "satuan"}, tempat_b)
            indikator = self.indikator_anggaran.get((tahun, b["indikator"])) or self.indikator_renstra.get(
                b["indikator"]
            )
            if indikator is None:
                raise DatasetError(f"{tempat_b}: indikator {b['indikator']!r} tidak ada di OPD ini.")
            _simpan(
                BarisPK,
                {"pk_dokumen": pk, "indikator": indikator},
                {
                    "urutan": urutan,
                    "sasaran": self._cari_sasaran(b.get("sasaran"), tempat_b),
                    "sasaran_uraian": b["sasaran_uraian"],
                    "target": _angka(b["target"], tempat_b),
                    "satuan": b.get("satuan", ""),
                },
            )
        for urutan, a in enumerate(spek.get("anggaran", []), start=1):
            tempat_a = f"{tempat}, anggaran {a.get('program')}"
            _periksa_kunci(a, {"program", "nilai", "sumber_dana"}, tempat_a)
            program = self.program.get((tahun, a["program"]))
            if program is None:
                raise DatasetError(f"{tempat_a}: program tidak ada di anggaran {tahun} OPD ini.")
            _simpan(
                AnggaranPK,
                {"pk_dokumen": pk, "program": program},
                {"urutan": urutan, "nilai": _angka(a["nilai"], tempat_a), "sumber_dana": a.get("sumber_dana", "APBD")},
            )

"""The demo dataset: Disperindag Kota Pasuruan 2022, a second demo OPD and the demo users.

The data lives in `fixtures/pasuruan_2022.json`, nested the way the LKjIP reads (Renstra → tujuan →
sasaran → indikator; program → kegiatan → sub kegiatan), so that a reviewer can check it against the
printed report. A PK carries its `status` (signed, "disetujui", when absent), each PK row its
`rencana_aksi` (target per Tribulan) and each sub kegiatan its `rencana_penyerapan` (planned cumulative
spending per Tribulan). An OPD may also list its `unit_organisasi` (the organisation tree, each unit with
its own "unit", drawn as the chart of BAB I) and its `laporan` per year with the narrative sections
(`narasi`: section code → Markdown, or a list of paragraphs). This module only turns that file into rows
(`baris`); the one writer (`tulis`) checks and stores them. A problem is named by its path in the file: "opd[0].renstra[1].tujuan[0].nama".

Loading is idempotent: a row the database already holds is left as it is, and so is an OPD it holds,
with everything under it (data entered or corrected in the demo is never replaced by a `make run`): a
second run creates nothing and leaves no history rows behind. With `timpa` the file is the source of
truth again (every value put back, each change in history), except a few operational settings that an
admin owns once they exist: user passwords, the lock of a monev period and which scale is the default.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, RencanaPenyerapan, SubKegiatan
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)
from inti.models import (
    OPD,
    AksesPemda,
    Keanggotaan,
    Pemda,
    PeriodeMonev,
    RentangKategori,
    SkalaKategori,
    UnitOrganisasi,
)
from lkjip.dataset.baris import BagianOPD, Baris, BilaAda, Dataset, DatasetTidakSah, Letak, Masalah
from lkjip.dataset.tulis import tulis_dataset
from lkjip.laporan.models import Laporan, Narasi
from lkjip.laporan.narasi import AWALAN_SASARAN, BAGIAN
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja, RencanaAksi
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


@dataclass(frozen=True)
class PenggunaDemo:
    username: str
    keterangan: str


@dataclass(frozen=True)
class HasilMuat:
    pengguna: list[PenggunaDemo]
    opd_dimuat: list[str]
    opd_dilewati: list[str]


def baca_dataset(berkas: Path | None = None) -> dict[str, Any]:
    # parse_float: a number typed without quotes still arrives as an exact Decimal, never a float.
    berkas = Path(berkas or BERKAS_DATASET)
    try:
        with open(berkas, encoding="utf-8") as f:
            return json.load(f, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DatasetTidakSah([Masalah(berkas.name, f"bukan JSON yang sah: {exc}")]) from None


def muat_dataset(
    *, berkas: Path | None = None, dengan_pengguna: bool = True, timpa: bool = False, user=None
) -> HasilMuat:
    """Load the dataset file in one transaction (DatasetTidakSah: nothing written); safe to run again.

    An OPD that already exists is left as it is (its data may have been edited since), unless `timpa`
    asks to put every value of the file back. `user` is recorded in history as the one who loaded it.
    """
    berkas = Path(berkas or BERKAS_DATASET)
    pembaca = _Pembaca(timpa=timpa)
    data = pembaca.dataset(baca_dataset(berkas), dengan_pengguna=dengan_pengguna)
    hasil = tulis_dataset(data, user=user, alasan=f"Muat dataset {berkas.name}" + (" (timpa)" if timpa else ""))
    dilewati = [bagian.opd.nilai["kode"] for bagian in hasil.opd_dilewati]
    return HasilMuat(
        pengguna=pembaca.pengguna,
        opd_dimuat=[bagian.opd.nilai["kode"] for bagian in data.opd if bagian.opd.nilai["kode"] not in dilewati],
        opd_dilewati=dilewati,
    )


# ---------------------------------------------------------------------------------------------
# Reading


class _Ditolak:
    """A value the reader could not read (reported once, by the reader)."""


DITOLAK = _Ditolak()

KUNCI_INDIKATOR = {
    "kode", "nama", "satuan", "iku", "definisi_operasional", "formula_uraian", "rumus", "sumber_data",
    "penanggung_jawab", "desimal", "polaritas", "aturan_negatif", "agregasi", "target", "variabel",
    "realisasi", "realisasi_tahun_lalu", "standar", "analisis",
}
KOLOM_OPD = [
    "nama", "singkatan", "kode_unit", "alamat", "telepon", "kepala_nama", "kepala_nip", "kepala_pangkat",
    "kepala_jabatan", "atasan_nama", "atasan_jabatan",
]
KOLOM_PK = [
    "tempat", "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip", "pihak_pertama_pangkat",
    "pihak_kedua_nama", "pihak_kedua_jabatan", "alasan_perubahan",
]

# Which parent field of Indikator each level fills.
INDUK_LEVEL = {
    Indikator.Level.TUJUAN: "tujuan",
    Indikator.Level.SASARAN: "sasaran",
    Indikator.Level.PROGRAM: "program",
    Indikator.Level.KEGIATAN: "kegiatan",
    Indikator.Level.SUB_KEGIATAN: "sub_kegiatan",
}


class _Pembaca:
    """The whole file: the shared rows, each OPD (`_PembacaOPD`), the users; every problem collected."""

    def __init__(self, *, timpa: bool) -> None:
        self.bila_ada = BilaAda.TIMPA if timpa else BilaAda.BIARKAN
        self.timpa = timpa
        self.masalah: list[Masalah] = []
        self.pemda: dict[str, Baris] = {}
        self.opd: dict[str, Baris] = {}
        self.pengguna: list[PenggunaDemo] = []

    def dataset(self, data: dict[str, Any], *, dengan_pengguna: bool) -> Dataset:
        hasil = Dataset()
        if not isinstance(data, dict):
            self.galat("", "berkas dataset harus berupa objek JSON.")
            hasil.masalah = self.masalah
            return hasil
        self.kunci_dikenal(data, {"skala_kategori", "pemda", "opd", "pengguna"}, "")
        for i, spek in enumerate(data.get("skala_kategori", [])):
            hasil.umum += self._skala(spek, f"skala_kategori[{i}]")
        for i, spek in enumerate(data.get("pemda", [])):
            hasil.umum += self._pemda(spek, f"pemda[{i}]")
        for i, spek in enumerate(data.get("opd", [])):
            hasil.opd.append(_PembacaOPD(self, spek, f"opd[{i}]").bagian())
        if dengan_pengguna:
            for i, spek in enumerate(data.get("pengguna", [])):
                hasil.pengguna += self._pengguna(spek, f"pengguna[{i}]")
        hasil.masalah = self.masalah
        return hasil

    # --- helpers shared with _PembacaOPD ---

    def galat(self, jalur: str, pesan: str) -> None:
        self.masalah.append(Masalah(jalur, pesan))

    def baris(self, model: type[models.Model], nilai: dict[str, Any], jalur: str, spek: dict | None = None,
              *, awal: dict[str, Any] | None = None) -> Baris:
        """A row; values the reader refused go in as empty and are named in `ditolak`."""
        awal = awal or {}
        kolom = {k: k for k in (spek or {}) if k in nilai or k in awal}
        return Baris(
            model=model,
            nilai={k: None if v is DITOLAK else v for k, v in nilai.items()},
            letak=Letak(jalur, kolom, pemisah="."),
            bila_ada=self.bila_ada,
            awal=awal,
            ditolak={k for k, v in nilai.items() if v is DITOLAK},
        )

    def kunci_dikenal(self, spek: Any, diizinkan: set[str], jalur: str) -> None:
        """Reject unknown keys, so a typo in the data file fails loudly instead of being ignored."""
        if not isinstance(spek, dict):
            self.galat(jalur, "harus berupa objek JSON.")
            return
        asing = sorted(k for k in spek if not k.startswith("_") and k not in diizinkan)
        if asing:
            self.galat(jalur, f"kunci tidak dikenal: {', '.join(asing)}.")

    def angka(self, nilai: Any, jalur: str) -> Decimal | None | _Ditolak:
        if nilai is None or isinstance(nilai, Decimal):
            return nilai
        if isinstance(nilai, bool) or not isinstance(nilai, str | int):
            self.galat(jalur, f"angka harus ditulis sebagai teks, mis. \"0.094\", bukan {nilai!r}.")
            return DITOLAK
        try:
            return Decimal(nilai)
        except InvalidOperation:
            self.galat(jalur, f"{nilai!r} bukan angka (pakai titik desimal, tanpa pemisah ribuan).")
            return DITOLAK

    def tahun(self, nilai: Any, jalur: str) -> int | _Ditolak:
        """A year written as a key ("2022") or a number."""
        try:
            return int(nilai)
        except (TypeError, ValueError):
            self.galat(jalur, f"{nilai!r} bukan tahun.")
            return DITOLAK

    def tanggal(self, nilai: Any, jalur: str) -> datetime.date | None | _Ditolak:
        if not nilai:
            return None
        try:
            return datetime.date.fromisoformat(nilai)
        except (TypeError, ValueError):
            self.galat(jalur, f"{nilai!r} bukan tanggal (tulis 2022-10-03).")
            return DITOLAK

    def cari(self, peta: dict, kunci: Any, jenis: str, jalur: str) -> Baris | _Ditolak:
        try:
            return peta[kunci]
        except (KeyError, TypeError):
            self.galat(jalur, f"{jenis} {kunci!r} tidak ada di berkas dataset.")
            return DITOLAK

    # --- shared rows and users ---

    def _skala(self, spek: dict[str, Any], jalur: str) -> list[Baris]:
        self.kunci_dikenal(spek, {"nama", "sumber", "bawaan", "rentang"}, jalur)
        bawaan = bool(spek.get("bawaan"))
        skala = self.baris(
            SkalaKategori,
            {"nama": spek.get("nama", ""), "sumber": spek.get("sumber", "")},
            jalur,
            spek,
            # Only one scale may be the default; an admin who chose another keeps that choice.
            awal={"bawaan": lambda: bawaan and not SkalaKategori.objects.filter(bawaan=True).exists()},
        )
        hasil = [skala]
        for urutan, r in enumerate(spek.get("rentang", []), start=1):
            jalur_r = f"{jalur}.rentang[{urutan - 1}]"
            self.kunci_dikenal(r, {"nama", "batas_bawah", "batas_atas"}, jalur_r)
            nilai = {
                "skala": skala,
                "nama": r.get("nama", ""),
                "urutan": urutan,
                "batas_bawah": self.angka(r.get("batas_bawah"), f"{jalur_r}.batas_bawah"),
                "batas_atas": self.angka(r.get("batas_atas"), f"{jalur_r}.batas_atas"),
            }
            hasil.append(self.baris(RentangKategori, nilai, jalur_r, r))
        return hasil

    def _pemda(self, spek: dict[str, Any], jalur: str) -> list[Baris]:
        kolom = ["kode", "nama", "jenis", "kepala_daerah_nama", "kepala_daerah_jabatan"]
        self.kunci_dikenal(spek, {*kolom, "periode_monev"}, jalur)
        pemda = self.baris(Pemda, {k: spek.get(k, Pemda.Jenis.KOTA if k == "jenis" else "") for k in kolom}, jalur, spek)
        self.pemda[spek.get("kode")] = pemda
        hasil = [pemda]
        for i, p in enumerate(spek.get("periode_monev", [])):
            jalur_p = f"{jalur}.periode_monev[{i}]"
            self.kunci_dikenal(p, {"tahun", "tribulan", "batas_waktu", "terkunci"}, jalur_p)
            nilai = {
                "pemda": pemda,
                "tahun": p.get("tahun"),
                "tribulan": p.get("tribulan"),
                "batas_waktu": self.tanggal(p.get("batas_waktu"), f"{jalur_p}.batas_waktu"),
            }
            # Locking a period is the admin's decision; a rerun must not unlock it.
            hasil.append(self.baris(PeriodeMonev, nilai, jalur_p, p, awal={"terkunci": bool(p.get("terkunci", False))}))
        return hasil

    def _pengguna(self, spek: dict[str, Any], jalur: str) -> list[Baris]:
        kolom = ["username", "first_name", "last_name", "is_staff", "is_superuser"]
        self.kunci_dikenal(spek, {*kolom, "keterangan", "akses_pemda", "keanggotaan"}, jalur)
        user = self.baris(
            get_user_model(),
            {
                "username": spek.get("username", ""),
                "first_name": spek.get("first_name", ""),
                "last_name": spek.get("last_name", ""),
                "is_staff": bool(spek.get("is_staff", False)),
                "is_superuser": bool(spek.get("is_superuser", False)),
                "is_active": True,
            },
            jalur,
            spek,
            # Set once: a demo user who changed the password keeps it across reruns.
            awal={"password": lambda: make_password(settings.DEMO_PASSWORD)},
        )
        hasil = [user]
        for i, akses in enumerate(spek.get("akses_pemda", [])):
            jalur_a = f"{jalur}.akses_pemda[{i}]"
            self.kunci_dikenal(akses, {"pemda", "peran"}, jalur_a)
            pemda = self.cari(self.pemda, akses.get("pemda"), "Pemda", f"{jalur_a}.pemda")
            hasil.append(self.baris(AksesPemda, {"user": user, "pemda": pemda, "peran": akses.get("peran", "")},
                                    jalur_a, akses))
        for i, anggota in enumerate(spek.get("keanggotaan", [])):
            jalur_k = f"{jalur}.keanggotaan[{i}]"
            self.kunci_dikenal(anggota, {"opd", "peran"}, jalur_k)
            opd = self.cari(self.opd, anggota.get("opd"), "OPD", f"{jalur_k}.opd")
            hasil.append(self.baris(Keanggotaan, {"user": user, "opd": opd, "peran": anggota.get("peran", "")},
                                    jalur_k, anggota))
        self.pengguna.append(PenggunaDemo(username=spek.get("username", ""), keterangan=spek.get("keterangan", "")))
        return hasil


class _PembacaOPD:
    """One OPD with its supporting tables, Renstra, budget years and Perjanjian Kinerja.

    Keeps the lookups that later sections refer to by code: sasaran by Renstra and code, programs and
    tables by year and code, indicators by code (Renstra codes are unique in the OPD, budget-line codes
    within a year).
    """

    def __init__(self, induk: _Pembaca, spek: dict[str, Any], jalur: str) -> None:
        self.induk = induk
        self.spek = spek
        self.jalur = jalur
        self.opd: Baris | None = None
        self.baris: list[Baris] = []
        self.sasaran: dict[tuple[str, str], Baris] = {}
        self.tabel: dict[tuple[Any, str], Baris] = {}
        self.program: dict[tuple[Any, str], Baris] = {}
        self.pk: dict[tuple[Any, Any], Baris] = {}
        self.indikator_renstra: dict[str, Baris] = {}
        self.indikator_anggaran: dict[tuple[Any, str], Baris] = {}

    def tambah(self, model: type[models.Model], nilai: dict[str, Any], jalur: str, spek: dict | None = None) -> Baris:
        baris = self.induk.baris(model, nilai, jalur, spek)
        self.baris.append(baris)
        return baris

    def bagian(self) -> BagianOPD:
        spek, induk = self.spek, self.induk
        induk.kunci_dikenal(
            spek,
            {"pemda", "kode", *KOLOM_OPD, "unit_organisasi", "laporan", "tabel_pendukung", "renstra", "anggaran",
             "perjanjian_kinerja"},
            self.jalur,
        )
        pemda = induk.cari(induk.pemda, spek.get("pemda"), "Pemda", f"{self.jalur}.pemda")
        self.opd = induk.baris(
            OPD, {"kode": spek.get("kode", ""), "pemda": pemda, "aktif": True, **{k: spek.get(k, "") for k in KOLOM_OPD}},
            self.jalur, spek,
        )
        induk.opd[spek.get("kode")] = self.opd
        for i, t in enumerate(spek.get("tabel_pendukung", [])):
            self._tabel(t, f"{self.jalur}.tabel_pendukung[{i}]")
        for i, r in enumerate(spek.get("renstra", [])):
            self._renstra(r, f"{self.jalur}.renstra[{i}]")
        for i, a in enumerate(spek.get("anggaran", [])):
            self._anggaran(a, f"{self.jalur}.anggaran[{i}]")
        for i, pk in enumerate(spek.get("perjanjian_kinerja", [])):
            self._perjanjian(pk, f"{self.jalur}.perjanjian_kinerja[{i}]")
        self._unit_organisasi(spek.get("unit_organisasi", []), None, f"{self.jalur}.unit_organisasi")
        for i, lap in enumerate(spek.get("laporan", [])):
            self._laporan(lap, f"{self.jalur}.laporan[{i}]")
        return BagianOPD(opd=self.opd, baris=self.baris, lewati_bila_ada=not induk.timpa)

    # --- organisation and report narratives --------------------------------------------------

    def _unit_organisasi(self, daftar: Any, induk: Baris | None, jalur: str) -> None:
        """The organisation tree: each unit lists its own units under "unit", in display order."""
        if not isinstance(daftar, list):
            self.induk.galat(jalur, "unit organisasi ditulis sebagai daftar.")
            return
        for urutan, u in enumerate(daftar, start=1):
            jalur_u = f"{jalur}[{urutan - 1}]"
            self.induk.kunci_dikenal(u, {"kode", "nama", "jabatan_kepala", "unit"}, jalur_u)
            if not isinstance(u, dict):
                continue
            unit = self.tambah(
                UnitOrganisasi,
                {"opd": self.opd, "kode": u.get("kode", ""), "nama": u.get("nama", ""),
                 "jabatan_kepala": u.get("jabatan_kepala", ""), "induk": induk, "urutan": urutan},
                jalur_u,
                u,
            )
            self._unit_organisasi(u.get("unit", []), unit, f"{jalur_u}.unit")

    def _laporan(self, spek: dict[str, Any], jalur: str) -> None:
        """The year's LKjIP with its narrative sections: {"tahun": 2022, "narasi": {"kata_pengantar": ...}}.

        A section is Markdown, written as one string or as a list of paragraphs. Its workflow state is the
        report's own: a new report starts as a draft, and a rerun never moves it.
        """
        pembaca = self.induk
        pembaca.kunci_dikenal(spek, {"tahun", "narasi"}, jalur)
        if not isinstance(spek, dict):
            return
        laporan = self.tambah(Laporan, {"opd": self.opd, "tahun": spek.get("tahun")}, jalur, spek)
        laporan.awal.update({"status": Laporan.Status.DRAFT, "revisi": 1})
        narasi = spek.get("narasi", {})
        if not isinstance(narasi, dict):
            pembaca.galat(f"{jalur}.narasi", "narasi ditulis sebagai objek: kode bagian → teks.")
            return
        for kode, teks in narasi.items():
            jalur_n = f"{jalur}.narasi.{kode}"
            if kode not in BAGIAN:
                # Per-sasaran analyses are keyed by the sasaran's id, unknown to a file: they come from the
                # indicators' "analisis" instead.
                pesan = "analisis sasaran ditulis pada \"analisis\" indikatornya" if kode.startswith(AWALAN_SASARAN) else (
                    "bagian narasi tidak dikenal; pilihan: " + ", ".join(BAGIAN)
                )
                pembaca.galat(jalur_n, f"{pesan}.")
                continue
            if isinstance(teks, list) and all(isinstance(p, str) for p in teks):
                teks = "\n\n".join(teks)
            if not isinstance(teks, str) or not teks.strip():
                pembaca.galat(jalur_n, "teks narasi harus berupa teks, atau daftar paragraf, yang tidak kosong.")
                continue
            self.tambah(Narasi, {"laporan": laporan, "bagian": kode, "teks": teks}, jalur_n)

    # --- supporting tables ---------------------------------------------------------------------

    def _tabel(self, spek: dict[str, Any], jalur: str) -> None:
        self.induk.kunci_dikenal(spek, {"tahun", "kode", "judul", "judul_baris", "satuan", "sumber", "baris"}, jalur)
        tabel = self.tambah(
            TabelPendukung,
            {
                "opd": self.opd,
                "tahun": spek.get("tahun"),
                "kode": spek.get("kode", ""),
                "judul": spek.get("judul", ""),
                "judul_baris": spek.get("judul_baris", "Uraian"),
                "satuan": spek.get("satuan", ""),
                "sumber": spek.get("sumber", ""),
            },
            jalur,
            spek,
        )
        self.tabel[(spek.get("tahun"), spek.get("kode"))] = tabel
        for urutan, baris in enumerate(spek.get("baris", []), start=1):
            jalur_b = f"{jalur}.baris[{urutan - 1}]"
            self.induk.kunci_dikenal(baris, {"label", "nilai"}, jalur_b)
            for kolom, nilai in baris.get("nilai", {}).items():
                jalur_n = f"{jalur_b}.nilai.{kolom}"
                self.tambah(
                    BarisTabelPendukung,
                    {"tabel": tabel, "label": baris.get("label", ""), "kolom": kolom, "urutan": urutan,
                     "nilai": self.induk.angka(nilai, jalur_n)},
                    jalur_n,
                )

    # --- Renstra -------------------------------------------------------------------------------

    def _renstra(self, spek: dict[str, Any], jalur: str) -> None:
        induk = self.induk
        induk.kunci_dikenal(
            spek, {"nama", "tahun_awal", "tahun_akhir", "revisi_ke", "dasar_hukum", "visi", "misi", "tujuan"}, jalur
        )
        revisi_ke = spek.get("revisi_ke", 0)
        misi = spek.get("misi", [])
        if not isinstance(misi, list):
            induk.galat(f"{jalur}.misi", "misi ditulis sebagai daftar, satu misi per butir.")
            misi = DITOLAK
        renstra = self.tambah(
            Renstra,
            {
                "opd": self.opd,
                "tahun_awal": spek.get("tahun_awal"),
                "tahun_akhir": spek.get("tahun_akhir"),
                "revisi_ke": revisi_ke,
                "nama": spek.get("nama", ""),
                "dasar_hukum": spek.get("dasar_hukum", ""),
                "visi": spek.get("visi", ""),
                "misi": misi if misi is DITOLAK else "\n".join(misi),
            },
            jalur,
            spek,
        )
        # How programs and PK rows name this Renstra: "2021-2026", a revision "2021-2026/r1".
        kunci_renstra = f"{spek.get('tahun_awal')}-{spek.get('tahun_akhir')}" + (f"/r{revisi_ke}" if revisi_ke else "")
        for urutan_t, t in enumerate(spek.get("tujuan", []), start=1):
            jalur_t = f"{jalur}.tujuan[{urutan_t - 1}]"
            induk.kunci_dikenal(
                t, {"kode", "nama", "keterangan", "tahun_mulai", "tahun_selesai", "indikator", "sasaran"}, jalur_t
            )
            tujuan = self.tambah(
                Tujuan,
                {
                    "renstra": renstra,
                    "kode": t.get("kode", ""),
                    "nama": t.get("nama", ""),
                    "urutan": urutan_t,
                    "keterangan": t.get("keterangan", ""),
                    "tahun_mulai": t.get("tahun_mulai"),
                    "tahun_selesai": t.get("tahun_selesai"),
                },
                jalur_t,
                t,
            )
            for urutan_i, i in enumerate(t.get("indikator", []), start=1):
                self._indikator(i, level=Indikator.Level.TUJUAN, induk=tujuan, urutan=urutan_i,
                                jalur=f"{jalur_t}.indikator[{urutan_i - 1}]")
            for urutan_s, s in enumerate(t.get("sasaran", []), start=1):
                jalur_s = f"{jalur_t}.sasaran[{urutan_s - 1}]"
                induk.kunci_dikenal(s, {"kode", "nama", "tahun_mulai", "tahun_selesai", "indikator"}, jalur_s)
                sasaran = self.tambah(
                    Sasaran,
                    {
                        "tujuan": tujuan,
                        "kode": s.get("kode", ""),
                        "nama": s.get("nama", ""),
                        "urutan": urutan_s,
                        "tahun_mulai": s.get("tahun_mulai"),
                        "tahun_selesai": s.get("tahun_selesai"),
                    },
                    jalur_s,
                    s,
                )
                # Programs and PK rows name a sasaran by Renstra and code: the pair must be unambiguous.
                if (kunci_renstra, s.get("kode")) in self.sasaran:
                    induk.galat(f"{jalur_s}.kode", "kode sasaran dipakai dua kali dalam Renstra ini.")
                self.sasaran[(kunci_renstra, s.get("kode"))] = sasaran
                for urutan_i, i in enumerate(s.get("indikator", []), start=1):
                    self._indikator(i, level=Indikator.Level.SASARAN, induk=sasaran, urutan=urutan_i,
                                    jalur=f"{jalur_s}.indikator[{urutan_i - 1}]")

    def _cari_sasaran(self, ref: Any, jalur: str) -> Baris | None | _Ditolak:
        if ref is None:
            return None
        try:
            return self.sasaran[(ref["renstra"], ref["kode"])]
        except (KeyError, TypeError):
            self.induk.galat(jalur, f"sasaran {ref} tidak ditemukan di Renstra OPD ini.")
            return DITOLAK

    # --- indicators ----------------------------------------------------------------------------

    def _indikator(
        self, spek: dict[str, Any], *, level: str, induk: Baris, urutan: int, jalur: str, tahun: Any = None
    ) -> None:
        pembaca = self.induk
        pembaca.kunci_dikenal(spek, KUNCI_INDIKATOR, jalur)
        kode = spek.get("kode", "")
        indikator = self.tambah(
            Indikator,
            {
                "opd": self.opd,
                "level": level,
                **{medan: induk if medan == INDUK_LEVEL[level] else None for medan in INDUK_LEVEL.values()},
                "kode": kode,
                "nama": spek.get("nama", ""),
                "satuan": spek.get("satuan", ""),
                "iku": bool(spek.get("iku", False)),
                "definisi_operasional": spek.get("definisi_operasional", ""),
                "formula_uraian": spek.get("formula_uraian", ""),
                "rumus": spek.get("rumus", ""),
                "sumber_data": spek.get("sumber_data", ""),
                "penanggung_jawab": spek.get("penanggung_jawab", ""),
                "desimal": spek.get("desimal", 0),
                "polaritas": spek.get("polaritas", Indikator.Polaritas.POSITIF),
                "aturan_negatif": spek.get("aturan_negatif", Indikator.AturanNegatif.DUA_T_MINUS_R),
                "agregasi": spek.get("agregasi", Indikator.Agregasi.KUMULATIF),
                "urutan": urutan,
            },
            jalur,
            spek,
        )
        if tahun is None:
            self.indikator_renstra.setdefault(kode, indikator)  # a second one is the unique constraint's to report
        else:
            # PK rows name a budget-line indicator by year and code: the pair must be unambiguous.
            if (tahun, kode) in self.indikator_anggaran:
                pembaca.galat(f"{jalur}.kode", f"kode indikator dipakai dua kali di anggaran {tahun} OPD ini.")
            self.indikator_anggaran[(tahun, kode)] = indikator

        for dokumen, per_tahun in spek.get("target", {}).items():
            for th, nilai in per_tahun.items():
                jalur_t = f"{jalur}.target.{dokumen}.{th}"
                self.tambah(
                    TargetIndikator,
                    {"indikator": indikator, "tahun": pembaca.tahun(th, jalur_t), "dokumen": dokumen,
                     "nilai": pembaca.angka(nilai, jalur_t)},
                    jalur_t,
                )
        variabel = self._variabel(indikator, spek.get("variabel", []), jalur)
        for i, r in enumerate(spek.get("realisasi", [])):
            jalur_r = f"{jalur}.realisasi[{i}]"
            pembaca.kunci_dikenal(r, {"tahun", "tribulan", "nilai", "keterangan"}, jalur_r)
            self.tambah(
                RealisasiIndikator,
                {"indikator": indikator, "tahun": r.get("tahun"), "tribulan": r.get("tribulan"),
                 "nilai": pembaca.angka(r.get("nilai"), f"{jalur_r}.nilai"), "keterangan": r.get("keterangan", "")},
                jalur_r,
                r,
            )
        for i, r in enumerate(spek.get("realisasi_tahun_lalu", [])):
            jalur_r = f"{jalur}.realisasi_tahun_lalu[{i}]"
            pembaca.kunci_dikenal(r, {"tahun", "nilai", "sumber"}, jalur_r)
            self.tambah(
                RealisasiTahunLalu,
                {"indikator": indikator, "tahun": r.get("tahun"),
                 "nilai": pembaca.angka(r.get("nilai"), f"{jalur_r}.nilai"), "sumber": r.get("sumber", "")},
                jalur_r,
                r,
            )
        for i, s in enumerate(spek.get("standar", [])):
            jalur_s = f"{jalur}.standar[{i}]"
            pembaca.kunci_dikenal(s, {"tahun", "tingkat", "uraian", "nilai", "sumber", "variabel"}, jalur_s)
            nama_var = s.get("variabel")
            self.tambah(
                StandarPembanding,
                {
                    "indikator": indikator,
                    "tahun": s.get("tahun"),
                    "tingkat": s.get("tingkat", ""),
                    "uraian": s.get("uraian", ""),
                    "nilai": pembaca.angka(s.get("nilai"), f"{jalur_s}.nilai"),
                    "sumber": s.get("sumber", ""),
                    "variabel": None if nama_var is None else pembaca.cari(variabel, nama_var, "variabel", f"{jalur_s}.variabel"),
                },
                jalur_s,
                s,
            )
        for i, a in enumerate(spek.get("analisis", [])):
            jalur_a = f"{jalur}.analisis[{i}]"
            pembaca.kunci_dikenal(a, {"tahun", "faktor_keberhasilan", "hambatan", "tindak_lanjut"}, jalur_a)
            self.tambah(
                AnalisisIndikator,
                {"indikator": indikator, "tahun": a.get("tahun"),
                 **{k: a.get(k, "") for k in ("faktor_keberhasilan", "hambatan", "tindak_lanjut")}},
                jalur_a,
                a,
            )

    def _variabel(self, indikator: Baris, daftar: list[dict[str, Any]], jalur: str) -> dict[str, Baris]:
        pembaca = self.induk
        hasil: dict[str, Baris] = {}
        for urutan, v in enumerate(daftar, start=1):
            jalur_v = f"{jalur}.variabel[{urutan - 1}]"
            pembaca.kunci_dikenal(v, {"nama", "label", "satuan", "nilai"}, jalur_v)
            var = self.tambah(
                VariabelFormula,
                {"indikator": indikator, "nama": v.get("nama", ""), "label": v.get("label", ""),
                 "satuan": v.get("satuan", ""), "urutan": urutan},
                jalur_v,
                v,
            )
            hasil[v.get("nama", "")] = var
            for i, n in enumerate(v.get("nilai", [])):
                jalur_n = f"{jalur_v}.nilai[{i}]"
                pembaca.kunci_dikenal(n, {"tahun", "tribulan", "nilai", "tabel", "kolom"}, jalur_n)
                if "tabel" in n:
                    tabel = pembaca.cari(self.tabel, (n.get("tahun"), n["tabel"]), "tabel pendukung", f"{jalur_n}.tabel")
                    isi = {"nilai": None, "tabel": tabel, "kolom": n.get("kolom", "")}
                else:
                    isi = {"nilai": pembaca.angka(n.get("nilai"), f"{jalur_n}.nilai"), "tabel": None, "kolom": ""}
                self.tambah(
                    NilaiVariabel,
                    {"variabel": var, "tahun": n.get("tahun"), "tribulan": n.get("tribulan"), **isi},
                    jalur_n,
                    n,
                )
        return hasil

    # --- budget --------------------------------------------------------------------------------

    def _anggaran(self, spek: dict[str, Any], jalur: str) -> None:
        pembaca = self.induk
        tahun = spek.get("tahun")
        pembaca.kunci_dikenal(spek, {"tahun", "program"}, jalur)
        for urutan_p, p in enumerate(spek.get("program", []), start=1):
            jalur_p = f"{jalur}.program[{urutan_p - 1}]"
            pembaca.kunci_dikenal(p, {"kode", "nama", "sasaran", "pagu", "realisasi", "indikator", "kegiatan"}, jalur_p)
            program = self.tambah(
                Program,
                {"opd": self.opd, "tahun": tahun, "kode": p.get("kode", ""), "nama": p.get("nama", ""),
                 "sasaran": self._cari_sasaran(p.get("sasaran"), f"{jalur_p}.sasaran"), "urutan": urutan_p},
                jalur_p,
                p,
            )
            self.program[(tahun, p.get("kode"))] = program
            self._uang(p, "program", program, jalur_p)
            for urutan_i, i in enumerate(p.get("indikator", []), start=1):
                self._indikator(i, level=Indikator.Level.PROGRAM, induk=program, urutan=urutan_i,
                                jalur=f"{jalur_p}.indikator[{urutan_i - 1}]", tahun=tahun)
            for urutan_k, k in enumerate(p.get("kegiatan", []), start=1):
                jalur_k = f"{jalur_p}.kegiatan[{urutan_k - 1}]"
                pembaca.kunci_dikenal(k, {"kode", "nama", "pagu", "realisasi", "indikator", "sub_kegiatan"}, jalur_k)
                kegiatan = self.tambah(
                    Kegiatan,
                    {"program": program, "kode": k.get("kode", ""), "nama": k.get("nama", ""), "urutan": urutan_k},
                    jalur_k,
                    k,
                )
                self._uang(k, "kegiatan", kegiatan, jalur_k)
                for urutan_i, i in enumerate(k.get("indikator", []), start=1):
                    self._indikator(i, level=Indikator.Level.KEGIATAN, induk=kegiatan, urutan=urutan_i,
                                    jalur=f"{jalur_k}.indikator[{urutan_i - 1}]", tahun=tahun)
                for urutan_s, s in enumerate(k.get("sub_kegiatan", []), start=1):
                    jalur_s = f"{jalur_k}.sub_kegiatan[{urutan_s - 1}]"
                    pembaca.kunci_dikenal(
                        s, {"kode", "nama", "pagu", "realisasi", "rencana_penyerapan", "indikator"}, jalur_s
                    )
                    sub = self.tambah(
                        SubKegiatan,
                        {"kegiatan": kegiatan, "kode": s.get("kode", ""), "nama": s.get("nama", ""), "urutan": urutan_s},
                        jalur_s,
                        s,
                    )
                    self._uang(s, "sub_kegiatan", sub, jalur_s)
                    self._rencana_penyerapan(s, sub, jalur_s)
                    for urutan_i, i in enumerate(s.get("indikator", []), start=1):
                        self._indikator(i, level=Indikator.Level.SUB_KEGIATAN, induk=sub, urutan=urutan_i,
                                        jalur=f"{jalur_s}.indikator[{urutan_i - 1}]", tahun=tahun)

    def _uang(self, spek: dict[str, Any], tingkat: str, mata: Baris, jalur: str) -> None:
        """Pagu per budget document and cumulative realisasi per Tribulan, on the level the file gives."""
        pembaca = self.induk
        for dokumen, nilai in spek.get("pagu", {}).items():
            jalur_p = f"{jalur}.pagu.{dokumen}"
            self.tambah(PaguAnggaran, {tingkat: mata, "dokumen": dokumen, "nilai": pembaca.angka(nilai, jalur_p)}, jalur_p)
        for i, r in enumerate(spek.get("realisasi", [])):
            jalur_r = f"{jalur}.realisasi[{i}]"
            pembaca.kunci_dikenal(r, {"tribulan", "nilai", "keterangan"}, jalur_r)
            self.tambah(
                RealisasiAnggaran,
                {tingkat: mata, "tribulan": r.get("tribulan"), "nilai": pembaca.angka(r.get("nilai"), f"{jalur_r}.nilai"),
                 "keterangan": r.get("keterangan", "")},
                jalur_r,
                r,
            )

    def _rencana_penyerapan(self, spek: dict[str, Any], sub: Baris, jalur: str) -> None:
        """The sub kegiatan's planned cumulative spending per Tribulan: [{"tribulan": 1, "nilai": "..."}]."""
        pembaca = self.induk
        for i, r in enumerate(spek.get("rencana_penyerapan", [])):
            jalur_r = f"{jalur}.rencana_penyerapan[{i}]"
            pembaca.kunci_dikenal(r, {"tribulan", "nilai"}, jalur_r)
            self.tambah(
                RencanaPenyerapan,
                {"sub_kegiatan": sub, "tribulan": r.get("tribulan"),
                 "nilai": pembaca.angka(r.get("nilai"), f"{jalur_r}.nilai")},
                jalur_r,
                r,
            )

    # --- Perjanjian Kinerja --------------------------------------------------------------------

    def _perjanjian(self, spek: dict[str, Any], jalur: str) -> None:
        pembaca = self.induk
        tahun, revisi = spek.get("tahun"), spek.get("revisi", 0)
        pembaca.kunci_dikenal(
            spek,
            {"tahun", "revisi", "menggantikan_revisi", "dokumen_anggaran", "tanggal", "bulan", "status", "baris",
             "anggaran", *KOLOM_PK},
            jalur,
        )
        menggantikan = None
        if spek.get("menggantikan_revisi") is not None:
            menggantikan = self.pk.get((tahun, spek["menggantikan_revisi"]))
            if menggantikan is None:
                pembaca.galat(
                    f"{jalur}.menggantikan_revisi",
                    f"PK yang diganti (revisi {spek['menggantikan_revisi']}) harus tercantum lebih dulu di berkas.",
                )
                menggantikan = DITOLAK
        pk = self.tambah(
            PerjanjianKinerja,
            {
                "opd": self.opd,
                "tahun": tahun,
                "revisi": revisi,
                "menggantikan": menggantikan,
                "dokumen_anggaran": spek.get("dokumen_anggaran", PerjanjianKinerja.DokumenAnggaran.DPA),
                "tanggal": pembaca.tanggal(spek.get("tanggal"), f"{jalur}.tanggal"),
                "bulan": spek.get("bulan"),
                # A dataset holds signed PKs unless it says otherwise.
                "status": spek.get("status", PerjanjianKinerja.Status.DISETUJUI),
                **{k: spek.get(k, "") for k in KOLOM_PK},
            },
            jalur,
            spek,
        )
        self.pk[(tahun, revisi)] = pk
        for urutan, b in enumerate(spek.get("baris", []), start=1):
            jalur_b = f"{jalur}.baris[{urutan - 1}]"
            pembaca.kunci_dikenal(
                b, {"sasaran", "sasaran_uraian", "indikator", "target", "satuan", "rencana_aksi"}, jalur_b
            )
            indikator = self.indikator_anggaran.get((tahun, b.get("indikator"))) or self.indikator_renstra.get(
                b.get("indikator")
            )
            if indikator is None:
                pembaca.galat(f"{jalur_b}.indikator", f"indikator {b.get('indikator')!r} tidak ada di OPD ini.")
                indikator = DITOLAK
            baris_pk = self.tambah(
                BarisPK,
                {
                    "pk_dokumen": pk,
                    "indikator": indikator,
                    "urutan": urutan,
                    "sasaran": self._cari_sasaran(b.get("sasaran"), f"{jalur_b}.sasaran"),
                    "sasaran_uraian": b.get("sasaran_uraian", ""),
                    "target": pembaca.angka(b.get("target"), f"{jalur_b}.target"),
                    "satuan": b.get("satuan", ""),
                },
                jalur_b,
                b,
            )
            # Rencana Aksi: the row's target per Tribulan, [{"tribulan": 1, "target": "...", "uraian": "..."}].
            for i, ra in enumerate(b.get("rencana_aksi", [])):
                jalur_ra = f"{jalur_b}.rencana_aksi[{i}]"
                pembaca.kunci_dikenal(ra, {"tribulan", "target", "uraian"}, jalur_ra)
                self.tambah(
                    RencanaAksi,
                    {"baris_pk": baris_pk, "tribulan": ra.get("tribulan"),
                     "target": pembaca.angka(ra.get("target"), f"{jalur_ra}.target"), "uraian": ra.get("uraian", "")},
                    jalur_ra,
                    ra,
                )
        for urutan, a in enumerate(spek.get("anggaran", []), start=1):
            jalur_a = f"{jalur}.anggaran[{urutan - 1}]"
            pembaca.kunci_dikenal(a, {"program", "nilai", "sumber_dana"}, jalur_a)
            program = pembaca.cari(self.program, (tahun, a.get("program")), f"program anggaran {tahun}", f"{jalur_a}.program")
            self.tambah(
                AnggaranPK,
                {"pk_dokumen": pk, "program": program, "urutan": urutan,
                 "nilai": pembaca.angka(a.get("nilai"), f"{jalur_a}.nilai"), "sumber_dana": a.get("sumber_dana", "APBD")},
                jalur_a,
                a,
            )

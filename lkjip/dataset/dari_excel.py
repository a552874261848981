"""An OPD-year workbook (format, export and template: `capaian.excel.dataset`) read into the one dataset
loader: the import of the upload page (`lkjip.views_dataset`) and of the command `impor_dataset_excel`.

Reading: the Info sheet names the format (version 1 or 2), the OPD and the year; then every sheet, each
cell by its column's kind (exact numbers, dates, Ya/Tidak, a choice by its label or its code), a formula
refused, a required cell left empty reported, each "Ref" resolved to the row it names. A problem names
sheet, row and column ("Target, baris 3, D (Target)"). The rows go to the one writer
(`lkjip.dataset.tulis`), which checks everything the models rule on (lengths, choices, constraints,
`clean`) with the same places and writes all or nothing. A sheet or column that came with version 2
(Rencana Aksi, Rencana Penyerapan, the PK's Status) may be missing; a PK without a status is a signed one.

Warnings (`HasilImpor.peringatan`, `_Pemeriksa`): values every rule accepts but that likely give wrong
figures silently: a negative rule on a positive indicator, more decimals than the indicator keeps,
cumulative budget figures that fall between Tribulan, an indicator of the year without a target of the
year, a realisasi over ten times its target. The page asks the user to confirm them before saving.

What the import does with what is already stored:
- the Pemda, found by its code, is used as it is (with a warning when its category scale differs from
  the workbook's). A new Pemda is created; it gets the workbook's scale when it had one of its own or
  when the bands differ from this database's default (the scale found by name, or created; a stored
  scale of that name with other bands is a problem);
- monev periods not stored are created; stored ones are kept as they are;
- the OPD is created, or used as it is when it exists in the same Pemda. An OPD that already holds data
  of the workbook's year is refused. Otherwise the year is added: what the OPD keeps across years
  (Renstra, its indicators with their targets of every year, standards, earlier realisasi) must equal
  what is stored, and a different value is a problem, never an overwrite; what is not stored is created.
- from the page (`sesuai_hak`), only what the user may do: a year of an OPD they write, a new OPD in a
  Pemda they administer; never a new Pemda.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from anggaran.models import Program
from capaian.engine import skala_untuk_pemda
from capaian.excel.dataset import (
    ANALISIS,
    ANGGARAN_PK,
    ATURAN_BAWAAN,
    BARIS_PK,
    BARIS_TABEL,
    FORMAT,
    INDIKATOR,
    KEGIATAN,
    LEMBAR_INDUK_LEVEL,
    LEMBAR_INFO,
    LEMBAR_MATA,
    NILAI_VARIABEL,
    OPD_,
    PAGU,
    PEMDA,
    PERIODE,
    PK,
    PROGRAM,
    REALISASI,
    REALISASI_ANGGARAN,
    REALISASI_LALU,
    RENCANA_AKSI,
    RENCANA_PENYERAPAN,
    RENSTRA,
    SASARAN,
    SEMUA_LEMBAR,
    SKALA,
    STANDAR,
    SUB_KEGIATAN,
    TABEL,
    TARGET,
    TUJUAN,
    VARIABEL,
    VERSI_DITERIMA,
    Kol,
    Lembar,
    kode_pilihan,
    label_pilihan,
)
from capaian.excel.sel import (
    AngkaTidakSah,
    BerkasDitolak,
    IsiLembar,
    baca_angka,
    baca_lembar,
    baca_pasangan,
    buka_buku_kerja,
    kosong,
    teks_sel,
)
from capaian.models import AnalisisIndikator, NilaiVariabel, RealisasiIndikator, TabelPendukung
from inti.akses import peran_pengguna
from inti.models import OPD, Pemda, SkalaKategori
from inti.periode import NILAI_DIGITS
from inti.tampilan import bulatkan, desimal_alami, format_angka, format_angka_penuh, format_rupiah
from lkjip.dataset.baris import BagianOPD, Baris, BilaAda, Dataset, DatasetTidakSah, Letak, Masalah
from lkjip.dataset.tulis import tulis_dataset
from perjanjian.models import PerjanjianKinerja

MAKS_BYTE_IMPOR = 100 * 1024 * 1024  # an admin's own file, read by a command: far above the upload limit


@dataclass
class HasilImpor:
    """What an import created (or, not saved, would create) and the warnings a user confirms first."""

    opd: OPD
    tahun: int
    jumlah: dict[str, int] = field(default_factory=dict)  # rows created, by sheet
    pemda_dibuat: bool = False
    skala_dibuat: bool = False
    opd_baru: bool = False
    # Plausible mistakes that would give wrong figures silently; the user confirms them before saving.
    peringatan: list[Masalah] = field(default_factory=list)
    tersimpan: bool = False


class _Urungkan(Exception):
    """Raised inside the transaction to roll back a trial run."""


def impor_dataset(
    data: bytes,
    *,
    user=None,
    alasan: str = "",
    simpan: bool = True,
    setujui_peringatan: bool = True,
    sesuai_hak: bool = False,
    maks: int = MAKS_BYTE_IMPOR,
) -> HasilImpor:
    """Read the whole workbook, then write the OPD's year in one transaction (DatasetTidakSah: nothing written).

    The one import of the command `impor_dataset_excel` and of the upload page. `simpan=False` is a trial
    run: every check and the whole write happen, then everything is rolled back, so the result says exactly
    what saving would create. With `setujui_peringatan=False` a workbook that has warnings is not saved
    either. `sesuai_hak`: the import may do only what `user` may do in the browser (`_periksa_hak`).
    """
    try:
        wb = buka_buku_kerja(data, maks=maks)
    except BerkasDitolak as exc:
        raise DatasetTidakSah([Masalah("", exc.pesan)]) from None
    try:
        pengimpor = _Pengimpor(wb, user=user if sesuai_hak else None)
        pengimpor.baca()
    finally:
        wb.close()
    if pengimpor.struktur_rusak or not pengimpor.tahun:
        raise DatasetTidakSah(pengimpor.masalah)
    alasan = alasan or f"Impor dataset Excel OPD {pengimpor.opd_kode} tahun {pengimpor.tahun}"
    hasil = None
    try:
        # One transaction around what is read of the stored rows (the Pemda, its scale, the OPD's year) and
        # the write that depends on it.
        with transaction.atomic():
            dataset = pengimpor.dataset()
            tertulis = tulis_dataset(dataset, user=user, alasan=alasan)
            dibuat = tertulis.jumlah_dibuat()
            hasil = HasilImpor(
                opd=tertulis.objek[pengimpor.opd],
                tahun=pengimpor.tahun,
                jumlah={lembar.judul: dibuat[lembar.model] for lembar in SEMUA_LEMBAR if dibuat[lembar.model]},
                pemda_dibuat=pengimpor.pemda in tertulis.dibuat,
                skala_dibuat=pengimpor.skala is not None and pengimpor.skala in tertulis.dibuat,
                opd_baru=pengimpor.opd in tertulis.dibuat,
                peringatan=pengimpor.peringatan,
            )
            if not simpan or (hasil.peringatan and not setujui_peringatan):
                raise _Urungkan
            hasil.tersimpan = True
    except _Urungkan:
        pass
    return hasil


@dataclass
class _BarisLembar:
    """A sheet row as read: values by column key, and the columns whose cell was refused."""

    nomor: int
    nilai: dict[str, Any]
    ditolak: set[str] = field(default_factory=set)
    kosong: set[str] = field(default_factory=set)  # columns left empty (or absent from an older file)

    def __getitem__(self, nama: str):
        return self.nilai.get(nama)


class _Ditolak:
    """A reference the reader could not resolve (reported once, by the reader)."""


DITOLAK = _Ditolak()


class _Pengimpor:
    def __init__(self, wb, *, user=None):
        self.wb = wb
        self.user = user  # set: the import may do only what this user may do in the browser
        self.masalah: list[Masalah] = []
        self.peringatan: list[Masalah] = []
        self.versi = ""
        self.baris: dict[str, list[_BarisLembar]] = {}
        self.isi: dict[str, IsiLembar] = {}
        self.ref: dict[str, dict[str, _BarisLembar]] = {}  # every Ref label of a sheet, as read
        self.rekaman: dict[str, dict[str, Baris]] = {}  # the rows made so far, by sheet and Ref label
        self.opd_kode = ""
        self.tahun = 0
        self.struktur_rusak = False  # a sheet or a column is missing: rows cannot be cross-checked
        self.pemda: Baris | None = None
        self.skala: Baris | None = None
        self.opd: Baris | None = None
        self.baris_pk: dict[tuple[str, str], Baris] = {}  # by the Ref labels of its PK and indicator

    def galat(self, lembar: Lembar | str, baris: int | None, kolom: str, pesan: str) -> None:
        self.masalah.append(Masalah(self._tempat(lembar, baris, kolom), pesan))

    def _tempat(self, lembar: Lembar | str, baris: int | None, kolom: str = "") -> str:
        judul = lembar if isinstance(lembar, str) else lembar.judul
        isi = self.isi.get(judul)
        nama_kolom = isi.nama_kolom(kolom) if isi and kolom else kolom
        return ", ".join(x for x in (judul, f"baris {baris}" if baris else "", nama_kolom) if x)

    def awas(self, lembar: Lembar, baris: int | None, kolom: str, pesan: str) -> None:
        self.peringatan.append(Masalah(self._tempat(lembar, baris, kolom), pesan))

    # --- reading the cells, nothing stored is read ---

    def baca(self) -> None:
        self._info()
        if self.masalah:
            return
        for lembar in SEMUA_LEMBAR:
            self._lembar(lembar)

    def _info(self) -> None:
        if LEMBAR_INFO not in self.wb.sheetnames:
            self.galat("", None, "", "Berkas ini bukan dataset OPD dari aplikasi ini (lembar Info tidak ada).")
            return
        try:
            meta = baca_pasangan(self.wb[LEMBAR_INFO])
        except BerkasDitolak as exc:
            self.galat(LEMBAR_INFO, None, "", exc.pesan)
            return
        if meta.get("format") != FORMAT:
            self.galat(LEMBAR_INFO, None, "", "Berkas ini bukan dataset OPD dari aplikasi ini (format tidak dikenali).")
        elif meta.get("versi_format") not in VERSI_DITERIMA:
            self.galat(LEMBAR_INFO, None, "", f"Versi format {meta.get('versi_format') or '?'} tidak didukung.")
        elif not meta.get("opd") or not (meta.get("tahun") or "").isdigit():
            self.galat(LEMBAR_INFO, None, "", "OPD atau tahun dataset tidak tercantum.")
        else:
            self.opd_kode, self.tahun = meta["opd"], int(meta["tahun"])
            self.versi = meta["versi_format"]

    def _lembar(self, lembar: Lembar) -> None:
        if lembar.judul not in self.wb.sheetnames and lembar.opsional:
            # A sheet that came with format version 2: a file made before has no such rows.
            self.isi[lembar.judul] = IsiLembar(lembar.judul, {}, [])
            self.baris[lembar.judul] = []
            return
        if lembar.judul not in self.wb.sheetnames:
            self.galat(lembar, None, "", f"Lembar “{lembar.judul}” tidak ada di berkas.")
            self.struktur_rusak = True
            return
        try:
            isi = baca_lembar(self.wb[lembar.judul], maks_kolom=len(lembar.kolom) + 5)
        except BerkasDitolak as exc:
            self.galat(lembar, None, "", exc.pesan)
            self.struktur_rusak = True
            return
        self.isi[lembar.judul] = isi
        hilang = [k.judul for k in lembar.kolom if k.judul not in isi.kolom and not k.opsional]
        if hilang:
            self.galat(lembar, 1, "", f"Kolom tidak ada: {', '.join(hilang)}.")
            self.struktur_rusak = True
            return
        hasil = []
        for b in isi.baris:
            baris = _BarisLembar(b.nomor, {})
            for kol in lembar.kolom:
                sel = b.sel.get(kol.judul)
                if sel is not None and sel.rumus:
                    self.galat(lembar, b.nomor, kol.judul, "Sel berisi rumus; yang diterima hanya nilai.")
                    baris.ditolak.add(kol.nama)
                    continue
                self._nilai(lembar, kol, baris, None if sel is None else sel.nilai)
            hasil.append(baris)
        self.baris[lembar.judul] = hasil
        if any(k.nama == "ref" for k in lembar.kolom):
            per_ref: dict[str, _BarisLembar] = {}
            for b in hasil:
                if b["ref"] in per_ref:
                    self.galat(lembar, b.nomor, "Ref", f"Ref “{b['ref']}” sudah dipakai di baris {per_ref[b['ref']].nomor}.")
                elif b["ref"]:
                    per_ref[b["ref"]] = b
            self.ref[lembar.judul] = per_ref

    def _nilai(self, lembar: Lembar, kol: Kol, baris: _BarisLembar, mentah) -> None:
        """The cell read by its column's kind; lengths and choices are the models' to check, in the writer."""
        medan = lembar.medan(kol)
        if kosong(mentah):
            baris.kosong.add(kol.nama)
            if kol.wajib:
                self.galat(lembar, baris.nomor, kol.judul, "Wajib diisi.")
                baris.ditolak.add(kol.nama)
            # An empty optional cell takes the field's default ("Uraian", APBD, urutan 0).
            baris.nilai[kol.nama] = medan.get_default() if medan is not None else (False if kol.jenis == "ya" else None)
            return
        try:
            if kol.jenis in ("angka", "uang", "batas"):
                digit = (
                    {"max_digits": medan.max_digits, "decimal_places": medan.decimal_places}
                    if isinstance(medan, models.DecimalField)
                    else NILAI_DIGITS
                )
                nilai = baca_angka(mentah, label=kol.judul, boleh_negatif=kol.jenis != "uang", **digit)
            elif kol.jenis == "bulat":
                nilai = _bulat(mentah)
            elif kol.jenis == "ya":
                nilai = _ya(mentah)
            elif kol.jenis == "tanggal":
                nilai = _tanggal(mentah)
            elif kol.jenis == "pilihan":
                nilai = _pilihan(mentah, lembar.pilihan(kol))
            else:
                nilai = teks_sel(mentah)
        except AngkaTidakSah as exc:
            self.galat(lembar, baris.nomor, kol.judul, exc.pesan[:1].upper() + exc.pesan[1:])
            baris.ditolak.add(kol.nama)
            nilai = None
        baris.nilai[kol.nama] = nilai

    # --- the rows, with what is stored of the Pemda, its scale and the OPD read to decide ---

    def dataset(self) -> Dataset:
        b = self.baris
        if len(b[OPD_.judul]) != 1 or b[OPD_.judul][0]["kode"] != self.opd_kode:
            self.galat(OPD_, None, "", f"Lembar OPD harus berisi tepat satu baris, OPD {self.opd_kode}.")
        if len(b[PEMDA.judul]) != 1:
            self.galat(PEMDA, None, "", "Lembar Pemda harus berisi tepat satu baris.")
        if len({r["skala"] for r in b[SKALA.judul]}) > 1:
            self.galat(SKALA, None, "", "Lembar Skala hanya boleh berisi satu skala.")
        if len(b[OPD_.judul]) != 1 or len(b[PEMDA.judul]) != 1:
            raise DatasetTidakSah(self.masalah)
        if self.user is not None:
            self._periksa_hak()

        data = Dataset(masalah=self.masalah)
        self.pemda = self._pemda(data)
        for p in b[PERIODE.judul]:
            data.umum.append(self._buat(PERIODE, p, tambahan={"pemda": self.pemda}, bila_ada=BilaAda.BIARKAN))
        spek = b[OPD_.judul][0]
        self.opd = self._buat(OPD_, spek, tambahan={"pemda": self.pemda})
        # An OPD used as it is when stored; only its Pemda must agree.
        self.opd.awal = {k: self.opd.nilai.pop(k) for k in list(self.opd.nilai) if k not in ("kode", "pemda")}
        tersimpan = OPD.objects.filter(kode=spek["kode"]).first()
        if tersimpan is not None and _tahun_berisi(tersimpan, self.tahun):
            self.galat(OPD_, None, "", f"OPD {tersimpan.kode} sudah ada di basis data ini dan berisi data tahun "
                                       f"{self.tahun}; impor hanya tahun yang belum dimuat untuk OPD ini.")
            raise DatasetTidakSah(self.masalah)
        data.opd.append(BagianOPD(opd=self.opd, baris=list(self._isi_opd())))
        if not self.masalah:
            _Pemeriksa(self).periksa()
        return data

    def _periksa_hak(self) -> None:
        """What the user may do in the browser: a year of an OPD they write; a new OPD in a Pemda they admin.

        The page never creates a Pemda. Nothing is said of an OPD the user cannot read beyond its code.
        """
        akses = peran_pengguna(self.user)
        sebelum = len(self.masalah)
        spek_pemda, spek_opd = self.baris[PEMDA.judul][0], self.baris[OPD_.judul][0]
        pemda = Pemda.objects.filter(kode=spek_pemda["kode"]).first()
        opd = OPD.objects.filter(kode=spek_opd["kode"]).first()
        if opd is not None and not akses.boleh_tulis(opd.pk):
            self.galat(OPD_, spek_opd.nomor, "Kode", f"Anda tidak berhak mengunggah data OPD “{spek_opd['kode']}”; "
                                                     "dataset hanya dapat diunggah untuk OPD yang Anda kelola.")
        elif pemda is None or not (akses.superuser or pemda.pk in akses.pemda_ids):
            self.galat(PEMDA, spek_pemda.nomor, "Kode", f"Pemda “{spek_pemda['kode']}” tidak dikenal. Isi kode Pemda "
                                                        "Anda (unduh template dari halaman unggah dataset).")
        elif opd is None and not akses.admin_pemda(pemda.pk):
            self.galat(OPD_, spek_opd.nomor, "Kode", f"OPD “{spek_opd['kode']}” belum ada. OPD baru hanya dapat "
                                                     "dibuat oleh admin Pemda; operator menambah tahun bagi OPD-nya "
                                                     "sendiri. Periksa kode OPD di lembar Info dan OPD.")
        if len(self.masalah) > sebelum:
            # Refused whatever else the file holds: the other problems are not the user's to see.
            raise DatasetTidakSah(self.masalah[sebelum:])

    def _pemda(self, data: Dataset) -> Baris:
        spek = self.baris[PEMDA.judul][0]
        rentang = [(r["nama"], r["batas_bawah"], r["batas_atas"]) for r in self.baris[SKALA.judul]]
        tersimpan = Pemda.objects.filter(kode=spek["kode"]).first()
        tambahan: dict[str, Any] = {}
        if tersimpan is not None:
            dipakai = [(r.nama, r.batas_bawah, r.batas_atas) for r in skala_untuk_pemda(tersimpan)]
            if rentang and _urut(dipakai) != _urut(rentang):
                self.awas(
                    SKALA, None, "",
                    f"Pemda {tersimpan.kode} sudah ada dan memakai skala kategori yang berbeda dari berkas; "
                    "kategori capaian dihitung dengan skala yang ada.",
                )
        else:
            bawaan = [(r.nama, r.batas_bawah, r.batas_atas) for r in skala_untuk_pemda(None)]
            # A Pemda that used the default scale keeps doing so here when this database's default has the
            # same bands; otherwise it gets the workbook's scale, found by name or created.
            if rentang and (spek["skala"] or _urut(bawaan) != _urut(rentang)):
                self.skala, skala_bawaan = self._skala(data)
                if spek["skala"] or not skala_bawaan:
                    tambahan["skala_kategori"] = self.skala
        pemda = self._buat(PEMDA, spek, tambahan=tambahan, bila_ada=BilaAda.BIARKAN)
        data.umum.append(pemda)
        return pemda

    def _skala(self, data: Dataset) -> tuple[Baris, bool]:
        baris = self.baris[SKALA.judul]
        pertama = baris[0]
        nama = pertama["skala"]
        isi = self.isi[SKALA.judul]
        letak = Letak(
            self._tempat(SKALA, pertama.nomor),
            {"nama": isi.nama_kolom("Skala"), "sumber": isi.nama_kolom("Dasar"), "bawaan": isi.nama_kolom("Bawaan")},
        )
        tersimpan = SkalaKategori.objects.filter(nama=nama).first()
        if tersimpan is not None:
            milik = [(r.nama, r.batas_bawah, r.batas_atas) for r in tersimpan.rentang_set.all()]
            if _urut(milik) != _urut([(r["nama"], r["batas_bawah"], r["batas_atas"]) for r in baris]):
                self.galat(SKALA, None, "", f"Skala “{nama}” sudah ada dengan rentang yang berbeda; ubah nama skala di berkas.")
            skala = Baris(SkalaKategori, {"nama": nama}, letak, BilaAda.BIARKAN)
            data.umum.append(skala)
            return skala, tersimpan.bawaan
        bawaan = bool(pertama["bawaan"]) and not SkalaKategori.objects.filter(bawaan=True).exists()
        skala = Baris(SkalaKategori, {"nama": nama, "sumber": pertama["sumber"] or "", "bawaan": bawaan}, letak,
                      BilaAda.BIARKAN)
        data.umum.append(skala)
        for r in baris:
            data.umum.append(self._buat(SKALA, r, tambahan={"skala": skala}, bila_ada=BilaAda.BIARKAN))
        return skala, bawaan

    def _isi_opd(self):
        """Every row of the OPD's year, sheet by sheet: each sheet refers only to the sheets before it."""
        b, opd = self.baris, self.opd
        for r in b[RENSTRA.judul]:
            yield self._buat(RENSTRA, r, rujukan={"revisi_dari": ("revisi_dari", RENSTRA)}, tambahan={"opd": opd})
        for r in b[TUJUAN.judul]:
            yield self._buat(TUJUAN, r, rujukan={"renstra": ("renstra", RENSTRA)})
        for r in b[SASARAN.judul]:
            yield self._buat(SASARAN, r, rujukan={"tujuan": ("tujuan", TUJUAN)})
        for r in b[PROGRAM.judul]:
            self._tahun_dataset(PROGRAM, r, "Program")
            yield self._buat(PROGRAM, r, rujukan={"sasaran": ("sasaran", SASARAN)}, tambahan={"opd": opd})
        for r in b[KEGIATAN.judul]:
            yield self._buat(KEGIATAN, r, rujukan={"program": ("program", PROGRAM)})
        for r in b[SUB_KEGIATAN.judul]:
            yield self._buat(SUB_KEGIATAN, r, rujukan={"kegiatan": ("kegiatan", KEGIATAN)})
        for r in b[INDIKATOR.judul]:
            if r["polaritas"] == "negatif" and "aturan_negatif" in r.kosong:
                # The default rule would be applied silently, and a Pemda that uses T / R gets other figures.
                self.galat(INDIKATOR, r.nomor, "Rumus polaritas negatif",
                           "Wajib diisi untuk indikator berpolaritas negatif: (2T − R) / T × 100 atau T / R × 100.")
                r.ditolak.add("aturan_negatif")
            # The level says which sheet the parent is on; every other parent field stays empty.
            level = r["level"]
            induk = {level: ("induk", LEMBAR_INDUK_LEVEL[level])} if level in LEMBAR_INDUK_LEVEL else {}
            kosong_ = {medan: None for medan in LEMBAR_INDUK_LEVEL if medan != level}
            yield self._buat(INDIKATOR, r, rujukan=induk, tambahan={"opd": opd, **kosong_})
        indikator = {"indikator": ("indikator", INDIKATOR)}
        for r in b[TARGET.judul]:
            yield self._buat(TARGET, r, rujukan=indikator)
        for r in b[VARIABEL.judul]:
            yield self._buat(VARIABEL, r, rujukan=indikator)
        for r in b[TABEL.judul]:
            yield self._buat(TABEL, r, tambahan={"opd": opd})
        for r in b[BARIS_TABEL.judul]:
            yield self._buat(BARIS_TABEL, r, rujukan={"tabel": ("tabel", TABEL)})
        for r in b[REALISASI.judul]:
            yield self._buat(REALISASI, r, rujukan=indikator)
        for r in b[NILAI_VARIABEL.judul]:
            yield self._buat(NILAI_VARIABEL, r, rujukan={"variabel": ("variabel", VARIABEL), "tabel": ("tabel", TABEL)})
        for r in b[ANALISIS.judul]:
            yield self._buat(ANALISIS, r, rujukan=indikator)
        for lembar in (PAGU, REALISASI_ANGGARAN):
            for r in b[lembar.judul]:
                # The level (a choice: an unknown one is already reported) says which sheet the Ref is on.
                level = r["level"]
                yield self._buat(lembar, r, rujukan={level: ("mata", LEMBAR_MATA[level])} if level in LEMBAR_MATA else {})
        for r in b[RENCANA_PENYERAPAN.judul]:
            yield self._buat(RENCANA_PENYERAPAN, r, rujukan={"sub_kegiatan": ("sub_kegiatan", SUB_KEGIATAN)})
        for r in b[PK.judul]:
            self._tahun_dataset(PK, r, "PK")
            if "status" in r.kosong:
                r.nilai["status"] = PerjanjianKinerja.Status.DISETUJUI  # a dataset holds signed PKs unless it says
            yield self._buat(PK, r, rujukan={"menggantikan": ("menggantikan", PK)}, tambahan={"opd": opd})
        for r in b[BARIS_PK.judul]:
            baris = self._buat(BARIS_PK, r, rujukan={"pk_dokumen": ("pk_dokumen", PK), "sasaran": ("sasaran", SASARAN),
                                                     **indikator})
            self.baris_pk.setdefault((r["pk_dokumen"], r["indikator"]), baris)
            yield baris
        for r in b[ANGGARAN_PK.judul]:
            yield self._buat(ANGGARAN_PK, r, rujukan={"pk_dokumen": ("pk_dokumen", PK), "program": ("program", PROGRAM)})
        for r in b[RENCANA_AKSI.judul]:
            # A Rencana Aksi row belongs to a PK row, named by its PK and its indicator.
            baris_pk = self.baris_pk.get((r["pk_dokumen"], r["indikator"]))
            if baris_pk is None and not {"pk_dokumen", "indikator"} & r.ditolak:
                self.galat(RENCANA_AKSI, r.nomor, "Indikator (Ref)",
                           f"Indikator “{r['indikator']}” tidak ada di {r['pk_dokumen'] or 'PK'} (lembar Baris PK).")
            rencana = self._buat(RENCANA_AKSI, r, tambahan={"baris_pk": baris_pk})
            rencana.letak.kolom["baris_pk"] = self.isi[RENCANA_AKSI.judul].nama_kolom("Indikator (Ref)")
            if baris_pk is None:
                rencana.ditolak.add("baris_pk")
            yield rencana
        for r in b[STANDAR.judul]:
            yield self._buat(STANDAR, r, rujukan={**indikator, "variabel": ("variabel", VARIABEL)})
        for r in b[REALISASI_LALU.judul]:
            yield self._buat(REALISASI_LALU, r, rujukan=indikator)

    def _tahun_dataset(self, lembar: Lembar, r: _BarisLembar, jenis: str) -> None:
        """The workbook is one year: its programs and PK are of that year."""
        if r["tahun"] is not None and r["tahun"] != self.tahun:
            self.galat(lembar, r.nomor, "Tahun", f"{jenis} harus tahun {self.tahun}, tahun dataset ini.")
            r.ditolak.add("tahun")

    def _buat(
        self,
        lembar: Lembar,
        r: _BarisLembar,
        *,
        rujukan: dict[str, tuple[str, Lembar]] | None = None,
        tambahan: dict[str, Any] | None = None,
        bila_ada: BilaAda = BilaAda.TOLAK,
    ) -> Baris:
        """The row of a sheet row: its model-field cells, its references, and what the sheet row implies.

        `rujukan`: model field -> (column, sheet) of a Ref column. The row is registered under its own Ref.
        """
        isi = self.isi[lembar.judul]
        nilai: dict[str, Any] = {}
        kolom: dict[str, str] = {}
        ditolak: set[str] = set()
        for kol in lembar.kolom:
            medan = lembar.medan(kol)
            if medan is None:
                continue
            nilai[medan.name] = r[kol.nama]
            kolom[medan.name] = isi.nama_kolom(kol.judul)
            if kol.nama in r.ditolak:
                ditolak.add(medan.name)
        for medan, (nama_kol, tujuan) in (rujukan or {}).items():
            kol = next(k for k in lembar.kolom if k.nama == nama_kol)
            kolom[medan] = isi.nama_kolom(kol.judul)
            terkait = self._rujuk(lembar, r, kol, tujuan)
            if terkait is DITOLAK:
                ditolak.add(medan)
                terkait = None
            nilai[medan] = terkait
        nilai.update(tambahan or {})
        baris = Baris(lembar.model, nilai, Letak(self._tempat(lembar, r.nomor), kolom), bila_ada, ditolak=ditolak)
        if r["ref"] and self.ref.get(lembar.judul, {}).get(r["ref"]) is r:
            self.rekaman.setdefault(lembar.judul, {})[r["ref"]] = baris
        return baris

    def _rujuk(self, lembar: Lembar, r: _BarisLembar, kol: Kol, tujuan: Lembar) -> Baris | None | _Ditolak:
        label = r[kol.nama]
        if not label:
            return DITOLAK if kol.nama in r.ditolak else None
        baris = self.rekaman.get(tujuan.judul, {}).get(label)
        if baris is not None:
            return baris
        if tujuan is lembar and label in self.ref.get(lembar.judul, {}):
            # A revision refers to the version before it: listed first, so the chain cannot loop.
            pesan = f"{tujuan.judul} “{label}” harus tercantum di baris sebelumnya."
        else:
            pesan = f"Ref “{label}” tidak ada di lembar {tujuan.judul}."
        self.galat(lembar, r.nomor, kol.judul, pesan)
        return DITOLAK


URUTAN_DOKUMEN = ("dpa_perubahan", "dpa", "renja", "renstra")  # the engine's order when no PK row holds a target
KALI_TARGET_MENCURIGAKAN = 10


class _Pemeriksa:
    """The warnings a user confirms before saving: values that pass every rule yet are likely mistakes.

    Read from the workbook's rows only (what it says of the year), each at its sheet, row and column.
    """

    def __init__(self, pengimpor: _Pengimpor):
        self.p = pengimpor
        self.tahun = pengimpor.tahun
        self.baris = pengimpor.baris
        self.indikator = {r["ref"]: r for r in self.baris[INDIKATOR.judul] if r["ref"]}

    def periksa(self) -> None:
        self._aturan_negatif()
        self._desimal()
        self._kumulatif(REALISASI_ANGGARAN, ("level", "mata"), "Realisasi kumulatif (Rp)", "Realisasi anggaran")
        self._kumulatif(RENCANA_PENYERAPAN, ("sub_kegiatan",), "Rencana kumulatif (Rp)", "Rencana penyerapan")
        self._target_hilang()
        self._realisasi_berlebih()

    def _nama(self, ref: str) -> str:
        r = self.indikator.get(ref)
        return f"{r['kode']} “{r['nama']}”" if r else f"“{ref}”"

    def _aturan_negatif(self) -> None:
        pilihan = INDIKATOR.pilihan(next(k for k in INDIKATOR.kolom if k.nama == "aturan_negatif"))
        for r in self.baris[INDIKATOR.judul]:
            aturan = r["aturan_negatif"]
            if r["polaritas"] != "positif" or "aturan_negatif" in r.kosong or "aturan_negatif" in r.ditolak:
                continue
            if self.p.versi == "1" and aturan == ATURAN_BAWAAN:
                continue  # version 1 required the column on every indicator: its default says nothing
            self.p.awas(INDIKATOR, r.nomor, "Rumus polaritas negatif",
                        f"Indikator {r['kode']} berpolaritas positif (makin tinggi makin baik), tetapi diberi rumus "
                        f"polaritas negatif “{label_pilihan(aturan, pilihan)}”. Rumus itu tidak dipakai; bila "
                        "indikator ini makin rendah makin baik, ubah Polaritas menjadi negatif.")

    def _desimal(self) -> None:
        for lembar, medan, judul in (
            (TARGET, "nilai", "Target"), (REALISASI, "nilai", "Realisasi"), (BARIS_PK, "target", "Target"),
            (RENCANA_AKSI, "target", "Target tribulan"), (REALISASI_LALU, "nilai", "Realisasi"),
        ):
            for r in self.baris[lembar.judul]:
                indikator, nilai = self.indikator.get(r["indikator"]), r[medan]
                if indikator is None or nilai is None or not isinstance(indikator["desimal"], int):
                    continue
                desimal = indikator["desimal"]
                if desimal_alami(nilai) > desimal:
                    self.p.awas(lembar, r.nomor, judul,
                                f"{format_angka_penuh(nilai)} memiliki {desimal_alami(nilai)} angka desimal, sedangkan "
                                f"indikator {self._nama(r['indikator'])} menyimpan {desimal} desimal: nilai ini "
                                f"ditampilkan dan dihitung sebagai {format_angka(bulatkan(nilai, desimal), desimal)}. "
                                "Periksa kolom Desimal di lembar Indikator.")

    def _kumulatif(self, lembar: Lembar, kunci: tuple[str, ...], judul: str, apa: str) -> None:
        per_mata: dict[tuple, list[_BarisLembar]] = {}
        for r in self.baris[lembar.judul]:
            if r["nilai"] is not None and isinstance(r["tribulan"], int):
                per_mata.setdefault(tuple(r[k] for k in kunci), []).append(r)
        for daftar in per_mata.values():
            daftar.sort(key=lambda r: r["tribulan"])
            for lalu, kini in zip(daftar, daftar[1:], strict=False):
                if kini["nilai"] < lalu["nilai"]:
                    self.p.awas(lembar, kini.nomor, judul,
                                f"{apa} s.d. Tribulan {kini['tribulan']} ({format_rupiah(kini['nilai'])}) lebih kecil "
                                f"daripada s.d. Tribulan {lalu['tribulan']} ({format_rupiah(lalu['nilai'])}). Nilainya "
                                "diisi kumulatif: s.d. Tribulan ini, termasuk Tribulan sebelumnya, bukan per Tribulan.")

    def _target_tahun(self) -> dict[str, tuple]:
        """Each indicator's target of the year, as the engine picks it: latest PK row, else by document."""
        revisi = {r["ref"]: r["revisi"] or 0 for r in self.baris[PK.judul] if r["ref"]}
        hasil: dict[str, tuple] = {}
        for r in self.baris[BARIS_PK.judul]:
            lama = hasil.get(r["indikator"])
            kini = (revisi.get(r["pk_dokumen"], 0), r["target"], "PK")
            if lama is None or kini[0] >= lama[0]:
                hasil[r["indikator"]] = kini
        dokumen: dict[str, dict[str, Any]] = {}
        for r in self.baris[TARGET.judul]:
            if r["tahun"] == self.tahun and r["nilai"] is not None:
                dokumen.setdefault(r["indikator"], {})[r["dokumen"]] = r["nilai"]
        for ref, per_dokumen in dokumen.items():
            if ref not in hasil:
                sumber = next((d for d in URUTAN_DOKUMEN if d in per_dokumen), None)
                if sumber is not None:
                    hasil[ref] = (0, per_dokumen[sumber], sumber)
        return hasil

    def _target_hilang(self) -> None:
        """An indicator of the year (its budget tree, or with values of the year) with no target of the year."""
        target = self._target_tahun()
        dipakai = {r["indikator"] for r in self.baris[REALISASI.judul] if r["tahun"] == self.tahun}
        variabel = {r["ref"]: r["indikator"] for r in self.baris[VARIABEL.judul]}
        dipakai |= {variabel.get(r["variabel"]) for r in self.baris[NILAI_VARIABEL.judul] if r["tahun"] == self.tahun}
        for r in self.baris[INDIKATOR.judul]:
            tahunan = r["level"] in LEMBAR_MATA or r["ref"] in dipakai
            if tahunan and r["ref"] and r["ref"] not in target:
                self.p.awas(INDIKATOR, r.nomor, "Kode",
                            f"Indikator {r['kode']} “{r['nama']}” tidak memiliki target tahun {self.tahun} (lembar "
                            "Target atau Baris PK): capaiannya tidak dapat dihitung.")

    def _realisasi_berlebih(self) -> None:
        target = self._target_tahun()
        for r in self.baris[REALISASI.judul]:
            if r["tahun"] != self.tahun or r["nilai"] is None or r["indikator"] not in target:
                continue
            nilai_target = target[r["indikator"]][1]
            if nilai_target and nilai_target > 0 and r["nilai"] > KALI_TARGET_MENCURIGAKAN * nilai_target:
                self.p.awas(REALISASI, r.nomor, "Realisasi",
                            f"Realisasi {format_angka_penuh(r['nilai'])} lebih dari sepuluh kali target "
                            f"{format_angka_penuh(nilai_target)} indikator {self._nama(r['indikator'])}. Periksa "
                            "satuan dan letak koma.")


def _tahun_berisi(opd: OPD, tahun: int) -> bool:
    """Whether the OPD already holds data of the year (its budget, PK, tables or monev values)."""
    return (
        Program.objects.filter(opd=opd, tahun=tahun).exists()
        or PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).exists()
        or TabelPendukung.objects.filter(opd=opd, tahun=tahun).exists()
        or RealisasiIndikator.objects.filter(indikator__opd=opd, tahun=tahun).exists()
        or NilaiVariabel.objects.filter(variabel__indikator__opd=opd, tahun=tahun).exists()
        or AnalisisIndikator.objects.filter(indikator__opd=opd, tahun=tahun).exists()
    )


def _urut(rentang) -> list:
    return sorted((nama, bawah, atas) for nama, bawah, atas in rentang)


def _bulat(nilai) -> int:
    if isinstance(nilai, bool):
        raise AngkaTidakSah("bukan bilangan bulat")
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, float) and nilai.is_integer():
        return int(nilai)
    teks = teks_sel(nilai)
    if teks.lstrip("-").isdigit():
        return int(teks)
    raise AngkaTidakSah(f"bukan bilangan bulat: “{teks[:40]}”")


def _pilihan(nilai, pilihan) -> str:
    """A choice cell: its label as the drop-down writes it, or its code as files of before wrote it."""
    teks = teks_sel(nilai)
    kode = kode_pilihan(teks, pilihan)
    if kode is None:
        daftar = "; ".join(label for _, label in pilihan)
        raise AngkaTidakSah(f"“{teks[:60]}” bukan pilihan yang dikenal. Pilih salah satu: {daftar}.")
    return kode


def _ya(nilai) -> bool:
    if isinstance(nilai, bool):
        return nilai
    teks = teks_sel(nilai).lower()
    if teks in ("ya", "y", "true", "1", "benar"):
        return True
    if teks in ("tidak", "t", "false", "0", "salah"):
        return False
    raise AngkaTidakSah(f"isi “Ya” atau “Tidak”, bukan “{teks[:40]}”")


def _tanggal(nilai) -> datetime.date:
    if isinstance(nilai, datetime.datetime):
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    teks = teks_sel(nilai)
    for pola in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(teks, pola).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise AngkaTidakSah(f"bukan tanggal (tulis 2022-10-03 atau 03/10/2022): “{teks[:40]}”")

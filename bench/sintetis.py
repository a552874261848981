"""Synthetic OPDs: one of any size for the query-count test and the benchmark, and a small one tests build
scenarios on.

`OPDUji` is the small one: a test adds exactly the indicators, targets, realisasi and budget it needs.

`buat_opd_sintetis(kode, kali=20)` builds, with bulk_create, an OPD-year shaped like the 2022 dataset
(a Renstra with formula IKU fed by a supporting table, programs with kegiatan and sub kegiatan that each
have an indicator, pagu in DPA and DPA Perubahan, cumulative realisasi for four Tribulan, a PK and a PK
Perubahan with rows and budgets, standards and earlier years) with `kali` times as many indicators and
budget lines. Every kind of row the engine reads is present at every size, so a query that runs per
row shows up as a difference in query count between sizes.
"""

from __future__ import annotations

from decimal import Decimal

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, SubKegiatan
from capaian.engine import hitung_opd_tahun
from capaian.models import BarisTabelPendukung, NilaiVariabel, RealisasiIndikator, TabelPendukung
from inti.models import OPD, Pemda, RentangKategori, SkalaKategori
from perjanjian.models import AnggaranPK, BarisPK, PerjanjianKinerja
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

TAHUN = 2022
D = Decimal


def _skala_bawaan():
    skala = SkalaKategori.objects.filter(bawaan=True).first()
    if skala is None:
        skala = SkalaKategori.objects.create(nama="Permendagri 86/2017 (sintetis)", bawaan=True)
        RentangKategori.objects.bulk_create(
            [
                RentangKategori(skala=skala, urutan=1, nama="Sangat Tinggi", batas_bawah=Decimal(91)),
                RentangKategori(
                    skala=skala, urutan=2, nama="Tinggi", batas_bawah=Decimal(76), batas_atas=Decimal(91)
                ),
                RentangKategori(
                    skala=skala, urutan=3, nama="Sedang", batas_bawah=Decimal(66), batas_atas=Decimal(76)
                ),
                RentangKategori(
                    skala=skala, urutan=4, nama="Rendah", batas_bawah=Decimal(51), batas_atas=Decimal(66)
                ),
                RentangKategori(skala=skala, urutan=5, nama="Sangat Rendah", batas_atas=Decimal(51)),
            ]
        )
    return skala


def buat_opd_sintetis(kode: str = "sintetis", kali: int = 1, tahun: int = TAHUN):
    """Create the OPD and its year; returns the OPD. `kali` multiplies indicators and budget lines."""
    _skala_bawaan()
    pemda, _ = Pemda.objects.get_or_create(
        kode="pemda-sintetis", defaults={"nama": "Pemerintah Kota Sintetis"}
    )
    opd = OPD.objects.create(pemda=pemda, kode=kode, nama=f"Dinas Sintetis {kode}")
    renstra = Renstra.objects.create(opd=opd, nama="Renstra", tahun_awal=tahun - 1, tahun_akhir=tahun + 4)
    tujuan = Tujuan.objects.create(renstra=renstra, kode="T1", nama="Tujuan sintetis")
    indikator_tujuan = Indikator.objects.create(
        opd=opd, level="tujuan", tujuan=tujuan, kode="T1-1", nama="Kontribusi PDRB", satuan="%"
    )
    sasaran = Sasaran.objects.bulk_create(
        [Sasaran(tujuan=tujuan, kode=f"S{i}", nama=f"Sasaran {i}", urutan=i) for i in range(2 * kali)]
    )
    tabel = TabelPendukung.objects.create(opd=opd, tahun=tahun, kode="produksi", judul="Nilai produksi")
    BarisTabelPendukung.objects.bulk_create(
        [
            BarisTabelPendukung(
                tabel=tabel, urutan=i, label=f"Kelas {i}", kolom=kolom, nilai=Decimal(1000 + i + d)
            )
            for i in range(3)
            for kolom, d in ((str(tahun - 1), 0), (str(tahun), 5))
        ]
    )

    iku = Indikator.objects.bulk_create(
        [
            Indikator(
                opd=opd,
                level="sasaran",
                sasaran=s,
                kode=f"{s.kode}-1",
                nama=f"Pertumbuhan {s.kode}",
                satuan="%",
                desimal=3,
                rumus="(nilai_n - nilai_n1) / nilai_n1 * 100",
                iku=True,
            )
            for s in sasaran
        ]
    )
    program = Program.objects.bulk_create(
        [
            Program(
                opd=opd,
                tahun=tahun,
                kode=f"3.{i:02d}",
                nama=f"Program {i}",
                sasaran=sasaran[i % len(sasaran)],
            )
            for i in range(8 * kali)
        ]
    )
    kegiatan = Kegiatan.objects.bulk_create(
        [
            Kegiatan(program=p, kode=f"{p.kode}.{j}", nama=f"Kegiatan {p.kode}.{j}", urutan=j)
            for p in program
            for j in range(1 + (int(p.kode[2:]) % 2))
        ]
    )
    sub = SubKegiatan.objects.bulk_create(
        [
            SubKegiatan(kegiatan=k, kode=f"{k.kode}.{j}", nama=f"Sub kegiatan {k.kode}.{j}", urutan=j)
            for k in kegiatan
            for j in range(2)
        ]
    )
    lini = (
        [("program", p) for p in program]
        + [("kegiatan", k) for k in kegiatan]
        + [("sub_kegiatan", s) for s in sub]
    )
    indikator_dpa = Indikator.objects.bulk_create(
        [
            Indikator(
                opd=opd,
                level=level,
                **{level: obj},
                kode=f"I{n}",
                nama=f"Indikator {obj.kode}",
                satuan="%",
                polaritas="negatif" if n % 7 == 0 else "positif",
                rumus="a / b * 100" if n % 3 == 0 else "",
                desimal=2,
            )
            for n, (level, obj) in enumerate(lini)
        ]
    )
    semua_indikator = [indikator_tujuan, *iku, *indikator_dpa]

    target = []
    for ind in [indikator_tujuan, *iku]:
        for th, dok, nilai in (
            (tahun, "renstra", "0.1"),
            (tahun + 4, "renstra", "0.1"),
            (tahun, "renja", "0.1"),
        ):
            target.append(TargetIndikator(indikator=ind, tahun=th, dokumen=dok, nilai=Decimal(nilai)))
    for ind in indikator_dpa:
        target.append(TargetIndikator(indikator=ind, tahun=tahun, dokumen="dpa", nilai=Decimal(80)))
        target.append(TargetIndikator(indikator=ind, tahun=tahun, dokumen="dpa_perubahan", nilai=Decimal(75)))
    TargetIndikator.objects.bulk_create(target)

    RealisasiIndikator.objects.bulk_create(
        [
            RealisasiIndikator(indikator=ind, tahun=tahun, tribulan=t, nilai=Decimal(20 * t + n % 5))
            for n, ind in enumerate(semua_indikator)
            for t in (1, 2, 3, 4)
        ]
    )
    variabel = VariabelFormula.objects.bulk_create(
        [
            VariabelFormula(indikator=ind, nama=nama, label=nama, urutan=u)
            for ind in semua_indikator
            if ind.rumus
            for u, nama in enumerate(["nilai_n", "nilai_n1"] if ind.level == "sasaran" else ["a", "b"])
        ]
    )
    nilai = []
    for v in variabel:
        for t in (1, 2, 3, 4):
            if v.nama in ("nilai_n", "nilai_n1"):
                kolom = str(tahun) if v.nama == "nilai_n" else str(tahun - 1)
                nilai.append(NilaiVariabel(variabel=v, tahun=tahun, tribulan=t, tabel=tabel, kolom=kolom))
            else:
                nilai.append(
                    NilaiVariabel(
                        variabel=v, tahun=tahun, tribulan=t, nilai=Decimal(30 + t if v.nama == "a" else 40)
                    )
                )
    NilaiVariabel.objects.bulk_create(nilai)

    PaguAnggaran.objects.bulk_create(
        [
            PaguAnggaran(
                sub_kegiatan=s, dokumen=dok, nilai=Decimal(1_000_000 + 1000 * n + (7 if dok == "dpa" else 0))
            )
            for n, s in enumerate(sub)
            for dok in ("dpa", "dpa_perubahan")
        ]
    )
    RealisasiAnggaran.objects.bulk_create(
        [
            RealisasiAnggaran(sub_kegiatan=s, tribulan=t, nilai=Decimal(200_000 * t + n))
            for n, s in enumerate(sub)
            for t in (1, 2, 3, 4)
        ]
    )

    pk_awal = PerjanjianKinerja.objects.create(
        opd=opd,
        tahun=tahun,
        revisi=0,
        pihak_pertama_nama="Kepala",
        pihak_pertama_jabatan="Kepala Dinas",
        pihak_kedua_nama="Walikota",
        pihak_kedua_jabatan="Walikota",
    )
    pk_ubah = PerjanjianKinerja.objects.create(
        opd=opd,
        tahun=tahun,
        revisi=1,
        menggantikan=pk_awal,
        dokumen_anggaran="dpa_perubahan",
        pihak_pertama_nama="Kepala",
        pihak_pertama_jabatan="Kepala Dinas",
        pihak_kedua_nama="Walikota",
        pihak_kedua_jabatan="Walikota",
    )
    BarisPK.objects.bulk_create(
        [
            BarisPK(
                pk_dokumen=pk,
                urutan=u,
                sasaran=ind.sasaran,
                sasaran_uraian=ind.sasaran.nama,
                indikator=ind,
                target=Decimal("0.1"),
                satuan="%",
            )
            for pk in (pk_awal, pk_ubah)
            for u, ind in enumerate(iku)
        ]
    )
    AnggaranPK.objects.bulk_create(
        [
            AnggaranPK(pk_dokumen=pk, urutan=u, program=p, nilai=Decimal(5_000_000))
            for pk in (pk_awal, pk_ubah)
            for u, p in enumerate(program)
        ]
    )
    StandarPembanding.objects.bulk_create(
        [
            StandarPembanding(
                indikator=ind, tahun=tahun, tingkat="nasional", uraian="Standar", nilai=Decimal("0.2")
            )
            for ind in iku
        ]
    )
    RealisasiTahunLalu.objects.bulk_create(
        [RealisasiTahunLalu(indikator=ind, tahun=tahun - 1, nilai=Decimal("0.5")) for ind in iku]
    )
    return opd


class OPDUji:
    """A small OPD-year (2022) built by a test: one Renstra, tujuan, sasaran, program, kegiatan and
    sub kegiatan, and helpers to add indicators, targets, realisasi, formula inputs and PK versions."""

    def __init__(self, kode="uji", pemda=None):
        self.pemda = pemda or Pemda.objects.create(kode=f"pemda-{kode}", nama=f"Pemda {kode}")
        self.opd = OPD.objects.create(pemda=self.pemda, kode=kode, nama=f"Dinas {kode}")
        self.renstra = Renstra.objects.create(opd=self.opd, nama="Renstra", tahun_awal=2021, tahun_akhir=2026)
        self.tujuan = Tujuan.objects.create(renstra=self.renstra, kode="1", nama="Tujuan")
        self.sasaran = Sasaran.objects.create(tujuan=self.tujuan, kode="1.1", nama="Sasaran satu")
        self.program = Program.objects.create(
            opd=self.opd, tahun=TAHUN, kode="1.01", nama="Program satu", sasaran=self.sasaran
        )
        self.kegiatan = Kegiatan.objects.create(program=self.program, kode="1.01.1", nama="Kegiatan satu")
        self.sub = SubKegiatan.objects.create(kegiatan=self.kegiatan, kode="1.01.1.1", nama="Sub satu")

    def indikator(self, kode, *, level="sasaran", **kwargs):
        induk = {
            "tujuan": {"tujuan": self.tujuan},
            "sasaran": {"sasaran": self.sasaran},
            "program": {"program": self.program},
            "kegiatan": {"kegiatan": self.kegiatan},
            "sub_kegiatan": {"sub_kegiatan": self.sub},
        }[level]
        kwargs.setdefault("nama", f"Indikator {kode}")
        return Indikator.objects.create(opd=self.opd, level=level, kode=kode, **induk, **kwargs)

    @staticmethod
    def target(indikator, dokumen, nilai, tahun=TAHUN):
        TargetIndikator.objects.create(indikator=indikator, tahun=tahun, dokumen=dokumen, nilai=D(nilai))

    @staticmethod
    def realisasi(indikator, nilai, tribulan=4):
        RealisasiIndikator.objects.create(indikator=indikator, tahun=TAHUN, tribulan=tribulan, nilai=D(nilai))

    @staticmethod
    def input(indikator, nama, nilai=None, tribulan=4, tabel=None, kolom=""):
        variabel, _ = VariabelFormula.objects.get_or_create(
            indikator=indikator, nama=nama, defaults={"label": nama}
        )
        if nilai is not None or tabel is not None:
            NilaiVariabel.objects.create(
                variabel=variabel,
                tahun=TAHUN,
                tribulan=tribulan,
                nilai=None if nilai is None else D(nilai),
                tabel=tabel,
                kolom=kolom,
            )
        return variabel

    def pk(self, revisi, baris, dokumen_anggaran="dpa", anggaran=()):
        pk = PerjanjianKinerja.objects.create(
            opd=self.opd,
            tahun=TAHUN,
            revisi=revisi,
            menggantikan=PerjanjianKinerja.objects.filter(
                opd=self.opd, tahun=TAHUN, revisi=revisi - 1
            ).first(),
            dokumen_anggaran=dokumen_anggaran,
            pihak_pertama_nama="Kepala",
            pihak_pertama_jabatan="Kepala Dinas",
            pihak_kedua_nama="Walikota",
            pihak_kedua_jabatan="Walikota",
        )
        for urutan, (indikator, target) in enumerate(baris):
            BarisPK.objects.create(
                pk_dokumen=pk,
                urutan=urutan,
                sasaran=indikator.sasaran,
                sasaran_uraian="Sasaran",
                indikator=indikator,
                target=D(target),
            )
        for urutan, (program, nilai) in enumerate(anggaran):
            AnggaranPK.objects.create(pk_dokumen=pk, urutan=urutan, program=program, nilai=D(nilai))
        return pk

    def hitung(self, **kwargs):
        return hitung_opd_tahun(self.opd, TAHUN, **kwargs)

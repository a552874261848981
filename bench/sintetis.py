"""Synthetic OPDs: one of any size for the query-count test and the benchmark, and a small one tests build
scenarios on.

`OPDUji` is the small one: a test adds exactly the indicators, targets, realisasi and budget it needs.

`buat_opd_sintetis(kode, kali=20)` builds, with bulk_create, an OPD-year shaped like the 2022 dataset
(a Renstra with formula IKU fed by a supporting table, programs with kegiatan and sub kegiatan that each
have an indicator, pagu in DPA and DPA Perubahan, cumulative realisasi for four Tribulan, a PK and a PK
Perubahan with rows and budgets, standards and earlier years) with `kali` times as many indicators and
budget lines. Every kind of row the engine reads is present at every size, so a query that runs per
row shows up as a difference in query count between sizes.

`buat_opd_kecil(jumlah)` builds many OPDs at once, each with the fewest rows that still give every kind
the engine reads (an indicator at each level, a budget line with its own figures at each level, a PK and
its amendment, a formula fed by a supporting table): the cheapest data on which a per-OPD or per-row
query still shows.
"""

from __future__ import annotations

from decimal import Decimal

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, SubKegiatan
from capaian.engine import hitung_opd_tahun
from capaian.models import BarisTabelPendukung, NilaiVariabel, RealisasiIndikator, TabelPendukung
from inti.models import OPD, Pemda, RentangKategori, SkalaKategori
from inti.versi import naikkan
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
KODE_PEMDA = "pemda-sintetis"


def pemda_sintetis() -> Pemda:
    """The Pemda every synthetic OPD belongs to (created on first use): a Pemda other than the dataset's."""
    pemda, _ = Pemda.objects.get_or_create(kode=KODE_PEMDA, defaults={"nama": "Pemerintah Kota Sintetis"})
    return pemda


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
    opd = OPD.objects.create(pemda=pemda_sintetis(), kode=kode, nama=f"Dinas Sintetis {kode}")
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


def buat_opd_kecil(jumlah: int, awalan: str = "kecil", tahun: int = TAHUN) -> list[OPD]:
    """`jumlah` OPDs of the synthetic Pemda, each with the fewest rows that reach every part of the engine,
    written with one bulk insert per model whatever `jumlah` is.

    Per OPD: a Renstra with a tujuan indicator and a formula IKU summed from a supporting table; three
    programs whose pagu and realisasi sit on a sub kegiatan, on a kegiatan and on the program itself (the
    last supports no sasaran, like the Program Penunjang); an indicator on the program (negative), the
    kegiatan (a formula of typed inputs) and the sub kegiatan; Renstra, Renja and DPA targets; a PK and a
    PK Perubahan with rows and budgets; a national standard and an earlier year's realisasi.
    """
    _skala_bawaan()
    pemda = pemda_sintetis()
    opd = OPD.objects.bulk_create(
        [OPD(pemda=pemda, kode=f"{awalan}-{n:02d}", nama=f"Dinas Kecil {awalan}-{n:02d}") for n in range(jumlah)]
    )
    naikkan(peran=True)  # bulk_create sends no signal: the auditors' kept scopes must see the new OPDs
    renstra = Renstra.objects.bulk_create(
        [Renstra(opd=o, nama="Renstra", tahun_awal=tahun - 1, tahun_akhir=tahun + 4) for o in opd]
    )
    tujuan = Tujuan.objects.bulk_create([Tujuan(renstra=r, kode="T1", nama="Tujuan") for r in renstra])
    sasaran = Sasaran.objects.bulk_create([Sasaran(tujuan=t, kode="S1", nama="Sasaran") for t in tujuan])
    tabel = TabelPendukung.objects.bulk_create(
        [TabelPendukung(opd=o, tahun=tahun, kode="produksi", judul="Nilai produksi") for o in opd]
    )
    BarisTabelPendukung.objects.bulk_create(
        [
            BarisTabelPendukung(tabel=t, urutan=0, label="Kelas", kolom=kolom, nilai=D(nilai))
            for t in tabel
            for kolom, nilai in ((str(tahun - 1), 1000), (str(tahun), 1005))
        ]
    )
    program = Program.objects.bulk_create(
        [
            Program(opd=o, tahun=tahun, kode=f"1.0{j}", nama=f"Program {j}", urutan=j, sasaran=s if j < 3 else None)
            for o, s in zip(opd, sasaran, strict=True)
            for j in (1, 2, 3)
        ]
    )
    program_sub, program_kegiatan, program_sendiri = program[0::3], program[1::3], program[2::3]
    kegiatan = Kegiatan.objects.bulk_create(
        [
            Kegiatan(program=p, kode=f"{p.kode}.1", nama=f"Kegiatan {p.kode}.1")
            for pasangan in zip(program_sub, program_kegiatan, strict=True)
            for p in pasangan
        ]
    )
    kegiatan_sub, kegiatan_sendiri = kegiatan[0::2], kegiatan[1::2]
    sub = SubKegiatan.objects.bulk_create(
        [SubKegiatan(kegiatan=k, kode=f"{k.kode}.1", nama=f"Sub kegiatan {k.kode}.1") for k in kegiatan_sub]
    )

    indikator = Indikator.objects.bulk_create(
        [
            i
            for o, t, s, p, k, sk in zip(opd, tujuan, sasaran, program_sub, kegiatan_sub, sub, strict=True)
            for i in (
                Indikator(opd=o, level="tujuan", tujuan=t, kode="T1-1", nama="Kontribusi PDRB", satuan="%"),
                Indikator(
                    opd=o,
                    level="sasaran",
                    sasaran=s,
                    kode="S1-1",
                    nama="Pertumbuhan produksi",
                    satuan="%",
                    desimal=3,
                    iku=True,
                    rumus="(nilai_n - nilai_n1) / nilai_n1 * 100",
                ),
                Indikator(
                    opd=o, level="program", program=p, kode="P1", nama="Fluktuasi harga", polaritas="negatif"
                ),
                Indikator(opd=o, level="kegiatan", kegiatan=k, kode="K1", nama="Tepat waktu", rumus="a / b * 100"),
                Indikator(opd=o, level="sub_kegiatan", sub_kegiatan=sk, kode="SK1", nama="Pasar", satuan="Pasar"),
            )
        ]
    )
    ind_tujuan, iku, ind_program, ind_kegiatan, ind_sub = (indikator[n::5] for n in range(5))
    TargetIndikator.objects.bulk_create(
        [
            TargetIndikator(indikator=i, tahun=th, dokumen=dok, nilai=D("0.1"))
            for i in (*ind_tujuan, *iku)
            for th, dok in ((tahun, "renstra"), (tahun + 4, "renstra"), (tahun, "renja"))
        ]
        + [
            TargetIndikator(indikator=i, tahun=tahun, dokumen=dok, nilai=D(nilai))
            for i in (*ind_program, *ind_kegiatan, *ind_sub)
            for dok, nilai in (("dpa", 80), ("dpa_perubahan", 75))
        ]
    )
    RealisasiIndikator.objects.bulk_create(
        [
            RealisasiIndikator(indikator=i, tahun=tahun, tribulan=4, nilai=D(70))
            for i in (*ind_tujuan, *ind_program, *ind_sub)
        ]
    )
    variabel = VariabelFormula.objects.bulk_create(
        [
            VariabelFormula(indikator=i, nama=nama, label=nama, urutan=u)
            for i in (*iku, *ind_kegiatan)
            for u, nama in enumerate(("nilai_n", "nilai_n1") if i.iku else ("a", "b"))
        ]
    )
    NilaiVariabel.objects.bulk_create(
        [
            NilaiVariabel(variabel=v, tahun=tahun, tribulan=4, tabel=t, kolom=str(tahun - u))
            for v, t, u in zip(
                (v for v in variabel if v.nama.startswith("nilai_")),
                (t for t in tabel for _ in range(2)),
                (0, 1) * jumlah,
                strict=True,
            )
        ]
        + [
            NilaiVariabel(variabel=v, tahun=tahun, tribulan=4, nilai=D(30 if v.nama == "a" else 40))
            for v in variabel
            if not v.nama.startswith("nilai_")
        ]
    )

    def pada(mata) -> dict:
        return {mata.level: mata}

    mata = [*sub, *kegiatan_sendiri, *program_sendiri]
    PaguAnggaran.objects.bulk_create(
        [
            PaguAnggaran(**pada(m), dokumen=dok, nilai=D(nilai))
            for m in mata
            for dok, nilai in (("dpa", 1_000_000), ("dpa_perubahan", 900_000))
        ]
    )
    RealisasiAnggaran.objects.bulk_create(
        [RealisasiAnggaran(**pada(m), tribulan=4, nilai=D(800_000)) for m in mata]
    )

    penanda = {
        "pihak_pertama_nama": "Kepala",
        "pihak_pertama_jabatan": "Kepala Dinas",
        "pihak_kedua_nama": "Walikota",
        "pihak_kedua_jabatan": "Walikota",
    }
    pk_awal = PerjanjianKinerja.objects.bulk_create(
        [PerjanjianKinerja(opd=o, tahun=tahun, revisi=0, **penanda) for o in opd]
    )
    pk_ubah = PerjanjianKinerja.objects.bulk_create(
        [
            PerjanjianKinerja(
                opd=p.opd, tahun=tahun, revisi=1, menggantikan=p, dokumen_anggaran="dpa_perubahan", **penanda
            )
            for p in pk_awal
        ]
    )
    BarisPK.objects.bulk_create(
        [
            BarisPK(pk_dokumen=pk, urutan=0, sasaran=s, sasaran_uraian=s.nama, indikator=i, target=D("0.1"))
            for pk_opd, s, i in zip(zip(pk_awal, pk_ubah, strict=True), sasaran, iku, strict=True)
            for pk in pk_opd
        ]
    )
    AnggaranPK.objects.bulk_create(
        [
            AnggaranPK(pk_dokumen=pk, urutan=u, program=p, nilai=D(1_000_000))
            for pk_opd, *program_opd in zip(
                zip(pk_awal, pk_ubah, strict=True), program_sub, program_kegiatan, program_sendiri, strict=True
            )
            for pk in pk_opd
            for u, p in enumerate(program_opd)
        ]
    )
    StandarPembanding.objects.bulk_create(
        [
            StandarPembanding(indikator=i, tahun=tahun, tingkat="nasional", uraian="Standar", nilai=D("0.2"))
            for i in iku
        ]
    )
    RealisasiTahunLalu.objects.bulk_create(
        [RealisasiTahunLalu(indikator=i, tahun=tahun - 1, nilai=D("0.5")) for i in iku]
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

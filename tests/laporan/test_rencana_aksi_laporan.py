"""The Rencana Aksi lampiran: per PK indicator its Tribulan targets, realisasi and capaian, added only for a
year that has Rencana Aksi, so the numbered tables of a report without keep their numbers."""

from decimal import Decimal as D

import pytest

from capaian.models import RealisasiIndikator
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.ekspor import LaporanXlsx
from perjanjian.models import BarisPK, RencanaAksi

pytestmark = pytest.mark.django_db


def _baris(tabel, awal: str) -> list[list[str]]:
    """Rows from the one whose second cell is `awal` to the next indicator's."""
    teks = [[s.teks for s in b.sel] for b in tabel.baris]
    i = next(n for n, b in enumerate(teks) if b[1] == awal)
    return teks[i : i + 4]


def test_the_lampiran_lists_each_tribulan_against_its_target(opd_disperindag):
    tanpa = dokumen_laporan(opd_disperindag, 2022)
    assert "lamp_rencana_aksi" not in tanpa.tabel and "lampiran_rencana_aksi" not in tanpa.judul

    baris = BarisPK.objects.get(
        pk_dokumen__opd=opd_disperindag, pk_dokumen__revisi=1, indikator__kode="S2.1-1"
    )
    for tw, target in ((1, "0.02"), (2, "0.05"), (4, "0.1")):
        RencanaAksi.objects.create(
            baris_pk=baris, tribulan=tw, target=D(target), uraian=f"Pembinaan tahap {tw}"
        )
    RealisasiIndikator.objects.create(indikator=baris.indikator, tahun=2022, tribulan=2, nilai=D("0.0456"))
    dok = dokumen_laporan(opd_disperindag, 2022)
    tabel = dok.tabel["lamp_rencana_aksi"]
    assert tabel.judul == "Rencana Aksi Perjanjian Kinerja Perubahan Tahun 2022"
    assert _baris(tabel, "Persentase Peningkatan Produksi Sektor Unggulan") == [
        ["1", "Persentase Peningkatan Produksi Sektor Unggulan", "%", "0,1", "Tribulan I", "Pembinaan tahap 1",
         "0,02", "–", "–"],
        ["", "", "", "", "Tribulan II", "Pembinaan tahap 2", "0,05", "0,046", "92,00"],
        ["", "", "", "", "Tribulan III", "–", "–", "–", "–"],
        ["", "", "", "", "Tribulan IV", "Pembinaan tahap 4", "0,1", "0,094", "94,00"],
    ]  # fmt: skip
    # Unnumbered, in the lampiran: the numbered tables of the chapters are those of the report without it.
    assert tabel.nomor == "" and len(dok.daftar_tabel) == len(tanpa.daftar_tabel)
    assert [t.nomor for t in dok.daftar_tabel] == [t.nomor for t in tanpa.daftar_tabel]
    assert list(dok.tabel).index("lamp_rencana_aksi") > list(dok.tabel).index("lamp_pkp_anggaran")
    # The xlsx has it as a sheet of its own, with the same figures.
    lembar = LaporanXlsx(dok).buku_kerja()["Lamp Rencana Aksi"]
    nilai = [[c.value for c in r] for r in lembar.iter_rows()]
    assert ["Tribulan II", "Pembinaan tahap 2", D("0.05"), D("0.046"), D("92.00")] in [r[4:9] for r in nilai]


def test_the_report_page_shows_the_rencana_aksi_table(client_for, auditor_user, opd_disperindag):
    baris = BarisPK.objects.get(
        pk_dokumen__opd=opd_disperindag, pk_dokumen__revisi=1, indikator__kode="S2.2-1"
    )
    RencanaAksi.objects.create(baris_pk=baris, tribulan=4, target=D(1))
    html = client_for(auditor_user).get("/opd/disperindag/laporan/2022/").content.decode()
    assert 'id="tabel-lamp-rencana-aksi"' in html
    bagian = html[html.index('id="tabel-lamp-rencana-aksi"') :]
    assert "416,70" in bagian[: bagian.index("</table>")]

"""A report table as plain text: header spans, wrapped text, right-aligned figures, totals, notes, source."""

from decimal import Decimal

from lkjip.laporan.tabel import Baris, Sel, Tabel, kepala, teks
from lkjip.laporan.teks import LEBAR_TEKS, tabel_teks


def _angka(t: str) -> Sel:
    return Sel(t, Decimal(t.replace(".", "").replace(",", ".")), 2, "persen")


def _tabel(**kwargs) -> Tabel:
    return Tabel(
        "uji",
        "Capaian Uji",
        [
            [kepala("No", rowspan=2), kepala("Indikator", rowspan=2), kepala("Tahun 2022", colspan=2)],
            [kepala("Target"), kepala("Capaian (%)")],
        ],
        [
            Baris((teks("1"), teks("Persentase Peningkatan Omset"), _angka("1,00"), _angka("416,70"))),
            Baris((teks("2"), teks("Indikator " + "panjang " * 8 + "sekali"), _angka("10,00"), Sel("–"))),
            Baris((teks(""), teks("RATA-RATA", tebal=True), teks(""), _angka("416,70")), "jumlah"),
        ],
        nomor="3.2",
        **kwargs,
    )


def test_title_header_rule_and_rows():
    baris = tabel_teks(_tabel(sumber="Monev Tribulan IV"))
    assert baris[0] == "Tabel 3.2 Capaian Uji"
    assert baris[1].split() == ["No", "Indikator", "Tahun", "2022"]
    assert baris[2].split() == ["Target", "Capaian"]  # under the span; "(%)" wraps to the next line
    assert baris[3].split() == ["(%)"]
    assert set(baris[4]) == {"-", " "}
    assert baris[5].split()[-2:] == ["1,00", "416,70"]
    assert baris[-1] == "Sumber: Monev Tribulan IV"


def test_figures_are_right_aligned_and_a_missing_one_too():
    baris = tabel_teks(_tabel())
    satu = next(b for b in baris if b.startswith("1 "))
    dua = next(b for b in baris if b.startswith("2 "))
    assert len(satu) == len(dua)  # both end at the right edge of the last column
    assert dua.endswith("–") and satu.endswith("416,70")


def test_long_text_wraps_within_its_column_and_the_row_grows():
    baris = tabel_teks(_tabel())
    awal = next(i for i, b in enumerate(baris) if b.startswith("2 "))
    lanjutan = baris[awal + 1]
    assert lanjutan.startswith(" " * 4) and "panjang" in lanjutan
    lebar_kolom = len(baris[4].split()[1])
    assert lebar_kolom == LEBAR_TEKS
    assert all(len(b) <= len(baris[4]) for b in baris[1:-1])


def test_a_total_row_gets_a_rule_above_it_and_notes_print_before_the_source():
    baris = tabel_teks(_tabel(sumber="DPA", catatan=["Realisasi belum lengkap."]))
    jumlah = next(i for i, b in enumerate(baris) if "RATA-RATA" in b)
    assert baris[jumlah - 1] == baris[4]
    assert baris[-2:] == ["Catatan: Realisasi belum lengkap.", "Sumber: DPA"]


def test_an_empty_table_says_so():
    tabel = Tabel("kosong", "Tanpa Baris", [[kepala("No"), kepala("Nama")]], [])
    assert tabel_teks(tabel) == ["Tanpa Baris", "No  Nama", "--  ----", "Belum ada data."]

"""The Excel round trip: monev templates out and back in, and an OPD's whole year as one workbook.

- `sel`: cells in and out: exact numbers (Decimal ↔ Excel number or text), input-cell marking, the
  checks an uploaded file passes before openpyxl parses it, and reading a sheet by its headers.
  Writing text goes through `inti.ekspor.tulis_sel`, so user text is never a formula.
- `monev`: the Tribulan template (`template_monev`) and its upload (`periksa_unggahan`, `terapkan`):
  every row is validated first, then everything is written in one transaction through the write
  services of `capaian.services` and `anggaran.services`, or nothing is.
- `dataset`: the whole OPD-year as one workbook (`ekspor_dataset`). Its import is the one dataset
  loader's (`lkjip.dataset.dari_excel`, command `impor_dataset_excel`), above the domain apps.
"""

"""Loading a dataset into the database: one writer, whichever reader produced the rows.

- `baris`: the neutral form every reader produces (`Dataset`, `Baris`, `Letak`) and the problems it
  reports (`Masalah`, `DatasetTidakSah`).
- `tulis`: the one writer, `tulis_dataset`. It validates every row with the models' own rules
  (`clean_fields`, the `Meta.constraints` with their Indonesian messages, `clean`), then writes all in
  one transaction with a history row each (acting user and reason), or nothing.
- `dari_json`: the JSON seed `fixtures/pasuruan_2022.json` and the demo users (`muat_dataset`, command
  `muat_dataset`).
- `dari_excel`: the workbook `capaian.excel.dataset` exports for an OPD-year (`impor_dataset`, shared by
  the upload page and the command `impor_dataset_excel`), with the warnings a user confirms.
- `unggahan`: an uploaded workbook waiting server-side for the user's confirmation.

It lives in `lkjip`, the top layer, because loading a dataset is a site operation over every layer at
once (Pemda, scale and periods in `inti`, plan, budget, PK and monev data, the demo accounts with the
site's `DEMO_PASSWORD`); `capaian` keeps the workbook's format and its export, which this package reads.
"""

"""Reads of capaian for its pages: each selector gathers what one page shows (engine results, stored
rows, access) into dataclasses, with a fixed number of queries; views hold no query and no domain rule.

- `monev`: the entry screens of an OPD's Tribulan and the OPD's monev summary;
- `tabel`: the capaian tables across OPDs, the drill-downs, the Pemda overview and the periods page.
"""

"""The neutral form of a dataset: what every reader produces and the one writer (`tulis`) stores.

A reader turns its input into `Baris` rows: a model and the values of its fields (another `Baris` where
a field refers to a row of the same dataset), the values set only when the row is created, where the row
came from (`Letak`, in the input's own words) and what to do when the database already holds it. What a
reader cannot turn into a value (a number that is not one, a reference to nothing, an unknown key) it
reports as a `Masalah` and marks the field `ditolak`; everything the models rule on themselves (lengths,
choices, validators, constraints, `clean`) is left to the writer, which asks the models.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models


class BilaAda(enum.Enum):
    """What the writer does with a row the database already holds (found by the model's unique key)."""

    BIARKAN = "biarkan"  # keep what is stored: a seed rerun, an existing Pemda used as it is
    TIMPA = "timpa"  # put the dataset's values back, with a history row (`muat_dataset --timpa`)
    TOLAK = "tolak"  # a different value is a problem: an import never overwrites stored data silently


@dataclass(frozen=True)
class Letak:
    """Where a row came from: "Target, baris 3" (a sheet row) or "opd[0].renstra[1]" (a JSON path).

    `kolom` names, per model field, the column or key that holds it, so that a message can point at the
    cell ("Target, baris 3, D (Target)") or the key ("opd[0].renstra[1].nama").
    """

    tempat: str = ""
    kolom: Mapping[str, str] = field(default_factory=dict)
    pemisah: str = ", "

    def untuk(self, medan: str | None = None) -> str:
        nama = self.kolom.get(medan) if medan else None
        if not nama:
            return self.tempat
        return f"{self.tempat}{self.pemisah}{nama}" if self.tempat else nama


@dataclass(frozen=True)
class Masalah:
    letak: str
    pesan: str

    def __str__(self) -> str:
        return f"{self.letak}: {self.pesan}" if self.letak else self.pesan


class DatasetTidakSah(ValueError):
    """The dataset was refused as a whole and nothing was written; `masalah` lists every problem found."""

    def __init__(self, masalah: list[Masalah]):
        self.masalah = list(masalah)
        super().__init__("\n".join(str(m) for m in self.masalah))


@dataclass(eq=False)
class Baris:
    """One row to store.

    `nilai` holds field values by field name; a value that is a `Baris` is that row's object once
    written. `awal` holds values set only when the row is created (what an admin owns afterwards: a
    password, the lock of a period); a callable there is called then, and only then. `ditolak` names the
    fields the reader already reported, which the writer does not report again.
    """

    model: type[models.Model]
    nilai: dict[str, Any]
    letak: Letak = field(default_factory=Letak)
    bila_ada: BilaAda = BilaAda.TOLAK
    awal: dict[str, Any] = field(default_factory=dict)
    ditolak: set[str] = field(default_factory=set)


@dataclass(eq=False)
class BagianOPD:
    """An OPD and the rows that hang from it.

    `lewati_bila_ada`: an OPD the database already holds is left as it is, with everything under it
    (data entered or corrected since is never replaced by a rerun); its rows are not even read.
    """

    opd: Baris
    baris: list[Baris] = field(default_factory=list)
    lewati_bila_ada: bool = False


@dataclass
class Dataset:
    """What a reader hands the writer. The writer orders rows by the models' relations, not by list."""

    umum: list[Baris] = field(default_factory=list)  # category scale, Pemda, monev periods
    opd: list[BagianOPD] = field(default_factory=list)
    pengguna: list[Baris] = field(default_factory=list)  # accounts and roles, which may name any OPD above
    masalah: list[Masalah] = field(default_factory=list)  # what the reader itself could not read

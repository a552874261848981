"""The one history builder: who changed which value, when, from what to what, and why.

Every model keeps its audit trail with django-simple-history; this module turns a history queryset into
lines a person reads, for every page that shows history (the drill-downs, the monev value history, the
periods page). Values are shown by `inti.tampilan.tampil_nilai`, people by `nama_pengguna`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from inti.tampilan import nama_pengguna, tampil_nilai

# What the history rows of django-simple-history mean.
JENIS = {"+": "dibuat", "~": "diubah", "-": "dihapus"}


@dataclass(frozen=True)
class BarisRiwayat:
    waktu: datetime.datetime
    pengguna: str
    objek: str
    medan: str
    lama: str
    baru: str
    jenis: str  # "dibuat", "diubah", "dihapus"
    alasan: str


def _bawaan(baris, nama: str) -> str:
    return tampil_nilai(getattr(baris, nama))


def riwayat(
    history_qs,
    medan: Mapping[str, str],
    objek: Callable[[Any], str] = lambda baris: "",
    *,
    tampil: Callable[[Any, str], str | None] = _bawaan,
    dengan_awal: bool = True,
) -> list[BarisRiwayat]:
    """Changes of the named fields (`{field: title}`) in a history queryset, newest first. One query.

    The old value of a change is the field in the object's previous history row, so the list shows
    old → new without a query per row. `tampil(row, field)` shows a value (None: nothing); give your own to
    show a value together with what qualifies it (a note, the table it is summed from).
    `dengan_awal=False` leaves out the values an object was created with (for metadata, where only later
    changes are of interest).
    """
    rows = history_qs.select_related("history_user").order_by("id", "history_date", "history_id")
    sebelumnya: dict[int, Any] = {}
    hasil = []
    for r in rows:
        lama = sebelumnya.get(r.id)
        for nama, judul in medan.items():
            baru = tampil(r, nama)
            if r.history_type == "+":
                if baru in (None, "kosong") or not dengan_awal:
                    continue
                lama_t, baru_t = "kosong", baru
            elif r.history_type == "-":
                lama_t, baru_t = baru or "kosong", "kosong (dihapus)"
            else:
                lama_t = tampil(lama, nama) if lama is not None else None
                if lama is not None and lama_t == baru:
                    continue
                lama_t, baru_t = lama_t or "kosong", baru or "kosong"
            hasil.append(
                BarisRiwayat(
                    waktu=r.history_date,
                    pengguna=_pengguna(r),
                    objek=objek(r),
                    medan=judul,
                    lama=lama_t,
                    baru=baru_t,
                    jenis=JENIS.get(r.history_type, r.history_type),
                    alasan=r.history_change_reason or "",
                )
            )
        sebelumnya[r.id] = r
    hasil.sort(key=lambda b: b.waktu, reverse=True)
    return hasil


_PERINTAH = re.compile(r"^\[([a-z_]+)(?:, pengguna OS ([^\]]+))?\]")


def _pengguna(r) -> str:
    """Who wrote a history row: the app user, or for a command run on the server (the dataset loader, an
    import, a restore; `lkjip.dataset.tulis.awalan_perintah`) the command and the OS user who ran it."""
    if r.history_user is not None:
        return nama_pengguna(r.history_user)
    cocok = _PERINTAH.match(r.history_change_reason or "")
    if cocok:
        perintah, os_user = cocok.groups()
        return f"sistem (perintah {perintah}" + (f", {os_user})" if os_user else ")")
    return nama_pengguna(None)

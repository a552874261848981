"""A per-process cache of computed results, keyed by the data version (`inti.versi`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings


class CacheHasil:
    """Results kept in this process, least recently used first out, keyed by a data version.

    Keys end with a token (`inti.versi`): a write changes the token in its own transaction, so a result
    computed from older data is never found again (it ages out). A key whose token is None (data never
    versioned) is neither stored nor found. `ukuran` entries, or `ENGINE_CACHE_UKURAN` when not given
    (0: no cache); the engine's result of one OPD-year is about 1 MB for the seed OPD.

    Results are shared between requests: callers read them and never change them.
    """

    def __init__(self, ukuran: int | None = None):
        self._ukuran = ukuran
        self._isi: OrderedDict[tuple, Any] = OrderedDict()
        self._kunci = threading.Lock()

    @property
    def ukuran(self) -> int:
        return self._ukuran if self._ukuran is not None else getattr(settings, "ENGINE_CACHE_UKURAN", 100)

    def ambil(self, kunci: tuple):
        if kunci[-1] is None:
            return None
        with self._kunci:
            nilai = self._isi.get(kunci)
            if nilai is not None:
                self._isi.move_to_end(kunci)
            return nilai

    def simpan(self, kunci: tuple, nilai) -> None:
        if kunci[-1] is None or self.ukuran <= 0:
            return
        with self._kunci:
            self._isi[kunci] = nilai
            self._isi.move_to_end(kunci)
            while len(self._isi) > self.ukuran:
                self._isi.popitem(last=False)

    def ambil_atau_buat(self, kunci: tuple, buat):
        """The value under `kunci`, else `buat()`'s, kept under it (built every time when the key's
        token is None). Two requests missing at once may both build: the values are the same."""
        nilai = self.ambil(kunci)
        if nilai is None:
            nilai = buat()
            self.simpan(kunci, nilai)
        return nilai

    def kosongkan(self) -> None:
        with self._kunci:
            self._isi.clear()

    def __len__(self) -> int:
        return len(self._isi)

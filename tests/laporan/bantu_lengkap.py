"""Make a report complete, as its operator would, so that a workflow test can submit and sign it.

Only what the completeness check names is written, through the services the pages use: each section still
showing its placeholder default gets a short text, and each budget line without realisasi gets an explicit
zero ("tidak ada realisasi") for Tribulan IV. A dataset that already carries them is left as it is.
"""

from __future__ import annotations

from decimal import Decimal

from anggaran.models import MODEL_MATA
from anggaran.services import realisasi_anggaran_simpan
from lkjip.laporan.dokumen import dokumen_laporan
from lkjip.laporan.kelengkapan import Kelengkapan, kelengkapan
from lkjip.laporan.models import Laporan
from lkjip.laporan.services import narasi_simpan


def lengkapi_laporan(*, user, opd, tahun: int = 2022) -> Kelengkapan:
    """Fill what keeps the OPD-year's report from being submitted; returns what was missing."""
    kurang = kelengkapan(dokumen_laporan(opd, tahun))
    for n in kurang.narasi:
        narasi_simpan(
            user=user, opd=opd, tahun=tahun, bagian=n.kode, teks=f"Uraian {n.isi} yang ditulis oleh OPD."
        )
    for a in kurang.anggaran:
        realisasi_anggaran_simpan(
            user=user,
            mata_anggaran=MODEL_MATA[a.level].objects.get(pk=a.pk),
            tribulan=4,
            nilai=Decimal(0),
            semula=None,
            keterangan="tidak ada realisasi",
        )
    return kurang


def laporan_berstatus(opd, status: str, tahun: int = 2022) -> Laporan:
    """The OPD-year's report put straight into `status` (a test's starting point, not a workflow step);
    the dataset may already hold the Draft with its narratives."""
    laporan, _ = Laporan.objects.update_or_create(opd=opd, tahun=tahun, defaults={"status": status})
    return laporan

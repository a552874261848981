"""Objects of the seed the renstra tests share (Disperindag Kota Pasuruan, Renstra 2021-2026).

Plain functions, made fixtures in each test file (`renstra = pytest.fixture(bantu.renstra_2021)`): this
folder has no __init__.py, since a package here would be named like the app.
"""

from renstra.models import Indikator, Renstra, Sasaran


def renstra_2021(dunia) -> Renstra:
    return Renstra.objects.get(opd=dunia.opd_a, tahun_awal=2021, tahun_akhir=2026, revisi_ke=0)


def sasaran_produksi(dunia) -> Sasaran:
    return Sasaran.objects.get(
        tujuan__renstra__opd=dunia.opd_a, tujuan__renstra__revisi_ke=0, nama="Meningkatnya Produksi Sektor Unggulan"
    )


def iku_produksi(dunia) -> Indikator:
    """S2.1-1 Persentase Peningkatan Produksi Sektor Unggulan: target 0,1 every year, realisasi 2022 0,094."""
    return Indikator.objects.get(opd=dunia.opd_a, kode="S2.1-1")

"""Properties of the engine's plain functions, over generated inputs (hypothesis): roll-ups add up at
every level, a negative-polarity capaian never rises with the realisasi, display rounding is half-up and
idempotent, and no input of the right types makes a function raise."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from capaian.engine import (
    MataAnggaran,
    Rentang,
    agregasi_tahunan,
    gulung_anggaran,
    hitung_capaian,
    hitung_penyerapan,
    kategori_untuk,
    rata_rata,
)
from inti.tampilan import Angka, bulatkan, format_angka, format_mesin
from renstra.formula import hitung_rumus

D = Decimal

angka = st.decimals(
    min_value=D("-1e12"), max_value=D("1e12"), places=8, allow_nan=False, allow_infinity=False
)
positif = st.decimals(min_value=D("0.00000001"), max_value=D("1e12"), places=8)
rupiah = st.decimals(min_value=D(0), max_value=D("1e13"), places=2)
mungkin = st.none() | angka
desimal = st.integers(min_value=0, max_value=6)
polaritas = st.sampled_from(["positif", "negatif"])
aturan = st.sampled_from(["2t_minus_r", "t_per_r"])
agregasi = st.sampled_from(["kumulatif", "jumlah", "rata_rata", "terakhir"])
tribulan = st.integers(min_value=1, max_value=4)
realisasi_tw = st.dictionaries(tribulan, rupiah, max_size=4)

SKALA = (
    Rentang("Sangat Tinggi", D(91), None),
    Rentang("Tinggi", D(76), D(91)),
    Rentang("Sedang", D(66), D(76)),
    Rentang("Rendah", D(51), D(66)),
    Rentang("Sangat Rendah", None, D(51)),
)


def _pohon(kedalaman: int):
    """Budget trees: a line with an optional own pagu and realisasi and up to four children."""
    hitung = iter(range(10**9))
    daun = st.builds(
        lambda pagu, real: MataAnggaran(("baris", next(hitung)), pagu, real),
        st.none() | rupiah,
        realisasi_tw,
    )
    if kedalaman == 0:
        return daun
    return st.builds(
        lambda pagu, real, anak: MataAnggaran(("baris", next(hitung)), pagu, real, tuple(anak)),
        st.none() | rupiah,
        realisasi_tw,
        st.lists(_pohon(kedalaman - 1), max_size=4),
    )


def _periksa_gulungan(g, mata):
    """Each level: the children's figures add up to the parent's whenever a child has one."""
    for anak_g, anak_m in zip(g.anak, mata.anak, strict=True):
        _periksa_gulungan(anak_g, anak_m)
    ukuran = [lambda x: x.pagu] + [lambda x, t=t: x.realisasi[t] for t in (1, 2, 3, 4)]
    for ambil in ukuran:
        jumlah = ambil(g)
        anak = [ambil(a) for a in g.anak]
        punya = [a.nilai for a in anak if a.nilai is not None]
        if punya:
            assert jumlah.nilai == sum(punya, D(0))
            assert jumlah.anak == jumlah.nilai
            assert jumlah.lengkap == (len(punya) == len(anak) and all(a.lengkap for a in anak))
        else:
            assert jumlah.nilai == jumlah.sendiri
            assert jumlah.anak is None
        assert jumlah.lengkap == (not jumlah.kosong)


@settings(max_examples=200, deadline=None)
@given(_pohon(3))
def test_rollups_add_up_at_every_level(mata):
    _periksa_gulungan(gulung_anggaran(mata), mata)


@settings(deadline=None)
@given(st.lists(st.tuples(rupiah, rupiah), min_size=1, max_size=12))
def test_a_tree_entered_only_on_leaves_totals_the_sum_of_its_leaves(baris):
    daun = tuple(MataAnggaran(("sub", i), pagu, {4: real}) for i, (pagu, real) in enumerate(baris))
    kegiatan = tuple(MataAnggaran(("kegiatan", i), None, {}, daun[i::3]) for i in range(3) if daun[i::3])
    g = gulung_anggaran(MataAnggaran(("program", 0), None, {}, kegiatan))
    assert g.pagu.nilai == sum((p for p, _ in baris), D(0))
    assert g.realisasi[4].nilai == sum((r for _, r in baris), D(0))
    assert g.pagu.lengkap and g.realisasi[4].lengkap
    assert g.realisasi[4].terisi == (g.pagu.nilai, g.realisasi[4].nilai)


@given(positif, angka, angka)
def test_negative_polarity_capaian_falls_as_realisasi_rises(target, r1, r2):
    rendah, tinggi = sorted((r1, r2))
    assert hitung_capaian(target, rendah, "negatif").nilai >= hitung_capaian(target, tinggi, "negatif").nilai


@given(positif, positif, positif)
def test_negative_polarity_t_per_r_falls_as_realisasi_rises(target, r1, r2):
    # T/R is read for positive realisasi; R = 0 is a missing value (tested in test_engine_unit).
    rendah, tinggi = sorted((r1, r2))
    a = hitung_capaian(target, rendah, "negatif", "t_per_r")
    b = hitung_capaian(target, tinggi, "negatif", "t_per_r")
    assert a.nilai >= b.nilai


@given(positif, angka, angka)
def test_positive_polarity_capaian_rises_with_realisasi(target, r1, r2):
    rendah, tinggi = sorted((r1, r2))
    assert hitung_capaian(target, rendah).nilai <= hitung_capaian(target, tinggi).nilai


@given(angka, desimal)
def test_display_rounding_is_idempotent_and_within_half_a_unit(x, d):
    sekali = bulatkan(x, d)
    assert bulatkan(sekali, d) == sekali
    assert abs(x - sekali) <= D("0.5") * D(10) ** -d
    assert sekali.as_tuple().exponent == -d


@given(st.integers(min_value=-(10**12), max_value=10**12), desimal)
def test_display_rounding_is_half_up_away_from_zero(n, d):
    unit = D(10) ** -d
    setengah = D(n) * unit + (unit / 2 if n >= 0 else -unit / 2)
    assert bulatkan(setengah, d) == (D(n) + (1 if n >= 0 else -1)) * unit


@given(angka, desimal)
def test_formats_never_fail_and_agree_with_the_rounded_value(x, d):
    teks = format_angka(x, d)
    mesin = format_mesin(x, d)
    assert D(mesin) == bulatkan(x, d)
    assert D(teks.replace(".", "").replace(",", ".")) == bulatkan(x, d)
    assert Angka(x, d).teks == teks


@given(mungkin, mungkin, polaritas, aturan)
def test_capaian_never_raises(target, realisasi, pol, rumus):
    hasil = hitung_capaian(target, realisasi, pol, rumus)
    assert (hasil.nilai is None) == (hasil.alasan is not None)
    kategori_untuk(hasil.tampil, SKALA)


@given(mungkin)
def test_every_capaian_falls_in_exactly_one_band(persen):
    kategori = kategori_untuk(persen, SKALA)
    assert (kategori is None) == (persen is None)
    if persen is not None:
        assert sum(r.memuat(persen) for r in SKALA) == 1


@given(st.dictionaries(tribulan, mungkin, max_size=4), agregasi, tribulan, desimal)
def test_aggregation_never_raises(nilai, cara, sampai, d):
    hasil = agregasi_tahunan(nilai, cara, sampai=sampai, desimal=d)
    assert (hasil.nilai is None) == (hasil.alasan is not None)


@given(st.none() | rupiah, st.none() | rupiah, st.booleans(), st.booleans())
def test_penyerapan_never_raises(pagu, realisasi, pagu_lengkap, realisasi_lengkap):
    hasil = hitung_penyerapan(
        Angka(pagu, 0, lengkap=pagu_lengkap), Angka(realisasi, 0, lengkap=realisasi_lengkap)
    )
    assert (hasil.nilai is None) == (hasil.alasan is not None)


@given(st.lists(st.builds(Angka, mungkin), max_size=6))
def test_mean_never_raises(daftar):
    rata_rata(daftar)


ekspresi = st.recursive(
    st.sampled_from(["a", "b", "0", "1", "0.5", "100"]),
    lambda anak: st.one_of(
        st.tuples(anak, st.sampled_from(["+", "-", "*", "/"]), anak).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        anak.map(lambda x: f"-{x}"),
        st.tuples(st.sampled_from(["min", "max"]), anak, anak).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
    ),
    max_leaves=12,
)


@given(ekspresi, mungkin, mungkin)
def test_formula_evaluation_never_raises(rumus, a, b):
    hasil = hitung_rumus(rumus, {"a": a, "b": b})
    assert (hasil.nilai is None) == (hasil.alasan is not None)
    assert hasil.nilai is None or isinstance(hasil.nilai, Decimal)

"""The permission matrix: every URL of the app x every persona x own and other OPD.

The routes are read from the URL resolver, so a new page is covered the day it is added (a test fails
if a route has no entry in RUTE). Rules checked, for GET and POST alike:
- anonymous: redirected to the sign-in page (public verification excepted);
- a persona who may not read the OPD: 404, and the response names nothing of that OPD;
- a read-only persona posting to a write URL: 403;
- a persona who may read: no 403/404 on GET, never a server error.
"""

from __future__ import annotations

from functools import cache

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from anggaran.models import Program, SubKegiatan
from capaian.bukti import bukti_unggah
from capaian.models import BarisTabelPendukung, RealisasiIndikator, TabelPendukung
from renstra.models import VariabelFormula
from tests.matriks import MODUL

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Who writes what. "tulis": the OPD's writers (operator, admin); "reviu": auditors and admin;
# "baca": every reader; "admin": the Pemda admin only; "publik": no sign-in needed; "setujui": the
# OPD's kepala and the admin. More routes per area in tests/matriks/.
# Per route: (kind of GET, kind of POST); None = the method is not offered (405 expected or ignored).
RUTE: dict[str, tuple[str | None, str | None]] = {
    "beranda": ("baca_umum", None),
    "login": ("publik", "publik"),
    "favicon": ("publik", None),
    "logout": (None, "umum"),
    "password_change": ("baca_umum", "umum"),
    "password_change_done": ("baca_umum", None),
    "lkjip:opd": ("baca", None),
    "lkjip:kelola_pengguna_daftar": ("admin_umum", None),
    "lkjip:kelola_pengguna_baru": ("admin_umum", "admin_umum"),
    "lkjip:kelola_pengguna": ("admin_umum", "admin_umum"),
    "lkjip:kelola_opd": ("admin_umum", None),
    "lkjip:kelola_opd_baru": ("admin_umum", "admin_umum"),
    "lkjip:kelola_opd_ubah": ("admin_umum", "admin_umum"),
    "monev:realisasi": ("baca", None),
    "monev:realisasi_simpan": (None, "tulis"),
    "monev:kertas_kerja": ("baca", None),
    "monev:nilai_variabel_simpan": (None, "tulis"),
    "monev:baris_tabel_simpan": (None, "tulis"),
    "monev:baris_tabel_hapus": (None, "tulis"),
    "monev:baris_tabel_tambah": (None, "tulis"),
    "monev:anggaran": ("baca", None),
    "monev:anggaran_simpan": (None, "tulis"),
    "monev:analisis": ("baca", None),
    "monev:analisis_simpan": (None, "tulis"),
    "monev:indikator": ("baca", None),
    "monev:bukti_unggah": (None, "tulis"),
    "monev:riwayat": ("baca", None),
    "monev:catatan_tambah": (None, "reviu"),
    "monev:bukti_unduh": ("baca", None),
    "monev:bukti_hapus": (None, "tulis"),
    "tabel:indikator": ("baca_umum", None),
    "tabel:indikator_xlsx": ("baca_umum", None),
    "tabel:anggaran": ("baca_umum", None),
    "tabel:anggaran_xlsx": ("baca_umum", None),
    "tabel:pemda": ("pemda_umum", None),
    "tabel:pemda_xlsx": ("pemda_umum", None),
    "tabel:periode": ("admin_umum", None),
    "tabel:periode_kunci": (None, "admin_umum"),
    "tabel:periode_batas_waktu": (None, "admin_umum"),
    "tabel:indikator_rinci": ("baca", None),
    "tabel:indikator_riwayat": ("baca", None),
    "tabel:anggaran_rinci": ("baca", None),
    "excel:beranda": ("baca", None),
    "excel:template": ("baca", None),
    # The upload form is only for those who may write: readers get 403 on the form too.
    "excel:unggah": ("tulis_get", "tulis"),
    "excel:dataset": ("baca", None),
    "laporan:indeks": ("baca", None),
    "laporan:lihat": ("baca", None),
    "laporan:pdf": ("baca", None),
    "laporan:xlsx": ("baca", None),
    "laporan:docx": ("baca", None),
    "laporan:pk_pdf": ("baca", None),
    "laporan:arsip": ("baca", None),
    "laporan:narasi": ("tulis_get", "tulis"),
    "laporan:transisi": (None, "ajukan"),
    "laporan:verifikasi": ("publik", "publik"),
    "laporan:verifikasi_kode": ("publik", None),
}
for _modul in MODUL:
    RUTE.update(_modul.RUTE)

# The shared personas (tests/conftest.py), by name; None is the anonymous visitor.
PERSONA = ["admin", "operator", "kepala", "auditor", "operator2", None]
# What each persona is to Disperindag (the rich OPD) and to the second OPD.
HUBUNGAN = {
    "admin": {"disperindag": "admin", "diskopum": "admin"},
    "operator": {"disperindag": "tulis", "diskopum": "luar"},
    "kepala": {"disperindag": "kepala", "diskopum": "luar"},
    "auditor": {"disperindag": "auditor", "diskopum": "auditor"},
    "operator2": {"disperindag": "luar", "diskopum": "tulis"},
}
NAMA_OPD = {"disperindag": ("Perindustrian dan Perdagangan", "Disperindag"), "diskopum": ("Koperasi",)}


def _semua_rute(pola=None, ns=None, awalan=""):
    """(name, pattern) of every route but the Django admin's."""
    for p in pola if pola is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            yield from _semua_rute(p.url_patterns, p.namespace or ns, awalan + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield (f"{ns}:{p.name}" if ns else p.name), awalan + str(p.pattern)


# Routes with an OPD in the URL are checked against both OPDs; the others once.
DENGAN_OPD = {nama for nama, pola in _semua_rute() if "<slug:kode>" in pola}


def test_every_route_is_in_the_matrix():
    assert {nama for nama, _ in _semua_rute()} == set(RUTE)


def _kwargs(dunia, opd, rute: str):
    """The URL kwargs of one route for one OPD (None: the OPD has no such object).

    Only what that route needs is looked up or made: the matrix has well over a thousand cases, and
    building every route's objects for both OPDs in each of them cost most of its time."""
    for modul in MODUL:
        if rute in modul.RUTE:
            return modul.objek(dunia, opd)[rute]
    return _kwargs_dasar(dunia, opd)[rute]()


def _kwargs_dasar(dunia, opd) -> dict:
    """Per route of the base apps, a function giving its kwargs for `opd`."""
    kode = opd.kode

    # An indicator of the 2022 monev (one with a 2022 realisasi), not one of an earlier Renstra.
    @cache
    def realisasi():
        return RealisasiIndikator.objects.filter(indikator__opd=opd, tahun=2022).order_by("pk").first()

    def ind():
        return realisasi().indikator

    @cache
    def var():
        return VariabelFormula.objects.filter(indikator__opd=opd, nilai_set__tabel__isnull=True).first()

    @cache
    def baris():
        return BarisTabelPendukung.objects.filter(tabel__opd=opd).first()

    @cache
    def tabel():
        return TabelPendukung.objects.filter(opd=opd).first()

    @cache
    def sub():
        return SubKegiatan.objects.filter(kegiatan__program__opd=opd).first()

    @cache
    def program():
        return Program.objects.filter(opd=opd).first()

    @cache
    def bukti():
        return bukti_unggah(
            user=dunia.admin,
            indikator=ind(),
            tahun=2022,
            tribulan=4,
            berkas=_berkas(),
            keterangan="uji matriks",
        )

    dasar = {"kode": kode, "tahun": 2022, "tribulan": 4}
    k = {
        "beranda": lambda: {},
        "login": lambda: {},
        "favicon": lambda: {},
        "logout": lambda: {},
        "password_change": lambda: {},
        "password_change_done": lambda: {},
        "lkjip:opd": lambda: {"kode": kode},
        "lkjip:kelola_pengguna_daftar": lambda: {},
        "lkjip:kelola_pengguna_baru": lambda: {},
        "lkjip:kelola_pengguna": lambda: {"pk": dunia.admin.pk},
        "lkjip:kelola_opd": lambda: {},
        "lkjip:kelola_opd_baru": lambda: {},
        "lkjip:kelola_opd_ubah": lambda: {"kode": kode},
        "monev:realisasi": lambda: dasar,
        "monev:realisasi_simpan": lambda: {**dasar, "indikator_pk": ind().pk},
        "monev:kertas_kerja": lambda: dasar,
        "monev:nilai_variabel_simpan": lambda: {**dasar, "variabel_pk": var().pk} if var() else None,
        "monev:baris_tabel_simpan": lambda: {**dasar, "baris_pk": baris().pk} if baris() else None,
        "monev:baris_tabel_hapus": lambda: {**dasar, "baris_pk": baris().pk} if baris() else None,
        "monev:baris_tabel_tambah": lambda: {**dasar, "tabel_pk": tabel().pk} if tabel() else None,
        "monev:anggaran": lambda: dasar,
        "monev:anggaran_simpan": lambda: (
            {**dasar, "level": "sub_kegiatan", "pk": sub().pk} if sub() else None
        ),
        "monev:analisis": lambda: dasar,
        "monev:analisis_simpan": lambda: {**dasar, "indikator_pk": ind().pk},
        "monev:indikator": lambda: {**dasar, "indikator_pk": ind().pk},
        "monev:bukti_unggah": lambda: {**dasar, "indikator_pk": ind().pk},
        "monev:riwayat": lambda: {
            **dasar,
            "tribulan": realisasi().tribulan,
            "jenis": "realisasi",
            "pk": ind().pk,
        },
        "monev:catatan_tambah": lambda: {"kode": kode, "tahun": 2022},
        "monev:bukti_unduh": lambda: {"kode": kode, "pk": bukti().pk},
        "monev:bukti_hapus": lambda: {"kode": kode, "pk": bukti().pk},
        "tabel:indikator": lambda: {},
        "tabel:indikator_xlsx": lambda: {},
        "tabel:anggaran": lambda: {},
        "tabel:anggaran_xlsx": lambda: {},
        "tabel:pemda": lambda: {},
        "tabel:pemda_xlsx": lambda: {},
        "tabel:periode": lambda: {},
        "tabel:periode_kunci": lambda: {"pemda": "kota-pasuruan", "tahun": 2022, "tribulan": 4},
        "tabel:periode_batas_waktu": lambda: {"pemda": "kota-pasuruan", "tahun": 2022, "tribulan": 4},
        "tabel:indikator_rinci": lambda: {"kode": kode, "pk": ind().pk},
        "tabel:indikator_riwayat": lambda: {"kode": kode, "pk": ind().pk},
        "tabel:anggaran_rinci": lambda: (
            {"kode": kode, "level": "program", "pk": program().pk} if program() else None
        ),
        "excel:beranda": lambda: {"kode": kode, "tahun": 2022},
        "excel:template": lambda: dasar,
        "excel:unggah": lambda: dasar,
        "excel:dataset": lambda: {"kode": kode, "tahun": 2022},
        "laporan:indeks": lambda: {"kode": kode},
        "laporan:lihat": lambda: {"kode": kode, "tahun": 2022},
        "laporan:pdf": lambda: {"kode": kode, "tahun": 2022},
        "laporan:xlsx": lambda: {"kode": kode, "tahun": 2022},
        "laporan:docx": lambda: {"kode": kode, "tahun": 2022},
        "laporan:pk_pdf": lambda: (
            {"kode": kode, "tahun": 2022, "revisi": 0} if kode == "disperindag" else None
        ),
        # No signed revision exists: readers get a plain 404 too, so only outsiders are checked.
        "laporan:arsip": lambda: {"kode": kode, "tahun": 2022, "nomor": 1, "jenis": "pdf"},
        "laporan:narasi": lambda: {"kode": kode, "tahun": 2022, "bagian": "kata_pengantar"},
        "laporan:transisi": lambda: {"kode": kode, "tahun": 2022, "aksi": "ajukan"},
        "laporan:verifikasi": lambda: {},
        "laporan:verifikasi_kode": lambda: {"kode_pendek": "tidakada"},
    }
    return k


def _berkas():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")


def _boleh(jenis: str, hubungan: str | None) -> str:
    """'ok', 'login', '404' or '403': what this persona should get for this kind of route."""
    if jenis == "publik":
        return "ok"
    if hubungan is None:
        return "login"
    if jenis == "umum" or jenis == "baca_umum":
        return "ok"
    if jenis == "admin_umum":
        return "ok" if hubungan == "admin" else "403"
    if jenis == "pemda_umum":
        return "ok" if hubungan in ("admin", "auditor") else "403"
    if jenis == "penulis_umum":
        # Routes of any OPD's writer (no OPD in the URL, checked once): for them "luar" is operator2, who
        # writes Diskopum.
        return "ok" if hubungan in ("admin", "tulis", "luar") else "403"
    if hubungan == "luar":
        return "404"
    if jenis == "baca":
        return "ok"
    if jenis in ("tulis", "tulis_get"):
        return "ok" if hubungan in ("admin", "tulis") else "403"
    if jenis == "reviu":
        return "ok" if hubungan in ("admin", "auditor") else "403"
    if jenis == "setujui":
        return "ok" if hubungan in ("admin", "kepala") else "403"
    if jenis == "ajukan":
        return "ok" if hubungan in ("admin", "tulis") else "403"
    raise AssertionError(jenis)


KASUS = [
    (rute, metode, persona, kode)
    for rute, (get, post) in RUTE.items()
    for metode, jenis in (("get", get), ("post", post))
    if jenis is not None
    for persona in PERSONA
    for kode in (("disperindag", "diskopum") if rute in DENGAN_OPD else ("disperindag",))
]


@pytest.mark.parametrize(("rute", "metode", "persona", "kode"), KASUS)
def test_matrix(client, client_for, dunia, rute, metode, persona, kode):
    kwargs = _kwargs(dunia, dunia.opd_a if kode == "disperindag" else dunia.opd_b, rute)
    if kwargs is None:
        pytest.skip(f"{kode} tidak punya objek untuk {rute}")
    jenis = RUTE[rute][0 if metode == "get" else 1]
    user = dunia.persona(persona) if persona else None
    hubungan = HUBUNGAN[persona][kode] if persona else None
    c = client_for(user) if user else client
    url = reverse(rute, kwargs=kwargs)
    r = getattr(c, metode)(
        url, HTTP_HX_REQUEST="true" if metode == "post" and "simpan" in rute else None or ""
    )
    harapan = asli = _boleh(jenis, hubungan)
    if rute == "laporan:arsip" and harapan == "ok":
        harapan = "404"  # nothing archived yet, for anyone
    if rute == "laporan:verifikasi_kode":
        harapan = "404"  # public, and an unknown code is simply not found
    isi = b"" if getattr(r, "streaming", False) else r.content
    assert r.status_code < 500, (url, r.status_code)
    if harapan == "login":
        assert r.status_code == 302 and "/masuk/" in r["Location"], (url, r.status_code)
    elif harapan == "404":
        assert r.status_code == 404, (url, persona, r.status_code)
        # Hidden from who may not read it: not even its name (the 404 page's navbar lists the OPDs the
        # user does read, so an OPD the user reads may be named on it).
        if asli == "404":
            for nama in NAMA_OPD[kode]:
                assert nama.encode() not in isi, (url, persona, nama)
    elif harapan == "403":
        assert r.status_code == 403, (url, persona, r.status_code)
    else:
        assert r.status_code not in (403, 404), (url, persona, r.status_code)
    if persona == "operator2" and r.get("Content-Type", "").startswith("text/html"):
        # Whatever the page, nothing of the other agency leaks to operator2.
        for nama in NAMA_OPD["disperindag"]:
            assert nama.encode() not in isi, (url, nama)

"""Roles and scopes (inti.akses), and the pages that list what a user may see."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from capaian.models import RealisasiIndikator
from inti import akses
from inti.models import Keanggotaan
from renstra.models import Indikator
from renstra.selectors import get_indikator_or_404

# persona -> (access to OPD A, OPD B of the same Pemda, OPD C of another Pemda); "rw", "r" or "".
MATRIKS = {
    "admin_pemda": ("rw", "rw", ""),
    "admin": ("rw", "rw", "rw"),  # the superuser
    "admin_lain": ("", "", "rw"),
    "operator": ("rw", "", ""),
    "operator2": ("", "rw", ""),
    "kepala": ("r", "", ""),
    "auditor_opd": ("r", "", ""),
    "auditor": ("r", "r", ""),
    "tanpa_peran": ("", "", ""),
}
KASUS = [(persona, i) for persona in MATRIKS for i in range(3)]
IKU_PRODUKSI = "S2.1-1"  # Persentase Peningkatan Produksi Sektor Unggulan, an IKU of Disperindag


def _opd(dunia, i):
    return (dunia.opd_a, dunia.opd_b, dunia.opd_c)[i]


@pytest.mark.parametrize(("persona", "i"), KASUS)
def test_access_matrix_of_boleh_baca_and_boleh_tulis(dunia, persona, i):
    user = dunia.persona(persona)
    opd = _opd(dunia, i)
    harapan = MATRIKS[persona][i]
    assert akses.boleh_baca_opd(user, opd) is ("r" in harapan)
    assert akses.boleh_tulis_opd(user, opd) is ("w" in harapan)


@pytest.mark.parametrize(("persona", "i"), KASUS)
def test_get_opd_or_404_answers_404_for_unreadable_and_403_for_read_only_writes(dunia, persona, i):
    user = dunia.persona(persona)
    opd = _opd(dunia, i)
    harapan = MATRIKS[persona][i]
    if not harapan:
        with pytest.raises(Http404):
            akses.get_opd_or_404(user, opd.kode)
        with pytest.raises(Http404):
            akses.get_opd_or_404(user, opd.kode, tulis=True)
        return
    assert akses.get_opd_or_404(user, opd.kode) == opd
    if harapan == "rw":
        assert akses.get_opd_or_404(user, opd.kode, tulis=True) == opd
    else:
        with pytest.raises(PermissionDenied):
            akses.get_opd_or_404(user, opd.kode, tulis=True)


@pytest.mark.parametrize("persona", list(MATRIKS))
def test_opd_terbaca_and_opd_tertulis_list_exactly_the_matrix(dunia, persona):
    user = dunia.persona(persona)
    semua = (dunia.opd_a, dunia.opd_b, dunia.opd_c)
    baca = {o.kode for o, h in zip(semua, MATRIKS[persona], strict=True) if "r" in h}
    tulis = {o.kode for o, h in zip(semua, MATRIKS[persona], strict=True) if "w" in h}
    assert {o.kode for o in akses.opd_terbaca(user)} == baca
    assert {o.kode for o in akses.opd_tertulis(user)} == tulis


def test_unknown_opd_code_answers_404_like_a_forbidden_one(dunia):
    with pytest.raises(Http404):
        akses.get_opd_or_404(dunia.operator, "tidak-ada")


def test_get_indikator_or_404_follows_the_opd_of_the_indicator(dunia):
    iku = Indikator.objects.get(opd=dunia.opd_a, kode=IKU_PRODUKSI)
    assert get_indikator_or_404(dunia.operator, iku.pk, tulis=True) == iku
    assert get_indikator_or_404(dunia.kepala, iku.pk) == iku
    with pytest.raises(PermissionDenied):
        get_indikator_or_404(dunia.kepala, iku.pk, tulis=True)
    with pytest.raises(Http404):
        get_indikator_or_404(dunia.operator2, iku.pk)
    with pytest.raises(Http404):
        get_indikator_or_404(dunia.operator, 10**9)


def test_filter_opd_scopes_any_model_by_its_path_to_the_opd(dunia):
    # The dataset's 2022 realisasi: 27 of Disperindag, 1 of Diskopum.
    semua = RealisasiIndikator.objects.all()

    milik_operator = akses.filter_opd(semua, dunia.operator, "indikator__opd")
    assert {r.indikator.opd.kode for r in milik_operator} == {"disperindag"}
    assert milik_operator.count() == 27
    milik_auditor = akses.filter_opd(semua, dunia.auditor, "indikator__opd")
    assert {r.indikator.opd.kode for r in milik_auditor} == {"disperindag", "diskopum"}
    assert milik_auditor.count() == 28
    assert not akses.filter_opd(semua, dunia.auditor, "indikator__opd", tulis=True).exists()
    # Every indicator of OPD A (56: 3 tujuan, 8 sasaran, 8 program, 16 kegiatan, 21 sub kegiatan), none of B.
    milik_a = akses.filter_opd(Indikator.objects.all(), dunia.operator)
    assert {i.opd_id for i in milik_a} == {dunia.opd_a.pk}
    assert milik_a.count() == 56


@pytest.mark.parametrize(
    ("persona", "peran_a", "peran_b"),
    [
        ("admin_pemda", "admin", "admin"),
        ("operator", "operator", None),
        ("kepala", "kepala", None),
        ("auditor_opd", "auditor", None),
        ("auditor", "auditor", "auditor"),
        ("tanpa_peran", None, None),
    ],
)
def test_peran_di_opd_names_the_role_shown_on_the_home_page(dunia, persona, peran_a, peran_b):
    a = akses.peran_pengguna(dunia.persona(persona))
    assert a.peran_di_opd(dunia.opd_a.pk) == peran_a
    assert a.peran_di_opd(dunia.opd_b.pk) == peran_b


def test_kepala_approves_and_auditor_reviews_only_their_own_scope(dunia):
    a, b = dunia.opd_a.pk, dunia.opd_b.pk
    assert akses.peran_pengguna(dunia.kepala).boleh_setujui(a)
    assert not akses.peran_pengguna(dunia.kepala).boleh_reviu(a)
    assert akses.peran_pengguna(dunia.auditor_opd).boleh_reviu(a)
    assert not akses.peran_pengguna(dunia.auditor_opd).boleh_reviu(b)
    assert akses.peran_pengguna(dunia.auditor).boleh_reviu(b)
    assert not akses.peran_pengguna(dunia.operator).boleh_setujui(a)
    assert not akses.peran_pengguna(dunia.operator).boleh_reviu(a)


def test_akses_is_computed_once_per_user_object(dunia, django_assert_num_queries):
    with django_assert_num_queries(2):
        pertama = akses.peran_pengguna(dunia.operator)
    with django_assert_num_queries(0):
        assert akses.peran_pengguna(dunia.operator) is pertama
        akses.boleh_tulis_opd(dunia.operator, pertama.opd_baca_ids and next(iter(pertama.opd_baca_ids)))


def test_lupakan_akses_picks_up_a_new_role(dunia):
    assert not akses.boleh_baca_opd(dunia.operator, dunia.opd_b)
    Keanggotaan.objects.create(user=dunia.operator, opd=dunia.opd_b, peran=Keanggotaan.Peran.KEPALA)
    akses.lupakan_akses(dunia.operator)
    assert akses.boleh_baca_opd(dunia.operator, dunia.opd_b)
    assert not akses.boleh_tulis_opd(dunia.operator, dunia.opd_b)


def test_anonymous_user_reaches_nothing(dunia):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        akses.get_opd_or_404(AnonymousUser(), dunia.opd_a.kode)
    assert akses.peran_pengguna(AnonymousUser()).peran == []


# --- pages ------------------------------------------------------------------------------------------


def test_home_page_of_operator2_lists_only_their_opd_and_never_names_disperindag(dunia, client_for):
    client = client_for(dunia.operator2)
    html = client.get("/").content.decode()
    assert "Dinas Koperasi dan Usaha Mikro Kota Pasuruan" in html
    assert 'href="/opd/diskopum/"' in html
    assert "Baca dan ubah" in html
    for bocor in (dunia.opd_a.nama, "Disperindag", "disperindag", "Perindustrian", dunia.opd_c.nama):
        assert bocor not in html
    response = client.get("/opd/disperindag/")
    assert response.status_code == 404
    assert b"Perindustrian" not in response.content


@pytest.mark.parametrize(
    ("persona", "terlihat", "peran"),
    [
        ("operator", "a", "Operator"),
        ("kepala", "a", "Kepala OPD"),
        ("auditor_opd", "a", "Auditor"),
        ("auditor", "ab", "Auditor"),
        ("admin_pemda", "ab", "Admin"),
        ("admin_lain", "c", "Admin"),
    ],
)
def test_home_page_lists_exactly_the_readable_opds_with_the_role(dunia, client_for, persona, terlihat, peran):
    nama = {"a": dunia.opd_a.nama, "b": dunia.opd_b.nama, "c": dunia.opd_c.nama}
    response = client_for(dunia.persona(persona)).get("/")
    html = response.content.decode()
    assert {b.opd.nama for b in response.context["baris_opd"]} == {nama[k] for k in terlihat}
    assert {b.label_peran for b in response.context["baris_opd"]} == {peran}
    for k, n in nama.items():
        assert (n in html) is (k in terlihat)


def test_home_page_of_a_user_without_role_says_so(dunia, client_for):
    html = client_for(dunia.tanpa_peran).get("/").content.decode()
    assert "belum memiliki peran di OPD mana pun" in html


def test_admin_link_only_for_admins(dunia, client_for):
    assert 'href="/admin/"' in client_for(dunia.admin_pemda).get("/").content.decode()
    assert 'href="/admin/"' not in client_for(dunia.operator).get("/").content.decode()


def test_opd_switcher_appears_for_users_of_several_opds(dunia, client_for):
    html = client_for(dunia.admin_pemda).get("/opd/diskopum/").content.decode()
    assert 'class="dropdown-menu daftar-opd"' in html
    daftar = html[html.index('class="dropdown-menu daftar-opd"') :].split("</ul>")[0]
    # Every OPD of the Pemda, the page's own marked active, names escaped.
    assert sorted(re.findall(r'<a class="dropdown-item( active)?" href="(/opd/[^/]+/)">', daftar)) == [
        ("", "/opd/disperindag/"),
        (" active", "/opd/diskopum/"),
    ]
    assert "Dinas Koperasi" in daftar or "Diskopum" in daftar


def test_opd_page_shows_identity_and_counts_of_disperindag_2022(dunia, client_for):
    response = client_for(dunia.operator).get("/opd/disperindag/")
    html = response.content.decode()
    ringkasan = response.context["ringkasan"]
    assert "Dinas Perindustrian dan Perdagangan Kota Pasuruan" in html
    assert "Jl. Pahlawan No. 28A" in html
    assert dict(ringkasan.indikator_per_level) == {
        "Tujuan": 3, "Sasaran": 8, "Program": 8, "Kegiatan": 16, "Sub kegiatan": 21,
    }
    assert '<td class="text-end" id="jumlah-indikator">56</td>' in html
    # The three IKU of the PK Perubahan 2022 (seed, Bab II).
    assert '<td class="text-end" id="jumlah-iku">3</td>' in html
    [tahun] = ringkasan.anggaran_per_tahun
    # The PK 2022 (seed, Bab II) lists eight programs.
    assert (tahun.tahun, tahun.program, tahun.kegiatan, tahun.sub_kegiatan) == (2022, 8, 16, 18)
    assert "<td>2022</td>" in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("operator2", 404), ("admin_lain", 404), ("tanpa_peran", 404), ("kepala", 200),
     ("auditor", 200), ("admin", 200)],
)
def test_opd_page_of_another_opd_answers_404(dunia, client_for, persona, status):
    response = client_for(dunia.persona(persona)).get("/opd/disperindag/")
    assert response.status_code == status
    assert (dunia.opd_a.nama.encode() in response.content) is (status == 200)


# The OPD page is the operator's home and runs the engine (25 of its queries) and reads the year's
# freeze: fixed, whatever the size.
@pytest.mark.parametrize(("url", "batas"), [("/", 7), ("/opd/disperindag/", 40)])
def test_pages_run_a_fixed_number_of_queries_whatever_the_number_of_opds(
    dunia, client_for, django_assert_max_num_queries, url, batas
):
    # session, user, three for the roles, then the page's own; the superuser reaches every OPD.
    client = client_for(dunia.admin)
    with django_assert_max_num_queries(batas):
        assert client.get(url).status_code == 200

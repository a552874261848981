"""Roles and scopes (inti.akses), and the pages that list what a user may see."""

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
    "web_admin": ("rw", "rw", ""),
    "web_superuser": ("rw", "rw", "rw"),
    "web_admin_lain": ("", "", "rw"),
    "web_operator": ("rw", "", ""),
    "web_operator2": ("", "rw", ""),
    "web_kepala": ("r", "", ""),
    "web_auditor": ("r", "", ""),
    "web_auditor_pemda": ("r", "r", ""),
    "web_tanpa_peran": ("", "", ""),
}
KASUS = [(persona, i) for persona in MATRIKS for i in range(3)]


def _opd(dunia, i):
    return (dunia.opd_a, dunia.opd_b, dunia.opd_c)[i]


@pytest.mark.parametrize(("persona", "i"), KASUS)
def test_access_matrix_of_boleh_baca_and_boleh_tulis(web_persona, web_dunia, persona, i):
    user = web_persona(persona)
    opd = _opd(web_dunia, i)
    harapan = MATRIKS[persona][i]
    assert akses.boleh_baca_opd(user, opd) is ("r" in harapan)
    assert akses.boleh_tulis_opd(user, opd) is ("w" in harapan)


@pytest.mark.parametrize(("persona", "i"), KASUS)
def test_get_opd_or_404_answers_404_for_unreadable_and_403_for_read_only_writes(
    web_persona, web_dunia, persona, i
):
    user = web_persona(persona)
    opd = _opd(web_dunia, i)
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
def test_opd_terbaca_and_opd_tertulis_list_exactly_the_matrix(web_persona, web_dunia, persona):
    user = web_persona(persona)
    semua = (web_dunia.opd_a, web_dunia.opd_b, web_dunia.opd_c)
    baca = {o.kode for o, h in zip(semua, MATRIKS[persona], strict=True) if "r" in h}
    tulis = {o.kode for o, h in zip(semua, MATRIKS[persona], strict=True) if "w" in h}
    # The shared dataset may add OPDs for the superuser; only this world's OPDs are compared.
    kode_dunia = {o.kode for o in semua}
    assert {o.kode for o in akses.opd_terbaca(user)} & kode_dunia == baca
    assert {o.kode for o in akses.opd_tertulis(user)} & kode_dunia == tulis


def test_unknown_opd_code_answers_404_like_a_forbidden_one(web_operator):
    with pytest.raises(Http404):
        akses.get_opd_or_404(web_operator, "tidak-ada")


def test_get_indikator_or_404_follows_the_opd_of_the_indicator(web_dunia, web_operator, web_operator2, web_kepala):
    pk = web_dunia.indikator_a.pk
    assert get_indikator_or_404(web_operator, pk, tulis=True) == web_dunia.indikator_a
    assert get_indikator_or_404(web_kepala, pk) == web_dunia.indikator_a
    with pytest.raises(PermissionDenied):
        get_indikator_or_404(web_kepala, pk, tulis=True)
    with pytest.raises(Http404):
        get_indikator_or_404(web_operator2, pk)
    with pytest.raises(Http404):
        get_indikator_or_404(web_operator, 10**9)


def test_filter_opd_scopes_any_model_by_its_path_to_the_opd(web_dunia, web_operator, web_auditor_pemda):
    for indikator in (web_dunia.indikator_a, web_dunia.indikator_b):
        RealisasiIndikator.objects.create(indikator=indikator, tahun=2022, tribulan=4, nilai="1")
    semua = RealisasiIndikator.objects.all()

    milik_operator = akses.filter_opd(semua, web_operator, "indikator__opd")
    assert {r.indikator.opd.kode for r in milik_operator} == {"web-disperindag"}
    milik_auditor = akses.filter_opd(semua, web_auditor_pemda, "indikator__opd")
    assert {r.indikator.opd.kode for r in milik_auditor} == {"web-disperindag", "web-dinkop"}
    assert not akses.filter_opd(semua, web_auditor_pemda, "indikator__opd", tulis=True).exists()
    # Both Renstra indicators of OPD A (tujuan and sasaran level), none of OPD B.
    assert akses.filter_opd(Indikator.objects.all(), web_operator).filter(opd__pemda=web_dunia.pemda).count() == 2


@pytest.mark.parametrize(
    ("persona", "peran_a", "peran_b"),
    [
        ("web_admin", "admin", "admin"),
        ("web_operator", "operator", None),
        ("web_kepala", "kepala", None),
        ("web_auditor", "auditor", None),
        ("web_auditor_pemda", "auditor", "auditor"),
        ("web_tanpa_peran", None, None),
    ],
)
def test_peran_di_opd_names_the_role_shown_on_the_home_page(web_persona, web_dunia, persona, peran_a, peran_b):
    a = akses.peran_pengguna(web_persona(persona))
    assert a.peran_di_opd(web_dunia.opd_a.pk) == peran_a
    assert a.peran_di_opd(web_dunia.opd_b.pk) == peran_b


def test_kepala_approves_and_auditor_reviews_only_their_own_scope(
    web_dunia, web_kepala, web_auditor, web_auditor_pemda, web_operator
):
    a, b = web_dunia.opd_a.pk, web_dunia.opd_b.pk
    assert akses.peran_pengguna(web_kepala).boleh_setujui(a)
    assert not akses.peran_pengguna(web_kepala).boleh_reviu(a)
    assert akses.peran_pengguna(web_auditor).boleh_reviu(a)
    assert not akses.peran_pengguna(web_auditor).boleh_reviu(b)
    assert akses.peran_pengguna(web_auditor_pemda).boleh_reviu(b)
    assert not akses.peran_pengguna(web_operator).boleh_setujui(a)
    assert not akses.peran_pengguna(web_operator).boleh_reviu(a)


def test_akses_is_computed_once_per_user_object(web_operator, django_assert_num_queries):
    with django_assert_num_queries(3):
        pertama = akses.peran_pengguna(web_operator)
    with django_assert_num_queries(0):
        assert akses.peran_pengguna(web_operator) is pertama
        akses.boleh_tulis_opd(web_operator, pertama.opd_baca_ids and next(iter(pertama.opd_baca_ids)))


def test_lupakan_akses_picks_up_a_new_role(web_dunia, web_operator):
    assert not akses.boleh_baca_opd(web_operator, web_dunia.opd_b)
    Keanggotaan.objects.create(user=web_operator, opd=web_dunia.opd_b, peran=Keanggotaan.Peran.KEPALA)
    akses.lupakan_akses(web_operator)
    assert akses.boleh_baca_opd(web_operator, web_dunia.opd_b)
    assert not akses.boleh_tulis_opd(web_operator, web_dunia.opd_b)


def test_anonymous_user_reaches_nothing(web_dunia):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        akses.get_opd_or_404(AnonymousUser(), web_dunia.opd_a.kode)
    assert akses.peran_pengguna(AnonymousUser()).peran == []


# --- pages ------------------------------------------------------------------------------------------


def test_home_page_of_operator2_lists_only_their_opd_and_never_names_disperindag(
    web_dunia, web_masuk, web_operator2
):
    html = web_masuk(web_operator2).get("/").content.decode()
    assert web_dunia.opd_b.nama in html
    assert 'href="/opd/web-dinkop/"' in html
    assert "Baca dan ubah" in html
    for bocor in (web_dunia.opd_a.nama, "Disperindag", "Perindustrian", "web-disperindag", web_dunia.opd_c.nama):
        assert bocor not in html


@pytest.mark.parametrize(
    ("persona", "terlihat", "peran"),
    [
        ("web_operator", "a", "Operator"),
        ("web_kepala", "a", "Kepala OPD"),
        ("web_auditor", "a", "Auditor"),
        ("web_auditor_pemda", "ab", "Auditor"),
        ("web_admin", "ab", "Admin"),
        ("web_admin_lain", "c", "Admin"),
    ],
)
def test_home_page_lists_exactly_the_readable_opds_with_the_role(
    web_dunia, web_masuk, web_persona, persona, terlihat, peran
):
    response = web_masuk(web_persona(persona)).get("/")
    html = response.content.decode()
    nama = {"a": web_dunia.opd_a.nama, "b": web_dunia.opd_b.nama, "c": web_dunia.opd_c.nama}
    assert {b.opd.nama for b in response.context["baris_opd"]} == {nama[k] for k in terlihat}
    assert {b.label_peran for b in response.context["baris_opd"]} == {peran}
    for k, n in nama.items():
        assert (n in html) is (k in terlihat)


def test_home_page_of_a_user_without_role_says_so(web_masuk, web_tanpa_peran):
    html = web_masuk(web_tanpa_peran).get("/").content.decode()
    assert "belum memiliki peran di OPD mana pun" in html


def test_admin_link_only_for_admins(web_masuk, web_admin, web_operator):
    assert 'href="/admin/"' in web_masuk(web_admin).get("/").content.decode()
    assert 'href="/admin/"' not in web_masuk(web_operator).get("/").content.decode()


def test_opd_switcher_appears_for_users_of_several_opds(web_masuk, web_admin):
    html = web_masuk(web_admin).get("/opd/web-dinkop/").content.decode()
    assert 'class="dropdown-menu daftar-opd"' in html
    assert 'href="/opd/web-disperindag/"' in html


def test_opd_page_shows_identity_and_counts(web_dunia, web_masuk, web_operator):
    response = web_masuk(web_operator).get("/opd/web-disperindag/")
    html = response.content.decode()
    ringkasan = response.context["ringkasan"]
    assert web_dunia.opd_a.nama in html
    assert "Jl. Ir. H. Juanda No. 1, Kota Pasuruan" in html
    assert dict(ringkasan.indikator_per_level) == {
        "Tujuan": 1, "Sasaran": 1, "Program": 0, "Kegiatan": 0, "Sub kegiatan": 0,
    }
    assert '<td class="text-end" id="jumlah-indikator">2</td>' in html
    assert '<td class="text-end" id="jumlah-iku">1</td>' in html
    [tahun] = ringkasan.anggaran_per_tahun
    assert (tahun.tahun, tahun.program, tahun.kegiatan, tahun.sub_kegiatan) == (2022, 1, 1, 2)
    assert "<td>2022</td>" in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("web_operator2", 404), ("web_admin_lain", 404), ("web_tanpa_peran", 404), ("web_kepala", 200),
     ("web_auditor_pemda", 200), ("web_superuser", 200)],
)
def test_opd_page_of_another_opd_answers_404(web_dunia, web_masuk, web_persona, persona, status):
    response = web_masuk(web_persona(persona)).get("/opd/web-disperindag/")
    assert response.status_code == status
    assert (web_dunia.opd_a.nama.encode() in response.content) is (status == 200)


# --- with the shared 2022 dataset and its demo personas ---------------------------------------------

DEMO = {  # persona -> (Disperindag, Diskopum)
    "admin_user_demo": ("rw", "rw"),
    "operator_user": ("rw", ""),
    "operator2_user": ("", "rw"),
    "kepala_user": ("r", ""),
    "auditor_user": ("r", "r"),
}


@pytest.mark.parametrize(("persona", "i"), [(p, i) for p in DEMO for i in range(2)])
def test_demo_personas_follow_the_access_matrix(request, opd_disperindag, opd_kedua, persona, i):
    user = request.getfixturevalue(persona)
    opd = (opd_disperindag, opd_kedua)[i]
    harapan = DEMO[persona][i]
    assert akses.boleh_baca_opd(user, opd) is ("r" in harapan)
    assert akses.boleh_tulis_opd(user, opd) is ("w" in harapan)
    if not harapan:
        with pytest.raises(Http404):
            akses.get_opd_or_404(user, opd.kode)
    elif harapan == "r":
        with pytest.raises(PermissionDenied):
            akses.get_opd_or_404(user, opd.kode, tulis=True)


def test_demo_operator2_never_sees_disperindag(client_for, operator2_user):
    client = client_for(operator2_user)
    html = client.get("/").content.decode()
    assert "Dinas Koperasi dan Usaha Mikro Kota Pasuruan" in html
    for bocor in ("Perindustrian", "Disperindag", "disperindag"):
        assert bocor not in html
    response = client.get("/opd/disperindag/")
    assert response.status_code == 404
    assert b"Perindustrian" not in response.content


def test_demo_disperindag_page_counts_the_eight_programs_of_2022(client_for, operator_user):
    response = client_for(operator_user).get("/opd/disperindag/")
    assert "Dinas Perindustrian dan Perdagangan Kota Pasuruan" in response.content.decode()
    tahun_2022 = next(a for a in response.context["ringkasan"].anggaran_per_tahun if a.tahun == 2022)
    # The PK 2022 (seed, Bab II) lists eight programs.
    assert tahun_2022.program == 8


# The OPD page is the operator's home and runs the engine (22 of its queries): fixed, whatever the size.
@pytest.mark.parametrize(("url", "batas"), [("/", 7), ("/opd/web-disperindag/", 35)])
def test_pages_run_a_fixed_number_of_queries_whatever_the_number_of_opds(
    web_masuk, web_superuser, django_assert_max_num_queries, url, batas
):
    # session, user, three for the roles, then the page's own; the superuser reaches every OPD.
    client = web_masuk(web_superuser)
    with django_assert_max_num_queries(batas):
        assert client.get(url).status_code == 200

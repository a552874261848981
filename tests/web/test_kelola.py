"""The Pemda admin manages accounts, roles and OPDs in the app; nobody else can, and every change is recorded."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from inti import services as kelola
from inti.akses import boleh_baca_opd, boleh_tulis_opd, lupakan_akses
from inti.models import OPD, AksesPemda, Keanggotaan

pytestmark = pytest.mark.django_db
User = get_user_model()
SANDI = "sandi-kuat-untuk-uji-2022"


def _buat(admin, pemda, username="perencana_baru"):
    return kelola.pengguna_buat(admin=admin, pemda=pemda, username=username, nama_depan="Siti", sandi=SANDI)


def test_admin_creates_an_account_and_gives_it_an_operator_role(dunia):
    user = _buat(dunia.admin, dunia.pemda)
    assert user.check_password(SANDI)
    assert not boleh_tulis_opd(user, dunia.opd_a)
    kelola.peran_opd_atur(admin=dunia.admin, user=user, opd=dunia.opd_a, peran="operator")
    lupakan_akses(user)
    assert boleh_tulis_opd(user, dunia.opd_a)
    riwayat = Keanggotaan.history.filter(user_id=user.pk).get()
    assert (riwayat.history_type, riwayat.history_user, riwayat.peran) == ("+", dunia.admin, "operator")
    assert User.history.filter(id=user.pk).get().history_user == dunia.admin


def test_changing_then_removing_a_role_is_recorded_with_old_and_new(dunia):
    kelola.peran_opd_atur(admin=dunia.admin, user=dunia.operator, opd=dunia.opd_a, peran="kepala")
    kelola.peran_opd_atur(admin=dunia.admin, user=dunia.operator, opd=dunia.opd_a, peran=None)
    assert not Keanggotaan.objects.filter(user=dunia.operator, opd=dunia.opd_a).exists()
    jejak = list(
        Keanggotaan.history.filter(user_id=dunia.operator.pk, history_user=dunia.admin)
        .order_by("history_date")
        .values_list("history_type", "peran")
    )
    assert jejak == [("~", "kepala"), ("-", "kepala")]


def test_admin_grants_a_pemda_wide_role_and_it_is_recorded(dunia):
    kelola.peran_pemda_atur(admin=dunia.admin, user=dunia.tanpa_peran, pemda=dunia.pemda, peran="auditor")
    lupakan_akses(dunia.tanpa_peran)
    assert boleh_baca_opd(dunia.tanpa_peran, dunia.opd_b) and not boleh_tulis_opd(dunia.tanpa_peran, dunia.opd_b)
    riwayat = AksesPemda.history.filter(user_id=dunia.tanpa_peran.pk).get()
    assert (riwayat.history_type, riwayat.history_user, riwayat.peran) == ("+", dunia.admin, "auditor")


@pytest.mark.parametrize("persona", ["operator", "kepala", "auditor", "operator2"])
def test_only_the_pemda_admin_may_manage_people(dunia, persona):
    user = dunia.persona(persona)
    with pytest.raises(PermissionDenied):
        _buat(user, dunia.pemda)
    with pytest.raises(PermissionDenied):
        kelola.peran_opd_atur(admin=user, user=user, opd=dunia.opd_a, peran="operator")
    assert not User.objects.filter(username="perencana_baru").exists()


def test_duplicate_username_and_weak_password_are_refused_in_indonesian(dunia):
    with pytest.raises(ValidationError) as exc:
        kelola.pengguna_buat(admin=dunia.admin, pemda=dunia.pemda, username="Operator", sandi="123")
    pesan = exc.value.message_dict
    assert pesan["username"] == ["Nama pengguna «Operator» sudah dipakai."]
    assert pesan["sandi"]
    assert User.objects.filter(username__iexact="operator").count() == 1


def test_pemda_admin_cannot_touch_a_superuser_or_deactivate_themselves(dunia):
    assert dunia.admin.is_superuser and not dunia.admin_pemda.is_superuser
    with pytest.raises(PermissionDenied):
        kelola.pengguna_atur_aktif(admin=dunia.admin_pemda, pemda=dunia.pemda, user=dunia.admin, aktif=False)
    with pytest.raises(ValidationError):
        kelola.pengguna_atur_aktif(admin=dunia.admin_pemda, pemda=dunia.pemda, user=dunia.admin_pemda, aktif=False)
    dunia.admin.refresh_from_db()
    assert dunia.admin.is_active


def test_admin_of_another_pemda_cannot_manage_this_one(dunia):
    with pytest.raises(PermissionDenied):
        kelola.peran_opd_atur(admin=dunia.admin_lain, user=dunia.operator, opd=dunia.opd_a, peran=None)
    assert Keanggotaan.objects.filter(user=dunia.operator, opd=dunia.opd_a, peran="operator").exists()


def test_admin_edits_an_opd_head_and_the_change_is_recorded(dunia):
    opd = dunia.opd_a
    data = {k: getattr(opd, k) for k in kelola.KOLOM_OPD}
    data["kepala_nama"] = "Dra. Kepala Baru, M.Si"
    kelola.opd_simpan(admin=dunia.admin, pemda=dunia.pemda, opd=opd, data=data)
    opd.refresh_from_db()
    assert opd.kepala_nama == "Dra. Kepala Baru, M.Si"
    akhir = OPD.history.filter(id=opd.pk).first()
    assert (akhir.history_user, akhir.kepala_nama) == (dunia.admin, "Dra. Kepala Baru, M.Si")
    assert akhir.prev_record.kepala_nama == "Drs. YANUAR AFRIANSYAH, MM"


def test_invalid_opd_code_changes_nothing(dunia):
    sebelum = OPD.objects.count()
    with pytest.raises(ValidationError) as exc:
        kelola.opd_simpan(
            admin=dunia.admin,
            pemda=dunia.pemda,
            opd=None,
            data={"kode": "disperindag", "nama": "Duplikat"},
        )
    assert "kode" in exc.value.message_dict
    assert OPD.objects.count() == sebelum


# --- pages --------------------------------------------------------------------------------------


def test_user_list_shows_every_demo_account_with_its_roles(client_for, dunia):
    html = client_for(dunia.admin).get(reverse("lkjip:kelola_pengguna_daftar")).content.decode()
    for username in ("operator", "kepala", "auditor", "operator2"):
        assert f">{username}</a>" in html
    assert "Operator / perencana · Disperindag" in html


@pytest.mark.parametrize("persona", ["operator", "kepala", "auditor", "operator2"])
def test_management_pages_answer_403_to_everyone_but_the_admin(client_for, dunia, persona):
    c = client_for(dunia.persona(persona))
    for url in (
        reverse("lkjip:kelola_pengguna_daftar"),
        reverse("lkjip:kelola_pengguna_baru"),
        reverse("lkjip:kelola_opd"),
        reverse("lkjip:kelola_opd_ubah", args=[dunia.opd_a.kode]),
    ):
        assert c.get(url).status_code == 403, url
    assert c.post(reverse("lkjip:kelola_pengguna_baru"), {"username": "x"}).status_code == 403


def test_admin_creates_user_and_grants_role_through_the_pages(client_for, dunia):
    c = client_for(dunia.admin)
    r = c.post(
        reverse("lkjip:kelola_pengguna_baru"),
        {
            "username": "staf_baru",
            "nama_depan": "Budi",
            "sandi": SANDI,
            "sandi2": SANDI,
        },
    )
    user = User.objects.get(username="staf_baru")
    assert r.status_code == 302
    url = reverse("lkjip:kelola_pengguna", args=[user.pk])
    r = c.post(url, {"aksi": "peran_opd", "opd": dunia.opd_a.pk, "peran": "operator"}, follow=True)
    assert "Peran di Disperindag disimpan." in r.content.decode()
    assert Keanggotaan.objects.get(user=user).peran == "operator"
    html = c.get(url).content.decode()
    assert "Peran Operator / perencana di Disperindag" in html


def test_mismatched_passwords_show_an_error_and_create_nothing(client_for, dunia):
    r = client_for(dunia.admin).post(
        reverse("lkjip:kelola_pengguna_baru"),
        {
            "username": "staf_gagal",
            "sandi": SANDI,
            "sandi2": SANDI + "x",
        },
    )
    assert r.status_code == 200
    assert "Kedua kata sandi tidak sama." in r.content.decode()
    assert not User.objects.filter(username="staf_gagal").exists()


# --- pages open on the user's own Pemda and OPD ------------------------------------------------------


@pytest.fixture
def pemda_alor(dunia):
    """A second Pemda whose name sorts before Kota Pasuruan's, with one OPD."""
    from inti.models import Pemda

    pemda = Pemda.objects.create(kode="kab-alor", nama="Pemerintah Kabupaten Alor", jenis="kabupaten")
    OPD.objects.create(pemda=pemda, kode="dinas-alor", nama="Dinas Arsip Kabupaten Alor")
    return pemda


def test_pemda_choices_put_the_users_own_first_not_the_alphabetical_first(dunia, pemda_alor):
    from inti.selectors import pemda_pilihan
    from inti.selectors_kelola import pemda_aktif

    # The demo admin is a superuser (reaches every Pemda) and the admin of Kota Pasuruan.
    assert [p.kode for p in pemda_pilihan(dunia.admin, hanya_admin=True)] == ["kota-pasuruan", "kab-alor"]
    assert pemda_aktif(dunia.admin, None) == dunia.pemda
    assert pemda_aktif(dunia.admin, "kab-alor") == pemda_alor
    AksesPemda.objects.create(user=dunia.tanpa_peran, pemda=pemda_alor, peran="admin")
    assert pemda_aktif(dunia.tanpa_peran, None) == pemda_alor


def _sel_kode(kode):
    """The code cell of an OPD's row in the admin's OPD list."""
    return f'<td class="d-none d-md-table-cell">{kode}</td>'


def test_the_kelola_pages_open_on_the_admins_own_pemda(client_for, dunia, pemda_alor):
    c = client_for(dunia.admin)
    for nama in ("lkjip:kelola_opd", "lkjip:kelola_pengguna_daftar", "lkjip:kelola_pengguna_baru"):
        html = c.get(reverse(nama)).content.decode()
        assert "Kelola Pemerintah Kota Pasuruan</h1>" in html, nama
    html = c.get(reverse("lkjip:kelola_opd")).content.decode()
    assert _sel_kode("disperindag") in html and _sel_kode("dinas-alor") not in html
    # The other Pemda stays one choice away.
    assert '<option value="kab-alor">Pemerintah Kabupaten Alor</option>' in html
    html = c.get(reverse("lkjip:kelola_opd"), {"pemda": "kab-alor"}).content.decode()
    assert "Kelola Pemerintah Kabupaten Alor</h1>" in html and _sel_kode("dinas-alor") in html
    # An OPD's own page opens on its Pemda, whichever Pemda the admin was looking at.
    html = c.get(reverse("lkjip:kelola_opd_ubah", args=["dinas-alor"])).content.decode()
    assert "Kelola Pemerintah Kabupaten Alor</h1>" in html


def test_the_pemda_wide_pages_open_on_the_users_own_pemda(client_for, dunia, pemda_alor):
    c = client_for(dunia.admin)
    assert "Ringkasan Pemerintah Kota Pasuruan 2022</h1>" in c.get(reverse("tabel:pemda")).content.decode()
    assert "Pemerintah Kota Pasuruan" in c.get(reverse("tabel:periode")).content.decode().split("</h1>")[0]


def test_home_and_navbar_list_the_users_own_pemda_and_opd_first(client_for, dunia, pemda_alor):
    html = client_for(dunia.admin).get(reverse("beranda")).content.decode()
    assert html.index("Dinas Perindustrian dan Perdagangan") < html.index("Dinas Arsip Kabupaten Alor")
    # An operator who also audits the whole Pemda finds their own OPD first, before Diskopum's name.
    AksesPemda.objects.create(user=dunia.operator, pemda=dunia.pemda, peran="auditor")
    lupakan_akses(dunia.operator)
    html = client_for(dunia.operator).get(reverse("beranda")).content.decode()
    assert html.index("Dinas Perindustrian dan Perdagangan") < html.index(dunia.opd_b.nama)

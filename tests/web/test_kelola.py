"""The Pemda admin manages accounts, roles and OPDs in the app; nobody else can, and every change is recorded."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from inti import services as kelola
from inti.akses import boleh_tulis_opd, lupakan_akses
from inti.models import OPD, AksesPemda, Keanggotaan, Pemda

pytestmark = pytest.mark.django_db
User = get_user_model()
SANDI = "sandi-kuat-untuk-uji-2022"


def _buat(admin, pemda, username="perencana_baru"):
    return kelola.pengguna_buat(admin=admin, pemda=pemda, username=username, nama_depan="Siti", sandi=SANDI)


def test_admin_creates_an_account_and_gives_it_an_operator_role(
    admin_user_demo, pemda_pasuruan, opd_disperindag
):
    user = _buat(admin_user_demo, pemda_pasuruan)
    assert user.check_password(SANDI)
    assert not boleh_tulis_opd(user, opd_disperindag)
    kelola.peran_opd_atur(admin=admin_user_demo, user=user, opd=opd_disperindag, peran="operator")
    lupakan_akses(user)
    assert boleh_tulis_opd(user, opd_disperindag)
    riwayat = Keanggotaan.history.filter(user_id=user.pk).get()
    assert (riwayat.history_type, riwayat.history_user, riwayat.peran) == ("+", admin_user_demo, "operator")
    assert User.history.filter(id=user.pk).get().history_user == admin_user_demo


def test_changing_then_removing_a_role_is_recorded_with_old_and_new(
    admin_user_demo, operator_user, opd_disperindag
):
    kelola.peran_opd_atur(admin=admin_user_demo, user=operator_user, opd=opd_disperindag, peran="kepala")
    kelola.peran_opd_atur(admin=admin_user_demo, user=operator_user, opd=opd_disperindag, peran=None)
    assert not Keanggotaan.objects.filter(user=operator_user, opd=opd_disperindag).exists()
    jejak = list(
        Keanggotaan.history.filter(user_id=operator_user.pk, history_user=admin_user_demo)
        .order_by("history_date")
        .values_list("history_type", "peran")
    )
    assert jejak == [("~", "kepala"), ("-", "kepala")]


@pytest.mark.parametrize("persona", ["operator_user", "kepala_user", "auditor_user", "operator2_user"])
def test_only_the_pemda_admin_may_manage_people(request, persona, pemda_pasuruan, opd_disperindag):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        _buat(user, pemda_pasuruan)
    with pytest.raises(PermissionDenied):
        kelola.peran_opd_atur(admin=user, user=user, opd=opd_disperindag, peran="operator")
    assert not User.objects.filter(username="perencana_baru").exists()


def test_duplicate_username_and_weak_password_are_refused_in_indonesian(admin_user_demo, pemda_pasuruan):
    with pytest.raises(ValidationError) as exc:
        kelola.pengguna_buat(admin=admin_user_demo, pemda=pemda_pasuruan, username="Operator", sandi="123")
    pesan = exc.value.message_dict
    assert pesan["username"] == ["Nama pengguna «Operator» sudah dipakai."]
    assert pesan["sandi"]
    assert User.objects.filter(username__iexact="operator").count() == 1


def test_pemda_admin_cannot_touch_a_superuser_or_deactivate_themselves(admin_user_demo, pemda_pasuruan):
    admin_pemda = _buat(admin_user_demo, pemda_pasuruan, "admin_bappeda")
    kelola.peran_pemda_atur(admin=admin_user_demo, user=admin_pemda, pemda=pemda_pasuruan, peran="admin")
    lupakan_akses(admin_pemda)
    assert admin_user_demo.is_superuser
    with pytest.raises(PermissionDenied):
        kelola.pengguna_atur_aktif(admin=admin_pemda, pemda=pemda_pasuruan, user=admin_user_demo, aktif=False)
    with pytest.raises(ValidationError):
        kelola.pengguna_atur_aktif(admin=admin_pemda, pemda=pemda_pasuruan, user=admin_pemda, aktif=False)
    admin_user_demo.refresh_from_db()
    assert admin_user_demo.is_active


def test_admin_of_another_pemda_cannot_manage_this_one(admin_user_demo, operator_user, opd_disperindag):
    lain = Pemda.objects.create(kode="kab-lain", nama="Pemerintah Kabupaten Lain")
    admin_lain = User.objects.create_user("admin_lain", password=SANDI)
    AksesPemda.objects.create(user=admin_lain, pemda=lain, peran="admin")
    with pytest.raises(PermissionDenied):
        kelola.peran_opd_atur(admin=admin_lain, user=operator_user, opd=opd_disperindag, peran=None)
    assert Keanggotaan.objects.filter(user=operator_user, opd=opd_disperindag, peran="operator").exists()


def test_admin_edits_an_opd_head_and_the_change_is_recorded(admin_user_demo, pemda_pasuruan, opd_disperindag):
    data = {k: getattr(opd_disperindag, k) for k in kelola.KOLOM_OPD}
    data["kepala_nama"] = "Dra. Kepala Baru, M.Si"
    kelola.opd_simpan(admin=admin_user_demo, pemda=pemda_pasuruan, opd=opd_disperindag, data=data)
    opd_disperindag.refresh_from_db()
    assert opd_disperindag.kepala_nama == "Dra. Kepala Baru, M.Si"
    akhir = OPD.history.filter(id=opd_disperindag.pk).first()
    assert (akhir.history_user, akhir.kepala_nama) == (admin_user_demo, "Dra. Kepala Baru, M.Si")
    assert akhir.prev_record.kepala_nama == "Drs. YANUAR AFRIANSYAH, MM"


def test_invalid_opd_code_changes_nothing(admin_user_demo, pemda_pasuruan):
    sebelum = OPD.objects.count()
    with pytest.raises(ValidationError) as exc:
        kelola.opd_simpan(
            admin=admin_user_demo,
            pemda=pemda_pasuruan,
            opd=None,
            data={"kode": "disperindag", "nama": "Duplikat"},
        )
    assert "kode" in exc.value.message_dict
    assert OPD.objects.count() == sebelum


# --- pages --------------------------------------------------------------------------------------


def test_user_list_shows_every_demo_account_with_its_roles(client_for, admin_user_demo):
    html = client_for(admin_user_demo).get(reverse("lkjip:kelola_pengguna_daftar")).content.decode()
    for username in ("operator", "kepala", "auditor", "operator2"):
        assert f">{username}</a>" in html
    assert "Operator / perencana · Disperindag" in html


@pytest.mark.parametrize("persona", ["operator_user", "kepala_user", "auditor_user", "operator2_user"])
def test_management_pages_answer_403_to_everyone_but_the_admin(request, client_for, persona, opd_disperindag):
    c = client_for(request.getfixturevalue(persona))
    for url in (
        reverse("lkjip:kelola_pengguna_daftar"),
        reverse("lkjip:kelola_pengguna_baru"),
        reverse("lkjip:kelola_opd"),
        reverse("lkjip:kelola_opd_ubah", args=[opd_disperindag.kode]),
    ):
        assert c.get(url).status_code == 403, url
    assert c.post(reverse("lkjip:kelola_pengguna_baru"), {"username": "x"}).status_code == 403


def test_admin_creates_user_and_grants_role_through_the_pages(client_for, admin_user_demo, opd_disperindag):
    c = client_for(admin_user_demo)
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
    r = c.post(url, {"aksi": "peran_opd", "opd": opd_disperindag.pk, "peran": "operator"}, follow=True)
    assert "Peran di Disperindag disimpan." in r.content.decode()
    assert Keanggotaan.objects.get(user=user).peran == "operator"
    html = c.get(url).content.decode()
    assert "Peran Operator / perencana di Disperindag" in html


def test_mismatched_passwords_show_an_error_and_create_nothing(client_for, admin_user_demo):
    r = client_for(admin_user_demo).post(
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

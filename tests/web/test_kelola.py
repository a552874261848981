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

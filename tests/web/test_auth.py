"""Sign-in, sign-out, password change, and the base layout every page shares."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_login_page_is_indonesian_and_uses_only_vendored_assets(client):
    response = client.get("/masuk/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert "Nama pengguna" in html and "Kata sandi" in html and ">Masuk</button>" in html
    assert '/static/vendor/bootstrap/css/bootstrap.min.css"' in html
    assert '/static/vendor/bootstrap/js/bootstrap.bundle.min.js"' in html
    assert '/static/vendor/htmx/htmx.min.js"' in html
    # Nothing is fetched from the internet at run time.
    assert not re.search(r'(src|href)="(https?:)?//', html)


@pytest.mark.parametrize(
    ("berkas", "penanda"),
    [
        ("vendor/bootstrap/css/bootstrap.min.css", "Bootstrap  v5.3"),
        ("vendor/bootstrap/js/bootstrap.bundle.min.js", "Bootstrap v5.3"),
        ("vendor/htmx/htmx.min.js", 'version:"2.0'),
        ("vendor/bootstrap/LICENSE", "MIT License"),
        ("vendor/htmx/LICENSE", "Zero-Clause BSD"),
    ],
)
def test_vendored_files_are_served_by_staticfiles(berkas, penanda):
    path = finders.find(berkas)
    assert path, berkas
    with open(path, encoding="utf-8") as f:
        assert penanda in f.read()


def test_anonymous_user_is_sent_to_login_from_every_app_page(client):
    for url in ("/", "/opd/disperindag/", "/sandi/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/masuk/?next={url}"


def test_login_with_wrong_password_shows_indonesian_error(client, dunia):
    response = client.post("/masuk/", {"username": dunia.operator.username, "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_then_home_page_greets_the_user_with_role_badge(client, dunia):
    response = client.post("/masuk/", {"username": dunia.operator.username, "password": dunia.sandi})
    assert response.status_code == 302 and response["Location"] == "/"
    html = client.get("/").content.decode()
    # The demo operator's full name, then the role badge, in the navbar.
    assert re.search(r'Operator Disperindag\s*<span class="badge text-bg-light ms-1">Operator</span>', html)


def test_login_follows_next(client, dunia):
    response = client.post(
        "/masuk/", {"username": dunia.operator.username, "password": dunia.sandi, "next": "/opd/disperindag/"}
    )
    assert response["Location"] == "/opd/disperindag/"


def test_logout_is_a_post_and_ends_the_session(client, dunia):
    client.force_login(dunia.operator)
    assert client.get("/keluar/").status_code == 405
    response = client.post("/keluar/", follow=True)
    assert response.redirect_chain[-1][0] == "/masuk/"
    assert "Anda telah keluar." in response.content.decode()
    assert SESSION_KEY not in client.session
    assert client.get("/").status_code == 302


def test_navbar_has_logout_form_with_csrf_and_htmx_csrf_header(client, dunia):
    client.force_login(dunia.operator)
    html = client.get("/").content.decode()
    assert re.search(r'<form method="post" action="/keluar/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"', html)
    assert re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"[A-Za-z0-9]{32,}\"\}'>", html)


def test_password_change_with_wrong_old_password_is_refused_in_indonesian(client, dunia):
    client.force_login(dunia.operator)
    response = client.post(
        "/sandi/",
        {"old_password": "salah", "new_password1": "Baru-Sekali-2023", "new_password2": "Baru-Sekali-2023"},
    )
    assert response.status_code == 200
    assert "Kata sandi lama salah." in response.content.decode()
    dunia.operator.refresh_from_db()
    assert dunia.operator.check_password(dunia.sandi)


def test_password_change_with_mismatch_is_refused(client, dunia):
    client.force_login(dunia.operator)
    response = client.post(
        "/sandi/", {"old_password": dunia.sandi, "new_password1": "Baru-Sekali-2023", "new_password2": "Lain-2023-xx"}
    )
    assert "Kedua kata sandi baru tidak sama." in response.content.decode()
    assert 'class="form-control is-invalid"' in response.content.decode()


def test_password_change_succeeds_and_new_password_signs_in(client, dunia):
    client.force_login(dunia.operator)
    baru = "Baru-Sekali-2023"
    response = client.post("/sandi/", {"old_password": dunia.sandi, "new_password1": baru, "new_password2": baru})
    assert response["Location"] == "/sandi/selesai/"
    assert "Kata sandi Anda sudah diganti." in client.get("/sandi/selesai/").content.decode()
    # The session survives the change (Django re-hashes it), and the new password works on a fresh login.
    assert client.get("/").status_code == 200
    client.post("/keluar/")
    # Through the sign-in page (the throttling backend needs the request that Client.login does not give).
    assert client.post("/masuk/", {"username": dunia.operator.username, "password": dunia.sandi}).status_code == 200
    assert client.post("/masuk/", {"username": dunia.operator.username, "password": baru}).status_code == 302


def test_signed_in_user_visiting_login_goes_home(client, dunia):
    client.force_login(dunia.operator)
    assert client.get("/masuk/")["Location"] == "/"

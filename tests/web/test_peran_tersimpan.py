"""A user's scopes and navbar kept per process under the roles token (`inti.akses.per_peran`).

Every page needs who reads what and the navbar's OPDs. They are computed once per user and kept until a
role, an OPD or a Pemda is written: then the very next request sees the change, in this process or any
other, and a write that is rolled back leaves nothing behind.
"""

import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inti import akses, versi
from inti.akses import _PER_PERAN
from inti.auth import BackendPengguna
from inti.models import OPD, AksesPemda, Keanggotaan, VersiData

TABEL_PERAN = ("inti_keanggotaan", "inti_aksespemda")


def _tabel_dibaca(cq) -> set[str]:
    """Which of the roles' reads a request made: the role tables, and the lists of OPD ids (the scopes'
    and the navbar's; the page's own OPD is read as a model row)."""
    dibaca = {t for t in TABEL_PERAN for q in cq.captured_queries if f'FROM "{t}"' in q["sql"]}
    if any('"inti_opd"."id" AS "pk"' in q["sql"] for q in cq.captured_queries):
        dibaca.add("inti_opd")
    return dibaca


def _navbar(html: str) -> str:
    return html.split('id="navbar-utama"', 1)[1].split("</nav>", 1)[0]


def _opd_url(opd) -> str:
    return reverse("lkjip:opd", args=[opd.kode])


def test_second_page_of_a_user_reads_no_roles_and_no_navbar(client_for, dunia):
    c = client_for(dunia.auditor)
    url = _opd_url(dunia.opd_a)
    with CaptureQueriesContext(connection) as pertama:
        assert c.get(url).status_code == 200
    with CaptureQueriesContext(connection) as kedua:
        r = c.get(url)
    assert _tabel_dibaca(pertama) == {*TABEL_PERAN, "inti_opd"}
    assert _tabel_dibaca(kedua) == set()
    # The same page again with the kept scopes gone: three queries more (roles, scopes, navbar).
    _PER_PERAN.kosongkan()
    with CaptureQueriesContext(connection) as tanpa:
        c.get(url)
    assert len(tanpa) == len(kedua) + 3
    # What the user sees is the same: both OPDs of the Pemda in the navbar.
    navbar = _navbar(r.content.decode())
    assert dunia.opd_a.nama in navbar and dunia.opd_b.nama in navbar


def test_a_new_role_opens_the_opd_on_the_next_request_and_removing_it_closes_it(client_for, dunia):
    c = client_for(dunia.operator2)  # operator of OPD B only
    assert c.get(_opd_url(dunia.opd_a)).status_code == 404
    assert dunia.opd_a.nama not in _navbar(c.get(_opd_url(dunia.opd_b)).content.decode())

    peran = Keanggotaan.objects.create(user=dunia.operator2, opd=dunia.opd_a, peran=Keanggotaan.Peran.AUDITOR)
    r = c.get(_opd_url(dunia.opd_a))
    assert r.status_code == 200
    assert dunia.opd_a.nama in _navbar(r.content.decode())

    peran.delete()
    assert c.get(_opd_url(dunia.opd_a)).status_code == 404
    assert dunia.opd_a.nama not in _navbar(c.get(_opd_url(dunia.opd_b)).content.decode())


def test_a_role_given_by_the_admin_page_counts_at_once(client_for, dunia):
    c = client_for(dunia.tanpa_peran)
    assert c.get(_opd_url(dunia.opd_a)).status_code == 404
    r = client_for(dunia.admin).post(
        reverse("lkjip:kelola_pengguna", args=[dunia.tanpa_peran.pk]),
        {"aksi": "peran_opd", "opd": dunia.opd_a.pk, "peran": "operator"},
        follow=True,
    )
    assert "Peran di Disperindag disimpan." in r.content.decode()
    assert c.get(_opd_url(dunia.opd_a)).status_code == 200


def test_a_pemda_wide_role_reaches_a_new_opd_and_the_navbar_shows_its_new_name(client_for, dunia):
    c = client_for(dunia.auditor)  # auditor of the whole Pemda
    assert c.get(_opd_url(dunia.opd_a)).status_code == 200
    baru = OPD.objects.create(pemda=dunia.pemda, kode="dinas-baru", nama="Dinas Perpustakaan Baru")
    r = c.get(_opd_url(baru))
    assert r.status_code == 200
    assert "Dinas Perpustakaan Baru" in _navbar(r.content.decode())

    baru.nama = "Dinas Perpustakaan dan Kearsipan"
    baru.save()
    navbar = _navbar(c.get(_opd_url(dunia.opd_a)).content.decode())
    assert "Dinas Perpustakaan dan Kearsipan" in navbar
    assert "Dinas Perpustakaan Baru" not in navbar

    AksesPemda.objects.filter(user=dunia.auditor).delete()
    assert c.get(_opd_url(baru)).status_code == 404


def test_a_role_loaded_from_a_fixture_counts_at_once(client_for, dunia, tmp_path):
    c = client_for(dunia.tanpa_peran)
    assert c.get(_opd_url(dunia.opd_b)).status_code == 404
    berkas = tmp_path / "peran.json"
    berkas.write_text(
        json.dumps(
            [
                {
                    "model": "inti.keanggotaan",
                    "fields": {"user": dunia.tanpa_peran.pk, "opd": dunia.opd_b.pk, "peran": "kepala"},
                }
            ]
        )
    )
    call_command("loaddata", str(berkas), verbosity=0)
    assert c.get(_opd_url(dunia.opd_b)).status_code == 200


def test_a_rolled_back_role_leaves_no_scope_behind(dunia):
    token_awal = VersiData.objects.get(kunci=versi.PERAN).token
    # The user as a request reads it: with the roles token.
    user = BackendPengguna().get_user(dunia.tanpa_peran.pk)
    assert not akses.peran_pengguna(user).boleh_baca(dunia.opd_a.pk)

    with pytest.raises(RuntimeError), transaction.atomic():
        # Read before the write, as a request that gives itself a role would have its user.
        dalam = BackendPengguna().get_user(dunia.tanpa_peran.pk)
        Keanggotaan.objects.create(user=dunia.tanpa_peran, opd=dunia.opd_a, peran=Keanggotaan.Peran.OPERATOR)
        # This connection sees the new role, and computes it afresh rather than trusting the old token.
        assert akses.peran_pengguna(dalam).boleh_tulis(dunia.opd_a.pk)
        raise RuntimeError("batal")

    assert VersiData.objects.get(kunci=versi.PERAN).token == token_awal
    sesudah = BackendPengguna().get_user(dunia.tanpa_peran.pk)
    assert not akses.peran_pengguna(sesudah).boleh_baca(dunia.opd_a.pk)
    assert akses.peran_pengguna(sesudah) == akses.peran_pengguna(user)


def test_scopes_are_kept_per_user_and_never_shared(dunia):
    operator = BackendPengguna().get_user(dunia.operator.pk)
    operator2 = BackendPengguna().get_user(dunia.operator2.pk)
    assert akses.peran_pengguna(operator).opd_tulis_ids == {dunia.opd_a.pk}
    assert akses.peran_pengguna(operator2).opd_tulis_ids == {dunia.opd_b.pk}
    # Read again (a later request): the kept scopes, without a query, still each user's own.
    with CaptureQueriesContext(connection) as cq:
        assert akses.peran_pengguna(BackendPengguna().get_user(dunia.operator.pk)).opd_tulis_ids == {
            dunia.opd_a.pk
        }
    assert len(cq) == 1  # the user with the token


def test_a_user_made_superuser_reads_every_opd_on_the_next_request(client_for, dunia):
    opd_c = dunia.opd_c
    c = client_for(dunia.tanpa_peran)
    assert c.get(_opd_url(opd_c)).status_code == 404
    dunia.tanpa_peran.is_superuser = True
    dunia.tanpa_peran.save()
    assert c.get(_opd_url(opd_c)).status_code == 200


def test_the_kept_navbar_marks_each_pages_own_opd(client_for, dunia):
    c = client_for(dunia.admin_pemda)
    for opd in (dunia.opd_a, dunia.opd_b, dunia.opd_a):
        navbar = _navbar(c.get(_opd_url(opd)).content.decode())
        assert navbar.count("dropdown-item active") == 1
        assert f'<a class="dropdown-item active" href="{_opd_url(opd)}">' in navbar

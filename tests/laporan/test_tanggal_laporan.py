"""The report's date: set by the kepala at sign-off (default today, in the site's time zone), validated,
stored with its history, and printed under the foreword and the signature; the draft shows today marked
as draft, the signed PDF keeps its date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inti.periode import format_tanggal
from lkjip.laporan import services
from lkjip.laporan.dokumen import Pengesahan, bangun_dokumen, dokumen_laporan, kumpulkan_data
from lkjip.laporan.models import Laporan, RevisiArsip
from lkjip.laporan.pdf import html_laporan
from tests.laporan.bantu_lengkap import lengkapi_laporan
from tests.laporan.conftest import teks_halaman
from tests.tugas.bantu_tugas import isi, unduh_hasil

pytestmark = pytest.mark.django_db
S = Laporan.Status

SETUJUI = "/opd/disperindag/laporan/2022/langkah/setujui/"
HALAMAN = "/opd/disperindag/laporan/2022/"
TANGGAL = datetime.date(2023, 1, 31)


@pytest.fixture
def render_cepat(monkeypatch):
    """The date, not the PDF: a small stand-in that keeps the signed document's date line."""
    tercetak = []

    def palsu(opd, tahun, pengesahan):
        dok = dokumen_laporan(opd, tahun, pengesahan=pengesahan)
        tercetak.append(dok.tanggal_tanda_tangan)
        return services.Berkas(f"%PDF-1.7 palsu {pengesahan.kode_pendek}".encode(), b"PK-palsu")

    monkeypatch.setattr(services, "_render_pengesahan", palsu)
    return tercetak


@pytest.fixture
def direviu(dunia):
    umum = {"opd": dunia.opd_a, "tahun": 2022}
    lengkapi_laporan(user=dunia.operator, **umum)
    services.laporan_ajukan(user=dunia.operator, **umum)
    services.laporan_reviu(user=dunia.auditor, pernyataan="Telah direviu.", **umum)
    return umum


def test_the_kepala_dates_the_report_at_sign_off_and_the_history_keeps_it(dunia, direviu, render_cepat):
    arsip = services.laporan_setujui(user=dunia.kepala, tanggal=TANGGAL, **direviu)
    laporan = Laporan.objects.get(opd=dunia.opd_a, tahun=2022)
    assert (laporan.status, laporan.tanggal_laporan, arsip.tanggal_laporan) == (S.DISETUJUI, TANGGAL, TANGGAL)
    riwayat = laporan.history.order_by("-history_date", "-history_id").first()
    assert (riwayat.tanggal_laporan, riwayat.history_user) == (TANGGAL, dunia.kepala)
    assert render_cepat == ["31 Januari 2023"]


def test_the_date_defaults_to_today_in_jakarta(dunia, direviu, render_cepat, monkeypatch):
    # 18.00 UTC on 31 January is already 1 February in Jakarta (UTC+7).
    sekarang = datetime.datetime(2023, 1, 31, 18, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: sekarang)
    services.laporan_setujui(user=dunia.kepala, **direviu)
    assert Laporan.objects.get(opd=dunia.opd_a, tahun=2022).tanggal_laporan == datetime.date(2023, 2, 1)
    assert render_cepat == ["1 Februari 2023"]


@pytest.mark.parametrize(
    "tanggal, pesan",
    [
        (datetime.date(2022, 12, 31), "Tanggal laporan paling awal 1 Januari 2023"),
        (None, "Tanggal laporan tidak boleh melewati hari ini"),
    ],
)
def test_a_date_in_the_future_or_before_the_year_ended_is_refused(dunia, direviu, render_cepat, tanggal, pesan):
    if tanggal is None:
        tanggal = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match=pesan):
        services.laporan_setujui(user=dunia.kepala, tanggal=tanggal, **direviu)
    laporan = Laporan.objects.get(opd=dunia.opd_a, tahun=2022)
    assert (laporan.status, laporan.tanggal_laporan) == (S.DIREVIU, None)
    assert not RevisiArsip.objects.exists() and render_cepat == []


def test_the_draft_shows_today_marked_as_draft_then_the_date_once_set(dunia, direviu, render_cepat):
    dok = dokumen_laporan(dunia.opd_a, 2022)
    assert dok.tanggal_tanda_tangan == f"{format_tanggal(timezone.localdate())} (draf)"
    services.laporan_setujui(user=dunia.kepala, tanggal=TANGGAL, **direviu)
    assert dokumen_laporan(dunia.opd_a, 2022).tanggal_tanda_tangan == "31 Januari 2023"


def test_the_date_is_printed_under_the_foreword_and_the_signature(dunia):
    data = kumpulkan_data(dunia.opd_a, 2022)
    pengesahan = Pengesahan(1, "abc", "http://testserver/verifikasi/abc", "Kepala", "Kepala OPD",
                            timezone.now(), TANGGAL)
    html = html_laporan(bangun_dokumen(data, pengesahan=pengesahan))
    assert html.count(", 31 Januari 2023</div>") == 2  # under the Kata Pengantar and BAB IV


def test_a_new_revision_is_dated_anew_and_the_archive_keeps_the_first_date(dunia, direviu, render_cepat):
    services.laporan_setujui(user=dunia.kepala, tanggal=TANGGAL, **direviu)
    services.laporan_revisi_baru(user=dunia.operator, catatan="Koreksi.", **direviu)
    assert Laporan.objects.get(opd=dunia.opd_a, tahun=2022).tanggal_laporan is None
    assert RevisiArsip.objects.get(nomor=1).tanggal_laporan == TANGGAL


def test_the_sign_off_form_offers_today_and_an_invalid_date_changes_nothing(client_for, dunia, direviu):
    klien = client_for(dunia.kepala)
    halaman = klien.get(HALAMAN).content.decode()
    hari_ini = timezone.localdate().strftime("%d/%m/%Y")  # typed day first, whatever the browser's language
    assert f'placeholder="hh/bb/tttt" id="tanggal-laporan" name="tanggal_laporan" value="{hari_ini}"' in halaman
    r = klien.post(SETUJUI, {"tanggal_laporan": "2022-06-30"}, follow=True)
    assert "Tanggal laporan paling awal 1 Januari 2023" in r.content.decode()
    r = klien.post(SETUJUI, {"tanggal_laporan": "31-02-2023"}, follow=True)
    assert "Tanggal laporan tidak valid" in r.content.decode()
    assert Laporan.objects.get(opd=dunia.opd_a, tahun=2022).status == S.DIREVIU


def test_the_signed_pdf_keeps_the_date_the_kepala_chose(client_for, dunia, direviu):
    klien = client_for(dunia.kepala)
    response = klien.post(SETUJUI, {"tanggal_laporan": "31/01/2023", "catatan": ""})
    teks = " ".join(teks_halaman(isi(unduh_hasil(klien, response))))
    assert teks.count("31 Januari 2023") >= 2 and "(draf)" not in teks
    assert RevisiArsip.objects.get(laporan__opd=dunia.opd_a).tanggal_laporan == TANGGAL

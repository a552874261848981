"""The address printed in a signed PDF is the configured SITE_URL, never the request's. Before: approving
with `Host: localhost:31337` archived a PDF whose every page said http://localhost:31337/verifikasi/…, and
the archive can never be corrected."""

import io
import re

import pypdf
import pytest

from lkjip.laporan import services
from lkjip.laporan.models import RevisiArsip
from tests.laporan.bantu_lengkap import lengkapi_laporan

pytestmark = pytest.mark.django_db


def test_signing_through_another_host_prints_the_configured_address(client_for, dunia, settings):
    settings.SITE_URL = "https://sakip.contoh.go.id"
    umum = {"opd": dunia.opd_a, "tahun": 2022}
    lengkapi_laporan(user=dunia.operator, **umum)
    services.laporan_ajukan(user=dunia.operator, **umum)
    services.laporan_reviu(user=dunia.auditor_opd, pernyataan="Telah direviu.", **umum)

    kepala = client_for(dunia.kepala)
    jawab = kepala.post(
        "/opd/disperindag/laporan/2022/langkah/setujui/",
        {"catatan": ""},
        HTTP_HOST="localhost:31337",
        follow=True,
    )
    assert jawab.status_code == 200
    arsip = RevisiArsip.objects.get(laporan__opd=dunia.opd_a, laporan__tahun=2022)
    teks = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(arsip.berkas.read())).pages)
    teks = re.sub(r"\s+", " ", teks)
    assert f"https://sakip.contoh.go.id/verifikasi/{arsip.kode_pendek}" in teks
    assert "31337" not in teks and "localhost" not in teks

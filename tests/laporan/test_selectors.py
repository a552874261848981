"""Reads of the report pages: years, the page with its history, the archive and the verification."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from lkjip.laporan import selectors, services
from lkjip.laporan.models import Laporan
from tests.laporan.bantu_lengkap import lengkapi_laporan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def render_cepat(monkeypatch):
    """Sign-off without WeasyPrint: these tests are about the reads around the archive."""

    def palsu(opd, tahun, pengesahan):
        return services.Berkas(f"%PDF-1.7 palsu {pengesahan.kode_pendek}".encode(), b"PK-palsu")

    monkeypatch.setattr(services, "_render_pengesahan", palsu)


def _setujui(opd, operator, auditor, kepala):
    lengkapi_laporan(user=operator, opd=opd)
    services.laporan_ajukan(user=operator, opd=opd, tahun=2022, catatan="Siap direviu.")
    services.laporan_reviu(user=auditor, opd=opd, tahun=2022, pernyataan="Telah direviu.")
    return services.laporan_setujui(user=kepala, opd=opd, tahun=2022)


def test_years_with_data(opd_disperindag):
    assert selectors.tahun_ada_data(opd_disperindag, 2022)
    assert not selectors.tahun_ada_data(opd_disperindag, 2035)
    tahun = selectors.daftar_tahun(opd_disperindag)
    # The dataset holds the year's report, a draft with its narratives.
    assert [(t.tahun, t.status_label, t.revisi) for t in tahun] == [(2022, "Draf", 1)]
    Laporan.objects.filter(opd=opd_disperindag, tahun=2022).update(status=Laporan.Status.DIAJUKAN, revisi=2)
    assert [(t.status_label, t.revisi) for t in selectors.daftar_tahun(opd_disperindag)] == [("Diajukan", 2)]


def test_the_page_names_people_and_offers_each_role_its_step(
    opd_disperindag, operator_user, auditor_user, kepala_user
):
    halaman = selectors.halaman_laporan(operator_user, opd=opd_disperindag, tahun=2022)
    assert halaman.laporan.draft and halaman.boleh_ubah and halaman.boleh_tulis and not halaman.boleh_reviu
    assert (halaman.transisi, halaman.arsip, halaman.reviu) == ([], [], [])
    assert len(halaman.temuan) == 16 and "Dinas Perindustrian" in halaman.pernyataan_bawaan

    arsip = _setujui(opd_disperindag, operator_user, auditor_user, kepala_user)
    halaman = selectors.halaman_laporan(auditor_user, opd=opd_disperindag, tahun=2022)
    assert not halaman.boleh_ubah and halaman.boleh_reviu and not halaman.boleh_setujui
    assert [(t.nama_oleh, t.dari, t.ke) for t in halaman.transisi] == [
        (kepala_user.get_full_name(), "Direviu", "Disetujui"),
        (auditor_user.get_full_name(), "Diajukan", "Direviu"),
        (operator_user.get_full_name(), "Draf", "Diajukan"),
    ]
    assert halaman.transisi[-1].catatan == "Siap direviu."
    assert [(r.nama_auditor, r.pernyataan) for r in halaman.reviu] == [(auditor_user.get_full_name(), "Telah direviu.")]
    assert [(a.nomor, a.kode_pendek, a.ada_xlsx) for a in halaman.arsip] == [(1, arsip.kode_pendek, True)]


def test_the_current_signed_file_and_the_archive_lookups(opd_disperindag, operator_user, auditor_user, kepala_user):
    assert selectors.arsip_berlaku(opd_disperindag, 2022) is None
    arsip = _setujui(opd_disperindag, operator_user, auditor_user, kepala_user)
    assert selectors.arsip_berlaku(opd_disperindag, 2022) == arsip
    assert selectors.arsip_get(opd=opd_disperindag, tahun=2022, nomor=1) == arsip
    assert selectors.arsip_dengan_kode(arsip.kode_pendek) == arsip
    with pytest.raises(Http404):
        selectors.arsip_get(opd=opd_disperindag, tahun=2022, nomor=2)
    # A new revision opened: the signed file of revision 1 is no longer what downloads serve.
    services.laporan_revisi_baru(user=operator_user, opd=opd_disperindag, tahun=2022, catatan="Koreksi.")
    assert selectors.arsip_berlaku(opd_disperindag, 2022) is None


def test_verification_by_file_or_hash(opd_disperindag, operator_user, auditor_user, kepala_user):
    arsip = _setujui(opd_disperindag, operator_user, auditor_user, kepala_user)
    berkas = SimpleUploadedFile("laporan.pdf", f"%PDF-1.7 palsu {arsip.kode_pendek}".encode())
    assert selectors.periksa_berkas(berkas=berkas).arsip == arsip
    assert selectors.periksa_berkas(sha256=arsip.sha256.upper() + " ").arsip == arsip
    assert selectors.periksa_berkas(sha256="0" * 64).arsip is None
    with pytest.raises(ValidationError):
        selectors.periksa_berkas(sha256="bukan-hash")

"""The monev screens show each Tribulan against its plan: an indicator's Rencana Aksi target and capaian of
the Tribulan on the realisasi screen, a sub kegiatan's planned spending on the budget screen."""

import re
from decimal import Decimal as D

import pytest

from anggaran.models import RencanaPenyerapan, SubKegiatan
from capaian.models import RealisasiIndikator
from perjanjian.models import BarisPK, RencanaAksi
from tests.monev.conftest import PRODUKSI_UNGGULAN, url_monev

pytestmark = pytest.mark.django_db


def sel_baris(html: str, id_: str) -> list[str]:
    """The cells (text, tags removed, spaces joined) of the table row with the id `id_`."""
    baris = re.search(rf'<tr[^>]*id="{id_}"[^>]*>(.*?)</tr>', html, flags=re.S).group(1)
    return [
        " ".join(re.sub(r"<[^>]+>", " ", sel).split())
        for sel in re.findall(r"<td[^>]*>(.*?)</td>", baris, flags=re.S)
    ]


@pytest.fixture
def rencana_aksi(opd_disperindag):
    baris = BarisPK.objects.get(
        pk_dokumen__opd=opd_disperindag, pk_dokumen__revisi=1, indikator__kode=PRODUKSI_UNGGULAN
    )
    for tw, target in ((1, "0.02"), (2, "0.05"), (3, "0.075"), (4, "0.1")):
        RencanaAksi.objects.create(baris_pk=baris, tribulan=tw, target=D(target), uraian=f"Langkah {tw}")
    RealisasiIndikator.objects.create(indikator=baris.indikator, tahun=2022, tribulan=2, nilai=D("0.0456"))
    return baris


def test_the_realisasi_screen_shows_the_tribulan_target_and_its_capaian(masuk, operator_user, rencana_aksi):
    html = masuk(operator_user).get(url_monev("realisasi", tribulan=2)).content.decode()
    sel = sel_baris(html, f"realisasi-{rencana_aksi.indikator_id}")
    # Target column: the year's target and Tribulan II's; capaian column: 0,046 against 0,05.
    assert "Target TW 2: 0,05" in sel[1]
    assert "TW 2: 92,00" in sel[4]


def test_tribulan_iv_shows_the_years_value_against_the_plan(masuk, auditor_user, rencana_aksi):
    html = masuk(auditor_user).get(url_monev("realisasi", tribulan=4)).content.decode()
    sel = sel_baris(html, f"realisasi-{rencana_aksi.indikator_id}")
    assert "Target TW 4: 0,1" in sel[1] and "TW 4: 94,00" in sel[4]


def test_indicators_without_rencana_aksi_show_no_tribulan_figures(masuk, auditor_user):
    html = masuk(auditor_user).get(url_monev("realisasi")).content.decode()
    assert "Target TW" not in html and 'class="small capaian-tw' not in html


def test_the_budget_screen_shows_the_plan_next_to_the_realisasi(masuk, auditor_user, opd_disperindag):
    sub = SubKegiatan.objects.get(kode="3.30.02.2.06.0003", kegiatan__program__opd=opd_disperindag)
    RencanaPenyerapan.objects.create(sub_kegiatan=sub, tribulan=4, nilai=D(30000000))
    client = masuk(auditor_user)
    html = client.get(url_monev("anggaran")).content.decode()
    assert "Rencana s.d. Tribulan IV (Rp)" in html
    sel = sel_baris(html, f"anggaran-sub_kegiatan-{sub.pk}")
    # 26.327.400 spent of 30.000.000 planned.
    assert sel[-2] == "30.000.000 realisasi 87,76% dari rencana"
    lain = SubKegiatan.objects.filter(kegiatan__program__opd=opd_disperindag).exclude(pk=sub.pk).first()
    assert sel_baris(html, f"anggaran-sub_kegiatan-{lain.pk}")[-2] == "–"
    # The agency total adds the plans it has, and says the plan covers only part of the lines.
    jumlah = sel_baris(html, "anggaran-jumlah")
    assert jumlah[-2] == "30.000.000 sebagian rincian rencana penyerapan belum lengkap"


def test_without_a_plan_the_budget_screen_has_no_plan_column(masuk, auditor_user):
    assert "Rencana s.d." not in masuk(auditor_user).get(url_monev("anggaran")).content.decode()

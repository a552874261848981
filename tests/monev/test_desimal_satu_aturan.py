"""One display rule for an indicator's measured values, whichever way they were entered.

A realisasi typed on the monev screen or uploaded through the Excel template is stored; every place that
shows it (the entry screen and its edit field, the indicator page, the drill-down, the history, the
upload's result, the Excel template and the exports) shows it with the indicator's decimals, more when the
stored value has more (`inti.tampilan.desimal_indikator`). Indicator S1.1-1 (Persentase Pertumbuhan IKM)
has 2 decimals: 0,45 -> "0,45", 5 -> "5,00", -5 -> "-5,00", 1,2 -> "1,20", 85 -> "85,00".
"""

import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from capaian.excel import monev
from capaian.excel.sel import baca_sistem
from capaian.models import RealisasiIndikator
from tests.excel.conftest import baris, buka, kolom, sel, simpan, unggah_berkas, url_template, url_unggah
from tests.monev.conftest import HTMX, url_monev
from tests.monev.html import elemen, teks
from tests.tabel.conftest import sel_baris
from tests.tugas.bantu_tugas import ikuti, isi

pytestmark = pytest.mark.django_db

KODE = "S1.1-1"  # sasaran, 2 decimals, no formula, aggregation "terakhir", target 0,5 (PK)


def _ketik(client, indikator, tribulan: int, nilai: str):
    """The realisasi typed on the monev screen, confirmed ("Tetap simpan") when it looks unusual."""
    tersimpan = RealisasiIndikator.objects.filter(indikator=indikator, tahun=2022, tribulan=tribulan).first()
    data = {
        "nilai": nilai,
        "versi": tersimpan.versi if tersimpan else "",
        "keterangan": "",
        "konfirmasi": "1",
    }
    respons = client.post(url_monev("realisasi", indikator.pk, tribulan=tribulan), data, **HTMX)
    assert respons.status_code == 200, respons.content.decode()
    return respons


def _unggah(client, tribulan: int, nilai) -> str:
    """The Tribulan's template downloaded, the realisasi cell filled with an Excel number, uploaded and
    confirmed; the result page's list of changed values, as text."""
    wb = buka(client.get(url_template(tribulan=tribulan)).content)
    ws = wb["Indikator"]
    sel(ws, baris(ws, {"Kode": KODE}), monev.k_realisasi(tribulan)).value = nilai
    respons = unggah_berkas(
        client, simpan(wb), nama=f"monev-disperindag-2022-tw{tribulan}.xlsx", tribulan=tribulan
    )
    hasil = respons.context["hasil"]
    assert hasil.masalah == [], hasil.masalah
    if hasil.perlu_konfirmasi:
        respons = client.post(url_unggah(tribulan=tribulan), {"tertunda": hasil.tertunda, "konfirmasi": "1"})
    assert respons.context["hasil"].tersimpan
    return teks(elemen(respons.content, "table", "daftar-perubahan"))


def _riwayat_rinci(client, url_rinci: str) -> str:
    """The drill-down's history of changes, as text: on the page, or behind its "show" link."""
    html = client.get(url_rinci).content.decode()
    bagian = elemen(html, "section", "riwayat")
    if "tabel-riwayat" not in bagian:
        tautan = re.search(r'href="([^"]+)"', bagian).group(1).replace("&amp;", "&")
        bagian = client.get(tautan).content.decode()
    return teks(bagian)


@pytest.fixture
def terisi(masuk, operator_user, indikator):
    """S1.1-1 with TW I-II typed on the site (0,45; 5 then -5) and TW III-IV uploaded (1,2; 85)."""
    client = masuk(operator_user)
    ikm = indikator(KODE)
    assert ikm.desimal == 2
    _ketik(client, ikm, 1, "0,45")
    _ketik(client, ikm, 2, "5")
    _ketik(client, ikm, 2, "\u22125")  # typed with a real minus sign
    hasil_unggah = {3: _unggah(client, 3, 1.2), 4: _unggah(client, 4, 85)}
    return client, ikm, hasil_unggah


def test_the_upload_result_names_old_and_new_values_by_the_rule(terisi):
    _, _, hasil_unggah = terisi
    assert "kosong 1,20" in hasil_unggah[3]
    assert "kosong 85,00" in hasil_unggah[4]


def test_the_monev_entry_screen_shows_every_tribulan_by_the_rule(terisi, masuk, kepala_user):
    client, ikm, _ = terisi
    kepala = masuk(kepala_user)  # reads the OPD: the typed value as text, not in a field
    for tribulan, tampil in ((1, "0,45"), (2, "-5,00"), (3, "1,20"), (4, "85,00")):
        baris_operator = elemen(
            client.get(url_monev("realisasi", tribulan=tribulan)).content, "tr", f"realisasi-{ikm.pk}"
        )
        assert f'name="nilai" value="{tampil}"' in baris_operator
        baris_kepala = elemen(
            kepala.get(url_monev("realisasi", tribulan=tribulan)).content, "tr", f"realisasi-{ikm.pk}"
        )
        assert re.search(r'<span class="realisasi-diketik">([^<]*)</span>', baris_kepala).group(1) == tampil
    # The year's realisasi ("terakhir": TW IV) with its 2 decimals; capaian 85,00 / 0,5.
    assert "85,00" in teks(
        re.search(r'<td class="text-end realisasi"[^>]*>(.*?)</td>', baris_operator, re.S).group(1)
    )


def test_the_indicator_page_shows_typed_and_used_values_by_the_rule(terisi):
    client, ikm, _ = terisi
    html = client.get(url_monev("indikator", ikm.pk, tribulan=4)).content.decode()
    tabel = html[html.index("Realisasi per tribulan") :]
    assert sel_baris(tabel, "TW 1") == ["TW 1", "0,45", "tanpa rumus", "0,45"]
    assert sel_baris(tabel, "TW 2") == ["TW 2", "-5,00", "tanpa rumus", "-5,00"]
    assert sel_baris(tabel, "TW 3") == ["TW 3", "1,20", "tanpa rumus", "1,20"]
    assert sel_baris(tabel, "TW 4") == ["TW 4", "85,00", "tanpa rumus", "85,00"]


def test_the_drill_down_and_its_history_show_values_by_the_rule(terisi):
    client, ikm, _ = terisi
    url = f"/opd/disperindag/indikator/{ikm.pk}/?tahun=2022"
    html = client.get(url).content.decode()
    per_tribulan = elemen(html, "section", "per-tribulan")
    # Tribulan, typed, used, capaian up to the Tribulan (no Rencana Aksi, no formula).
    assert sel_baris(per_tribulan, "Tribulan I<")[1:3] == ["0,45", "0,45"]
    assert sel_baris(per_tribulan, "Tribulan II<")[1:3] == ["-5,00", "-5,00"]
    assert sel_baris(per_tribulan, "Tribulan III")[1:3] == ["1,20", "1,20"]
    assert sel_baris(per_tribulan, "Tribulan IV")[1:3] == ["85,00", "85,00"]
    riwayat = _riwayat_rinci(client, url)
    assert "Realisasi Tribulan II · Realisasi 5,00 → -5,00" in riwayat
    assert "Realisasi Tribulan I · Realisasi diisi kosong → 0,45" in riwayat
    assert "Realisasi Tribulan III · Realisasi diisi kosong → 1,20" in riwayat
    assert "Realisasi Tribulan IV · Realisasi diisi kosong → 85,00" in riwayat
    # The per-document target keeps the form it was set with.
    assert sel_baris(elemen(html, "section", "target"), "PK")[1] == "0,5"


def test_the_monev_history_shows_old_and_new_values_by_the_rule(terisi):
    client, ikm, _ = terisi
    respons = client.get(url_monev("riwayat", "realisasi", ikm.pk, tribulan=2), **HTMX)
    lama = re.findall(r'<td class="nilai-lama">([^<]*)</td>', respons.content.decode())
    baru = re.findall(r'<td class="nilai-baru">([^<]*)</td>', respons.content.decode())
    assert list(zip(lama, baru, strict=True)) == [("5,00", "-5,00"), ("kosong", "5,00")]


def test_the_template_cells_carry_the_indicators_decimals_and_read_back_exactly(terisi):
    client, ikm, _ = terisi
    for tribulan, nilai in ((1, 0.45), (2, -5), (3, 1.2), (4, 85)):
        ws = buka(client.get(url_template(tribulan=tribulan)).content)["Indikator"]
        nomor = baris(ws, {"Kode": KODE})
        realisasi = sel(ws, nomor, monev.k_realisasi(tribulan))
        assert (realisasi.value, realisasi.number_format) == (nilai, "#,##0.00")
        # The hidden read-back column: a number with the same format (49,63 in the user's locale), not
        # a dot-decimal text.
        semula = sel(ws, nomor, monev.K_SEMULA)
        assert (semula.value, semula.data_type, semula.number_format) == (nilai, "n", "#,##0.00")
        assert sel(ws, nomor, "Target").number_format == "#,##0.0"  # a target as it was set: 0,5
    # Uploaded back unchanged, the file changes nothing: the read-back is exact.
    data = client.get(url_template(tribulan=3)).content
    hasil = unggah_berkas(client, data, nama="monev-disperindag-2022-tw3.xlsx", tribulan=3).context["hasil"]
    assert (hasil.masalah, hasil.perubahan) == ([], [])


def test_the_indicator_table_export_writes_the_values_with_their_decimals(terisi, auditor_user, client_for):
    respons = ikuti(
        client_for(auditor_user).get(
            "/capaian/indikator/xlsx/", {"tahun": 2022, "opd": "disperindag", "tribulan": 4}
        )
    )
    ws = load_workbook(io.BytesIO(isi(respons)))["Capaian indikator"]
    nomor = next(
        n for n in range(2, ws.max_row + 1) if ws.cell(row=n, column=kolom(ws, "Kode")).value == KODE
    )
    realisasi = ws.cell(row=nomor, column=kolom(ws, "Realisasi"))
    realisasi_tw = ws.cell(row=nomor, column=kolom(ws, "Realisasi TW 4"))
    target = ws.cell(row=nomor, column=kolom(ws, "Target"))
    assert (realisasi.value, realisasi.number_format) == (85, "#,##0.00")
    assert (realisasi_tw.value, realisasi_tw.number_format) == (85, "#,##0.00")
    assert (target.value, target.number_format) == (0.5, "#,##0.0")


def test_a_stored_digit_beyond_the_indicators_decimals_is_never_rounded_away(masuk, operator_user, indikator):
    client = masuk(operator_user)
    ikm = indikator(KODE)
    _ketik(client, ikm, 4, "0,455")
    baris_html = elemen(client.get(url_monev("realisasi")).content, "tr", f"realisasi-{ikm.pk}")
    assert 'name="nilai" value="0,455"' in baris_html
    # The year's realisasi is what the capaian is computed from, as displayed (2 decimals): 0,46 / 0,5.
    assert "0,46" in teks(
        re.search(r'<td class="text-end realisasi"[^>]*>(.*?)</td>', baris_html, re.S).group(1)
    )
    html = client.get(url_monev("indikator", ikm.pk)).content.decode()
    assert sel_baris(html[html.index("Realisasi per tribulan") :], "TW 4") == [
        "TW 4",
        "0,455",
        "tanpa rumus",
        "0,46",
    ]
    ws = buka(client.get(url_template()).content)["Indikator"]
    realisasi = sel(ws, baris(ws, {"Kode": KODE}), monev.k_realisasi(4))
    assert (realisasi.value, realisasi.number_format) == (0.455, "#,##0.000")


@pytest.mark.parametrize(
    ("isi_sel", "nilai"),
    [
        (49.63, Decimal("49.63")),  # a number cell, as templates write it now
        (-5, Decimal("-5")),
        ("49.63", Decimal("49.63")),  # the dot-decimal text of templates made before
        ("1234567890123456.5", Decimal("1234567890123456.5")),
        ("12.345.678.901.234.567,5", Decimal("12345678901234567.5")),  # a value too long for a number cell
        ("1.234.567.890.123.456", Decimal("1234567890123456")),
        (None, None),
        ("", None),
    ],
)
def test_the_hidden_read_back_value_is_read_exactly(isi_sel, nilai):
    assert baca_sistem(isi_sel) == nilai


@pytest.mark.parametrize("isi_sel", ["dua", "1,2,3", True, float("nan")])
def test_a_hidden_read_back_value_changed_by_hand_is_refused(isi_sel):
    with pytest.raises(ValueError):
        baca_sistem(isi_sel)


def test_a_template_made_before_with_dot_text_read_back_values_still_uploads(masuk, operator_user, indikator):
    client = masuk(operator_user)
    ikm = indikator(KODE)
    _ketik(client, ikm, 4, "49,63")
    wb = buka(client.get(url_template()).content)
    ws = wb["Indikator"]
    nomor = baris(ws, {"Kode": KODE})
    sel(ws, nomor, monev.K_SEMULA).value = "49.63"  # as the hidden column was written before
    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]
    assert (hasil.masalah, hasil.perubahan) == ([], [])  # the cell still holds the downloaded value
    sel(ws, nomor, monev.k_realisasi(4)).value = 50
    hasil = unggah_berkas(client, simpan(wb)).context["hasil"]
    assert [(p.semula_teks, p.baru_teks) for p in hasil.perubahan] == [("49,63", "50,00")]
    respons = client.post(url_unggah(), {"tertunda": hasil.tertunda, "konfirmasi": "1"})  # "Tetap simpan"
    assert respons.context["hasil"].tersimpan, respons.context["hasil"].masalah
    assert RealisasiIndikator.objects.get(indikator=ikm, tahun=2022, tribulan=4).nilai == Decimal(50)

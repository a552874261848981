"""The data version and the engine's cache: no page can show a figure computed from older data.

Every page that shows an indicator's figure is read once (so its result is cached), a value is written the
way users write it, and every page is read again: each shows the new figure. The tokens behind it are tested
too: every data model leads to an OPD (or is installation-wide), each kind of write changes the token in
its own transaction, a rolled-back write leaves it as it was, and a login stamp changes nothing.
"""

import io
import json
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from openpyxl import load_workbook

from capaian.engine import CACHE, hitung_opd_tahun
from capaian.models import RealisasiIndikator
from capaian.services import IsianRealisasi, realisasi_simpan, realisasi_simpan_banyak
from inti import versi
from inti.models import OPD, RentangKategori
from renstra.models import Indikator

pytestmark = pytest.mark.django_db

KODE = "3.30.02.2.06.0003-1"  # Disperindag: target 75, no realisasi in the seed; 69 gives capaian 92,00


@pytest.fixture
def peserta(opd_disperindag):
    return Indikator.objects.get(opd=opd_disperindag, kode=KODE)


def _baris(html: str, kode: str) -> str:
    """The table row (`<tr>…</tr>`) that names the indicator's code."""
    for baris in re.findall(r"<tr[^>]*>.*?</tr>", html, flags=re.S):
        if kode in baris:
            return re.sub(r"\s+", " ", baris)
    raise AssertionError(f"{kode} tidak ada di halaman")


def _halaman(klien_auditor, klien_operator, peserta) -> dict[str, str]:
    """What each page shows of the indicator: the text a reader checks for its capaian."""
    rinci = klien_auditor.get(f"/opd/disperindag/indikator/{peserta.pk}/", {"tahun": 2022}).content.decode()
    tabel = klien_operator.get(
        "/capaian/indikator/", {"tahun": 2022, "level": "sub_kegiatan"}
    ).content.decode()
    monev = klien_operator.get("/opd/disperindag/monev/2022/tw4/realisasi/").content.decode()
    xlsx = klien_operator.get("/capaian/indikator/xlsx/", {"tahun": 2022, "level": "sub_kegiatan"})
    lembar = load_workbook(
        io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    ).active
    baris_xlsx = next(
        " | ".join("" if c is None else str(c) for c in r)
        for r in lembar.iter_rows(values_only=True)
        if KODE in r
    )
    keluaran = io.StringIO()
    call_command("capaian", "disperindag", "2022", "--format", "json", stdout=keluaran)
    json_ind = next(i for i in json.loads(keluaran.getvalue())["indikator"] if i["kode"] == KODE)
    pemda = klien_auditor.get("/capaian/pemda/", {"tahun": 2022}).content.decode()
    return {
        "rinci": re.search(r'id="nilai-capaian">([^<]*)<', rinci).group(1).strip(),
        "tabel": _baris(tabel, KODE),
        "monev": _baris(monev, KODE),
        "xlsx": baris_xlsx,
        "json": str(json_ind["capaian"]),
        "pemda": _baris(pemda, "/opd/disperindag/"),
    }


def test_a_saved_value_shows_on_every_page_at_once(client_for, dunia, peserta):
    auditor, operator = client_for(dunia.auditor), client_for(dunia.operator)
    sebelum = _halaman(auditor, operator, peserta)
    assert (
        "92,00" not in sebelum["rinci"]
        and "92,00" not in sebelum["tabel"]
        and "92,00" not in sebelum["monev"]
    )
    assert len(CACHE) > 0  # the pages above filled the cache: what follows reads through it

    jawab = operator.post(
        f"/opd/disperindag/monev/2022/tw4/realisasi/{peserta.pk}/", {"nilai": "69", "keterangan": ""}
    )
    assert jawab.status_code in (200, 302), jawab.content.decode()[:500]
    assert RealisasiIndikator.objects.get(indikator=peserta, tahun=2022, tribulan=4).nilai == Decimal("69")

    sesudah = _halaman(auditor, operator, peserta)
    assert sesudah["rinci"].startswith("92,00")
    assert "92,00" in sesudah["tabel"] and "69" in sesudah["tabel"]
    assert "92,00" in sesudah["monev"]
    assert "92" in sesudah["xlsx"] and "69" in sesudah["xlsx"]
    assert Decimal(sesudah["json"]) == Decimal("92.00")
    assert sesudah["pemda"] != sebelum["pemda"]  # one more indicator counted in its category


def test_an_upload_a_dataset_load_and_the_admin_each_change_the_token(dunia, peserta, opd_disperindag):
    awal = versi.token_opd(opd_disperindag.pk)
    galat = realisasi_simpan_banyak(
        user=dunia.operator,
        opd=opd_disperindag,
        tahun=2022,
        tribulan=4,
        isian=[IsianRealisasi(indikator=peserta, nilai=Decimal("70"), versi=None)],
    )
    assert galat == {}
    setelah_unggah = versi.token_opd(opd_disperindag.pk)
    assert setelah_unggah != awal
    assert hitung_opd_tahun(opd_disperindag, 2022).hasil_indikator(peserta).capaian.teks == "93,33"

    peserta.nama = peserta.nama + " (ubah)"
    peserta.save()  # a save anywhere (the Django admin saves this way)
    assert versi.token_opd(opd_disperindag.pk) != setelah_unggah

    lain = versi.token_opd(dunia.opd_b.pk)
    RealisasiIndikator.objects.filter(indikator=peserta).delete()  # a delete, through the ORM
    assert hitung_opd_tahun(opd_disperindag, 2022).hasil_indikator(peserta).capaian.teks == "–"
    assert versi.token_opd(dunia.opd_b.pk) == lain  # another OPD's results stay cached


def test_a_rolled_back_write_leaves_the_token_and_a_login_changes_nothing(client_for, dunia, peserta):
    opd_id = peserta.opd_id
    awal = versi.token_opd(opd_id)
    with pytest.raises(RuntimeError), transaction.atomic():
        realisasi_simpan(
            user=dunia.operator, indikator=peserta, tahun=2022, tribulan=4, nilai=Decimal("1"), versi=None
        )
        assert versi.token_opd(opd_id) != awal  # changed inside the write's transaction
        raise RuntimeError
    assert versi.token_opd(opd_id) == awal

    client_for(dunia.auditor)  # signs in: the login stamp is saved
    assert versi.token_opd(opd_id) == awal
    dunia.kepala.first_name = "Nama Baru"
    dunia.kepala.save()  # a name printed in documents: every OPD's results are renewed
    assert versi.token_opd(opd_id) != awal


def test_a_scale_change_renews_every_opd(dunia, opd_disperindag):
    awal = versi.token_banyak([opd_disperindag.pk, dunia.opd_b.pk])
    rentang = RentangKategori.objects.first()
    rentang.save()
    baru = versi.token_banyak([opd_disperindag.pk, dunia.opd_b.pk])
    assert all(baru[k] != awal[k] for k in awal)


def test_every_data_model_leads_to_an_opd_or_to_the_whole_installation():
    tanpa_jalur = []
    seluruh = set()
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label not in versi.APP_DATA or label in ("inti.VersiData", "inti.Pekerjaan"):
            continue
        if "Historical" in label:
            continue
        jalur = versi.jalur_opd(model)
        if jalur is None:
            tanpa_jalur.append(label)
        elif not jalur:
            seluruh.add(label)
    assert tanpa_jalur == []
    # Installation-wide rows renew every OPD's results: only these, all rare writes of the Pemda admin.
    assert seluruh <= {
        "inti.Pemda",
        "inti.AksesPemda",
        "inti.SkalaKategori",
        "inti.RentangKategori",
        "inti.PeriodeMonev",
    }


def test_a_new_opd_and_a_loaded_dataset_get_a_token(dunia):
    baru = OPD.objects.create(pemda=dunia.pemda, kode="opd-baru-versi", nama="OPD Baru")
    assert versi.token_opd(baru.pk) is not None
    for opd in OPD.objects.all():  # the dataset loaded by bulk writes has tokens too
        assert versi.token_opd(opd.pk) is not None, opd.kode

"""The Django admin: every model of the five apps has a changelist, add, change, history and search page
that work for the admin, money and indicator values read the Indonesian way, and the changelists of the
long tables do not query once per row. Monev values, evidence, review notes, periods and the year's freeze
are read-only there: their services are the only way to change them.

The models to check come from `admin.site._registry`, so a model registered later is covered without
touching this file; a model of the five apps left unregistered fails `test_every_model_has_an_admin`.
"""

import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.forms import MultiWidget
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from anggaran.models import Kegiatan, PaguAnggaran, Program, RealisasiAnggaran, RencanaPenyerapan, SubKegiatan
from capaian.models import (
    AnalisisIndikator,
    BarisTabelPendukung,
    BuktiDukung,
    CatatanReviu,
    NilaiVariabel,
    RealisasiIndikator,
    TabelPendukung,
)
from inti.models import OPD, AksesPemda, Keanggotaan, Pemda, PeriodeMonev, SkalaKategori, TahunOPD
from perjanjian.models import BarisPK, PerjanjianKinerja, RencanaAksi
from renstra.models import (
    DefinisiIndikatorTahun,
    Indikator,
    Renstra,
    Sasaran,
    TargetIndikator,
    Tujuan,
)

APLIKASI = ("inti", "renstra", "anggaran", "perjanjian", "capaian")
User = get_user_model()


def _label(model) -> str:
    return model._meta.label


# Bookkeeping, not data anyone edits: the data version's tokens (inti.versi) and the background jobs, which
# their own page shows (inti.pekerjaan).
TANPA_ADMIN = {"inti.VersiData", "inti.Pekerjaan"}

MODEL_KONKRET = sorted(
    (
        model
        for aplikasi in APLIKASI
        for model in apps.get_app_config(aplikasi).get_models()
        if not issubclass(model, HistoricalChanges) and _label(model) not in TANPA_ADMIN
    ),
    key=_label,
)
# The task queue's and the sign-in throttling's own admin pages (read by the server's operators) are the
# libraries', not ours.
ADMIN_PUSTAKA = ("django_tasks", "axes")
MODEL_TERDAFTAR = sorted(
    (m for m in admin.site._registry if not m._meta.app_label.startswith(ADMIN_PUSTAKA)), key=_label
)


def _url(model, aksi: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{aksi}", args=args)


@pytest.fixture
def admin_klien(admin_user_demo, client_for):
    return client_for(admin_user_demo)


def _bukti_dukung(pengguna) -> BuktiDukung:
    # Only the name of the file is stored here: no page of the admin opens the file itself.
    return BuktiDukung.objects.create(
        indikator=Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1"),
        tahun=2022,
        tribulan=4,
        berkas="bukti/uji/tabel-3-7.pdf",
        nama_asli="Tabel 3.7 nilai produksi.pdf",
        jenis_konten="application/pdf",
        ukuran=48213,
        sha256="0" * 64,
        diunggah_oleh=pengguna,
    )


def _catatan_reviu(pengguna) -> CatatanReviu:
    return CatatanReviu.objects.create(
        opd=OPD.objects.get(kode="disperindag"),
        tahun=2022,
        indikator=Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1"),
        tribulan=4,
        teks="Kertas kerja produksi sektor unggulan belum dilampirkan.",
        penulis=pengguna,
    )


def _rencana_penyerapan(pengguna) -> RencanaPenyerapan:
    sub = SubKegiatan.objects.get(kegiatan__program__opd__kode="disperindag", kode="3.30.03.2.01.0001")
    tribulan = RencanaPenyerapan.objects.filter(sub_kegiatan=sub).count() + 1
    return RencanaPenyerapan.objects.create(sub_kegiatan=sub, tribulan=tribulan, nilai=Decimal("1000000000.00"))


def _rencana_aksi(pengguna) -> RencanaAksi:
    baris = BarisPK.objects.filter(pk_dokumen__opd__kode="disperindag").order_by("pk").first()
    tribulan = RencanaAksi.objects.filter(baris_pk=baris).count() + 1
    return RencanaAksi.objects.create(baris_pk=baris, tribulan=tribulan, target=Decimal("0.05"), uraian="Pendataan")


def _definisi_tahun(pengguna) -> DefinisiIndikatorTahun:
    indikator = Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1")
    tahun = 2022 + DefinisiIndikatorTahun.objects.filter(indikator=indikator).count()
    return DefinisiIndikatorTahun.objects.create(
        indikator=indikator, tahun=tahun, nama=indikator.nama, satuan=indikator.satuan, desimal=indikator.desimal,
        polaritas=indikator.polaritas, aturan_negatif=indikator.aturan_negatif, agregasi=indikator.agregasi,
    )


def _tahun_opd(pengguna) -> TahunOPD:
    tahun = 2023 + TahunOPD.objects.count()
    return TahunOPD.objects.create(opd=OPD.objects.get(kode="disperindag"), tahun=tahun)


# Models the dataset may hold no row of; the test makes one.
PEMBUAT = {
    Group: lambda pengguna: Group.objects.create(name="Perencana OPD"),
    BuktiDukung: _bukti_dukung,
    CatatanReviu: _catatan_reviu,
    TahunOPD: _tahun_opd,
    RencanaPenyerapan: _rencana_penyerapan,
    RencanaAksi: _rencana_aksi,
    DefinisiIndikatorTahun: _definisi_tahun,
}

# Written only by their services (the monev screens, the periods page, the report's workflow).
BACA_SAJA = (
    RealisasiIndikator, NilaiVariabel, RealisasiAnggaran, BarisTabelPendukung, AnalisisIndikator, BuktiDukung,
    CatatanReviu, PeriodeMonev, TahunOPD, RencanaPenyerapan, RencanaAksi, DefinisiIndikatorTahun,
)  # fmt: skip


@pytest.fixture
def objek(admin_user_demo) -> dict:
    """One object of every registered model: the dataset's first, or one made here."""
    contoh = {model: model._default_manager.order_by("pk").first() for model in MODEL_TERDAFTAR}
    for model, buat in PEMBUAT.items():
        if contoh.get(model) is None:
            contoh[model] = buat(admin_user_demo)
    assert [_label(m) for m, obj in contoh.items() if obj is None] == []
    return contoh


def _istilah_cari(model_admin, obj) -> str:
    """The value of the first search field the object has, read along the field path."""
    for nama in model_admin.search_fields:
        nilai = obj
        for bagian in nama.lstrip("^=@").split("__"):
            nilai = getattr(nilai, bagian, None)
            if nilai is None:
                break
        if nilai not in (None, ""):
            return str(nilai)
    raise AssertionError(f"{model_admin} tidak punya kolom pencarian yang terisi")


def test_every_model_has_an_admin():
    belum = [_label(model) for model in MODEL_KONKRET if model not in admin.site._registry]
    assert belum == []


def test_every_admin_keeps_history():
    tanpa_riwayat = [
        _label(model)
        for model in MODEL_KONKRET
        if not isinstance(admin.site._registry[model], SimpleHistoryAdmin)
    ]
    assert tanpa_riwayat == []


def test_historical_models_are_not_registered_directly():
    assert [_label(m) for m in MODEL_TERDAFTAR if issubclass(m, HistoricalChanges)] == []


def _tahun_bertitik(isi: str) -> list[str]:
    """Years the thousands separator turned into 2.022, in any cell, filter or read-only field."""
    return re.findall(r">\s*((?:1\.9|2\.0)\d\d)\s*<", isi)


@pytest.mark.parametrize("model", MODEL_TERDAFTAR, ids=_label)
def test_changelist_lists_the_object(admin_klien, objek, model):
    obj = objek[model]
    model_admin = admin.site._registry[model]
    response = admin_klien.get(_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model._default_manager.count()

    # Narrowed to the one object, wherever the ordering puts it among the dataset's rows.
    response = admin_klien.get(_url(model, "changelist"), {f"{model._meta.pk.name}__exact": obj.pk})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    isi = response.content.decode()
    assert _url(model, "change", obj.pk) in isi
    if "__str__" in model_admin.list_display:
        assert escape(str(obj)) in isi
    assert _tahun_bertitik(isi) == []


@pytest.mark.parametrize("model", MODEL_TERDAFTAR, ids=_label)
def test_add_page_renders(admin_klien, admin_user_demo, objek, model):
    response = admin_klien.get(_url(model, "add"))
    permintaan = RequestFactory().get("/")
    permintaan.user = admin_user_demo
    if not admin.site._registry[model].has_add_permission(permintaan):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    isi = response.content.decode()
    assert f'id="{model._meta.model_name}_form"' in isi
    assert f"<title>Tambahkan {model._meta.verbose_name} | SAKIP</title>" in isi


@pytest.mark.parametrize("model", MODEL_TERDAFTAR, ids=_label)
def test_change_page_renders(admin_klien, objek, model):
    obj = objek[model]
    response = admin_klien.get(_url(model, "change", obj.pk))
    assert response.status_code == 200
    isi = response.content.decode()
    assert f'id="{model._meta.model_name}_form"' in isi
    aksi = "Lihat" if model in BACA_SAJA else "Ubah"
    assert f"<title>{escape(str(obj))} | {aksi} {model._meta.verbose_name} | SAKIP</title>" in isi
    assert _tahun_bertitik(isi) == []


@pytest.mark.parametrize("model", MODEL_TERDAFTAR, ids=_label)
def test_history_page_renders(admin_klien, objek, model):
    obj = objek[model]
    response = admin_klien.get(_url(model, "history", obj.pk))
    assert response.status_code == 200
    isi = response.content.decode()
    assert escape(str(obj)) in isi
    assert "Riwayat" in isi
    if issubclass(type(admin.site._registry[model]), admin.ModelAdmin) and hasattr(obj, "history"):
        # The creation is on record, linked to its own page of the history.
        rekaman = obj.history.order_by("history_date").first()
        assert _url(model, "simple_history", obj.pk, rekaman.pk) in isi


@pytest.mark.parametrize("model", MODEL_TERDAFTAR, ids=_label)
def test_search_finds_the_object_and_nothing_else(admin_klien, objek, model):
    obj = objek[model]
    model_admin = admin.site._registry[model]
    istilah = _istilah_cari(model_admin, obj)

    response = admin_klien.get(_url(model, "changelist"), {"q": istilah})
    assert response.status_code == 200
    assert _url(model, "change", obj.pk) in response.content.decode()

    response = admin_klien.get(_url(model, "changelist"), {"q": "tidak-ada-yang-cocok-zzz"})
    assert response.status_code == 200
    assert _url(model, "change", obj.pk) not in response.content.decode()
    assert response.context["cl"].result_count == 0


def test_money_columns_read_in_rupiah(admin_klien):
    # Tabel 3.14: the Pemberdayaan Industri sub kegiatan, DPA Perubahan pagu and realisasi to Tribulan IV.
    isi = admin_klien.get(_url(PaguAnggaran, "changelist"), {"q": "Pemberdayaan Industri"}).content.decode()
    assert "Rp 15.442.908.997" in isi

    isi = admin_klien.get(
        _url(RealisasiAnggaran, "changelist"), {"q": "Pemberdayaan Industri"}
    ).content.decode()
    assert "Rp 12.181.771.758" in isi

    isi = admin_klien.get(_url(SubKegiatan, "changelist"), {"q": "Pemberdayaan Industri"}).content.decode()
    assert "Rp 15.442.908.997" in isi
    assert "Rp 12.181.771.758 (s.d. TW 4)" in isi

    # The program-level pagu of the Program Penunjang, from the PK section of Bab II.
    isi = admin_klien.get(_url(PaguAnggaran, "changelist"), {"q": "PENUNJANG"}).content.decode()
    assert "Rp 8.964.583.767" in isi


def test_pk_changelist_totals_its_program_budgets(admin_klien):
    isi = admin_klien.get(_url(PerjanjianKinerja, "changelist")).content.decode()

    # The signed PK of the lampiran, and the PK Perubahan of October 2022 (eight programs).
    assert "Rp 45.560.165.117" in isi
    assert "Rp 51.719.269.154" in isi
    assert "Oktober 2022" in isi


def test_indicator_values_use_the_indicators_own_decimals(admin_klien):
    def realisasi(kode: str) -> str:
        return admin_klien.get(_url(RealisasiIndikator, "changelist"), {"q": kode}).content.decode()

    # Tabel 3.2 and 3.4: production and turnover growth at three decimals, PDRB contribution at two.
    assert "0,094" in realisasi("S2.1-1")
    assert "4,166" in realisasi("S2.2-1")
    assert "49,63" in realisasi("T2-1")

    # The metrology sub kegiatan: 1.695 tera ulang, grouped by thousands, no decimals.
    assert "1.695" in realisasi("3.30.06.2.01-1")

    isi = admin_klien.get(_url(TargetIndikator, "changelist"), {"q": "S2.1-1"}).content.decode()
    assert "0,100" in isi


def test_supporting_table_cells_keep_their_typed_precision(admin_klien):
    # Tabel 3.7, IKAHH 2022, in millions of rupiah.
    isi = admin_klien.get(_url(BarisTabelPendukung, "changelist"), {"q": "IKAHH"}).content.decode()
    assert "2.006.550" in isi
    assert "2.006.550,0" not in isi


def test_indicator_changelist_names_the_parent(admin_klien):
    indikator = Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1")
    isi = admin_klien.get(_url(Indikator, "changelist"), {"q": "S2.1-1"}).content.decode()
    assert escape(str(indikator.sasaran)) in isi


@pytest.mark.parametrize(
    ("model", "inline_prefix"),
    [
        (Renstra, "tujuan_set"),
        (Tujuan, "sasaran_set"),
        (Tujuan, "indikator_set"),
        (Sasaran, "indikator_set"),
        (Indikator, "target_set"),
        (Indikator, "variabel_set"),
        (Indikator, "realisasi_lalu_set"),
        (Indikator, "standar_set"),
        (Program, "kegiatan_set"),
        (Program, "indikator_set"),
        (Kegiatan, "sub_kegiatan_set"),
        (SubKegiatan, "indikator_set"),
        (PerjanjianKinerja, "baris_set"),
        (PerjanjianKinerja, "anggaran_set"),
        (TabelPendukung, "baris_set"),
        (SkalaKategori, "rentang_set"),
        (OPD, "keanggotaan"),
        (Pemda, "opd_set"),
        (Pemda, "akses"),
    ],
)
def test_parent_page_edits_its_children_inline(admin_klien, objek, model, inline_prefix):
    response = admin_klien.get(_url(model, "change", objek[model].pk))
    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert inline_prefix in prefixes


@pytest.mark.parametrize("model", BACA_SAJA, ids=_label)
def test_data_written_by_a_service_is_read_only_in_the_admin(admin_klien, objek, model):
    obj = objek[model]
    sebelum = model._default_manager.filter(pk=obj.pk).values().get()
    assert admin_klien.get(_url(model, "add")).status_code == 403
    assert admin_klien.get(_url(model, "delete", obj.pk)).status_code == 403
    response = admin_klien.post(_url(model, "change", obj.pk), {"keterangan": "diubah lewat admin"})
    assert response.status_code == 403
    assert model._default_manager.filter(pk=obj.pk).values().get() == sebelum


def test_the_evidence_list_reads_its_size_in_kilobytes(admin_klien, admin_user_demo):
    _bukti_dukung(admin_user_demo)
    isi = admin_klien.get(_url(BuktiDukung, "changelist"), {"q": "Tabel 3.7"}).content.decode()
    assert "47 KB" in isi  # 48.213 bytes


def test_the_indicator_page_shows_no_monev_values_to_edit(admin_klien):
    indikator = Indikator.objects.get(opd__kode="disperindag", kode="S2.1-1")
    response = admin_klien.get(_url(Indikator, "change", indikator.pk))
    modelnya = {f.formset.model for f in response.context["inline_admin_formsets"]}
    assert modelnya.isdisjoint({RealisasiIndikator, AnalisisIndikator, NilaiVariabel})


def _program_perencanaan() -> Program:
    return Program.objects.get(opd__kode="disperindag", tahun=2022, kode="3.31.02")


def _sasaran_produksi() -> Sasaran:
    return Sasaran.objects.get(
        tujuan__renstra__opd__kode="disperindag", nama="Meningkatnya Produksi Sektor Unggulan"
    )


def _inline(response, model, fk_name: str | None = None):
    formsets = [
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.model is model and (fk_name is None or f.formset.fk.name == fk_name)
    ]
    assert len(formsets) == 1, formsets
    return formsets[0]


def test_pagu_and_realisasi_inlines_hang_from_their_own_level(admin_klien):
    # One mixin, three foreign keys with related_name "+": each page shows only its own level's rows.
    sub = SubKegiatan.objects.get(kode="3.31.02.2.01.0005", kegiatan__program__tahun=2022)
    response = admin_klien.get(_url(SubKegiatan, "change", sub.pk))
    pagu = _inline(response, PaguAnggaran)
    assert pagu.fk.name == "sub_kegiatan"
    assert [f.instance.nilai for f in pagu.initial_forms] == [Decimal("15442908997.00")]
    realisasi = _inline(response, RealisasiAnggaran)
    assert [(f.instance.tribulan, f.instance.nilai) for f in realisasi.initial_forms] == [
        (4, Decimal("12181771758.00"))
    ]

    # The program's own DPA pagu, as the PK section of Bab II prints it; its sub kegiatan rows stay below.
    response = admin_klien.get(_url(Program, "change", _program_perencanaan().pk))
    pagu = _inline(response, PaguAnggaran)
    assert pagu.fk.name == "program"
    assert [(f.instance.dokumen, f.instance.nilai) for f in pagu.initial_forms] == [
        ("dpa", Decimal("15753452971.00"))
    ]


def test_add_page_leaves_out_rows_that_need_a_saved_parent(admin_klien):
    response = admin_klien.get(_url(SubKegiatan, "add"))
    assert [f.formset.model for f in response.context["inline_admin_formsets"]] == []

    response = admin_klien.get(_url(Program, "add"))
    assert [f.formset.model for f in response.context["inline_admin_formsets"]] == [Kegiatan]


def _nilai_post(form) -> dict:
    """What the browser posts for an unbound form as rendered: unchecked boxes and blanks are left out."""
    data = {}
    for nama in form.fields:
        medan = form[nama]
        nilai = medan.value()
        widget = medan.field.widget
        if isinstance(widget, MultiWidget):
            # A date and a time, say: one input per part, each named with its suffix.
            for akhiran, sub, bagian in zip(
                widget.widgets_names, widget.widgets, widget.decompress(nilai), strict=True
            ):
                data[medan.html_name + akhiran] = sub.format_value(bagian) or ""
            continue
        if nilai is None or nilai is False or nilai == "" or nilai == []:
            continue
        data[medan.html_name] = "on" if nilai is True else nilai
    return data


def _data_inline_kosong(response) -> dict:
    """The POST data the change page would send back unchanged, management forms included."""
    data = _nilai_post(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_nilai_post(formset.management_form))
        for form in formset.initial_forms:
            data.update(_nilai_post(form))
    return data


def _galat(response) -> list:
    """The form errors of a page that did not save, for the assertion message."""
    if response.context is None:
        return []
    galat = [response.context["adminform"].form.errors]
    galat += [
        f.formset.errors + f.formset.non_form_errors() for f in response.context["inline_admin_formsets"]
    ]
    return [g for g in galat if any(g)]


def _tambah_baris_inline(data: dict, prefix: str, nilai: dict) -> dict:
    """`data` with one more row in the inline `prefix`, after the rows already there."""
    awal = int(data[f"{prefix}-INITIAL_FORMS"])
    data = {**data, f"{prefix}-TOTAL_FORMS": str(awal + 1)}
    data.update({f"{prefix}-{awal}-{nama}": isi for nama, isi in nilai.items()})
    return data


BARIS_INDIKATOR = {"satuan": "%", "polaritas": "positif", "agregasi": "kumulatif", "desimal": "2", "urutan": "9"}


def test_indicator_entered_under_a_sasaran_takes_its_level_and_opd(admin_klien, opd_disperindag):
    sasaran = _sasaran_produksi()
    url = _url(Sasaran, "change", sasaran.pk)
    data = _tambah_baris_inline(
        _data_inline_kosong(admin_klien.get(url)),
        "indikator_set",
        {**BARIS_INDIKATOR, "kode": "S2.1-2", "nama": "Persentase IKM berkembang"},
    )

    response = admin_klien.post(url, data)

    assert response.status_code == 302, _galat(response)
    baru = Indikator.objects.get(opd=opd_disperindag, kode="S2.1-2")
    assert (baru.level, baru.sasaran, baru.nama) == (
        Indikator.Level.SASARAN,
        sasaran,
        "Persentase IKM berkembang",
    )


def test_indicator_code_already_used_in_the_opd_is_refused_inline(admin_klien):
    tujuan = _sasaran_produksi().tujuan
    url = _url(Tujuan, "change", tujuan.pk)
    data = _tambah_baris_inline(
        _data_inline_kosong(admin_klien.get(url)),
        "indikator_set",
        # S2.1-1 already names the production indicator of this OPD.
        {**BARIS_INDIKATOR, "kode": "S2.1-1", "nama": "Indikator kembar"},
    )

    response = admin_klien.post(url, data)

    assert response.status_code == 200
    assert "Kode indikator sudah dipakai di OPD ini." in response.content.decode()
    assert not Indikator.objects.filter(nama="Indikator kembar").exists()


def test_pagu_entered_under_a_program_hangs_from_the_program(admin_klien):
    program = _program_perencanaan()
    url = _url(Program, "change", program.pk)
    response = admin_klien.get(url)
    data = _tambah_baris_inline(
        _data_inline_kosong(response),
        _inline(response, PaguAnggaran).prefix,
        {"dokumen": "dpa_perubahan", "nilai": "15920223771"},
    )

    response = admin_klien.post(url, data)

    assert response.status_code == 302, _galat(response)
    pagu = PaguAnggaran.objects.get(program=program, dokumen="dpa_perubahan")
    # Tabel 2.7 / 3.14: the Perencanaan program after the change.
    assert (pagu.nilai, pagu.kegiatan_id, pagu.sub_kegiatan_id) == (Decimal("15920223771.00"), None, None)


def test_user_admin_shows_the_users_roles(admin_klien, operator_user, opd_disperindag):
    response = admin_klien.get(_url(User, "change", operator_user.pk))
    assert response.status_code == 200
    keanggotaan = _inline(response, Keanggotaan)
    assert [(f.instance.opd, f.instance.peran) for f in keanggotaan.initial_forms] == [
        (opd_disperindag, "operator")
    ]
    _inline(response, AksesPemda)
    assert "peran di OPD" in response.content.decode()


def test_role_given_on_the_user_page_is_saved(admin_klien, operator2_user, opd_disperindag):
    url = _url(User, "change", operator2_user.pk)
    response = admin_klien.get(url)
    data = _tambah_baris_inline(
        _data_inline_kosong(response),
        _inline(response, Keanggotaan).prefix,
        {"opd": opd_disperindag.pk, "peran": "auditor"},
    )

    response = admin_klien.post(url, data)

    assert response.status_code == 302, _galat(response)
    assert set(operator2_user.keanggotaan.values_list("opd__kode", "peran")) == {
        ("diskopum", "operator"),
        ("disperindag", "auditor"),
    }


def test_user_admin_still_lists_and_searches_users(admin_klien, operator_user):
    response = admin_klien.get(_url(User, "changelist"), {"q": "operator"})
    assert response.status_code == 200
    assert {u.username for u in response.context["cl"].result_list} == {"operator", "operator2"}


def _jumlah_query(klien, url, params: dict, baris: int) -> int:
    with CaptureQueriesContext(connection) as konteks:
        response = klien.get(url, params)
    assert response.status_code == 200
    assert response.context["cl"].result_count == baris
    return len(konteks)


@pytest.mark.parametrize("model", MODEL_TERDAFTAR, ids=_label)
def test_changelist_query_count_does_not_grow_with_rows(admin_klien, admin_user_demo, objek, model):
    pk = model._meta.pk.name
    if model in PEMBUAT and model._default_manager.count() < 2 and model is not Group:
        PEMBUAT[model](admin_user_demo)
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:10])
    if len(pks) < 2:
        pytest.skip("the dataset has a single row of this model")
    url = _url(model, "changelist")

    satu = _jumlah_query(admin_klien, url, {f"{pk}__in": str(pks[0])}, 1)
    banyak = _jumlah_query(admin_klien, url, {f"{pk}__in": ",".join(map(str, pks))}, len(pks))

    assert banyak == satu


def test_an_admin_change_is_on_record_with_its_user_and_the_fields_changed(admin_klien, admin_user_demo):
    program = _program_perencanaan()
    url = _url(Program, "change", program.pk)
    response = admin_klien.get(url)
    data = _data_inline_kosong(response)
    data["nama"] = "PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI (ubah)"
    data = _tambah_baris_inline(data, _inline(response, PaguAnggaran).prefix, {"dokumen": "dpa_perubahan", "nilai": "1"})

    assert admin_klien.post(url, data).status_code == 302

    terakhir = program.history.order_by("-history_date", "-history_id").first()
    assert (terakhir.history_user, terakhir.history_change_reason) == (
        admin_user_demo,
        "Diubah di halaman admin: Nama program",
    )
    pagu = PaguAnggaran.objects.get(program=program, dokumen="dpa_perubahan")
    dibuat = pagu.history.get()
    assert (dibuat.history_user, dibuat.history_change_reason) == (admin_user_demo, "Dibuat di halaman admin")

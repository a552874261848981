"""Background work of the capaian screens: big monev uploads and the table exports across OPDs.

- Upload: a monev workbook larger than `settings.UNGGAH_LATAR_BYTE` is kept under MEDIA_ROOT and
  checked and saved by `proses_unggah_monev` (the same `capaian.excel.monev.unggah_monev` the page calls
  for a small file); the job's page shows what the upload page shows: the refusals per sheet, row and
  column, or the values changed and the capaian computed from them (`ringkasan_unggah`).
- Exports: the xlsx of the indicator table, the budget table and the Pemda overview, when they span more
  than one OPD (`ekspor_lintas_opd`), are written by `ekspor_tabel` as the page would (`buat_ekspor`).

Both start through `inti.pekerjaan.mulai`: a second request for the same work joins the job under way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from django_tasks import task

from capaian.excel import monev, tertunda
from capaian.selectors import tabel as selectors
from capaian.selectors.monev import capaian_setelah_unggah
from capaian.tables import DataBaris, TabelAnggaran, TabelIndikator, tabel_pemda, urut_semua
from capaian.unduhan import RingkasanPemdaXlsx, TabelAnggaranXlsx, TabelIndikatorXlsx
from inti import pekerjaan
from inti.akses import pastikan_akses_opd, peran_pengguna
from inti.ekspor import EksporXlsx
from inti.models import OPD, Pekerjaan
from inti.periode import Tribulan, tahun_sah
from inti.selectors import opd_pemda_terbaca, pemda_pilihan, pemda_terpilih
from inti.versi import token_banyak

JENIS_UNGGAH = "unggah_monev"
JENIS_EKSPOR = "ekspor_tabel"
TEMPLATE_HASIL_UNGGAH = "capaian/excel/_hasil.html"

PESAN_GAGAL_UNGGAH = (
    "Unggahan tidak selesai diproses karena kesalahan di server; tidak ada yang disimpan. "
    "Silakan unggah ulang; bila terulang, hubungi admin."
)
PESAN_GAGAL_EKSPOR = "Berkas xlsx tidak berhasil dibuat karena kesalahan di server. Silakan coba lagi."
PESAN_FILTER_TIDAK_VALID = "Filter tidak valid; perbaiki filter sebelum mengekspor."


# --------------------------------------------------------------------------------------------
# Monev upload
# --------------------------------------------------------------------------------------------


def unggah_di_latar(ukuran: int) -> bool:
    """Whether an upload of this many bytes is processed by a task rather than in the request."""
    from django.conf import settings

    return ukuran > settings.UNGGAH_LATAR_BYTE


def ringkasan_unggah(hasil: monev.HasilUnggah, capaian, *, nama_tribulan: str) -> dict:
    """What the upload page shows of an upload, as JSON values: the context of `TEMPLATE_HASIL_UNGGAH`,
    which reads it as it reads the `HasilUnggah` and engine results of an upload made in the request."""

    def masalah(daftar) -> list[dict]:
        return [{"lembar": m.lembar, "baris": m.baris, "kolom": m.kolom, "pesan": m.pesan} for m in daftar]

    def angka(a) -> dict:
        return {"teks": a.teks, "ada": a.ada, "persen": a.persen if a.ada else "", "alasan": a.alasan or ""}

    return {
        "nama_tribulan": nama_tribulan,
        "hasil": {
            "masalah": masalah(hasil.masalah),
            "masalah_berkas": masalah(hasil.masalah_berkas),
            "masalah_baris": masalah(hasil.masalah_baris),
            "tersimpan": hasil.tersimpan,
            "perlu_konfirmasi": hasil.perlu_konfirmasi,
            "tertunda": hasil.tertunda,
            "peringatan": masalah(hasil.peringatan),
            "perubahan": [
                {
                    "lembar": p.lembar,
                    "baris": p.baris,
                    "uraian": p.uraian,
                    "semula_teks": p.semula_teks,
                    "baru_teks": p.baru_teks,
                }
                for p in hasil.perubahan
            ],
        },
        "capaian": [
            {
                "kode": h.kode,
                "nama": h.nama,
                "target": angka(h.target),
                "realisasi": angka(h.realisasi),
                "capaian": angka(h.capaian),
                "kategori": h.kategori or "",
            }
            for h in capaian
        ],
    }


def mulai_unggah_monev(
    *, user, opd, tahun: int, tribulan: int, data: bytes, konfirmasi: bool = False
) -> Pekerjaan:
    """Queue the check and save of an uploaded monev workbook (the same file again joins the job).
    `konfirmasi`: the user chose "Tetap simpan" for the realisasi that look wrong (`monev.unggah_monev`)."""
    pastikan_akses_opd(user, opd, tulis=True)
    sidik = hashlib.sha256(data).hexdigest()
    nama_tribulan = Tribulan(tribulan).label
    return pekerjaan.mulai(
        tugas=proses_unggah_monev,
        jenis=JENIS_UNGGAH,
        judul=f"Unggah Excel monev {opd.nama} {nama_tribulan} {tahun}",
        kunci=pekerjaan.kunci_gabung(JENIS_UNGGAH, opd.pk, tahun, tribulan, user.pk, sidik, int(konfirmasi)),
        user=user,
        opd=opd,
        pemda=opd.pemda,
        tautan=reverse("excel:unggah", args=[opd.kode, tahun, tribulan]),
        argumen={
            "user_id": user.pk,
            "opd_id": opd.pk,
            "tahun": tahun,
            "tribulan": tribulan,
            "konfirmasi": konfirmasi,
        },
        masukan=data,
        nama_masukan="unggahan.xlsx",
    )


@task()
def proses_unggah_monev(
    *, pekerjaan_id: str, user_id: int, opd_id: int, tahun: int, tribulan: int, konfirmasi: bool = False
) -> bool:
    """Check and save the job's uploaded workbook as the user; whether it was saved. When realisasi look
    wrong and the user has not confirmed them, the workbook is kept for "Tetap simpan" (`tertunda`)."""

    def kerja(jalan: pekerjaan.Jalan) -> bool:
        user = get_user_model().objects.get(pk=user_id)
        opd = OPD.objects.select_related("pemda").get(pk=opd_id)
        data = jalan.baca_masukan()
        jalan.kemajuan(10, "Memeriksa seluruh isi berkas, lalu menyimpan")
        hasil = monev.unggah_monev(data, user=user, opd=opd, tahun=tahun, tribulan=tribulan, konfirmasi=konfirmasi)
        if hasil.perlu_konfirmasi:
            hasil.tertunda = tertunda.simpan(opd.pk, data)
        elif hasil.tersimpan and konfirmasi:
            tertunda.hapus(opd.pk, hashlib.sha256(data).hexdigest())
        capaian = []
        if hasil.tersimpan:
            jalan.kemajuan(90, "Menghitung capaian")
            capaian = capaian_setelah_unggah(
                opd=opd, tahun=tahun, tribulan=tribulan, perubahan=hasil.perubahan
            )
        if hasil.masalah:
            pesan = "Berkas diperiksa: tidak disimpan."
        elif hasil.perlu_konfirmasi:
            pesan = f"Berkas diperiksa: {len(hasil.peringatan)} nilai perlu dikonfirmasi; belum disimpan."
        elif hasil.tersimpan:
            pesan = f"Berkas diperiksa dan disimpan: {len(hasil.perubahan)} nilai diubah."
        else:
            pesan = "Berkas diperiksa: tidak ada nilai yang berubah."
        ringkasan = ringkasan_unggah(hasil, capaian, nama_tribulan=Tribulan(tribulan).label)
        ringkasan["url_unggah"] = reverse("excel:unggah", args=[opd.kode, tahun, tribulan])
        jalan.selesai(pesan=pesan, hasil=ringkasan)
        return hasil.tersimpan

    return bool(pekerjaan.jalankan(pekerjaan_id, kerja, pesan_gagal=PESAN_GAGAL_UNGGAH))


# --------------------------------------------------------------------------------------------
# Table exports
# --------------------------------------------------------------------------------------------

URL_TABEL = {"indikator": "tabel:indikator", "anggaran": "tabel:anggaran", "pemda": "tabel:pemda"}
JUDUL_EKSPOR = {
    "indikator": "Ekspor xlsx tabel capaian indikator",
    "anggaran": "Ekspor xlsx tabel realisasi anggaran",
    "pemda": "Ekspor xlsx ringkasan Pemda",
}


def tahun_diminta(data: Mapping) -> int | None:
    """The year in the query string, None when absent, not a number or outside the site's years."""
    try:
        tahun = int(data.get("tahun", ""))
    except ValueError:
        return None
    return tahun if tahun_sah(tahun) else None


def _pemda(user, data: Mapping):
    """The Pemda of the overview (PermissionDenied / Http404 as the page gives them)."""
    return pemda_terpilih(
        pemda_pilihan(user, hanya_admin=False), data.get("pemda"), pesan_403=selectors.PESAN_PEMDA_403
    )


def _opd_ids(user, jenis: str, data: Mapping, pemda=None) -> list[int]:
    """The OPDs an export may show, before any filter on figures: its size, and its data version."""
    if jenis == "pemda":
        pemda = pemda or _pemda(user, data)
        return list(opd_pemda_terbaca(user, pemda=pemda).values_list("pk", flat=True))
    return sorted(peran_pengguna(user).opd_baca_ids)


def ekspor_lintas_opd(user, jenis: str, data: Mapping) -> bool:
    """Whether an export spans more than one OPD (then it is written by a task). An indicator or budget
    export filtered to one OPD does not; the Pemda overview raises the page's 403/404 here, at once."""
    if jenis != "pemda" and data.get("opd"):
        return False
    return len(_opd_ids(user, jenis, data)) > 1


def buat_ekspor(user, jenis: str, data: Mapping) -> EksporXlsx | None:
    """The xlsx of a table as the page shows it: every row the filter keeps, sorted as on the page. None
    when the filter is invalid."""
    if jenis == "indikator":
        tabel = selectors.tabel_indikator(user=user, data=data)
        if not tabel.sah:
            return None
        baris = urut_semua(TabelIndikator(DataBaris(tabel.baris)), data)
        return TabelIndikatorXlsx(tabel.tahun, baris, tabel.filter.isi_terpakai(), user)
    if jenis == "anggaran":
        tabel = selectors.tabel_anggaran(user=user, data=data)
        if not tabel.sah:
            return None
        baris = urut_semua(TabelAnggaran(DataBaris(tabel.baris)), data)
        return TabelAnggaranXlsx(tabel.tahun, baris, tabel.filter.isi_terpakai(), user)
    if jenis == "pemda":
        ringkasan = selectors.ringkasan_pemda(
            user=user, kode_pemda=data.get("pemda"), tahun=tahun_diminta(data)
        )
        baris = urut_semua(tabel_pemda(DataBaris(ringkasan.baris), ringkasan.kategori), data)
        return RingkasanPemdaXlsx(ringkasan.pemda, ringkasan.tahun, ringkasan.kategori, baris, user)
    raise ValueError(f"ekspor tidak dikenal: {jenis}")


def mulai_ekspor_tabel(*, user, jenis: str, data: QueryDict) -> Pekerjaan:
    """Queue the export; the same user asking for the same export of the same data joins it."""
    if jenis not in URL_TABEL:
        raise ValueError(f"ekspor tidak dikenal: {jenis}")
    query = data.urlencode()
    pemda = _pemda(user, data) if jenis == "pemda" else None
    versi = token_banyak(_opd_ids(user, jenis, data, pemda))
    kunci_versi = pekerjaan.kunci_unik() if None in versi.values() else sorted(versi.items())
    urutan_query = sorted(data.lists())
    return pekerjaan.mulai(
        tugas=ekspor_tabel,
        jenis=JENIS_EKSPOR,
        judul=JUDUL_EKSPOR[jenis],
        kunci=pekerjaan.kunci_gabung(JENIS_EKSPOR, jenis, user.pk, urutan_query, kunci_versi),
        user=user,
        pemda=pemda,
        tautan=f"{reverse(URL_TABEL[jenis])}?{query}" if query else reverse(URL_TABEL[jenis]),
        argumen={"user_id": user.pk, "jenis": jenis, "query": query},
    )


@task()
def ekspor_tabel(*, pekerjaan_id: str, user_id: int, jenis: str, query: str) -> str:
    """Write the export as the user asked it (their scope, their filter, their name in it); its file."""

    def kerja(jalan: pekerjaan.Jalan) -> str:
        user = get_user_model().objects.get(pk=user_id)
        jalan.kemajuan(10, "Menghitung capaian semua OPD")
        ekspor = buat_ekspor(user, jenis, QueryDict(query))
        if ekspor is None:
            raise ValidationError(PESAN_FILTER_TIDAK_VALID)
        jalan.kemajuan(70, "Menulis berkas xlsx")
        nama = jalan.simpan_berkas(ekspor.nama_berkas(), ekspor.isi())
        jalan.selesai(
            pesan="Berkas xlsx siap diunduh.",
            berkas=nama,
            nama_berkas=ekspor.nama_berkas(),
            jenis_konten=ekspor.jenis_konten,
        )
        return nama

    return pekerjaan.jalankan(pekerjaan_id, kerja, pesan_gagal=PESAN_GAGAL_EKSPOR) or ""

"""Narrative sections of the LKjIP: Markdown written by the operator, sanitised, or a default made from data.

Each section has a code (`kata_pengantar`, `bab4_penutup`, `sasaran-2.1`, ...). While a section has no
stored text, the report shows its default: where the text is formulaic (the sentence stating an IKU's
target, realisasi, capaian and category; the overall figures of BAB IV) it is written from the engine's
figures, elsewhere it is a short generic paragraph the operator is expected to adapt.

Markdown is rendered with `markdown`, then cleaned by `nh3` with an allow-list: no script, no event
handler, no style attribute, and images only from this site's own /media/ or /static/ paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

from capaian.engine import HasilIndikator

if TYPE_CHECKING:
    from lkjip.laporan.dokumen import Dokumen

# --------------------------------------------------------------------------------------------
# Sanitising
# --------------------------------------------------------------------------------------------

TAG_BOLEH = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "ul", "ol", "li", "blockquote", "h3", "h4",
    "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "hr", "a", "img",
}
ATRIBUT_BOLEH = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"colspan", "rowspan"},
                 "td": {"colspan", "rowspan"}, "ol": {"start"}}
AWALAN_GAMBAR = ("/media/", "/static/")


def _saring_atribut(tag: str, atribut: str, nilai: str) -> str | None:
    """Images only from this site's media or static files, by a plain absolute path."""
    if tag == "img" and atribut == "src":
        bersih = nilai.strip()
        if not bersih.startswith(AWALAN_GAMBAR) or ".." in bersih or "\\" in bersih or "//" in bersih:
            return None
        return bersih
    return nilai


def bersihkan_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAG_BOLEH,
        clean_content_tags={"script", "style"},
        attributes=ATRIBUT_BOLEH,
        attribute_filter=_saring_atribut,
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
    )


def render_markdown(teks: str) -> SafeString:
    """Markdown to sanitised HTML, safe to put in a page or a PDF."""
    html = markdown.markdown(teks or "", extensions=["tables", "sane_lists"], output_format="html")
    return mark_safe(bersihkan_html(html))  # noqa: S308 - cleaned by nh3 just above


_KHUSUS_MD = re.compile(r"([\\`*_\[\]#|])")


def md(teks) -> str:
    """Data put into a Markdown default: Markdown characters escaped, "<" kept literal."""
    return _KHUSUS_MD.sub(r"\\\1", str(teks)).replace("<", "&lt;")


# --------------------------------------------------------------------------------------------
# Sentences built from the engine's figures
# --------------------------------------------------------------------------------------------


def _dengan_satuan(teks: str, satuan: str) -> str:
    if teks == "–":
        return teks
    if satuan == "%":
        return f"{teks}%"
    return f"{teks} {md(satuan)}" if satuan else teks


def kalimat_iku(h: HasilIndikator, satuan: str | None = None) -> str:
    """The formulaic sentence of one indicator: target, realisasi, capaian and category."""
    satuan = h.satuan if satuan is None else satuan
    target = _dengan_satuan(h.target.teks, satuan)
    if not h.realisasi.ada:
        return f"Indikator **{md(h.nama)}** ditargetkan {target}; realisasinya belum tersedia ({h.realisasi.alasan})."
    realisasi = _dengan_satuan(h.realisasi.teks, satuan)
    if not h.capaian.ada:
        return (
            f"Indikator **{md(h.nama)}** terealisasi {realisasi}; capaiannya belum dapat dihitung "
            f"({h.capaian.alasan})."
        )
    return (
        f"Indikator **{md(h.nama)}** ditargetkan {target} dan terealisasi {realisasi}, sehingga capaiannya "
        f"**{h.capaian.persen}** dengan kategori **{md(h.kategori or '–')}**."
    )


def _daftar(butir: list[str]) -> str:
    return "\n".join(f"- {b}" for b in butir)


def _tercapai(angka) -> bool:
    return angka.ada and angka.tampil >= 100


def _kalimat_anggaran(dok: Dokumen) -> str:
    total = dok.hasil.anggaran
    dokumen = "DPA Perubahan" if dok.hasil.dokumen_anggaran == "dpa_perubahan" else "DPA"
    if not total.pagu.ada:
        return "Pagu anggaran tahun ini belum dicatat."
    if total.penyerapan.ada:
        return (
            f"Pagu anggaran menurut {dokumen} sebesar {total.pagu.rupiah} dengan realisasi {total.realisasi.rupiah}, "
            f"atau penyerapan **{total.penyerapan.persen}**."
        )
    belum = ", ".join(md(o.nama) for o in total.tanpa_realisasi) or "sebagian mata anggaran"
    tercatat = total.realisasi.rupiah if total.realisasi.ada else "–"
    return (
        f"Pagu anggaran menurut {dokumen} sebesar {total.pagu.rupiah}. Realisasi yang sudah tercatat "
        f"{tercatat} belum mencakup {belum}, sehingga penyerapan seluruh OPD belum dapat dihitung; "
        f"penyerapan atas mata anggaran yang sudah terisi sebesar **{total.penyerapan_terisi.persen}**."
    )


def _tidak_menunjang(dok: Dokumen) -> list[str]:
    return [
        f"{md(pk.objek.nama)} (capaian {pk.capaian.persen})"
        for s in dok.hasil.sasaran
        for pk in s.program_kegiatan
        if pk.menunjang is False
    ]


# --------------------------------------------------------------------------------------------
# Defaults per section
# --------------------------------------------------------------------------------------------


def _kata_pengantar(dok: Dokumen) -> str:
    opd, tahun = dok.opd, dok.tahun
    return (
        f"Laporan Kinerja Instansi Pemerintah (LKjIP) {md(opd.nama)} Tahun {tahun} kami susun sebagai "
        f"pertanggungjawaban atas pelaksanaan tugas dan fungsi selama tahun {tahun}. Laporan ini memuat "
        "capaian Indikator Kinerja Utama, realisasi anggaran, serta analisis faktor pendukung dan penghambat, "
        "dengan sistematika menurut Peraturan Menteri PANRB Nomor 53 Tahun 2014.\n\n"
        "Seluruh angka capaian dihitung langsung dari data perencanaan, Perjanjian Kinerja dan hasil "
        "monitoring dan evaluasi triwulanan, sehingga setiap angka dapat ditelusuri ke sumbernya.\n\n"
        "Kami menyadari laporan ini masih dapat disempurnakan. Saran dan masukan akan kami gunakan untuk "
        "memperbaiki kinerja dan penyusunan laporan pada tahun berikutnya."
    )


def _ringkasan(dok: Dokumen) -> str:
    hasil = dok.hasil
    bagian = []
    if hasil.iku:
        jumlah_sasaran = len({b.sasaran_uraian for b in hasil.iku})
        bagian.append(
            f"Pada tahun {dok.tahun}, kinerja {md(dok.opd.nama)} diukur dengan {len(hasil.iku)} Indikator Kinerja "
            f"Utama (IKU) pada {jumlah_sasaran} sasaran strategis menurut {md(hasil.pk_terakhir.judul)}."
        )
        bagian.append(_daftar([kalimat_iku(b.hasil, b.baris.satuan or None) for b in hasil.iku]))
    else:
        bagian.append(f"Perjanjian Kinerja tahun {dok.tahun} belum dicatat, sehingga IKU belum dapat diukur.")
    bagian.append(_kalimat_anggaran(dok))
    tidak = _tidak_menunjang(dok)
    if tidak:
        bagian.append("Program dan kegiatan yang capaiannya belum mencapai 100%: " + "; ".join(tidak) + ".")
    return "\n\n".join(bagian)


def _latar_belakang(dok: Dokumen) -> str:
    return (
        "LKjIP adalah bagian dari Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) sebagaimana diatur "
        f"dalam Peraturan Presiden Nomor 29 Tahun 2014. Melalui laporan ini {md(dok.opd.nama)} menyampaikan "
        f"kepada {md(dok.opd.pemda.nama)} dan masyarakat sejauh mana sasaran yang dijanjikan dalam Perjanjian "
        f"Kinerja Tahun {dok.tahun} telah tercapai dan berapa anggaran yang digunakan untuk mencapainya.\n\n"
        "Laporan ini juga menjadi bahan evaluasi: indikator yang belum mencapai target dianalisis penyebabnya, "
        "dan langkah perbaikan dirumuskan untuk perencanaan tahun berikutnya."
    )


def _organisasi(dok: Dokumen) -> str:
    opd = dok.opd
    kalimat = [f"{md(opd.nama)} merupakan perangkat daerah di lingkungan {md(opd.pemda.nama)}."]
    if opd.kepala_nama:
        jabatan = md(opd.kepala_jabatan or "Kepala")
        kalimat.append(f"Perangkat daerah ini dipimpin oleh {jabatan}, saat ini {md(opd.kepala_nama)}.")
    if opd.atasan_jabatan:
        kalimat.append(f"Kepala perangkat daerah bertanggung jawab kepada {md(opd.atasan_jabatan)}.")
    kalimat.append("Uraian susunan organisasi, tugas pokok dan fungsi dilengkapi oleh penyusun laporan.")
    return " ".join(kalimat)


def _isu_strategis(dok: Dokumen) -> str:
    butir = []
    tidak = _tidak_menunjang(dok)
    if tidak:
        butir.append("Program dan kegiatan yang belum mencapai target: " + "; ".join(tidak) + ".")
    total = dok.hasil.anggaran
    if total.tanpa_realisasi:
        butir.append(
            "Realisasi anggaran yang belum tercatat: " + ", ".join(md(o.nama) for o in total.tanpa_realisasi) + "."
        )
    pengantar = (
        "Isu strategis dan permasalahan utama diuraikan oleh penyusun laporan. Dari data pengukuran kinerja "
        f"tahun {dok.tahun}, hal-hal berikut perlu mendapat perhatian:"
    )
    if not butir:
        return "Isu strategis dan permasalahan utama diuraikan oleh penyusun laporan."
    return pengantar + "\n\n" + _daftar(butir)


def _dasar_hukum(dok: Dokumen) -> str:
    butir = [
        "Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggaraan Negara yang Bersih dan Bebas dari Korupsi, "
        "Kolusi dan Nepotisme;",
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
        "Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan "
        "Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah;",
        "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan "
        "Evaluasi Pembangunan Daerah;",
        "Keputusan Menteri Dalam Negeri Nomor 050-3708 Tahun 2020 tentang Klasifikasi, Kodefikasi dan "
        "Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah;",
    ]
    if dok.renstra is not None and dok.renstra.dasar_hukum:
        butir.append(f"{md(dok.renstra.dasar_hukum)}.")
    return "\n".join(f"{n}. {b}" for n, b in enumerate(butir, start=1))


def _sistematika(dok: Dokumen) -> str:
    return _daftar(
        [
            "**BAB I Pendahuluan**: latar belakang, organisasi, isu strategis, dasar hukum dan sistematika.",
            "**BAB II Perencanaan dan Perjanjian Kinerja**: tujuan, sasaran, Renja dan Perjanjian Kinerja.",
            "**BAB III Akuntabilitas Kinerja**: capaian IKU dan analisisnya, efisiensi dan realisasi anggaran.",
            "**BAB IV Penutup**: kesimpulan dan langkah perbaikan.",
            "**Lampiran**: Perjanjian Kinerja, metadata IKU, evaluasi RKPD dan kertas kerja perhitungan.",
        ]
    )


def _bab2_tujuan(dok: Dokumen) -> str:
    if dok.renstra is None:
        return f"Renstra yang berlaku pada tahun {dok.tahun} belum dicatat."
    return (
        f"Tujuan dan sasaran {md(dok.opd.nama)} ditetapkan dalam {md(dok.renstra.nama)} periode "
        f"{dok.renstra.tahun_awal}–{dok.renstra.tahun_akhir}. {dok.ref('renstra')} menyajikan tujuan, sasaran, "
        f"indikator dan target setiap tahunnya, dan {dok.ref('iku')} memuat definisi serta cara perhitungan "
        "Indikator Kinerja Utama."
    )


def _bab2_renja(dok: Dokumen) -> str:
    return (
        f"Rencana Kerja (Renja) Tahun {dok.tahun} menjabarkan target Renstra untuk satu tahun anggaran. "
        f"Target tujuan dan sasaran menurut Renja disajikan pada {dok.ref('renja')}."
    )


def _bab2_pk(dok: Dokumen) -> str:
    pk = dok.pk_awal
    if pk is None:
        return f"Perjanjian Kinerja Tahun {dok.tahun} belum dicatat."
    return (
        f"Perjanjian Kinerja Tahun {dok.tahun} ditandatangani pada {pk.tanggal_tampil} oleh {md(pk.pihak_pertama_nama)} "
        f"({md(pk.pihak_pertama_jabatan)}) selaku pihak pertama dan {md(pk.pihak_kedua_nama)} "
        f"({md(pk.pihak_kedua_jabatan)}) selaku pihak kedua. Sasaran, indikator dan targetnya disajikan pada "
        f"{dok.ref('pk')}, diikuti anggaran setiap program dan rincian indikator program, kegiatan dan sub "
        f"kegiatan menurut DPA pada {dok.ref('dpa')}."
    )


def _bab2_pk_perubahan(dok: Dokumen) -> str:
    pk = dok.pk_akhir
    if pk is None:
        return ""
    alasan = f" {md(pk.alasan_perubahan)}" if pk.alasan_perubahan else ""
    return (
        f"Pada {pk.tanggal_tampil} Perjanjian Kinerja diubah menjadi {md(pk.judul)}.{alasan} Sasaran, indikator "
        f"dan target setelah perubahan disajikan pada {dok.ref('pk_perubahan')}, dan rincian program, kegiatan "
        f"dan sub kegiatan menurut DPA Perubahan pada {dok.ref('dpa_perubahan')}. Capaian kinerja tahun "
        f"{dok.tahun} diukur terhadap {md(pk.judul)}."
    )


def _bab3_pengantar(dok: Dokumen) -> str:
    return (
        "Capaian kinerja diperoleh dengan membandingkan realisasi dengan target setiap indikator. Untuk "
        "indikator yang makin tinggi makin baik, capaian = realisasi / target × 100%. Untuk indikator yang "
        "makin rendah makin baik, capaian = (2 × target − realisasi) / target × 100%. Realisasi indikator "
        "yang memiliki rumus dihitung dari data masukannya (lihat Kertas Kerja pada Lampiran).\n\n"
        f"Nilai capaian dikelompokkan ke dalam kategori menurut skala pada {dok.ref('skala')}."
    )


def _bab3_capaian_iku(dok: Dokumen) -> str:
    hasil = dok.hasil
    if not hasil.iku:
        return "Perjanjian Kinerja tahun ini belum dicatat, sehingga capaian IKU belum dapat disajikan."
    return (
        f"Capaian setiap IKU menurut {md(hasil.pk_terakhir.judul)} disajikan pada {dok.ref('capaian_iku')}.\n\n"
        + _daftar([kalimat_iku(b.hasil, b.baris.satuan or None) for b in hasil.iku])
    )


def _bab3_tahun_lalu(dok: Dokumen) -> str:
    hasil = dok.hasil
    baru = [b.hasil.nama for b in hasil.iku if not any(
        t.indikator.pk == b.hasil.indikator.pk and t.nilai for t in hasil.tahun_lalu
    )]
    teks = f"{dok.ref('tahun_lalu')} membandingkan realisasi tahun {dok.tahun} dengan realisasi tahun-tahun sebelumnya."
    if baru:
        teks += (
            " IKU berikut baru digunakan pada tahun ini sehingga belum memiliki data pembanding tahun sebelumnya: "
            + "; ".join(f"**{md(n)}**" for n in baru)
            + "."
        )
    return teks


def _bab3_kemajuan(dok: Dokumen) -> str:
    butir = []
    for k in dok.hasil.kemajuan:
        if k.persen.ada:
            butir.append(
                f"**{md(k.hasil.nama)}**: realisasi {_dengan_satuan(k.hasil.realisasi.teks, k.hasil.satuan)} "
                f"terhadap target akhir Renstra {_dengan_satuan(k.target_akhir.teks, k.hasil.satuan)} "
                f"({k.tahun_akhir}), tingkat kemajuan {k.persen.persen}."
            )
        else:
            butir.append(f"**{md(k.hasil.nama)}**: tingkat kemajuan belum dapat dihitung ({k.persen.alasan}).")
    teks = f"Perbandingan realisasi tahun {dok.tahun} dengan target akhir Renstra disajikan pada {dok.ref('kemajuan')}."
    return teks + ("\n\n" + _daftar(butir) if butir else "")


def _bab3_standar(dok: Dokumen) -> str:
    if not dok.hasil.standar:
        return "Indikator kinerja tahun ini tidak memiliki standar nasional atau provinsi yang dapat dibandingkan."
    butir = []
    for s in dok.hasil.standar:
        dibanding = md(s.variabel.label) if s.variabel is not None else f"realisasi {md(s.hasil.nama)}"
        satuan = s.variabel.satuan if s.variabel is not None else s.hasil.satuan
        butir.append(
            f"{dibanding} sebesar {_dengan_satuan(s.nilai.teks, satuan)} dibandingkan dengan "
            f"{md(s.standar.uraian)} ({s.standar.get_tingkat_display().lower()}) sebesar "
            f"{_dengan_satuan(s.pembanding.teks, satuan)}: {s.persen.persen}."
        )
    return f"Perbandingan dengan standar disajikan pada {dok.ref('standar')}.\n\n" + _daftar(butir)


def _bab3_efisiensi(dok: Dokumen) -> str:
    butir = []
    for s in dok.hasil.sasaran:
        if s.efisiensi.ada:
            butir.append(
                f"Sasaran **{md(s.nama)}**: capaian {s.capaian.persen} dengan penyerapan anggaran "
                f"{s.penyerapan.persen}, sehingga efisiensi {s.efisiensi.persen}."
            )
        else:
            butir.append(f"Sasaran **{md(s.nama)}**: efisiensi belum dapat dihitung ({s.efisiensi.alasan}).")
    return (
        "Efisiensi dinilai dengan membandingkan persentase capaian kinerja sasaran dengan persentase penyerapan "
        f"anggaran program yang mendukungnya ({dok.ref('efisiensi')}).\n\n" + _daftar(butir)
    )


def _bab3_keberhasilan(dok: Dokumen) -> str:
    butir = []
    for s in dok.hasil.sasaran:
        jumlah = len(s.program_kegiatan)
        tidak = [pk for pk in s.program_kegiatan if pk.menunjang is False]
        kalimat = f"Sasaran **{md(s.nama)}** didukung oleh {jumlah} program dan kegiatan"
        if tidak:
            kalimat += (
                f"; {len(tidak)} di antaranya belum mencapai 100% sehingga dikategorikan tidak menunjang: "
                + "; ".join(f"{md(pk.objek.nama)} ({pk.capaian.persen})" for pk in tidak)
                + "."
            )
        else:
            kalimat += " yang seluruhnya menunjang." if jumlah else "."
        butir.append(kalimat)
    return (
        "Program atau kegiatan dinyatakan menunjang sasaran bila capaian indikatornya paling sedikit 100% "
        f"({dok.ref('keberhasilan')}).\n\n" + _daftar(butir)
    )


def _bab3_anggaran(dok: Dokumen) -> str:
    return f"Realisasi anggaran per program, kegiatan dan sub kegiatan disajikan pada {dok.ref('anggaran')}. " + (
        _kalimat_anggaran(dok)
    )


def _bab4_penutup(dok: Dokumen) -> str:
    hasil = dok.hasil
    bagian = []
    if hasil.sasaran:
        tercapai = [s for s in hasil.sasaran if _tercapai(s.capaian)]
        bagian.append(
            f"Pada tahun {dok.tahun}, {len(tercapai)} dari {len(hasil.sasaran)} sasaran strategis {md(dok.opd.nama)} "
            "mencapai atau melampaui targetnya."
        )
        bagian.append(
            _daftar(
                [
                    f"{md(s.nama)}: capaian {s.capaian.persen}"
                    + (f" ({md(s.kategori)})" if s.kategori else "")
                    + (f", efisiensi {s.efisiensi.persen}" if s.efisiensi.ada else "")
                    for s in hasil.sasaran
                ]
            )
        )
    bagian.append(_kalimat_anggaran(dok))
    bagian.append(
        "Langkah perbaikan tahun berikutnya diarahkan pada indikator yang belum mencapai target, ketepatan "
        "pencatatan realisasi setiap triwulan, serta keselarasan target Renstra, Renja dan Perjanjian Kinerja."
    )
    return "\n\n".join(bagian)


def sasaran_bawaan(dok: Dokumen, bagian) -> str:
    """The default analysis of one sasaran: its indicators, supporting data and programs."""
    s = bagian.hasil
    teks = [
        f"Sasaran **{md(s.nama)}** diukur dengan {len(s.indikator)} indikator ({dok.ref(bagian.tabel_ukur.kunci)}).",
        _daftar([kalimat_iku(h) for h in s.indikator]),
    ]
    if bagian.tabel_pendukung:
        teks.append(
            "Data masukan perhitungannya disajikan pada "
            + ", ".join(dok.ref(t.kunci) for t in bagian.tabel_pendukung)
            + "."
        )
    kegiatan = sum(len(p.anak) for p in s.program)
    sub = sum(len(k.anak) for p in s.program for k in p.anak)
    teks.append(
        f"Sasaran ini didukung oleh {len(s.program)} program, {kegiatan} kegiatan dan {sub} sub kegiatan "
        f"({dok.ref(bagian.tabel_program.kunci)})."
    )
    return "\n\n".join(teks)


def pernyataan_reviu_bawaan(opd, tahun: int) -> str:
    """The review statement the auditor's form starts from (PermenPAN-RB 53/2014: limited assurance)."""
    return (
        f"Kami telah mereviu Laporan Kinerja {opd.nama} Tahun {tahun} sesuai Peraturan Menteri PANRB Nomor 53 "
        "Tahun 2014. Reviu ini bertujuan memberikan keyakinan terbatas bahwa informasi kinerja dalam laporan "
        f"telah disajikan secara akurat, andal dan valid; isi laporan tetap menjadi tanggung jawab {opd.nama}. "
        "Berdasarkan reviu tersebut, kami tidak menemukan hal yang membuat kami yakin bahwa laporan ini tidak "
        "disajikan sesuai ketentuan."
    )


# Sections in document order: code -> (title for the editor, default text).
BAGIAN: dict[str, tuple[str, Callable[[Dokumen], str]]] = {
    "kata_pengantar": ("Kata Pengantar", _kata_pengantar),
    "ringkasan_eksekutif": ("Ringkasan Eksekutif", _ringkasan),
    "bab1_latar_belakang": ("1.1 Latar Belakang", _latar_belakang),
    "bab1_organisasi": ("1.2 Penjelasan Umum Organisasi", _organisasi),
    "bab1_isu_strategis": ("1.3 Permasalahan dan Isu Strategis", _isu_strategis),
    "bab1_dasar_hukum": ("1.4 Dasar Hukum", _dasar_hukum),
    "bab1_sistematika": ("1.5 Sistematika Laporan Kinerja", _sistematika),
    "bab2_tujuan_sasaran": ("2.1 Tujuan dan Sasaran", _bab2_tujuan),
    "bab2_renja": ("2.2 Rencana Kinerja", _bab2_renja),
    "bab2_pk": ("2.3 Perjanjian Kinerja", _bab2_pk),
    "bab2_pk_perubahan": ("2.3 Perubahan Perjanjian Kinerja", _bab2_pk_perubahan),
    "bab3_pengantar": ("3.1.1 Skala Capaian Kinerja", _bab3_pengantar),
    "bab3_capaian_iku": ("3.1.2 Capaian Indikator Kinerja Utama", _bab3_capaian_iku),
    "bab3_tahun_lalu": ("3.1.3 Perbandingan dengan Tahun Sebelumnya", _bab3_tahun_lalu),
    "bab3_kemajuan": ("3.1.4 Perbandingan dengan Target Akhir Renstra", _bab3_kemajuan),
    "bab3_standar": ("3.1.5 Perbandingan dengan Standar Nasional", _bab3_standar),
    "bab3_efisiensi": ("3.1.7 Analisis Efisiensi Penggunaan Sumber Daya", _bab3_efisiensi),
    "bab3_keberhasilan": ("3.1.8 Analisis Keberhasilan", _bab3_keberhasilan),
    "bab3_anggaran": ("3.2 Realisasi Anggaran", _bab3_anggaran),
    "bab4_penutup": ("BAB IV Penutup", _bab4_penutup),
}

AWALAN_SASARAN = "sasaran-"  # followed by the sasaran's primary key

# The defaults that only hold a section's place: generic text standing in for what the agency itself must
# write (its organisation and tasks, its issues, its own legal bases, the head's foreword, the
# conclusions). A report whose section still shows one of these defaults is incomplete and cannot be
# submitted or signed (`lkjip.laporan.kelengkapan`). Code -> what the operator is to write, for the list
# shown while drafting. Every other default is written from the data and may stand as it is.
BAWAAN_PENGISI: dict[str, str] = {
    "kata_pengantar": "kata pengantar Kepala OPD",
    "bab1_organisasi": "susunan organisasi, tugas pokok dan fungsi",
    "bab1_isu_strategis": "isu strategis dan permasalahan utama",
    "bab1_dasar_hukum": "dasar hukum lengkap, termasuk peraturan daerah yang menjadi dasar OPD",
    "bab4_penutup": "kesimpulan dan langkah perbaikan",
}

"""Monev entry of an OPD, per year and Tribulan: opd/<kode>/monev/<tahun>/tw<n>/..., plus evidence files
and review notes. Every URL that writes answers POST only; history has read-only URLs."""

from django.urls import include, path

from capaian import views_monev as v

app_name = "monev"

per_tribulan = [
    path("realisasi/", v.realisasi, name="realisasi"),
    path("realisasi/<int:indikator_pk>/", v.realisasi_simpan, name="realisasi_simpan"),
    path("kertas-kerja/", v.kertas_kerja, name="kertas_kerja"),
    path("kertas-kerja/variabel/<int:variabel_pk>/", v.nilai_variabel_simpan, name="nilai_variabel_simpan"),
    path("kertas-kerja/baris/<int:baris_pk>/", v.baris_tabel_simpan, name="baris_tabel_simpan"),
    path("kertas-kerja/baris/<int:baris_pk>/hapus/", v.baris_tabel_hapus, name="baris_tabel_hapus"),
    path("kertas-kerja/tabel/<int:tabel_pk>/tambah/", v.baris_tabel_tambah, name="baris_tabel_tambah"),
    path("anggaran/", v.anggaran, name="anggaran"),
    path("anggaran/<slug:level>/<int:pk>/", v.anggaran_simpan, name="anggaran_simpan"),
    path("analisis/", v.analisis, name="analisis"),
    path("analisis/<int:indikator_pk>/", v.analisis_simpan, name="analisis_simpan"),
    path("indikator/<int:indikator_pk>/", v.indikator, name="indikator"),
    path("indikator/<int:indikator_pk>/bukti/", v.bukti_unggah, name="bukti_unggah"),
    path("riwayat/<slug:jenis>/<int:pk>/", v.riwayat, name="riwayat"),
]

urlpatterns = [
    path("opd/<slug:kode>/monev/<int:tahun>/tw<int:tribulan>/", include(per_tribulan)),
    path("opd/<slug:kode>/monev/<int:tahun>/catatan/", v.catatan_tambah, name="catatan_tambah"),
    path("opd/<slug:kode>/monev/bukti/<int:pk>/", v.bukti_unduh, name="bukti_unduh"),
    path("opd/<slug:kode>/monev/bukti/<int:pk>/hapus/", v.bukti_hapus, name="bukti_hapus"),
]

"""Capaian tables, drill-down, the Pemda overview and monev periods (namespace "tabel")."""

from django.urls import path

from capaian import views_tabel as views

app_name = "tabel"

urlpatterns = [
    path("capaian/indikator/", views.indikator_daftar, name="indikator"),
    path("capaian/indikator/xlsx/", views.indikator_xlsx, name="indikator_xlsx"),
    path("capaian/anggaran/", views.anggaran_daftar, name="anggaran"),
    path("capaian/anggaran/xlsx/", views.anggaran_xlsx, name="anggaran_xlsx"),
    path("capaian/pemda/", views.pemda_ringkasan, name="pemda"),
    path("capaian/pemda/xlsx/", views.pemda_xlsx, name="pemda_xlsx"),
    path("capaian/periode/", views.periode_daftar, name="periode"),
    path(
        "capaian/periode/<slug:pemda>/<int:tahun>/tw<int:tribulan>/kunci/",
        views.periode_kunci_ubah,
        name="periode_kunci",
    ),
    path(
        "capaian/periode/<slug:pemda>/<int:tahun>/tw<int:tribulan>/batas-waktu/",
        views.periode_batas_waktu,
        name="periode_batas_waktu",
    ),
    path("opd/<slug:kode>/indikator/<int:pk>/", views.indikator_rinci, name="indikator_rinci"),
    path("opd/<slug:kode>/indikator/<int:pk>/riwayat/", views.indikator_riwayat, name="indikator_riwayat"),
    path("opd/<slug:kode>/anggaran/<slug:level>/<int:pk>/", views.anggaran_rinci, name="anggaran_rinci"),
]

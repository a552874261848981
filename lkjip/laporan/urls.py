from django.urls import path

from lkjip.laporan import views, views_docx

app_name = "laporan"

# Full paths: this module is mounted at "" (lkjip/urls.py).
urlpatterns = [
    path("opd/<slug:kode>/laporan/", views.indeks, name="indeks"),
    path("opd/<slug:kode>/laporan/<int:tahun>/", views.lihat, name="lihat"),
    path("opd/<slug:kode>/laporan/<int:tahun>/pdf/", views.unduh_pdf, name="pdf"),
    path("opd/<slug:kode>/laporan/<int:tahun>/xlsx/", views.unduh_xlsx, name="xlsx"),
    path("opd/<slug:kode>/laporan/<int:tahun>/docx/", views_docx.unduh_docx, name="docx"),
    path("opd/<slug:kode>/laporan/<int:tahun>/pk/<int:revisi>/pdf/", views.unduh_pk, name="pk_pdf"),
    path(
        "opd/<slug:kode>/laporan/<int:tahun>/arsip/<int:nomor>/<str:jenis>/",
        views.unduh_arsip,
        name="arsip",
    ),
    path("opd/<slug:kode>/laporan/<int:tahun>/narasi/<str:bagian>/", views.ubah_narasi, name="narasi"),
    path("opd/<slug:kode>/laporan/<int:tahun>/langkah/<slug:aksi>/", views.transisi, name="transisi"),
    path("verifikasi/", views.verifikasi, name="verifikasi"),
    # The short URL printed under the QR code of a signed PDF.
    path("verifikasi/<slug:kode_pendek>", views.verifikasi_kode, name="verifikasi_kode"),
]

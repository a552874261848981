from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from inti.forms import FormulirGantiSandi
from lkjip import views, views_akun, views_kelola, views_pekerjaan

admin.site.site_header = "SAKIP — Administrasi"
admin.site.site_title = "SAKIP"
admin.site.index_title = "Data kinerja Pemda dan OPD"

# Pages of the registry, under the "lkjip" namespace; other apps add their own prefixes below.
lkjip_patterns = [
    path("opd/<slug:kode>/", views.opd_ringkasan, name="opd"),
    # The Pemda admin's pages (accounts, roles, OPDs).
    path("kelola/pengguna/", views_kelola.pengguna_daftar, name="kelola_pengguna_daftar"),
    path("kelola/pengguna/baru/", views_kelola.pengguna_baru, name="kelola_pengguna_baru"),
    path("kelola/pengguna/<int:pk>/", views_kelola.pengguna_detail, name="kelola_pengguna"),
    path("kelola/opd/", views_kelola.opd_daftar, name="kelola_opd"),
    path("kelola/opd/baru/", views_kelola.opd_ubah, name="kelola_opd_baru"),
    path("kelola/opd/<slug:kode>/ubah/", views_kelola.opd_ubah, name="kelola_opd_ubah"),
    path("kelola/opd/<slug:kode>/tahun-baru/", views_kelola.tahun_mulai, name="tahun_mulai"),
]

# Sign-in and password pages keep Django's names (login, logout, password_change, ...) so that
# LOGIN_URL, the admin and the auth views find them without configuration.
akun_patterns = [
    path(
        "masuk/",
        views_akun.Masuk.as_view(),
        name="login",
    ),
    path("keluar/", views.Keluar.as_view(), name="logout"),
    path("sandi/", auth_views.PasswordChangeView.as_view(form_class=FormulirGantiSandi), name="password_change"),
    path("sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

# A background job's page (PDF renders, sign-off, big uploads, exports), its polled status and its file.
pekerjaan_patterns = [
    path("pekerjaan/<uuid:pk>/", views_pekerjaan.lihat, name="lihat"),
    path("pekerjaan/<uuid:pk>/status/", views_pekerjaan.status, name="status"),
    path("pekerjaan/<uuid:pk>/unduh/", views_pekerjaan.unduh, name="unduh"),
]

urlpatterns = [
    path("", views.beranda, name="beranda"),
    # Browsers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", views.favicon, name="favicon"),
    *akun_patterns,
    path("", include((lkjip_patterns, "lkjip"))),
    path("", include((pekerjaan_patterns, "pekerjaan"))),
    # Each module owns its URL prefixes: monev entry under opd/<kode>/monev/, capaian tables under
    # capaian/, Excel under opd/<kode>/excel/, the LKjIP under opd/<kode>/laporan/ and verifikasi/.
    path("", include("capaian.urls_monev")),
    path("", include("capaian.urls_tabel")),
    path("", include("capaian.urls_excel")),
    path("", include("lkjip.laporan.urls")),
    # Planning: Renstra and indicator definitions, PK and Rencana Aksi, DPA; dataset upload, next year.
    path("", include("renstra.urls")),
    path("", include("perjanjian.urls")),
    path("", include("anggaran.urls")),
    path("", include("lkjip.urls_dataset")),
    path("admin/", admin.site.urls),
]

# Error pages in Indonesian, in the site's layout (lkjip.views_galat).
handler400 = "lkjip.views_galat.permintaan_salah"
handler403 = "lkjip.views_galat.akses_ditolak"
handler404 = "lkjip.views_galat.tidak_ditemukan"
handler500 = "lkjip.views_galat.galat_server"

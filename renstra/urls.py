"""The renstra planning screens, under opd/<kode>/renstra/ (namespace "renstra")."""

from django.urls import path

from renstra import views as v

app_name = "renstra"

awal = "opd/<slug:kode>/renstra/"

urlpatterns = [
    path(awal, v.daftar, name="daftar"),
    path(f"{awal}baru/", v.renstra_tambah, name="tambah"),
    path(f"{awal}<int:pk>/", v.detail, name="detail"),
    path(f"{awal}<int:pk>/ubah/", v.renstra_ubah, name="ubah"),
    path(f"{awal}<int:pk>/revisi/", v.renstra_revisi, name="revisi"),
    path(f"{awal}<int:pk>/tujuan/baru/", v.tujuan_tambah, name="tujuan_tambah"),
    path(f"{awal}tujuan/<int:pk>/ubah/", v.tujuan_ubah, name="tujuan_ubah"),
    path(f"{awal}tujuan/<int:pk>/hapus/", v.tujuan_hapus, name="tujuan_hapus"),
    path(f"{awal}tujuan/<int:pk>/sasaran/baru/", v.sasaran_tambah, name="sasaran_tambah"),
    path(f"{awal}sasaran/<int:pk>/ubah/", v.sasaran_ubah, name="sasaran_ubah"),
    path(f"{awal}sasaran/<int:pk>/hapus/", v.sasaran_hapus, name="sasaran_hapus"),
    # An indicator is added under its parent: a tujuan, a sasaran or a DPA line (program, kegiatan, sub kegiatan).
    path(f"{awal}indikator/baru/<slug:level>/<int:induk>/", v.indikator_tambah, name="indikator_tambah"),
    path(f"{awal}indikator/<int:pk>/", v.indikator_ubah, name="indikator_ubah"),
    path(f"{awal}indikator/<int:pk>/hapus/", v.indikator_hapus, name="indikator_hapus"),
    path(f"{awal}indikator/<int:pk>/target/", v.target, name="target"),
    path(f"{awal}indikator-dpa/", v.indikator_dpa, name="indikator_dpa"),
    path(f"{awal}periksa-rumus/", v.periksa_rumus, name="periksa_rumus"),
]

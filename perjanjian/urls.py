"""The Perjanjian Kinerja screens, under opd/<kode>/pk/ (namespace "perjanjian"). Every URL that only
writes answers POST only."""

from django.urls import path

from perjanjian import views as v

app_name = "perjanjian"

per_pk = "opd/<slug:kode>/pk/<int:tahun>/<int:revisi>/"

urlpatterns = [
    path("opd/<slug:kode>/pk/", v.daftar, name="daftar"),
    path("opd/<slug:kode>/pk/<int:tahun>/buat/", v.buat, name="buat"),
    path(per_pk, v.lihat, name="lihat"),
    path(per_pk + "ubah/", v.ubah, name="ubah"),
    path(per_pk + "setujui/", v.setujui, name="setujui"),
    path(per_pk + "perubahan/", v.perubahan, name="perubahan"),
    path(per_pk + "banding/", v.banding, name="banding"),
    path(per_pk + "hapus/", v.hapus, name="hapus"),
    path(per_pk + "rencana-aksi/", v.rencana_aksi, name="rencana_aksi"),
]

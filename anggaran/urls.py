"""The DPA screens of an OPD-year, under opd/<kode>/dpa/<tahun>/ (namespace "anggaran"): the budget tree,
its lines' forms, the planned absorption per Tribulan, the workbook upload and template, the history."""

from django.urls import include, path

from anggaran import views as v

app_name = "anggaran"

per_tahun = [
    path("", v.dpa, name="dpa"),
    path("program/tambah/", v.program_tambah, name="program_tambah"),
    path("program/<int:pk>/kegiatan/tambah/", v.kegiatan_tambah, name="kegiatan_tambah"),
    path("kegiatan/<int:pk>/sub-kegiatan/tambah/", v.sub_kegiatan_tambah, name="sub_kegiatan_tambah"),
    path("<slug:level>/<int:pk>/ubah/", v.ubah, name="ubah"),
    path("<slug:level>/<int:pk>/hapus/", v.hapus, name="hapus"),
    path("rencana-penyerapan/", v.rencana, name="rencana"),
    path("rencana-penyerapan/<int:pk>/", v.rencana_simpan, name="rencana_simpan"),
    path("unggah/", v.unggah, name="unggah"),
    path("template.xlsx", v.template, name="template"),
    path("riwayat/", v.riwayat, name="riwayat"),
]

urlpatterns = [
    path("opd/<slug:kode>/dpa/<int:tahun>/", include(per_tahun)),
]

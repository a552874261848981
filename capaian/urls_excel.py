"""Excel round trip of an OPD: the monev template of a Tribulan and its upload, and the whole year's
dataset as one workbook. Everything under opd/<kode>/excel/."""

from django.urls import path

from capaian import views_excel as v

app_name = "excel"

urlpatterns = [
    path("opd/<slug:kode>/excel/<int:tahun>/", v.beranda, name="beranda"),
    path("opd/<slug:kode>/excel/<int:tahun>/tw<int:tribulan>/template.xlsx", v.template_unduh, name="template"),
    path("opd/<slug:kode>/excel/<int:tahun>/tw<int:tribulan>/unggah/", v.unggah, name="unggah"),
    path("opd/<slug:kode>/excel/<int:tahun>/dataset.xlsx", v.dataset_unduh, name="dataset"),
]

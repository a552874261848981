"""Dataset upload in the browser (namespace "dataset"): upload and preview, confirm, the template."""

from django.urls import path

from lkjip import views_dataset as v

app_name = "dataset"

urlpatterns = [
    path("dataset/unggah/", v.unggah, name="unggah"),
    path("dataset/unggah/simpan/", v.simpan, name="simpan"),
    path("dataset/template.xlsx", v.template_unduh, name="template"),
]

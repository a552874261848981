"""The perjanjian planning screens, under opd/<kode>/pk/<tahun>/ (namespace "perjanjian")."""

from django.urls import path  # noqa: F401

app_name = "perjanjian"

urlpatterns: list = []

"""The anggaran planning screens, under opd/<kode>/dpa/<tahun>/ (namespace "anggaran")."""

from django.urls import path  # noqa: F401

app_name = "anggaran"

urlpatterns: list = []

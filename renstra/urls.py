"""The renstra planning screens, under opd/<kode>/renstra/ (namespace "renstra")."""

from django.urls import path  # noqa: F401

app_name = "renstra"

urlpatterns: list = []

"""Dataset upload and the start of a new year (namespace "dataset")."""

from django.urls import path  # noqa: F401

app_name = "dataset"

urlpatterns: list = []

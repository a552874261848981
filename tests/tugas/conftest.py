"""Fixtures of the background-work tests: a private MEDIA_ROOT, and a queue that holds its jobs."""

import pytest


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    """Stored renders, uploads and job files go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def antrean_tertahan(settings):
    """A queue no worker takes from: jobs stay queued (`jalankan_antrean` runs them, as a worker would)."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    from django_tasks import task_backends

    return task_backends["default"]


@pytest.fixture
def render_palsu(monkeypatch):
    """Jobs, not WeasyPrint: the draft's PDF is a stand-in holding its print HTML."""
    from lkjip.laporan import ekspor

    monkeypatch.setattr(ekspor, "render_pdf", lambda html, opd_id=None: b"%PDF-1.7 uji\n" + html.encode())

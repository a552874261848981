import pytest


@pytest.fixture(autouse=True)
def _unggahan_di_tmp(tmp_path, monkeypatch):
    """Uploads waiting for confirmation go to the test's own directory, never the system's."""
    monkeypatch.setattr("lkjip.dataset.unggahan.direktori", lambda: tmp_path / "unggahan")

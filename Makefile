# One command to run, one to test. Both create .venv, install, migrate and load the 2022 dataset.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.terpasang

.PHONY: run test setup check-python check-libs lint clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
	  echo "Perlu Python 3.11 atau lebih baru (ditemukan: $$($(PYTHON) --version 2>&1 || echo tidak ada)); pasang python3.11 lalu jalankan: make $(MAKECMDGOALS) PYTHON=python3.11"; exit 1; }

$(STAMP): pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

check-libs: $(STAMP)
	@$(BIN)/python -c 'import weasyprint' >/dev/null 2>&1 || { \
	  echo "Pustaka sistem WeasyPrint (Pango) tidak dapat dimuat: pasang dengan 'apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core' lalu ulangi."; exit 1; }

setup: check-libs
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py muat_dataset

run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

clean:
	rm -rf $(VENV) *.egg-info db.sqlite3

# One command to run, one to test. Both create .venv, install, migrate and load the 2022 dataset.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes: one per CPU (pytest-xdist); TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= auto
STAMP := $(VENV)/.terpasang

.PHONY: run serve test setup check-python check-libs lint clean

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
	@$(BIN)/python -c 'import cairosvg' >/dev/null 2>&1 || { \
	  echo "Pustaka sistem cairo (grafik di DOCX laporan) tidak dapat dimuat: pasang dengan 'apt-get install libcairo2' lalu ulangi."; exit 1; }

setup: check-libs
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py muat_dataset

# The development server and, beside it, a task worker (PDF renders, sign-off, big uploads, exports): both
# reload on code changes, and the worker (its own process group, so its reloader's child goes too) stops
# with the server.
run: setup
	@if command -v setsid >/dev/null; then setsid $(BIN)/python manage.py db_worker & \
	  else $(BIN)/python manage.py db_worker --no-reload & fi; pekerja=$$!; \
	  trap 'kill -TERM -- -$$pekerja 2>/dev/null || kill -TERM $$pekerja 2>/dev/null; wait $$pekerja 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production mode: DEBUG off, gunicorn (gunicorn.conf.py) and a task worker against DATABASE_URL,
# static files collected and served by whitenoise. SECRET_KEY and ALLOWED_HOSTS must be set; the demo
# dataset is not loaded (run `make setup` for it). The worker stops with the server.
serve: export DEBUG = false
serve: check-libs
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY wajib diisi untuk make serve (mis. export SECRET_KEY=\$$(openssl rand -hex 32))."; exit 1; }
	@test -n "$$ALLOWED_HOSTS" || { echo "ALLOWED_HOSTS wajib diisi untuk make serve (nama host situs, dipisah koma)."; exit 1; }
	@test -n "$$SITE_URL" || { echo "SITE_URL wajib diisi untuk make serve (alamat publik situs, mis. https://sakip.kota.go.id)."; exit 1; }
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --no-input -v0
	@$(BIN)/python manage.py db_worker & pekerja=$$!; \
	  trap 'kill $$pekerja 2>/dev/null; wait $$pekerja 2>/dev/null' EXIT INT TERM; \
	  PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py

lint: $(STAMP)
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

clean:
	rm -rf $(VENV) *.egg-info db.sqlite3

"""gunicorn settings of `make serve` (production mode). Every value can be overridden by the environment."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Sync workers: each request is short (long work runs on the task worker, not here).
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Restart a worker now and then, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
wsgi_app = "lkjip.wsgi:application"

# Keep each worker's database connection between requests (the settings read this when a worker loads
# the app). Measured with bench/bench_beban.py on the 40-OPD Pemda: a new connection per request costs
# PostgreSQL 14 ms of CPU per table or drill-down page, a kept one 5 ms (web 46 ms either way). One
# connection per worker: the database sees WEB_CONCURRENCY connections per machine.
os.environ.setdefault("DB_CONN_MAX_AGE", "60")

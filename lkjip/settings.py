"""Settings for the SAKIP / LKjIP site.

Every deployment knob comes from an environment variable; the defaults are safe for a developer's
machine. The README lists each variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} harus bernilai true/false, bukan {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY wajib diisi bila DEBUG=false")
    # Development only: a fixed key so sessions survive restarts of `make run`.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS wajib diisi bila DEBUG=false (nama host situs, dipisah koma)")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # The layers, bottom to top: each app imports only the ones above it in this list.
    "inti",
    "renstra",
    "anggaran",
    "perjanjian",
    "capaian",
    "lkjip",
    "lkjip.laporan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Production: static files from the app's own process (collected, compressed, cached for a year by
    # their hashed names). In development runserver serves them from the source folders.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy header (django-csp) on every response; the policy is CONTENT_SECURITY_POLICY.
    "csp.middleware.CSPMiddleware",
    # Every request body bounded while it streams, per endpoint (inti/unggah.py): parses the form itself,
    # before the CSRF check's process_view reads it; after the header middleware so its 413 page has them.
    "inti.unggah.BatasUnggahMiddleware",
    # Records the acting user on every history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Login throttling (django-axes): last, so that it sees every sign-in attempt's outcome.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lkjip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lkjip.context_processors.akses",
            ],
        },
    },
]

WSGI_APPLICATION = "lkjip.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A kept connection is checked before a request reuses it: after a database restart the first
        # request of each worker reconnects instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` serves and runs the task worker on one SQLite file: a writer waits for the other (up to
    # 20 s) instead of failing with "database is locked", and a transaction takes the write lock when it
    # begins, so two transactions that read then write cannot deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "id")
# The UI is Indonesian only: without this, Django's own texts would follow the browser's language.
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Figures are formatted explicitly (inti/tampilan.py: "1.234.567,89", "Rp 8.964.583.767"); a global
# thousands separator would also print years and ids as "2.022".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves the files `collectstatic` hashed and compressed; development and the tests
    # read them from the source folders as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

LOGIN_URL = "login"

# Sign-in throttling (django-axes), on the site's sign-in page and the Django admin's alike: after
# AXES_FAILURE_LIMIT wrong passwords for one account from one address, that pair is locked for
# AXES_COOLOFF_TIME or until the Pemda admin unlocks the account (Kelola pengguna); a success resets the
# count. The client address is REMOTE_ADDR, or behind the reverse proxy the address it reports.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that reads the roles token with the user (inti.auth).
    "inti.auth.BackendPengguna",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MENIT", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lkjip.views_akun.terkunci"
AXES_CLIENT_IP_CALLABLE = "lkjip.views_akun.alamat_klien"
AXES_VERBOSE = False
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# The site's public address, printed in every signed PDF (verification link and QR code): from this
# setting, never from a request's Host header. Required outside development; https:// unless IZINKAN_HTTP.
SITE_URL = os.environ.get(
    "SITE_URL", "" if not DEBUG else f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
).rstrip("/")
if not DEBUG:
    if not SITE_URL.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            "SITE_URL wajib diisi bila DEBUG=false: alamat publik situs, mis. https://sakip.kota.go.id"
        )
    if SITE_URL.startswith("http://") and not env_bool("IZINKAN_HTTP", False):
        raise ImproperlyConfigured(
            "SITE_URL harus https:// (atau atur IZINKAN_HTTP=true untuk uji coba tanpa HTTPS)"
        )

# Outside development the session and CSRF cookies travel over HTTPS only. IZINKAN_HTTP=true allows a
# plain-HTTP trial deployment; without it, the sign-in page tells a visitor on http:// that signing in
# cannot work there.
IZINKAN_HTTP = env_bool("IZINKAN_HTTP", False)
SESSION_COOKIE_SECURE = not DEBUG and not IZINKAN_HTTP
CSRF_COOKIE_SECURE = not DEBUG and not IZINKAN_HTTP
# Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto header.
if env_bool("DI_BELAKANG_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Security headers. Production (DEBUG off, without IZINKAN_HTTP) answers plain HTTP with a redirect to
# HTTPS (behind a TLS-terminating proxy this relies on DI_BELAKANG_PROXY's header) and tells browsers to
# use HTTPS only for a year (HSTS_DETIK; 0 turns it off). HSTS_SUBDOMAIN stays off unless set: with it,
# browsers would also refuse plain HTTP on every host under the site's name, and a site served from the
# Pemda's own domain (kota.go.id) would thereby cut off the Pemda's other services that are still on
# plain HTTP, for a year, with no way back from the server. HSTS_PRELOAD (browsers' built-in list; needs
# HSTS_SUBDOMAIN) is the domain owner's decision too. Both are deliberate defaults, so `check --deploy`
# is not asked to warn about them while they are off.
HTTPS_WAJIB = not DEBUG and not IZINKAN_HTTP
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", HTTPS_WAJIB)
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_DETIK", str(31536000 if HTTPS_WAJIB else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_SUBDOMAIN", False)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: htmx sends the token from the page (base.html's hx-headers) and forms
# carry it in a hidden field.
CSRF_COOKIE_HTTPONLY = True
# A refused CSRF check answers with the site's own page, in Indonesian (lkjip.views_galat).
CSRF_FAILURE_VIEW = "lkjip.views_galat.csrf_gagal"
# Content-Security-Policy (django-csp): scripts, styles, fonts and fetches from the site itself only; no
# inline script, event handler or style attribute anywhere (behaviour lives in static/js, looks in
# static/css); images also as data: URIs (Bootstrap's icons in its CSS). No framing, no foreign forms.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Background work (PDF renders, big uploads, Pemda-wide exports) goes through Django's Tasks API. The
# database backend needs no other service: any number of `manage.py db_worker` processes, on any number
# of machines sharing the database, take the work. Another backend (RQ, Celery) is a settings change.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A running job with no news for this long (seconds) is taken for dead (its worker was killed) and shown
# as failed, so it can be started again. Longer than the slowest render.
PEKERJAAN_BATAS_DIAM = int(os.environ.get("PEKERJAAN_BATAS_DIAM", "900"))
# A monev Excel upload larger than this (bytes) is checked and saved by a task worker, the page following
# its progress; a smaller one at once, in the request.
UNGGAH_LATAR_BYTE = int(os.environ.get("UNGGAH_LATAR_BYTE", str(150 * 1024)))

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Upload limits (bytes): evidence files (PDF/PNG/JPEG) and monev Excel workbooks.
BUKTI_MAKS_BYTE = int(os.environ.get("BUKTI_MAKS_BYTE", str(5 * 1024 * 1024)))
EXCEL_MAKS_BYTE = int(os.environ.get("EXCEL_MAKS_BYTE", str(5 * 1024 * 1024)))
# A workbook is checked before it is parsed (inti/berkas_excel.py): its unpacked size, its XML elements in
# all and within one row or shared string.
EXCEL_MAKS_TERURAI_BYTE = int(os.environ.get("EXCEL_MAKS_TERURAI_BYTE", str(50 * 1024 * 1024)))
EXCEL_MAKS_UNSUR = int(os.environ.get("EXCEL_MAKS_UNSUR", "1000000"))
EXCEL_MAKS_UNSUR_BARIS = int(os.environ.get("EXCEL_MAKS_UNSUR_BARIS", "100000"))
# A form without files (the longest is a report narrative) and the non-file fields of an upload: at most
# 1 MB. The files of the upload endpoints have their own limits (inti/unggah.py); a file up to 1 MB stays
# in memory, a bigger one goes to a temporary file that never grows past its endpoint's limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Keeps the demo password out of the code paths that run in production.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "sakip-demo-2022")

# Engine results kept per process (OPD-years), keyed by the data version; 0 turns the cache off.
ENGINE_CACHE_UKURAN = int(os.environ.get("ENGINE_CACHE_UKURAN", "100"))

# Rendered table pages and drill-downs, kept under the data versions they show (capaian.views_tabel).
# "basisdata" (the default when DEBUG is off): Django's database cache, shared by every web process on
# every machine of the database (`manage.py createcachetable`, run by `make setup` and `make serve`);
# "lokal": per process (development and tests); "berkas": files under CACHE_FOLDER, shared by the
# processes of one machine.
CACHE_JENIS = os.environ.get("CACHE_JENIS", "lokal" if DEBUG else "basisdata")
_CACHE_BACKEND = {
    "lokal": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}},
    "basisdata": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lkjip_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
    },
    "berkas": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_FOLDER", str(BASE_DIR / "var" / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
    },
}
if CACHE_JENIS not in _CACHE_BACKEND:
    raise ImproperlyConfigured(f"CACHE_JENIS harus salah satu dari: {', '.join(_CACHE_BACKEND)}")
CACHES = {"default": {**_CACHE_BACKEND[CACHE_JENIS], "TIMEOUT": 3600}}

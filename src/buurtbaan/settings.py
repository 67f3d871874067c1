"""Settings for buurtbaan: one module, configured from the environment.

Every variable is documented in `.env.example`. Values are parsed by strict helpers that reject
what they do not understand, so a typo fails loudly instead of silently falling back to a default.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def cache_from_url(url: str) -> dict:
    """Django's CACHES entry for CACHE_URL.

    `locmem://` (the default) keeps counters in the memory of one process: right for the single
    process `buurtbaan serve` runs. Several processes on one server share `file:///some/folder`;
    several servers share `redis://host:6379/0` (needs the `redis` package).
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        scheme = ""
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "file":
        if not rest.startswith("/"):
            raise ImproperlyConfigured(
                f"CACHE_URL needs an absolute folder: file:///..., not {url!r}"
            )
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": rest}
    if scheme in ("redis", "rediss"):
        if importlib.util.find_spec("redis") is None:
            raise ImproperlyConfigured("CACHE_URL is redis://: install the redis package first")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with locmem://, file:// or redis://, not {url!r}"
    )


def envaddress(name: str, default: str) -> str:
    """One IP address, or `*` for any (only when nothing but the proxy can reach the server)."""
    value = os.environ.get(name, default).strip()
    if value == "*":
        return value
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be one IP address or *, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Local state (demo SQLite database, generated secret key, uploads) lives in one data folder.
DATA_DIR = Path(os.environ.get("BUURTBAAN_DATA_DIR", PROJECT_DIR / "var")).resolve()

DEBUG = envbool("DEBUG", "false")


def _secret_key_from_data_dir() -> str:
    """Read the key kept in the data folder, generating it on first use.

    A random key per installation, never a default shared by every installation; production
    sets SECRET_KEY explicitly so that it survives a new data folder.
    """
    from django.core.management.utils import get_random_secret_key

    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.touch(mode=0o600)
        key_file.write_text(get_random_secret_key())
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "") or _secret_key_from_data_dir()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "buurtbaan.core",
    "buurtbaan.audit",
    "buurtbaan.accounts",
    "buurtbaan.bureaus",
    "buurtbaan.organisations",
    "buurtbaan.residents",
    "buurtbaan.work",
    "buurtbaan.board",
    "buurtbaan.imports",
    "buurtbaan.quotes",
    "buurtbaan.impact",
    "buurtbaan.matching",
    "buurtbaan.talentsearch",
    "buurtbaan.pool",
    "buurtbaan.privacy",
    "buurtbaan.demo",
    "buurtbaan.background",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "buurtbaan.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "buurtbaan.core.middleware.NoStoreForPersonalPagesMiddleware",
    # Last, as django-axes asks: it turns a lock-out into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "buurtbaan.urls"
WSGI_APPLICATION = "buurtbaan.wsgi.application"

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
                "django.template.context_processors.i18n",
                "buurtbaan.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'buurtbaan.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serves several threads and a command at once when:
    # - a transaction takes the write lock when it begins (IMMEDIATE). A deferred one that read
    #   first and then writes cannot wait for the lock: SQLite refuses it at once ("database is
    #   locked") because waiting could deadlock;
    # - a writer waits for the lock (timeout, in seconds) instead of failing;
    # - readers do not block the writer nor it them (WAL). NORMAL synchronisation is safe with WAL
    #   (a power cut may lose the last commits, never corrupts) and much faster than FULL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits of the public forms count in the cache; see `cache_from_url` for when to share it.
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://"))}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses a login while the account or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Throttling of failed logins (django-axes): after AXES_FAILURE_LIMIT failures for the same
# account from the same address, or AXES_ADDRESS_FAILURE_LIMIT failures from one address on any
# accounts together (password spraying), further attempts are refused for AXES_COOLOFF_MINUTES.
# See `accounts.throttling`.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_ADDRESS_FAILURE_LIMIT = envint("AXES_ADDRESS_FAILURE_LIMIT", "20")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "15") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "buurtbaan.accounts.throttling.AccountAndAddressHandler"
# The same client address as the rate limits of the public forms (behind a proxy: the client's).
AXES_CLIENT_IP_CALLABLE = "buurtbaan.core.spam.client_address"
# Successful logins are in the audit log already; axes' own log would keep addresses forever.
AXES_DISABLE_ACCESS_LOG = True
# Not in the Django admin: the records hold e-mail addresses and IP addresses of everyone.
AXES_ENABLE_ADMIN = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_ENABLED = envbool("AXES_ENABLED", "true")

# Retention for the whole platform (`buurtbaan apply_retention`; per-bureau periods are set by
# the coordinator): django-axes' login records, and audit entries without a bureau (logins).
LOGIN_RECORDS_RETENTION_DAYS = envint("LOGIN_RECORDS_RETENTION_DAYS", "90")
PLATFORM_AUDIT_RETENTION_YEARS = envint("PLATFORM_AUDIT_RETENTION_YEARS", "2")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["buurtbaan.formats"]  # short dates written the Dutch way; see there
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Static files straight from the source folders, without `collectstatic`: with DEBUG, and in the
# demo (which runs without DEBUG, to show the real error pages). Production collects them once
# (`buurtbaan serve` does) and serves compressed files with cache-busting names.
STATIC_FROM_SOURCE = envbool("STATIC_FROM_SOURCE", "true" if DEBUG else "false")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_FROM_SOURCE
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = STATIC_FROM_SOURCE
# Look the files up on each request instead of scanning STATIC_ROOT at start (which the demo
# never fills, and whitenoise would warn about on the console).
WHITENOISE_AUTOREFRESH = STATIC_FROM_SOURCE

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "buurtbaan <noreply@localhost>")

# Security. Sessions are short-lived because many devices in a neighbourhood centre are shared.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A form sent without a valid token gets a page in the site's layout, not Django's technical one.
CSRF_FAILURE_VIEW = "buurtbaan.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
HTTPS = envbool("HTTPS", "false" if DEBUG else "true")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and envbool("SECURE_SSL_REDIRECT", "true")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
# Behind a reverse proxy that terminates TLS, `buurtbaan serve` believes the proxy's
# X-Forwarded-Proto and X-Forwarded-For, but only from TRUSTED_PROXY (see `cli._serve`): then
# the request is https and its address is the client's, for the rate limits and django-axes.
BEHIND_PROXY = envbool("BEHIND_PROXY", "false")
TRUSTED_PROXY = envaddress("TRUSTED_PROXY", "127.0.0.1")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: only our own scripts and styles; htmx is vendored, not loaded from a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# Background work: one queue on Django's Tasks API (docs/background.md). `database` keeps the
# queue in the database for `buurtbaan worker` / `run_scheduled`; `immediate` runs each task
# at once in the process that enqueues it (no worker needed, but a slow task slows a request).
_TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("TASKS_BACKEND", "database").strip().lower()
if _tasks_backend not in _TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be database or immediate, not {_tasks_backend!r}"
    )
TASKS = {"default": {"BACKEND": _TASKS_BACKENDS[_tasks_backend]}}
# The local hour (0-23) at which daily and weekly periodic tasks fall due.
TASKS_DAILY_HOUR = envint("TASKS_DAILY_HOUR", "3")
if not 0 <= TASKS_DAILY_HOUR <= 23:
    raise ImproperlyConfigured(f"TASKS_DAILY_HOUR must be 0 to 23, not {TASKS_DAILY_HOUR}")

# Matching: how long a bureau's scored engine stays in memory (seconds; 0 = rebuild every time).
MATCHING_CACHE_SECONDS = envint("MATCHING_CACHE_SECONDS", "60")
# How long a matching round may search for its proof of optimality (seconds; 0 = no limit).
MATCHING_ROUND_SECONDS = envint("MATCHING_ROUND_SECONDS", "20")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Making a PDF, WeasyPrint and fontTools log every font and subset at INFO and DEBUG;
        # it would bury the demo's printed e-mails and fill a server's log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

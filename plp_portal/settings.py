"""Settings for the PLP Portal, read from environment variables.

Every value has a safe default: DEBUG is off unless DJANGO_DEBUG=true, and then a checkout
makes its own secret key (.dev-secret-key, ignored by git). Production sets
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL (see README, "Deployment").
"""

import datetime as dt
import os
import re
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from plp_portal.secret_key import development_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_rate(name: str, default: str) -> str:
    """A rate limit such as "10/h" or "30/10m" (per s, m, h or d), checked at start-up: a typo
    must not turn into every request being refused."""
    value = os.environ.get(name, default).strip()
    if not re.fullmatch(r"[0-9]+/[0-9]*[smhd]", value):
        raise ImproperlyConfigured(f'{name} must be a rate such as "10/h" or "30/10m".')
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    try:
        seconds = float(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, not {value!r}.") from None
    if seconds < 0:
        raise ImproperlyConfigured(f"{name} must not be negative.")
    return seconds


# Off unless asked for: a forgotten variable must never show tracebacks to the public.
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = development_secret_key(BASE_DIR / ".dev-secret-key")
if not SECRET_KEY:
    # One sentence, no traceback: this is a missing setting, not a bug.
    sys.exit(
        "DJANGO_SECRET_KEY is not set: set it to a long random value "
        "(or set DJANGO_DEBUG=true for development)."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Before the admin: it registers the per-language columns of translated content
    # (each app's translation.py) and patches the admin's forms.
    "modeltranslation",
    "plp_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "consortia",
    "findings",
    "events",
    "plp_portal.apps.PortalConfig",
]

MIDDLEWARE = [
    # First: every answer, even a redirect to HTTPS or a cached page, carries X-Request-ID.
    "plp_portal.request_context.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outermost after security headers, so every answer carries the policy: static files,
    # cached pages, refusals of the middleware below, errors.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads a body (CSRF reads the form): too large is refused unread.
    "plp_portal.request_size.RequestSizeLimitMiddleware",
    "plp_portal.nul_bytes.RejectNulBytesMiddleware",
    # The language of the request, from its /en/, /fr/ or /es/ prefix (or, where the address
    # has none, the API and the admin, from Accept-Language): before the page cache, whose keys
    # name the active language, so a French page is never served for an English address. It
    # needs no session; it also sends an old unprefixed address (/findings/) on to its
    # language's address (302), and adds Vary: Accept-Language to unprefixed answers.
    "django.middleware.locale.LocaleMiddleware",
    # Early, so a cached page skips sessions, URL resolution and rendering (see page_cache).
    "plp_portal.page_cache.PageCacheMiddleware",
    # A view that cannot reach the database answers 503 (cached pages above still answer).
    "plp_portal.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout, lifetime, "sign out everywhere else" (plp_portal.session_policy): before
    # the second step, so a half-finished sign-in expires like any other session.
    "plp_portal.session_policy.SessionPolicyMiddleware",
    # Which second factor (if any) confirmed this session: request.user.is_verified().
    "django_otp.middleware.OTPMiddleware",
    # Staff, and members who turned it on, finish signing in with a code before anything else.
    "consortia.two_factor_middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a refused sign-in into the lockout page (plp_portal.lockout).
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp) on every response: only the site's own scripts,
# styles, images, fonts and connections; no inline script or style, no plugins, no framing,
# forms post only to the site. A view that needs more says so with csp_update (the API docs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Benchmarks only (bench/): PLP_BENCH_BASELINE=true adds /_bench/baseline/, a page without
# database to compare the others with. Off unless asked for.
PLP_BENCH_BASELINE = env_bool("PLP_BENCH_BASELINE", False)
ROOT_URLCONF = "plp_portal.bench_baseline" if PLP_BENCH_BASELINE else "plp_portal.urls"

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
                "plp_portal.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "plp_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A request must not wait long for PostgreSQL (plp_portal.postgresql): connecting gives up
# after DATABASE_CONNECT_TIMEOUT (libpq: whole seconds, at least 2); a statement of a process
# that serves requests is cancelled after DATABASE_STATEMENT_TIMEOUT (management commands are
# not limited: wsgi.py and asgi.py set PLP_SERVES_REQUESTS); a stalled server is found within
# about 1.5 s whatever these say. 0 turns a limit off.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "plp_portal.postgresql"
DATABASE_CONNECT_TIMEOUT = env_seconds("DATABASE_CONNECT_TIMEOUT", 2.0)
DATABASE_STATEMENT_TIMEOUT = env_seconds("DATABASE_STATEMENT_TIMEOUT", 5.0)
PLP_SERVES_REQUESTS = env_bool("PLP_SERVES_REQUESTS", False)

# Throttle counters and other shared state: Redis when REDIS_URL is set (needed as soon as
# several gunicorn workers serve the site), otherwise memory local to each process.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The findings' covering indexes (migration 0008) list extra columns that only PostgreSQL
# stores; SQLite keeps the same indexes without them, which is all the embedded default needs.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    SILENCED_SYSTEM_CHECKS = ["models.W040"]


# A stalled Redis must cost a request at most one of these timeouts (plp_portal.cache_outage).
REDIS_CONNECT_TIMEOUT = env_seconds("REDIS_CONNECT_TIMEOUT", 1.0)
REDIS_SOCKET_TIMEOUT = env_seconds("REDIS_SOCKET_TIMEOUT", 1.0)
# Put before every Redis key, for a Redis database shared with another user of it; clearing
# the cache then deletes only these keys (plp_portal.redis_cache). The test suite's parallel
# workers each set their own (plp_portal.pytest_plugin).
PLP_CACHE_KEY_PREFIX = os.environ.get("PLP_CACHE_KEY_PREFIX", "")


#: Entries the in-process cache keeps (no Redis): pages are 10–60 kB, so at most ~150 MB.
LOCAL_CACHE_MAX_ENTRIES = 3000


def cache_settings(
    redis_url: str,
    *,
    connect_timeout: float = REDIS_CONNECT_TIMEOUT,
    timeout: float = REDIS_SOCKET_TIMEOUT,
    key_prefix: str = PLP_CACHE_KEY_PREFIX,
) -> dict:
    """CACHES for a Redis URL, or memory local to the process without one.

    "default" answers a miss when Redis is down (pages, counts, the anonymous API limit keep
    working); "strict" is the same data and raises every error, for what must fail closed.
    """
    if not redis_url:
        # One LOCATION: both aliases are the same memory. Django's default of 300 entries
        # holds fewer than one language's pages of the demo with their fragments (each page
        # also keeps its JSON-LD, programme and chart fragments): beyond it a third of the
        # cache is dropped at random, so a page cached a moment ago is rendered again.
        local = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "plp",
            "OPTIONS": {"MAX_ENTRIES": LOCAL_CACHE_MAX_ENTRIES},
        }
        return {"default": local, "strict": local}
    redis_cache = {
        "LOCATION": redis_url,
        "KEY_PREFIX": key_prefix,
        # 0 means no limit: redis-py waits for ever on None (a socket timeout of 0 would not block).
        "OPTIONS": {
            "socket_connect_timeout": connect_timeout or None,
            "socket_timeout": timeout or None,
        },
    }
    return {
        "default": {"BACKEND": "plp_portal.cache_outage.ResilientRedisCache", **redis_cache},
        "strict": {"BACKEND": "plp_portal.redis_cache.SharedClientRedisCache", **redis_cache},
    }


CACHES = cache_settings(REDIS_URL)

# Anonymous reads of public pages and API answers are served from that cache until the
# content they show changes (plp_portal.page_cache); PLP_PAGE_CACHE=false turns it off.
# Freshness comes from content tags, not time: the lifetime only frees unused entries.
PLP_PAGE_CACHE = env_bool("PLP_PAGE_CACHE", True)
PLP_PAGE_CACHE_SECONDS = int(os.environ.get("PLP_PAGE_CACHE_SECONDS", str(24 * 3600)))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How many reverse proxies of ours stand in front of the portal, each appending the address it
# saw to X-Forwarded-For (nginx: 1). 0 ignores the header: the caller could write anything in
# it. Throttles, lockouts and the audit log all read plp_portal.client_address.
PLP_NUM_PROXIES = int(os.environ.get("PLP_NUM_PROXIES", "0"))
if PLP_NUM_PROXIES < 0:
    raise ImproperlyConfigured("PLP_NUM_PROXIES must be 0 or more.")

# Where `manage.py backup`/`restore` find pg_dump, pg_restore and psql; empty: on the PATH.
PLP_PG_BIN_DIR = os.environ.get("PLP_PG_BIN_DIR", "")

# dumpdata/loaddata keep times to the microsecond (Django's JSON rounds them to milliseconds).
SERIALIZATION_MODULES = {
    "json": "plp_portal.exact_json.json",
    "jsonl": "plp_portal.exact_json.jsonl",
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface's languages (README, "Languages"): every page has an address in each
# (/en/…, /fr/…, /es/…); English is the fallback wherever no language is asked for.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers follow the active language (Django's formats), except English, whose
# dates are written the British way the portal always used ("2 December 2021").
FORMAT_MODULE_PATH = ["plp_portal.formats"]
# Translated content (names, titles, summaries, bodies) has one column per language
# (django-modeltranslation): title_en, title_fr, title_es. Text missing in the reader's
# language falls back to the object's original language first (plp_portal.content_language).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es")
# The server's own zone; each event keeps its own zone and is shown in it.
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# plp_portal/static is found as the static folder of the plp_portal app.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# --- Open data ---
# Where `manage.py export_open_data --publish` puts the dump the "Open data" page offers (a
# zip, replaced whole); every app server must read the same directory, like the media.
PLP_OPEN_DATA_DIR = Path(os.environ.get("PLP_OPEN_DATA_DIR", "") or MEDIA_ROOT / "open-data")
# The licence of the published content: an SPDX identifier and the licence's address.
PLP_DATA_LICENCE = os.environ.get("PLP_DATA_LICENCE", "CC-BY-4.0")
PLP_DATA_LICENCE_URL = os.environ.get(
    "PLP_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
# The address OAI-PMH's Identify gives harvesters to write to (default: DEFAULT_FROM_EMAIL's).
PLP_OAI_ADMIN_EMAIL = os.environ.get("PLP_OAI_ADMIN_EMAIL", "")

# --- Signing in ---
# django-axes counts failed sign-ins per name and address in the database, which every server
# shares: after PLP_LOGIN_FAILURE_LIMIT of them, that name is refused from that address (on
# the site and in the admin) until PLP_LOGIN_COOLOFF_MINUTES have passed without another try.
# A name alone is not locked, so nobody can lock a curator out from elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("PLP_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("PLP_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "plp_portal.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "plp_portal.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "plp_portal.lockout.attempted_username"
AXES_RESET_ON_SUCCESS = True
# The audit log records sign-ins; axes' own log of them would keep names and addresses forever.
AXES_DISABLE_ACCESS_LOG = True
# Lockouts are lifted from the command line (`manage.py axes_reset_username NAME`), not the
# admin, whose curators have no business with other people's failed sign-ins.
AXES_ENABLE_ADMIN = False

# Rate limits (plp_portal.rate_limits), counted in the cache above: "N/h", "N/10m", "N/d".
# Its strict alias: with Redis out of reach these steps are refused (503), never let through.
RATELIMIT_USE_CACHE = "strict"
# Sign-in attempts per address, whatever the name (axes locks a name per address).
PLP_LOGIN_RATE = env_rate("PLP_LOGIN_RATE", "30/10m")
# Password-reset requests per address, and per e-mail address asked for (each sends a mail).
PLP_PASSWORD_RESET_RATE = env_rate("PLP_PASSWORD_RESET_RATE", "10/h")
PLP_PASSWORD_RESET_EMAIL_RATE = env_rate("PLP_PASSWORD_RESET_EMAIL_RATE", "3/h")
# New API tokens per account (site and API together), and requests with uploads per account.
PLP_TOKEN_CREATE_RATE = env_rate("PLP_TOKEN_CREATE_RATE", "10/h")
PLP_UPLOAD_RATE = env_rate("PLP_UPLOAD_RATE", "60/h")
# Downloads of the findings list (CSV, JSON Lines) and OAI-PMH requests, per address: each
# export reads up to every listed finding; a harvester pages through them.
PLP_EXPORT_RATE = env_rate("PLP_EXPORT_RATE", "30/h")
# The most findings one download of the list holds: a sync worker must finish it within its
# timeout (deploy/gunicorn.conf.py); every finding at once is the open-data dump.
PLP_EXPORT_MAX_ROWS = int(os.environ.get("PLP_EXPORT_MAX_ROWS", "10000"))
PLP_OAI_RATE = env_rate("PLP_OAI_RATE", "60/m")

# Signed-in sessions end after this long without a request (staff, who hold the admin, sooner)
# and this long after signing in, however active (plp_portal.session_policy).
PLP_SESSION_IDLE_MINUTES = int(os.environ.get("PLP_SESSION_IDLE_MINUTES", "120"))
PLP_STAFF_SESSION_IDLE_MINUTES = int(os.environ.get("PLP_STAFF_SESSION_IDLE_MINUTES", "30"))
PLP_SESSION_MAX_HOURS = int(os.environ.get("PLP_SESSION_MAX_HOURS", "12"))
# The cookie and the stored session go with the lifetime, not Django's two weeks.
SESSION_COOKIE_AGE = PLP_SESSION_MAX_HOURS * 3600

LOGIN_URL = "login"
# URL names, so each leads to the address in the language of the page.
LOGIN_REDIRECT_URL = "members:dashboard"
LOGOUT_REDIRECT_URL = "events:home"

SITE_NAME = os.environ.get("PLP_SITE_NAME", "PLP Portal")
# Where visitors write about the portal (the footer, the accessibility statement).
PLP_CONTACT_EMAIL = os.environ.get("PLP_CONTACT_EMAIL", "contact@plp.example.org")

# --- Two-step sign-in (django-otp): required for staff, optional for members ---
# The name authenticator apps show next to the account.
OTP_TOTP_ISSUER = SITE_NAME
# The admin's pages of devices never show a secret key, a QR code or a recovery code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Members, review and e-mail (findings workflow) ---
# Absolute links in e-mails sent outside a request (review decisions).
PLP_SITE_URL = os.environ.get("PLP_SITE_URL", "http://127.0.0.1:8000")
# Largest attachment a member may upload, in bytes (default 10 MB).
PLP_ATTACHMENT_MAX_BYTES = int(os.environ.get("PLP_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# An office file (a zip) may unpack to at most this much, in at most this many entries: a
# small file that unpacks to gigabytes (a zip bomb) is refused.
PLP_ATTACHMENT_MAX_UNPACKED_BYTES = int(
    os.environ.get("PLP_ATTACHMENT_MAX_UNPACKED_BYTES", str(256 * 1024 * 1024))
)
PLP_ATTACHMENT_MAX_ENTRIES = int(os.environ.get("PLP_ATTACHMENT_MAX_ENTRIES", "5000"))
# The largest request with files, refused from its Content-Length before it is read: by
# default the members' form's two attachments at their limit, and 1 MB for its text.
PLP_UPLOAD_MAX_BYTES = int(
    os.environ.get("PLP_UPLOAD_MAX_BYTES", str(2 * PLP_ATTACHMENT_MAX_BYTES + 1024 * 1024))
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PLP Portal <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


def email_settings(url: str) -> dict:
    """EMAIL_* settings from a URL: smtp://user:pass@host:587?tls (or ?ssl), console://,
    locmem://, dummy://. Without a URL, mail is printed on the console."""
    from urllib.parse import parse_qs, unquote, urlsplit

    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    simple = {"console": "console", "locmem": "locmem", "dummy": "dummy"}
    if parts.scheme in simple:
        return {"EMAIL_BACKEND": f"django.core.mail.backends.{simple[parts.scheme]}.EmailBackend"}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {parts.scheme!r}.")
    query = {key.lower() for key in parse_qs(parts.query, keep_blank_values=True)}
    use_ssl = parts.scheme == "smtps" or "ssl" in query
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if use_ssl else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": "tls" in query or "starttls" in query,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": 10,
    }


globals().update(email_settings(os.environ.get("EMAIL_URL", "")))
if not os.environ.get("EMAIL_URL") and os.environ.get("EMAIL_HOST"):
    # The classic variables work too: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, …
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 10

# --- Personal data: how long what is no longer needed is kept (manage.py purge_expired_data) ---
# API tokens, once revoked or expired, are kept this many days (for the member's own record).
PLP_RETENTION_TOKEN_DAYS = int(os.environ.get("PLP_RETENTION_TOKEN_DAYS", "90"))
# The record that an erasure was carried out (dates and curator, never who asked).
PLP_RETENTION_ERASURE_RECORD_DAYS = int(os.environ.get("PLP_RETENTION_ERASURE_RECORD_DAYS", "365"))

# Production hardening: on whenever DEBUG is off, so `check --deploy` passes.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

# The audit log (plp_portal.audit_log): logins, failures, lockouts, resets, tokens, review
# decisions, one JSON line each, in a file of its own ("-": standard error, for journald).
# The default lies beside the code, outside static and media files; production names a path
# such as /var/log/plp/audit.log. Lines older than PLP_AUDIT_RETENTION_DAYS are dropped by
# `manage.py prune_audit_log`, run daily.
PLP_AUDIT_LOG = os.environ.get("PLP_AUDIT_LOG", "") or str(BASE_DIR / "audit.log")
PLP_AUDIT_RETENTION_DAYS = int(os.environ.get("PLP_AUDIT_RETENTION_DAYS", "365"))
_AUDIT_HANDLER = (
    {"class": "logging.StreamHandler", "formatter": "audit"}
    if PLP_AUDIT_LOG == "-"
    else {
        # Reopens the file when logrotate or prune_audit_log has replaced it.
        "class": "logging.handlers.WatchedFileHandler",
        "filename": PLP_AUDIT_LOG,
        "encoding": "utf-8",
        "delay": True,
        "formatter": "audit",
    }
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"skip_answered_outages": {"()": "plp_portal.unavailable.SkipAnsweredOutages"}},
    "formatters": {"audit": {"()": "plp_portal.audit_log.AuditFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}, "audit": _AUDIT_HANDLER},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "plp.audit": {"handlers": ["audit"], "level": "INFO", "propagate": False},
        # axes names the tried usernames in its messages; the audit log has the events.
        "axes": {"level": "ERROR"},
        # A database outage is logged once a minute, not once per request answered 503.
        "django.request": {"filters": ["skip_answered_outages"]},
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "plp_portal.api_schema.PortalAutoSchema",
    # Token first, so an anonymous caller of a members-only endpoint gets 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "consortia.authentication.ApiTokenAuthentication",
        # A browser session, once its second factor is confirmed where one is needed.
        "consortia.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["plp_portal.api_permissions.ReadOnlyOrAuthenticated"],
    # JSON only: the browsable documentation lives at /api/docs/.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # `?format=` is the events' format filter, not a renderer switch.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_PARSER_CLASSES": ["plp_portal.api_parsers.BoundedJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "plp_portal.api_pagination.PortalPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "plp_portal.api_throttling.AnonReadThrottle",
        "plp_portal.api_throttling.UserWriteThrottle",
    ],
    "NUM_PROXIES": PLP_NUM_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "anon_read": os.environ.get("PLP_API_ANON_RATE", "60/minute"),
        "user_write": os.environ.get("PLP_API_USER_WRITE_RATE", "30/minute"),
    },
    "EXCEPTION_HANDLER": "plp_portal.api_errors.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PLP Portal API",
    "DESCRIPTION": (
        "Open data on peer-learning partnerships: consortia, organisations, people, events, "
        "themes, SDGs and findings. Reading is public; members write draft findings for their "
        "consortia with a personal API token (see /me/tokens/) or their session."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "FindingStatusEnum": "findings.enums.FindingStatus",
        "ThemeKindEnum": "findings.enums.ThemeKind",
        "ClaimKindEnum": "findings.enums.ClaimKind",
        "EvidenceKindEnum": "findings.enums.EvidenceKind",
        "OrganisationKindEnum": "consortia.enums.OrganisationKind",
        "MembershipRoleEnum": "consortia.enums.MembershipRole",
        "SessionKindEnum": "events.enums.SessionKind",
        "ContributionKindEnum": "events.enums.ContributionKind",
        "EventFormatEnum": "events.enums.EventFormat",
    },
}

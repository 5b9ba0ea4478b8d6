"""Settings for the PLP Portal, read from environment variables.

Every value has a safe development default; production sets DJANGO_DEBUG=false,
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL (see README, "Deployment").
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "plp_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "plp_portal.nul_bytes.RejectNulBytesMiddleware",
    # Early, so a cached page skips sessions, URL resolution and rendering (see page_cache).
    "plp_portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second factor (if any) confirmed this session: request.user.is_verified().
    "django_otp.middleware.OTPMiddleware",
    # Staff, and members who turned it on, finish signing in with a code before anything else.
    "consortia.two_factor_middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

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

# Throttle counters and other shared state: Redis when REDIS_URL is set (needed as soon as
# several gunicorn workers serve the site), otherwise memory local to each process.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The findings' covering indexes (migration 0008) list extra columns that only PostgreSQL
# stores; SQLite keeps the same indexes without them, which is all the embedded default needs.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

CACHES = {
    "default": (
        {"BACKEND": "plp_portal.redis_cache.SharedClientRedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Anonymous reads of public pages and API answers are served from that cache until the
# content they show changes (plp_portal.page_cache); PLP_PAGE_CACHE=false turns it off.
# Freshness comes from content tags, not time: the lifetime only frees unused entries.
PLP_PAGE_CACHE = env_bool("PLP_PAGE_CACHE", True)
PLP_PAGE_CACHE_SECONDS = int(os.environ.get("PLP_PAGE_CACHE_SECONDS", str(24 * 3600)))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
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

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/me/"
LOGOUT_REDIRECT_URL = "/"

SITE_NAME = os.environ.get("PLP_SITE_NAME", "PLP Portal")

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
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
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "FindingStatusEnum": "findings.enums.FindingStatus",
        "ThemeKindEnum": "findings.enums.ThemeKind",
        "OrganisationKindEnum": "consortia.enums.OrganisationKind",
        "MembershipRoleEnum": "consortia.enums.MembershipRole",
        "SessionKindEnum": "events.enums.SessionKind",
        "ContributionKindEnum": "events.enums.ContributionKind",
        "EventFormatEnum": "events.enums.EventFormat",
    },
}

"""Settings for Sikker kommune, read from the environment (see the table in README.md)."""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
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
    "simple_history",
    "django_tables2",
    "django_filters",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    # Always installed (it has no tables), so its URLs exist; it offers a login only when OIDC_* is set.
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "csp",
    "isms.core",
    "isms.protocol",
    "risk",
    "dpia",
    "training",
    "isms.oversight",
    "isms.incidents",
    "isms.cycle",
    "isms.ops",
    "rest_framework",
    "drf_spectacular",
    "isms.api",
]

MIDDLEWARE = [
    # First: times the whole request, and sees the client's address before anything reads it.
    "isms.ops.request_log.RequestLogMiddleware",
    "isms.ops.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "isms.core.middleware.RequireMfaMiddleware",
    # Axes must come last: it turns a lock-out into the bokmål lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "isms.urls"
WSGI_APPLICATION = "isms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "isms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "isms.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DB_POOL_MAX = int(os.environ.get("DB_POOL_MAX", "8"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_POOL_MAX > 0:
    # Each process (a gunicorn worker, a Celery worker, runserver) keeps at most DB_POOL_MAX connections
    # and lends them to its threads; a thread waits up to DB_POOL_TIMEOUT seconds for one instead of
    # opening its own (persistent connections per thread exhausted max_connections). The pool needs
    # CONN_MAX_AGE 0; a connection is checked before it is lent again (CONN_HEALTH_CHECKS).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DB_POOL_MIN", "1")),
        "max_size": DB_POOL_MAX,
        "timeout": float(os.environ.get("DB_POOL_TIMEOUT", "30")),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must bear a handful of simultaneous users: WAL lets readers work while one
    # writes; a writer waits up to 20 s for the lock (busy timeout) instead of failing at once; and every
    # transaction takes the write lock when it begins (IMMEDIATE), since a transaction that read first and
    # then writes cannot wait for a lock another writer holds: SQLite answers "database is locked" at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With CACHE_URL (Redis), every process shares the cache: the course pages' rate limit, the sessions'
# cache and the header's counts. Redis down is a cache miss (isms/ops/cache.py), never an error page.
CACHES = {
    "default": (
        {
            "BACKEND": "isms.ops.cache.ResilientRedisCache",
            "LOCATION": os.environ["CACHE_URL"],
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if os.environ.get("CACHE_URL")
        # Room for the status figures of every municipality (oversight/snapshots.py) besides the rest.
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20000}}
    )
}
# Sessions are rows in the database, read through the cache: any instance continues any session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "isms.core.auth.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: local accounts by e-mail, invitation only, TOTP as second factor.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "isms.core.auth.InvitationOnlyAccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Sikker kommune] "
# django-axes is the one lock-out per e-mail + IP (5 failures, 15 minutes). allauth's own counter is
# kept per IP only and well above it, as a brake on spraying many accounts from one address; a
# per-e-mail counter in allauth would also lock the right person out from every other network.
ACCOUNT_RATE_LIMITS = {"login_failed": "30/15m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Sikker kommune"
# Accounts come only by invitation (the link proved the address) and sign-up is closed, so allauth's guard
# against two-factor on an unverified address is not needed: without this, opening the e-mail page or
# asking for a password reset would block TOTP for good.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# One address per person: the one the invitation went to (a second, unverified one could log in too).
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
# Global roles that must have TOTP turned on before they can use the app (empty: nobody).
MFA_REQUIRED_GLOBAL_ROLES = env_list("MFA_REQUIRED_GLOBAL_ROLES")
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_ADAPTER = "isms.core.auth.KnownUsersSocialAccountAdapter"
if os.environ.get("OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "entra",
                    "name": "Microsoft Entra ID",
                    "client_id": os.environ["OIDC_CLIENT_ID"],
                    "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                    "settings": {"server_url": os.environ.get("OIDC_SERVER_URL", "")},
                }
            ]
        }
    }

# Reasons are typed in 500-character fields and a template take-in appends what was taken in: the
# default 100-character column would refuse them on PostgreSQL (SQLite does not check lengths).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "isms.core.auth.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Invitations to join a municipality are valid this long.
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "7"))
# Letterhead logos: PNG or JPEG, checked by content, at most this many bytes.
LOGO_MAX_BYTES = 1024 * 1024
# Signed data processing agreements: PDF, checked by content, at most this many bytes.
AGREEMENT_MAX_BYTES = 20 * 1024 * 1024
# An existing behandlingsprotokoll to import (XLSX or CSV): at most this many bytes.
PROTOCOL_IMPORT_MAX_BYTES = 5 * 1024 * 1024
# The cooperation's shared data protection officer, named with contact details in every protocol (Art. 30(1)(a)).
DPO_CONTACT = {
    "name": os.environ.get("DPO_NAME", "Personvernombudet i Digitale Helgeland"),
    "email": os.environ.get("DPO_EMAIL", "personvernombud@digitalehelgeland.no"),
    "phone": os.environ.get("DPO_PHONE", ""),
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["isms.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "isms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded and generated files (logos, signed agreements, exports) go through the default storage: the disk
# under MEDIA_ROOT unless STORAGE_BACKEND names another, e.g. django-storages' S3 backend with its options as
# JSON in STORAGE_OPTIONS. MEDIA_URL is never routed: files are served by access-checked views only.
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("STORAGE_OPTIONS") or "{}"),
    },
    "staticfiles": {
        "BACKEND": os.environ.get("STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
if DEBUG:
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Sikker kommune <ikke-svar@sikkerkommune.no>")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE
# Redis gives an unacknowledged task back to another worker after this long (a worker killed mid-task);
# the outbox sweep does not wait for it. A task publish gives up quickly when the broker is down: the
# e-mail is already in the outbox and the sweep queues it again.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# One scheduler (celery beat, exactly one process) runs the periodic jobs; each job sends or changes a
# thing only once, so a double run (two beats by mistake, a retry) is harmless but wasteful.
CELERY_BEAT_SCHEDULE = {
    "course-reminders": {"task": "training.tasks.send_course_reminders", "schedule": 60 * 60 * 24},
    "course-participant-retention": {"task": "training.tasks.anonymise_expired_participants", "schedule": 60 * 60 * 24},
    "deadline-checks": {
        "task": "isms.core.tasks.run_deadline_checks",
        "schedule": crontab(hour=int(os.environ.get("CHECKS_HOUR", "6")), minute=0),
    },
    "notification-digests": {"task": "isms.core.tasks.send_notification_digests", "schedule": crontab(minute=5)},
    "outbox-sweep": {"task": "isms.core.tasks.sweep_outbox", "schedule": 60},
    "message-retention": {"task": "isms.core.tasks.prune_old_messages", "schedule": crontab(hour=3, minute=30)},
    # The day's status figures (oversight/snapshots.py) counted before anyone opens /oversikt/.
    "status-figures": {"task": "isms.oversight.tasks.count_todays_figures", "schedule": crontab(hour=0, minute=10)},
}

# E-mail outbox: a failed send is tried again after OUTBOX_BACKOFF_SECONDS, doubling up to six hours, and
# marked failed (the coordinator sees it and can send it again) after OUTBOX_MAX_ATTEMPTS; the sweep
# picks up rows whose own task has not run OUTBOX_SWEEP_GRACE_SECONDS after it was due.
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "10"))
OUTBOX_BACKOFF_SECONDS = int(os.environ.get("OUTBOX_BACKOFF_SECONDS", "60"))
OUTBOX_SWEEP_GRACE_SECONDS = int(os.environ.get("OUTBOX_SWEEP_GRACE_SECONDS", "120"))
# Retention (core/message_retention.py): an e-mail sent or given up is deleted from the outbox after
# OUTBOX_RETENTION_DAYS (it holds names and links: keep it well under COURSE_RETENTION_MONTHS), a
# notification after NOTIFICATION_RETENTION_DAYS.
OUTBOX_RETENTION_DAYS = int(os.environ.get("OUTBOX_RETENTION_DAYS", "90"))
NOTIFICATION_RETENTION_DAYS = int(os.environ.get("NOTIFICATION_RETENTION_DAYS", "365"))
# Notifications: the digest hour of a user who has not chosen one; how long a DPIA may wait for the DPO.
NOTIFICATION_DEFAULT_DIGEST_HOUR = int(os.environ.get("NOTIFICATION_DEFAULT_DIGEST_HOUR", "7"))
DPIA_DPO_WAIT_DAYS = int(os.environ.get("DPIA_DPO_WAIT_DAYS", "14"))
# A ROS analysis is revised this often ("Ny revisjon"): yearly unless the cooperation decides otherwise.
ROS_REVIEW_INTERVAL_MONTHS = int(os.environ.get("ROS_REVIEW_INTERVAL_MONTHS", "12"))

# Courses: public registration pages answer this many requests per minute from one IP address (tests and
# the bench raise it); participants' personal data is anonymised this many months after their session.
# A municipality's staff often share one address (NAT): 300 a minute lets a hundred of them register at once.
COURSE_PUBLIC_RATE_LIMIT = int(os.environ.get("COURSE_PUBLIC_RATE_LIMIT", "300"))
COURSE_RETENTION_MONTHS = int(os.environ.get("COURSE_RETENTION_MONTHS", "12"))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

DJANGO_TABLES2_TEMPLATE = "components/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "ds-table", "data-border": "true"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "isms.ops.jsonlog.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # One JSON line per request (isms/ops/request_log.py); LOG_REQUESTS=0 turns them off.
    "loggers": {
        "isms.request": {
            "handlers": ["console"],
            "level": "INFO" if env_bool("LOG_REQUESTS", True) else "WARNING",
            "propagate": False,
        }
    },
}

# --- production server: proxies, health probes ---
# Addresses of the reverse proxies whose X-Forwarded-For names the client (isms/ops/proxy.py); empty:
# the direct peer is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Load balancers probe over plain HTTP inside the network: the probes are never redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# /readyz gives up on a dependency after this many seconds.
READINESS_TIMEOUT = float(os.environ.get("READINESS_TIMEOUT", "2"))
# --- Files, backups and background exports (issue 19) ---
# With eager Celery (no worker: the development default) a large export is built in a thread of the web
# process, so the request answers at once; the test suite turns this off to see a job finish in the test.
EXPORTS_IN_THREAD_WHEN_EAGER = env_bool("EXPORTS_IN_THREAD_WHEN_EAGER", True)
# --- API (isms/api): read-only JSON with personal tokens, OpenAPI schema and docs ---
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/min")  # per token (per user for a browser session)
API_PAGE_SIZE = int(os.environ.get("API_PAGE_SIZE", "100"))
API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", "500"))
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))
# One line per API request (token id and prefix, never the secret), whatever the root level.
LOGGING["loggers"] = {**LOGGING.get("loggers", {}), "isms.api": {"level": os.environ.get("API_LOG_LEVEL", "INFO")}}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "isms.api.authentication.BearerTokenAuthentication",
        # The browser session too, for the docs page's "Try it out" (every endpoint only reads).
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["isms.api.permissions.WorksWithMunicipalRecords"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["isms.api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_token": API_RATE_LIMIT},
    "DEFAULT_PAGINATION_CLASS": "isms.api.pagination.CappedPagination",
    "DEFAULT_FILTER_BACKENDS": ["isms.api.filtering.StrictFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "isms.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sikker kommune API",
    "DESCRIPTION": (
        "Read-only JSON for integration and BI. Authenticate with a personal token from your profile page: "
        "`Authorization: Bearer <token>`. A token reads exactly what its user may read; another municipality's "
        "object answers 404. Lists are paginated (`page`, `page_size`) and take `updated_since` (ISO 8601) for "
        "incremental sync."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CountryEnum": "isms.core.countries.COUNTRY_CHOICES",
        "ClassificationEnum": "isms.protocol.models.Classification",
    },
}

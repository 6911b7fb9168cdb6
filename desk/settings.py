"""Settings for desk, read from the environment (see README.md and .env.example).

SQLite is the embedded default of the demo; PostgreSQL comes through DATABASE_URL.
With DEBUG off they fail loudly: no SECRET_KEY, or no REDIS_URL (unless TASKS_IN_PROCESS
asks for in-process tasks by name), stops the process at start with ImproperlyConfigured.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        # It signs the sessions, the password-reset links and the resident-edit digest.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` (DEBUG=true "
            "runs the demo with a development key)."
        )
    # The demo's only. The prefix is Django's mark of an insecure key (security.W009).
    SECRET_KEY = "django-insecure-dev-only-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "desk",
    "tenants",
    "complaints",
    "workorders",
    "billing",
    "frontdesk",
    "renovation",
    "mailroom",
    "inspections",
    "visits",
    "django.forms",  # the widget templates, after ours (see FORM_RENDERER)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "desk.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "desk.middleware.EstateTimeZoneMiddleware",
    "desk.middleware.UserLanguageMiddleware",
    "desk.middleware.ErrorPageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "desk.urls"
# Widgets render through the project's templates, so templates/django/forms/ can replace
# Django's own (a select renders its options inline instead of one include per option).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "desk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "desk.context_processors.navigation",
                "desk.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("TEST", {})
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # The filter forms' choices are read with .iterator(): a server-side cursor costs
    # DECLARE/FETCH/CLOSE round trips for a few dozen rows (and breaks behind pgbouncer).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "desk.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: five failed logins lock that username from that address for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
# One date format per language, the lists' own (2026-03-02 15:10): desk/formats/.
FORMAT_MODULE_PATH = ["desk.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads (Excel imports, photos) are checked by the forms; this caps what Django buffers.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="desk@localhost")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: HTTPS settings follow DEBUG; SECURE_SSL_REDIRECT can be turned off behind a proxy
# that already redirects.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# A session ends when the browser closes, and after a long shift (12 hours) at the latest:
# desks share computers.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Celery. Production: Redis through REDIS_URL. The demo (`make run`): kombu's filesystem
# transport in CELERY_BROKER_DIR, a worker with beat beside the server and no Redis. In
# process (eager) only when asked for by name (TASKS_IN_PROCESS) or with DEBUG: without a
# broker the schedules never fire, so production refuses to start without one.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_DIR = env.str("CELERY_BROKER_DIR", default="")
TASKS_IN_PROCESS = env.bool("TASKS_IN_PROCESS", default=False)
if not (REDIS_URL or CELERY_BROKER_DIR or TASKS_IN_PROCESS or DEBUG):
    raise ImproperlyConfigured(
        "REDIS_URL is not set: without a broker no task leaves the web process and the "
        "schedules (the complaint escalation, the sweep of stale jobs) never run. Set "
        "REDIS_URL=redis://host:6379/0, or TASKS_IN_PROCESS=true to run tasks in-process."
    )
CELERY_TASK_ALWAYS_EAGER = TASKS_IN_PROCESS or not (REDIS_URL or CELERY_BROKER_DIR)
CELERY_TASK_EAGER_PROPAGATES = True
if REDIS_URL and not CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
elif CELERY_BROKER_DIR and not CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # the web, the worker and beat share the folder
        "data_folder_in": CELERY_BROKER_DIR,
        "data_folder_out": CELERY_BROKER_DIR,
        "control_folder": str(Path(CELERY_BROKER_DIR) / "control"),  # the exchanges' table
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = "cache+memory://"  # the demo reads no task's result
else:
    CELERY_BROKER_URL, CELERY_RESULT_BACKEND = "memory://", "cache+memory://"
# The longest job (a bill run, a monthly workbook, a register import of every estate) takes
# well under LONGEST_JOB_SECONDS. With acks_late, Redis hands an unacknowledged task to
# another worker after the visibility timeout: it must be longer than the longest job, or
# a job still running would be delivered twice (its claim would make the second a no-op,
# but the queue would hold it up).
LONGEST_JOB_SECONDS = 2 * 60 * 60
if CELERY_BROKER_URL == REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": LONGEST_JOB_SECONDS + 60 * 60}
# The queue of desk.run_job; empty: Celery's default queue. (A test gives its jobs a queue
# of their own; a site can give the long jobs a worker of their own.)
JOBS_QUEUE = env.str("JOBS_QUEUE", default="")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    # Daily at 09:30: mail uncollected past its estate's days is reminded again and counted
    # in the front desk's inbox (a second run on one day reminds nobody twice).
    "mailroom.remind_uncollected": {
        "task": "mailroom.remind_uncollected",
        "schedule": crontab(minute=30, hour=9),
        "options": {"expires": 60 * 60 * 23},
    },
    # The bill run (1st, 01:00), the reminder run (daily, 09:00) and the monthly workbook
    # (1st, 02:00) of DESIGN.md join here with their tasks (billing, desk reports).
    # The 1st of every month at 02:00 (after the bill run): the monthly statistics workbook
    # of each estate's previous month, a job each, kept on the Reports page.
    "desk.build_monthly_report": {
        "task": "desk.build_monthly_report",
        "schedule": crontab(minute=0, hour=2, day_of_month=1),
        "options": {"expires": 60 * 60 * 23},
    },
    # Every 5 minutes: jobs no worker took, or whose worker died, are marked failed.
    "desk.fail_stale_jobs": {
        "task": "desk.fail_stale_jobs",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 60 * 4},
    },
    # Hourly at :05: open renovation rectification notices past their deadline (the whole
    # deadline day, in the estate's zone) go to the supervisors' inbox, once per deadline.
    "renovation.report_overdue_rectifications": {
        "task": "renovation.report_overdue_rectifications",
        "schedule": crontab(minute=5),
        "options": {"expires": 60 * 55},
    },
    # Saturdays at 18:00: each estate's weekly renovation report (its Monday-to-Sunday
    # week), kept as a job with its workbook; once per estate and week (the job's key).
    "renovation.weekly_reports": {
        "task": "renovation.weekly_reports",
        "schedule": crontab(minute=0, hour=18, day_of_week="sat"),
        "options": {"expires": 60 * 60 * 5},
    },
    # The 1st of every month at 01:00: the bill run of every estate's new month (each by its
    # own clock). Expires after 23 hours: a run the worker could not start that day waits for
    # the cashier's button instead of billing late at a surprising hour.
    "billing.generate_monthly_bills": {
        "task": "billing.generate_monthly_bills",
        "schedule": crontab(minute=0, hour=1, day_of_month=1),
        "options": {"expires": 60 * 60 * 23},
    },
    # Daily at 08:00: the patrol rounds waiting past their review target (the end of the day
    # after their submission) go to each estate's supervisors' inbox, a job per estate and
    # day. Expires after 6 hours: a reminder of the afternoon is the next morning's.
    "inspections.remind_overdue_reviews": {
        "task": "inspections.remind_overdue_reviews",
        "schedule": crontab(minute=0, hour=8),
        "options": {"expires": 60 * 60 * 6},
    },
    # Daily at 09:00 (each estate's own today): overdue accounts one stage up the reminder
    # ladder. Expires after 20 hours: a day the worker missed is caught up by the next run
    # (an account moves one stage a day, never two notices at once).
    "billing.send_overdue_reminders": {
        "task": "billing.send_overdue_reminders",
        "schedule": crontab(minute=0, hour=9),
        "options": {"expires": 60 * 60 * 20},
    },
    # Every minute: complaints past their first-response deadline go to the supervisor.
    "complaints.escalate_overdue": {
        "task": "complaints.escalate_overdue",
        "schedule": crontab(),
        "options": {"expires": 55},
    },
    # Every 5 minutes: a shift handover left unacknowledged for 30 minutes is put in the
    # supervisors' inbox (once).
    "frontdesk.tell_unacknowledged_handovers": {
        "task": "frontdesk.tell_unacknowledged_handovers",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 60 * 4},
    },
    # Hourly: visit opinions past their answer time go to the unit's rep and the
    # supervisors' inbox (once per opinion).
    "visits.notify_overdue_opinions": {
        "task": "visits.notify_overdue_opinions",
        "schedule": crontab(minute=15),
        "options": {"expires": 60 * 55},
    },
}

LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's default configuration gives its loggers a console handler of their own (with
    # DEBUG on), so every line also reached the root's and came out twice in the demo: they
    # print through the root's.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

# The list pages' page size.
PAGE_SIZE = 50

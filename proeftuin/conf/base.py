"""Applications, middleware, templates and the embedded-default file locations."""

from pathlib import Path

from proeftuin.core.env import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "proeftuin.core",
    "proeftuin.accounts",
    "proeftuin.organisations",
    "proeftuin.documents",
    "proeftuin.cases",
    "proeftuin.portfolio",
    "proeftuin.diffusion",
    "proeftuin.circles",
    "proeftuin.patents",
    "proeftuin.funding",
    "proeftuin.awards",
    "proeftuin.ingestion",
    "proeftuin.search",
    "proeftuin.site",
    "proeftuin.mywork",
    "proeftuin.notifications",
    "proeftuin.comments",
    "proeftuin.barriers",
    "proeftuin.api",
    "proeftuin.demo",
]

MIDDLEWARE = [
    "proeftuin.api.middleware.ApiProblemMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "proeftuin.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Before anything that redirects to sign in: htmx requests get the whole page sent there.
    "proeftuin.accounts.middleware.HtmxSignInMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "proeftuin.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "proeftuin.api.middleware.ApiVersionMiddleware",
    "proeftuin.core.middleware.PrivateCacheMiddleware",
    # Last: turns a sign-in refused by the lockout backend into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "proeftuin.urls"
WSGI_APPLICATION = "proeftuin.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "proeftuin" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "proeftuin.site.context_processors.site",
                "proeftuin.notifications.context_processors.unread",
            ],
        },
    },
]

# Every form widget gets the Utrecht class of its kind (proeftuin/core/renderers.py).
FORM_RENDERER = "proeftuin.core.renderers.UtrechtFormRenderer"

DATA_DIR = Path(
    env(
        "DATA_DIR",
        default=str(BASE_DIR / "data"),
        help="Folder for the embedded SQLite database and other local state.",
    )
)
MEDIA_ROOT = Path(
    env(
        "MEDIA_ROOT",
        default=str(BASE_DIR / "media"),
        help="Folder where uploaded files are stored.",
    )
)
MEDIA_URL = "/media/"

CACHES = {
    "default": env(
        "CACHE_URL",
        default={
            "BACKEND": "proeftuin.core.cache.FileCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        cast="cache",
        help="Cache shared by all worker processes, e.g. redis://127.0.0.1:6379/1 in "
        "production (needs the `redis` package); default: files in DATA_DIR/cache.",
    )
}

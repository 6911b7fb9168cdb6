"""The project's middleware: a strict CSP, and the staff member's time zone and language.

The Content-Security-Policy allows no inline scripts or styles and nothing from other hosts.
"""

from django.conf import settings
from django.http import Http404
from django.utils import timezone, translation
from django.views import defaults

from desk.zones import user_zone

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The Django admin ships inline scripts and styles of its own.
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", POLICY)
        return response


class EstateTimeZoneMiddleware:
    """Dates and times of a logged-in staff member's request are those of their estates' zone.

    Every `{{ value|date }}`, `timezone.localdate()` and date/time form field then follows
    the estate. A staff member of estates in different zones (rare: one company, one city)
    and a user without estates get the settings' TIME_ZONE; pages that must show each
    estate's own clock convert explicitly (`desk.clock.local_time`). Anonymous pages
    use TIME_ZONE too. The zones come with the user's estate ids in one query, which the
    scoped views then reuse (`desk.scoping.user_estate_ids`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = user_zone(request.user) if request.user.is_authenticated else None
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class UserLanguageMiddleware:
    """A staff member's saved language wins over the cookie and the browser's Accept-Language.

    After LocaleMiddleware (which picked the cookie's or the browser's language) and
    AuthenticationMiddleware. The response also carries the language cookie, so the login
    page after logging out stays in the staff member's language. A blank `User.language`
    leaves LocaleMiddleware's choice alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = _saved_language(request.user)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The user may have logged in (or switched) during this request.
        language = _saved_language(request.user)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            _set_language_cookie(response, language)
        return response


def _saved_language(user):
    if not user.is_authenticated or not user.language:
        return ""
    return user.language if translation.check_for_language(user.language) else ""


def _set_language_cookie(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


# Django's technical 404 and 500 pages (DEBUG on) carry this tag; the product's pages do not.
_TECHNICAL_PAGE = b'<meta name="robots" content="NONE,NOARCHIVE">'


class ErrorPageMiddleware:
    """The product's error pages in every mode.

    With DEBUG on (the demo runs with it), Django answers an unknown address, a 404 raised by
    a view, or an uncaught exception with its technical page, whose inline styles the policy
    above blocks: an unstyled page in the demo. Those become the product's 404.html and
    500.html, in the reader's language (after the language middleware); the traceback still
    goes to the console through the `django.request` logger.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not settings.DEBUG or response.status_code not in (404, 500):
            return response
        if getattr(response, "streaming", False) or _TECHNICAL_PAGE not in response.content:
            return response
        if response.status_code == 404:
            return defaults.page_not_found(request, Http404())
        return defaults.server_error(request)

"""The production URLs plus ``/bench/bare/``, the load benchmark's baseline (lms.settings.bench).

Kept out of lms/urls.py on purpose: the baseline is no page of the academy, and the security
tests check that every production URL has an owner and a permission.
"""

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as academy_urlpatterns

# Between a seeded lesson page and /me/ in size (12 KB of HTML), built once at import: the bare view
# runs no query and renders no template, so it costs only the middleware stack and gunicorn.
_PARAGRAPH = (
    "<p>Greet the customer, restate the problem in your own words and agree on the next step. "
    "Write the ticket so that a colleague can pick it up without asking again.</p>\n"
)
BARE_PAGE = (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
    "<title>Bare page</title></head>\n<body><main>\n<h1>Bare page</h1>\n"
    + _PARAGRAPH * 70
    + "</main></body></html>\n"
).encode()


def bare(request):
    """A fixed page through the full middleware stack: the ceiling any real page can reach."""
    return HttpResponse(BARE_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *academy_urlpatterns]

from django.middleware.locale import LocaleMiddleware
from django.urls import get_urlconf, is_valid_path


class AcademyLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except a 404 from a real view stays a 404.

    Wagtail's catch-all page route lives under the language prefix, so every unknown path
    "exists" there and the stock middleware would turn any 404 (another learner's attempt, a
    deleted lesson) into a redirect to /en/<path>. Only paths that match no view are retried
    with the language prefix.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and is_valid_path(
            request.path_info, getattr(request, "urlconf", None) or get_urlconf()
        ):
            return response
        return super().process_response(request, response)

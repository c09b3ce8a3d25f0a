"""Request set-up for Wagtail pages that would otherwise cost queries on every request."""

from wagtail import views as wagtail_views
from wagtail.models import Site

from courses import content_cache


class CachedSiteMiddleware:
    """The Wagtail Site of a page request, with its root page, from the content cache.

    To serve a page, Wagtail looks the Site up by host name and then loads its root page: two
    queries for something that changes only when an admin edits the sites. Wagtail keeps the
    Site it found on the request (``request._wagtail_site``, see ``Site.find_for_request``), so
    putting the cached one there is all it takes. Site saves bump the content version. Other
    views are left alone: they pay nothing for this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            key = f"site:{request.get_host()}:{request.get_port()}"
            site = content_cache.get(key, lambda: _site_with_root(request))
            if site is not None:
                request._wagtail_site = site


def _site_with_root(request) -> Site | None:
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site

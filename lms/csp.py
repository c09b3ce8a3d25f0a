"""Content-Security-Policy: a strict policy for the academy's own pages, a looser one for the
admin screens that come with Wagtail and Django (they ship inline scripts and styles)."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class AcademyCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and self.is_admin_screen(request):
            parts.config = settings.CSP_ADMIN_POLICY
        return parts

    @staticmethod
    def is_admin_screen(request) -> bool:
        # Wagtail renders a preview as a made-up request for the page's public URL
        # (``is_dummy``) and shows it in a frame of the editor: it gets the admin's policy.
        return getattr(request, "is_dummy", False) or request.path_info.startswith(
            settings.CSP_ADMIN_PATH_PREFIXES
        )

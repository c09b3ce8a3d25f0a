"""Content-Security-Policy: a strict policy for the academy's own pages, a looser one for the
admin screens that come with Wagtail and Django (they ship inline scripts and styles)."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class AcademyCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIXES)
        ):
            parts.config = settings.CSP_ADMIN_POLICY
        return parts

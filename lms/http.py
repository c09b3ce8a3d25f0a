"""Request helpers shared by the apps' views."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request) -> str:
    """The posted or queried ``next`` address when it stays on this site, else ""."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""

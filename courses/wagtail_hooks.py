"""Wagtail hooks of the course catalogue."""

from django.contrib.auth.views import redirect_to_login
from wagtail import hooks


@hooks.register("before_serve_document")
def documents_for_signed_in_people_only(document, request):
    """Lesson handouts are for staff, like the lessons (``LearnerPage``): Wagtail serves a
    document to anyone who has its URL, and document ids are sequential."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None

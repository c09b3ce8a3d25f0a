"""The access log of KPI results: who saw or exported whose numbers.

KPI results are personal data (DOMAIN.md: agents see their own, leads their team, nobody
else). Every page, export or API call that shows another person's values writes one
``KpiAccess`` row per person shown, so an admin can answer "who looked at my numbers?".
"""

from collections.abc import Iterable

from django.utils import timezone

from gamification.kpis.models import KpiAccess
from lms.accounts.models import User


def kpi_access_log(
    *, viewer: User, subjects: Iterable[User | int], action: str, path: str = ""
) -> list[KpiAccess]:
    """One row per person whose values ``viewer`` saw, in one insert. A look at one's own
    values is not logged: it is not a disclosure."""
    now = timezone.now()
    subject_ids = []
    for subject in subjects:
        subject_id = subject if isinstance(subject, int) else subject.pk
        if subject_id != viewer.pk and subject_id not in subject_ids:
            subject_ids.append(subject_id)
    if not subject_ids:
        return []
    return KpiAccess.objects.bulk_create(
        [
            KpiAccess(viewer=viewer, subject_id=subject_id, action=action, path=path[:300], at=now)
            for subject_id in subject_ids
        ]
    )

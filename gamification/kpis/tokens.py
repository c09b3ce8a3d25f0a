"""API tokens for help-desk integrations: created once, stored only as a hash, revocable.

The raw token is returned by ``api_token_create`` and never stored: whoever loses it makes a
new one. Only its SHA-256 is kept, so a leaked database does not leak working tokens. The
tokens are 256 random bits, so a plain (unsalted, fast) hash is enough; a slow password hash
would only slow every API request down.
"""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gamification.kpis.models import ApiToken
from lms.accounts.models import Team, User

TOKEN_PREFIX = "sa_"  # noqa: S105 (a public marker that makes leaked tokens greppable)
PREFIX_LENGTH = 8
# A raw token is "sa_" plus 43 URL-safe characters; anything much longer is not ours and is
# refused before hashing, so nobody can make the server hash megabytes per request.
MAX_TOKEN_LENGTH = 128
# Writing last_used_at on every request would turn each read into a write; once a minute is
# precise enough to tell an unused token from a live one.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, name: str, teams: Iterable[Team], created_by: User | None
) -> tuple[ApiToken, str]:
    """A new token for ``teams``; the raw token is returned here and nowhere else."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name,
        prefix=raw[:PREFIX_LENGTH],
        token_hash=token_hash(raw),
        created_by=created_by,
    )
    token.teams.set(list(teams))
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop accepting ``token`` from now on; revoking twice keeps the first time."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    token.refresh_from_db(fields=["revoked_at"])
    return token


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The live token ``raw`` stands for, or None.

    The lookup is by hash, so the comparison the database makes is between digests the
    caller cannot steer byte by byte: no timing leak about the stored token.
    """
    if not raw or len(raw) > MAX_TOKEN_LENGTH or not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.filter(token_hash=token_hash(raw), revoked_at__isnull=True).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # Conditional update: many processes using the token at once write it once.
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token

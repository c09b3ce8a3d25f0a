"""The help-desk API, version 1: KPI results in, KPI definitions out.

Token-authenticated only (``Authorization: Bearer sa_…``). Session cookies are ignored on
purpose: with no cookie authentication there is nothing for a cross-site request to ride on,
so the API needs no CSRF token, and a signed-in admin's browser cannot post results by
accident. Every answer is JSON; bad input is a 4xx with a reason per item, never a 500.
"""

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from gamification.kpis import services
from gamification.kpis.ingest import MAX_CHANNEL, MAX_VALUE
from gamification.kpis.models import ApiToken, KpiDefinition, KpiMeasurement
from gamification.kpis.tokens import api_token_authenticate

MAX_ITEMS = 5000


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a token an admin made in the Django admin."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return api_token_authenticate(token.strip())


api = NinjaAPI(
    version="1",
    urls_namespace="api-v1",
    title="Service Academy API",
    description=(
        "Send KPI results (CSAT, NPS, FCR, handle times…) from your help-desk tool to the "
        "Service Academy.\n\n"
        "**Authentication:** every request needs `Authorization: Bearer <token>`. An admin "
        "creates tokens in the Django admin (API tokens); a token may send results only for "
        "agents of the teams it was made for.\n\n"
        '**Errors** are JSON: `{"detail": "…", "errors": [{"item": 3, "message": '
        '"…"}]}`. `item` counts the measurements from 1; 0 means the request as a whole.'
    ),
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=ApiTokenAuth(),
)


# --- Schemas ----------------------------------------------------------------------------------


class MeasurementIn(Schema):
    agent_email: str = Field(
        max_length=254, description="The agent's email address in the academy."
    )
    kpi_code: str = Field(max_length=20, description="A code from `GET /kpis`, e.g. `csat`.")
    period_start: date = Field(
        description="First day of the period: a Monday for weekly KPIs, the 1st for monthly."
    )
    value: float = Field(
        allow_inf_nan=False,
        ge=-int(MAX_VALUE),
        le=int(MAX_VALUE),
        description="The result; two decimals are kept.",
    )
    sample_size: int = Field(
        ge=0, lt=10**9, description="How many surveys or contacts the result is based on."
    )
    channel: str | None = Field(
        default=None,
        max_length=MAX_CHANNEL,
        description="Optional channel (`phone`, `chat`, `email`…); one result per channel.",
    )


class MeasurementBatchIn(Schema):
    measurements: list[MeasurementIn] = Field(
        min_length=1,
        max_length=MAX_ITEMS,
        description=(
            f"1 to {MAX_ITEMS} results. The batch is imported as a whole or not at all; "
            "split larger batches into several requests."
        ),
    )


class ImportCountsOut(Schema):
    created: int = Field(description="Results that were new.")
    updated: int = Field(description="Results sent before for the same period, now replaced.")


class ItemError(Schema):
    item: int = Field(description="The measurement's position, from 1; 0 for the whole request.")
    message: str


class ProblemOut(Schema):
    detail: str
    errors: list[ItemError] = []


class KpiOut(Schema):
    code: str
    name: str
    unit: str
    direction: str = Field(description="`higher` or `lower`: which way is better.")
    period: str = Field(description="`week` (starts Monday) or `month` (starts on the 1st).")
    min_sample_size: int = Field(
        description="Results from fewer surveys or contacts do not count towards targets."
    )


# --- Error handlers: the same JSON shape whatever went wrong ------------------------------------


def _problem(
    request: HttpRequest, detail: str, errors: list[dict[str, Any]], status: int
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors}, status=status)


def _schema_error(error: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error as ``{"item", "message"}``: the item number and the field."""
    loc = [part for part in error.get("loc", ()) if part not in ("body", "payload")]
    item = 0
    if len(loc) >= 2 and loc[0] == "measurements" and isinstance(loc[1], int):
        item = loc[1] + 1
        loc = loc[2:]
    field = ".".join(str(part) for part in loc)
    message = str(error.get("msg", _("Invalid value.")))
    return {"item": item, "message": f"{field}: {message}" if field else message}


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [_schema_error(error) for error in exc.errors]
    return _problem(
        request, _("The request does not match the schema; nothing was imported."), errors, 422
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Unreadable JSON (400), throttling (429)…: the same shape as every other error.
    return _problem(request, str(exc), [], exc.status_code)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _problem(
        request,
        _("Send a valid API token: Authorization: Bearer <token>. Ask an admin for one."),
        [],
        401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


# --- Endpoints --------------------------------------------------------------------------------


@api.post(
    "/kpi-measurements",
    response={200: ImportCountsOut, 401: ProblemOut, 422: ProblemOut},
    summary="Send KPI results",
    description=(
        f"Imports up to {MAX_ITEMS} results in one request, all or nothing. A result for the "
        "same agent, KPI, period and channel as one sent before replaces it, so re-sending a "
        "batch is safe. If any item has a problem, nothing is imported and the answer is 422 "
        "with every problem and its item number (counted from 1)."
    ),
    tags=["KPI results"],
)
def kpi_measurements_create(request: HttpRequest, payload: MeasurementBatchIn):
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    rows = [
        (
            number,
            {
                "agent_email": item.agent_email,
                "kpi_code": item.kpi_code,
                "period_start": item.period_start.isoformat(),
                "value": repr(item.value),
                "sample_size": str(item.sample_size),
                "channel": item.channel or "",
            },
        )
        for number, item in enumerate(payload.measurements, start=1)
    ]
    allowed = frozenset(token.teams.values_list("pk", flat=True))
    result = services.measurements_check(rows=rows, allowed_team_ids=allowed)
    if not result.ok:
        errors = [{"item": error.line, "message": error.message} for error in result.errors]
        items = len({error.line for error in result.errors})
        detail = ngettext(
            "%(count)d item has a problem; nothing was imported.",
            "%(count)d items have problems; nothing was imported.",
            items,
        ) % {"count": items}
        return Status(422, {"detail": detail, "errors": errors})
    counts = services.measurements_import(rows=result.rows, source=KpiMeasurement.Source.API)
    return {"created": counts.created, "updated": counts.updated}


@api.get(
    "/kpis",
    response={200: list[KpiOut], 401: ProblemOut},
    summary="List the KPIs",
    description="The KPI codes results can be sent for, with their unit and reporting period.",
    tags=["KPIs"],
)
def kpi_list(request: HttpRequest):
    return list(
        KpiDefinition.objects.values(
            "code", "name", "unit", "direction", "period", "min_sample_size"
        )
    )

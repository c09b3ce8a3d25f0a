from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gamification.kpis import tokens
from gamification.kpis.models import (
    ApiToken,
    KpiAccess,
    KpiDefinition,
    KpiImport,
    KpiMeasurement,
    KpiTarget,
    RemediationFiring,
    RemediationRule,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by services (results, imports, firings, the access log): admins look,
    corrections go through the service that wrote them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserOnlyMixin:
    """Staff who are not superusers must not see these at all, whatever their permissions."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(KpiDefinition)
class KpiDefinitionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "direction", "period", "min_sample_size"]
    list_editable = ["name", "unit", "direction", "period", "min_sample_size"]
    search_fields = ["code", "name"]


@admin.register(KpiTarget)
class KpiTargetAdmin(ReadOnlyAdmin):
    """Targets are history: a lead sets a new one from the team pages, never edits one."""

    list_display = ["kpi", "team", "user", "value", "valid_from", "set_by", "created_at"]
    list_filter = ["kpi", "team"]
    search_fields = ["team__name", "user__email"]


@admin.register(KpiMeasurement)
class KpiMeasurementAdmin(ReadOnlyAdmin):
    list_display = [
        "kpi",
        "user",
        "period_start",
        "channel",
        "value",
        "sample_size",
        "source",
        "imported_at",
    ]
    list_filter = ["kpi", "source"]
    search_fields = ["user__email"]
    date_hierarchy = "period_start"
    list_select_related = ["kpi", "user"]


@admin.register(KpiImport)
class KpiImportAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "filename",
        "uploaded_by",
        "team",
        "status",
        "rows_total",
        "created_count",
        "updated_count",
    ]
    list_filter = ["status"]
    search_fields = ["filename", "uploaded_by__email"]
    list_select_related = ["uploaded_by", "team"]


@admin.register(RemediationRule)
class RemediationRuleAdmin(admin.ModelAdmin):
    list_display = [
        "kpi",
        "consecutive_misses",
        "course",
        "scenario",
        "due_days",
        "cooldown_days",
        "active",
    ]
    list_editable = ["active"]
    list_filter = ["kpi", "active"]


@admin.register(RemediationFiring)
class RemediationFiringAdmin(ReadOnlyAdmin):
    list_display = ["fired_at", "rule", "user", "period_start", "assignment", "cancelled_at"]
    search_fields = ["user__email"]
    list_select_related = ["rule__kpi", "user"]


@admin.register(KpiAccess)
class KpiAccessAdmin(SuperuserOnlyMixin, ReadOnlyAdmin):
    list_display = ["at", "viewer", "action", "subject", "path"]
    list_filter = ["action"]
    search_fields = ["viewer__email", "subject__email"]
    date_hierarchy = "at"
    list_select_related = ["viewer", "subject"]


@admin.register(ApiToken)
class ApiTokenAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    """Tokens are made here and shown once; afterwards only the prefix identifies them."""

    list_display = ["name", "prefix", "team_names", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix"]
    filter_horizontal = ["teams"]
    actions = ["revoke"]
    readonly_fields = [
        "prefix",
        "token_hash",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        # Revoke instead: a revoked token stays as the record of who could send what.
        return False

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "teams"]
        return ["name", "teams", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("teams")

    @admin.display(description=_("teams"))
    def team_names(self, obj):
        return ", ".join(team.name for team in obj.teams.all())

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        token, raw = tokens.api_token_create(
            name=form.cleaned_data["name"],
            teams=form.cleaned_data["teams"],
            created_by=request.user,
        )
        # The form's instance becomes the created token, so the admin's own save of the
        # teams and its log entry refer to the same row.
        obj.pk = token.pk
        obj.prefix, obj.token_hash = token.prefix, token.token_hash
        obj.created_by, obj.created_at = token.created_by, token.created_at
        obj._state.adding = False
        obj._state.db = token._state.db
        self.message_user(
            request,
            _("Copy this token now: %(token)s It will not be shown again.") % {"token": raw},
            messages.SUCCESS,
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        live = list(queryset.filter(revoked_at__isnull=True))
        for token in live:
            tokens.api_token_revoke(token=token)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(live))
            % {"count": len(live)},
            messages.SUCCESS,
        )

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gamification import services
from gamification.models import (
    BadgeAward,
    Event,
    Level,
    Notification,
    Season,
    XpEntry,
    XpRule,
)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "user", "status", "attempts", "last_error"]
    list_filter = ["status", "kind"]
    search_fields = ["user__email", "key"]
    readonly_fields = [f.name for f in Event._meta.fields]
    actions = ["retry"]

    @admin.action(description=_("Retry the selected failed events"))
    def retry(self, request, queryset):
        failed = list(queryset.filter(status=Event.Status.FAILED))
        for event in failed:
            services.event_retry(event)
        self.message_user(
            request,
            ngettext("%(count)d event queued again.", "%(count)d events queued again.", len(failed))
            % {"count": len(failed)},
            messages.SUCCESS,
        )


@admin.register(XpRule)
class XpRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "points", "daily_cap", "enabled"]
    list_editable = ["points", "daily_cap", "enabled"]

    def has_add_permission(self, request):
        return False  # the rule codes are fixed; their values are what admins tune

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "threshold"]
    ordering = ["threshold"]


@admin.register(XpEntry)
class XpEntryAdmin(admin.ModelAdmin):
    """The ledger is append-only: corrections go through a rebuild, never an edit."""

    list_display = ["awarded_at", "user", "rule", "source", "points"]
    list_filter = ["rule"]
    search_fields = ["user__email", "source"]
    date_hierarchy = "awarded_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_at", "ends_at"]
    fields = ["name"]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Starting a season ends the running one; the service keeps that rule in one place.
        season = services.season_start(name=obj.name)
        obj.pk, obj.starts_at = season.pk, season.starts_at


@admin.register(BadgeAward)
class BadgeAwardAdmin(admin.ModelAdmin):
    list_display = ["awarded_at", "badge", "user", "awarded_by", "expires_at"]
    list_filter = ["badge"]
    search_fields = ["user__email", "reason"]
    readonly_fields = ["user", "badge", "period", "awarded_at", "awarded_by", "reason"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "read_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Notification._meta.fields]

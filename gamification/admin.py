from django.contrib import admin

from gamification.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "user", "status", "attempts"]
    list_filter = ["status", "kind"]
    search_fields = ["user__email", "key"]
    readonly_fields = [f.name for f in Event._meta.fields]

from django.contrib import admin

from courses.models import Assignment, Certification


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    """For support and audits; leads assign and cancel from /team/."""

    list_display = ["user", "course", "path", "due_on", "reason", "assigned_by", "closed_at"]
    list_filter = ["reason", "closed_reason"]
    search_fields = ["user__email"]
    date_hierarchy = "due_on"
    raw_id_fields = ["user", "assigned_by", "course", "path"]
    readonly_fields = ["created_at", "closed_at", "closed_reason"]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "completed_at", "expires_on"]
    search_fields = ["user__email"]
    raw_id_fields = ["user", "course", "renewal"]

from django.urls import path

from lms.team import export_views, kpi_views, views

app_name = "team"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:team_id>/", views.dashboard, name="dashboard"),
    path("<int:team_id>/onboarding/", views.onboarding, name="onboarding"),
    path("<int:team_id>/insights/", views.team_insights, name="insights"),
    path("<int:team_id>/kpis/", kpi_views.kpis, name="kpis"),
    path(
        "<int:team_id>/remediations/<int:firing_id>/cancel/",
        kpi_views.remediation_cancel_view,
        name="remediation_cancel",
    ),
    path("<int:team_id>/assign/", views.assign, name="assign"),
    path(
        "<int:team_id>/assignments/<int:assignment_id>/",
        views.assignment_update,
        name="assignment_update",
    ),
    path("<int:team_id>/agents/<int:user_id>/", views.agent_detail, name="agent"),
    path("<int:team_id>/invitations/", views.invitations, name="invitations"),
    path(
        "<int:team_id>/invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<int:team_id>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<int:team_id>/export/<str:fmt>/", export_views.matrix_export, name="matrix_export"),
    path(
        "<int:team_id>/agents/<int:user_id>/export/<str:fmt>/",
        export_views.agent_export,
        name="agent_export",
    ),
    path(
        "<int:team_id>/exports/<int:export_id>/",
        export_views.export_detail,
        name="export_detail",
    ),
    path(
        "<int:team_id>/exports/<int:export_id>/status/",
        export_views.export_status,
        name="export_status",
    ),
    path(
        "<int:team_id>/exports/<int:export_id>/download/",
        export_views.export_download,
        name="export_download",
    ),
]

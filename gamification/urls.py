from django.urls import path

from gamification import views
from gamification.kpis import board_views

app_name = "gamification"

urlpatterns = [
    path("leaderboards/", views.leaderboard, name="leaderboard"),
    path("leaderboards/privacy/", views.leaderboard_privacy, name="leaderboard_privacy"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_mark_read"),
    path("badges/award/", views.badge_award, name="badge_award"),
    path("leaderboards/kpis/", board_views.kpi_leaderboard, name="kpi_leaderboard"),
]

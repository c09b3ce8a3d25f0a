from django.urls import path

from gamification.kpis import views

app_name = "kpis"

urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("template.csv", views.template_csv, name="template"),
    path("imports/<int:import_id>/", views.import_detail, name="import_detail"),
    path("imports/<int:import_id>/confirm/", views.import_confirm, name="import_confirm"),
    path("imports/<int:import_id>/status/", views.import_status, name="import_status"),
    path("targets/<int:team_id>/", views.targets, name="targets"),
]

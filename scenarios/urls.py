from django.urls import path

from scenarios import views

app_name = "scenarios"

urlpatterns = [
    path("", views.practice, name="practice"),
    path("<int:scenario_id>/", views.scenario_detail, name="detail"),
    path("<int:scenario_id>/start/", views.scenario_start, name="start"),
    path("runs/<int:run_id>/", views.run_play, name="run"),
    path("runs/<int:run_id>/choose/", views.run_choose, name="choose"),
    path("runs/<int:run_id>/debrief/", views.run_debrief, name="debrief"),
]

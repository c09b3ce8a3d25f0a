from django.urls import path

from quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/", views.quiz_detail, name="quiz_detail"),
    path("<int:quiz_id>/start/", views.attempt_start, name="attempt_start"),
    path("attempts/<int:attempt_id>/", views.attempt_take, name="attempt"),
    path("attempts/<int:attempt_id>/save/", views.attempt_save, name="attempt_save"),
    path(
        "attempts/<int:attempt_id>/check/<int:question_id>/",
        views.answer_check,
        name="answer_check",
    ),
    path("attempts/<int:attempt_id>/submit/", views.attempt_submit, name="attempt_submit"),
    path("attempts/<int:attempt_id>/result/", views.attempt_result, name="attempt_result"),
]

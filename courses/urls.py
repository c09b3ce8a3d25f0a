from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("me/", views.my_learning, name="my_learning"),
    path("learn/courses/<int:page_id>/enrol/", views.course_enrol, name="course_enrol"),
    path("learn/lessons/<int:page_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("learn/paths/<int:page_id>/start/", views.path_start, name="path_start"),
]

"""Learner actions on courses. Views parse the request, call one service and redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import learner_cache, selectors, services
from courses.models import CoursePage, LearningPathPage, LessonPage
from gamification import selectors as gamification_selectors
from gamification.kpis import selectors as kpi_selectors


def _missing_message(error: services.PrerequisitesNotMet) -> str:
    titles = ", ".join(course.localized.title for course in error.missing)
    return _("Complete these courses first: %(titles)s") % {"titles": titles}


@login_required
def my_learning(request):
    def render_body() -> str:
        context = {
            "me": selectors.my_learning(user=request.user),
            "game": gamification_selectors.profile(request.user),
            "kpis": kpi_selectors.my_kpis(user=request.user),
        }
        return render_to_string("courses/_my_learning_body.html", context, request=request)

    body = learner_cache.page(request.user, "my-learning", render_body)
    return render(request, "courses/my_learning.html", {"body": body})


@login_required
@require_POST
def course_enrol(request, page_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=page_id)
    try:
        services.course_enrol(user=request.user, course=course)
    except services.PrerequisitesNotMet as error:
        messages.error(request, _missing_message(error))
        return redirect(course.get_url(request))
    first_lesson = LessonPage.objects.live().child_of(course).order_by("path").first()
    return redirect((first_lesson or course).get_url(request))


@login_required
@require_POST
def lesson_complete(request, page_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=page_id)
    course = CoursePage.objects.parent_of(lesson).get()
    try:
        result = services.lesson_complete(user=request.user, lesson=lesson)
    except services.PrerequisitesNotMet as error:
        messages.error(request, _missing_message(error))
        return redirect(course.get_url(request))
    except services.KnowledgeCheckRequired:
        messages.error(request, _("Pass the lesson's knowledge check to complete it."))
        return redirect(lesson.get_url(request))
    except services.RoleplayRequired:
        messages.error(request, _("Master the lesson's roleplay to complete it."))
        return redirect(lesson.get_url(request))
    if result.course_completed:
        messages.success(request, _("Course completed: %(title)s") % {"title": course.title})
        for path in result.paths_completed:
            messages.success(
                request, _("Learning path completed: %(title)s") % {"title": path.localized.title}
            )
        return redirect(course.get_url(request))
    next_lesson = lesson.get_next_siblings().live().type(LessonPage).first()
    if next_lesson is None:
        return redirect(course.get_url(request))
    return redirect(next_lesson.get_url(request))


@login_required
@require_POST
def path_start(request, page_id: int):
    path = get_object_or_404(LearningPathPage.objects.live(), pk=page_id)
    services.path_start(user=request.user, path=path)
    messages.success(
        request, _("You started %(title)s. Due dates count from today.") % {"title": path.title}
    )
    return redirect(path.get_url(request))

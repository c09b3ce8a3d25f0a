"""Quizzes, the question bank and topics in Wagtail admin, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from quizzes.models import Question, Quiz, Topic


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    list_display = ["title", "pass_mark", "max_attempts", "time_limit_minutes"]
    search_fields = ["title"]


class QuestionBankViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    list_display = ["prompt", "kind", "topic", "quiz"]
    list_filter = ["kind", "topic"]
    search_fields = ["prompt"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")


class QuizzesGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionBankViewSet, TopicViewSet)
    menu_icon = "form"
    menu_label = _("Quizzes")
    menu_name = "quizzes"


register_snippet(QuizzesGroup)


# Item analysis for trainers: an admin page per quiz, reached from the quiz listing.
# Appended as a self-contained block, so its imports sit here rather than at the top.
from wagtail import hooks  # noqa: E402


@hooks.register("register_admin_urls")
def register_item_analysis_url():
    from django.urls import path

    from quizzes.admin_views import ItemAnalysisView

    return [
        path(
            "quizzes/<int:quiz_id>/item-analysis/",
            ItemAnalysisView.as_view(),
            name="quizzes_item_analysis",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def item_analysis_listing_button(snippet, user, next_url=None):
    """An "Item analysis" button on each row of the Quizzes listing, for those who may see it."""
    from django.urls import reverse
    from wagtail.admin.widgets import ListingButton

    from quizzes.admin_views import user_can_analyse

    if isinstance(snippet, Quiz) and user_can_analyse(user):
        yield ListingButton(
            _("Item analysis"),
            reverse("quizzes_item_analysis", args=[snippet.pk]),
            icon_name="table",
            attrs={"aria-label": _("Item analysis of '%(title)s'") % {"title": snippet}},
            priority=50,
        )

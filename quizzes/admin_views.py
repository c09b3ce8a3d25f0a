"""Wagtail admin pages for trainers: the item analysis of a quiz.

The view is thin: check permission, read rows with ``quiz_item_analysis`` (a constant number of
queries however many attempts exist), let the pure ``quizzes.analysis`` do the maths, render.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from quizzes import analysis, selectors
from quizzes.analysis import (
    Flag,
    ItemAnalysis,
    Outcome,
    QuizAnalysis,
)
from quizzes.models import QUESTION_KIND_CHOICES, Quiz

# Trainers edit quizzes; the same right lets them see how the quiz's questions perform.
ANALYSIS_PERMISSION = "quizzes.change_quiz"

FLAG_LABELS: dict[Flag, Promise] = {
    Flag.TOO_EASY: _("Too easy"),
    Flag.TOO_HARD: _("Too hard"),
    Flag.NEGATIVE_DISCRIMINATION: _("Negative discrimination"),
}
OUTCOME_LABELS: dict[Outcome, Promise] = {
    Outcome.CORRECT: _("Fully correct"),
    Outcome.PARTLY: _("Partly correct"),
    Outcome.WRONG: _("Wrong"),
    Outcome.BLANK: _("No answer"),
}
KIND_LABELS = dict(QUESTION_KIND_CHOICES)

# Geometry of the facility chart, in pixels. Horizontal positions are percentages of the chart's
# width, so the SVG fills a phone or a desktop screen while its text keeps a readable size.
CHART_TOP = 24  # room for the threshold labels
CHART_ROW_HEIGHT = 44  # label line, then the bar
CHART_LABEL_HEIGHT = 16
CHART_BAR_HEIGHT = 16


def user_can_analyse(user: Any) -> bool:
    """Trainers who may edit quizzes, and superusers (``has_perm`` grants them everything)."""
    return bool(user.is_authenticated and user.has_perm(ANALYSIS_PERMISSION))


@dataclass(frozen=True)
class DistributionLine:
    label: str
    count: int
    share: float
    is_correct: bool
    is_choice: bool


@dataclass(frozen=True)
class ItemRow:
    """One question as the template shows it: numbers plus translated labels."""

    number: int
    item: ItemAnalysis
    kind_label: str
    flags: list[tuple[Flag, str]]
    distribution: list[DistributionLine]
    is_choice_question: bool


@dataclass(frozen=True)
class ChartBar:
    number: int
    facility: float | None
    flags: str
    text_y: int
    bar_y: int
    width: float  # percent of the chart width


def item_rows(report: QuizAnalysis) -> list[ItemRow]:
    rows = []
    for number, item in enumerate(report.items, start=1):
        lines = [
            DistributionLine(
                label=row.choice.text if row.choice else str(OUTCOME_LABELS[row.outcome]),
                count=row.count,
                share=row.share,
                is_correct=bool(row.choice and row.choice.is_correct)
                or row.outcome is Outcome.CORRECT,
                is_choice=row.choice is not None,
            )
            for row in item.distribution
            if row.choice is not None or row.outcome is not None
        ]
        rows.append(
            ItemRow(
                number=number,
                item=item,
                kind_label=str(KIND_LABELS.get(item.question.kind, item.question.kind)),
                flags=[(flag, str(FLAG_LABELS[flag])) for flag in item.flags],
                distribution=lines,
                is_choice_question=item.question.kind in analysis.CHOICE_KINDS,
            )
        )
    return rows


def chart_bars(rows: list[ItemRow]) -> list[ChartBar]:
    bars = []
    for index, row in enumerate(rows):
        top = CHART_TOP + index * CHART_ROW_HEIGHT
        bars.append(
            ChartBar(
                number=row.number,
                facility=row.item.facility,
                flags=", ".join(label for _flag, label in row.flags),
                text_y=top + CHART_LABEL_HEIGHT - 4,
                bar_y=top + CHART_LABEL_HEIGHT + 2,
                width=round(row.item.facility or 0, 1),
            )
        )
    return bars


class ItemAnalysisView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/item_analysis.html"
    page_title = _("Item analysis")
    header_icon = "table"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Wagtail's admin URL wrapper has already sent anonymous users and users without admin
        # access to the login page; this turns away admin users who may not edit quizzes
        # (the wrapper answers PermissionDenied with its "permission denied" redirect).
        if not user_can_analyse(request.user):
            raise PermissionDenied
        self.quiz = get_object_or_404(Quiz, pk=kwargs["quiz_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.quiz.title

    def edit_url(self) -> str:
        viewset = Quiz.snippet_viewset  # type: ignore[attr-defined]
        return reverse(viewset.get_url_name("edit"), args=[quote(self.quiz.pk)])

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        viewset = Quiz.snippet_viewset  # type: ignore[attr-defined]
        return [
            *self.breadcrumbs_items,
            {"url": reverse(viewset.get_url_name("list")), "label": viewset.menu_label},
            {"url": self.edit_url(), "label": str(self.quiz)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = selectors.quiz_item_analysis(quiz=self.quiz)
        rows = item_rows(report)
        context.update(
            quiz=self.quiz,
            edit_url=self.edit_url(),
            report=report,
            rows=rows,
            bars=chart_bars(rows),
            chart={
                "height": CHART_TOP + CHART_ROW_HEIGHT * len(rows),
                "bar_height": CHART_BAR_HEIGHT,
            },
            too_easy_above=analysis.TOO_EASY_ABOVE,
            too_hard_below=analysis.TOO_HARD_BELOW,
            min_attempts=analysis.MIN_ATTEMPTS_FOR_DISCRIMINATION,
            group_percent=round(analysis.GROUP_FRACTION * 100),
        )
        return context

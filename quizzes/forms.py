"""Admin form for questions: refuses a question learners could not answer correctly."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from quizzes.scoring import QuestionKind, authoring_problems


def _live_choices(formset) -> list[tuple[str, bool, str]]:
    choices = []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or not form.cleaned_data:
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        data = form.cleaned_data
        choices.append(
            (data.get("text", ""), bool(data.get("is_correct")), data.get("match_text", ""))
        )
    return choices


def question_problems(form) -> list[str]:
    """Problems of one question form (standalone or nested in a quiz), from its choices."""
    choices_formset = getattr(form, "formsets", {}).get("choices")
    kind = form.cleaned_data.get("kind")
    if choices_formset is None or not kind or not choices_formset.is_valid():
        return []
    problems = authoring_problems(QuestionKind(kind), _live_choices(choices_formset))
    return [_(problem) for problem in problems]


class QuestionForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        problems = question_problems(self)
        if problems:
            raise ValidationError(problems)
        return cleaned


class QuizForm(WagtailAdminModelForm):
    """Questions edited inline in a quiz get the same checks as bank questions."""

    def clean(self):
        cleaned = super().clean()
        questions = self.formsets.get("questions")
        # The nested forms are cleaned after this form unless asked first.
        if questions is None or not questions.is_valid():
            return cleaned
        problems = []
        for number, form in enumerate(questions.forms, 1):
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            for problem in question_problems(form):
                form.add_error(None, problem)
                problems.append(
                    _("Question %(number)s: %(problem)s") % {"number": number, "problem": problem}
                )
        if problems:
            raise ValidationError(problems)
        return cleaned

"""A reply's rubric points: JSON in the database, one line of text in the form (empathy:+2)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from scenarios.scoring import MAX_POINTS, MIN_POINTS

_PAIR = re.compile(r"^([a-z][a-z0-9_-]*):([+-]?\d+)$")


def parse_points(text: str) -> dict[str, int]:
    points: dict[str, int] = {}
    for item in text.replace(",", " ").split():
        match = _PAIR.match(item.strip().lower())
        if not match:
            raise ValidationError(
                _("“%(item)s” is not dimension:points, e.g. empathy:+2"), params={"item": item}
            )
        code, value = match.group(1), int(match.group(2))
        if not MIN_POINTS <= value <= MAX_POINTS:
            raise ValidationError(
                _("%(code)s: points run from %(low)s to +%(high)s"),
                params={"code": code, "low": MIN_POINTS, "high": MAX_POINTS},
            )
        points[code] = value
    return points


def format_points(points: dict[str, int] | None) -> str:
    return " ".join(f"{code}:{value:+d}" for code, value in (points or {}).items())


class PointsFormField(forms.CharField):
    def prepare_value(self, value):
        return format_points(value) if isinstance(value, dict) else value

    def to_python(self, value):
        return parse_points(super().to_python(value) or "")


class RubricPointsField(models.JSONField):
    def formfield(self, form_class=None, choices_form_class=None, **kwargs):
        return PointsFormField(
            required=False,
            label=capfirst(self.verbose_name),
            help_text=self.help_text
            or _("Points per rubric dimension, -2 to +3, e.g. empathy:+2 policy:-1"),
        )

"""Demo roleplay scenarios for the demo academy (see ``seed_demo``).

Creates the scenarios in ``scenarios.demo_content`` as live English snippets, and their
translations as copies made with Wagtail's ``copy_for_translation``: same steps, keys, targets
and points, with every text replaced. Idempotent: an English scenario is found by title in the
default locale, a translation by the English scenario's translation key (or by its own title)
in its locale; only what is missing is created.
"""

from django.db import transaction
from wagtail.models import Locale

from scenarios.demo_content import SCENARIOS, TRANSLATIONS, text
from scenarios.models import Scenario
from scenarios.services import scenario_create_from_spec


def ensure_demo_scenarios() -> dict[str, Scenario]:
    """The demo scenarios keyed by slug, translations as ``<slug>-<language code>``."""
    default_locale = Locale.get_default()
    scenarios: dict[str, Scenario] = {}
    for slug, spec in SCENARIOS.items():
        scenario = Scenario.objects.filter(locale=default_locale, title=spec.title).first()
        if scenario is None:
            scenario = scenario_create_from_spec(spec=spec, live=True, locale=default_locale)
        scenarios[slug] = scenario
        for language_code, content in TRANSLATIONS.get(slug, {}).items():
            scenarios[f"{slug}-{language_code}"] = _ensure_translation(
                scenario, language_code, content
            )
    return scenarios


@transaction.atomic
def _ensure_translation(source: Scenario, language_code: str, content: dict) -> Scenario:
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    existing = (
        source.get_translation_or_none(locale)
        or Scenario.objects.filter(locale=locale, title=content["title"]).first()
    )
    if existing is not None:
        return existing
    translation = source.copy_for_translation(locale)
    _apply(translation, content)
    translation.live = True
    translation.has_unpublished_changes = False
    translation.save()  # saves the copied steps, replies and rubric with it
    return translation


def _apply(scenario: Scenario, content: dict) -> None:
    """Replace every text of an unsaved copy with ``content``; the structure stays as it is."""
    scenario.title = content["title"]
    scenario.persona_name = content.get("persona_name", scenario.persona_name)
    scenario.persona_mood = content.get("persona_mood", "")
    scenario.situation = text(content["situation"])
    nodes = {node.key: node for node in scenario.nodes.all()}
    if set(nodes) != set(content["nodes"]):
        raise ValueError(
            f"Translation of {scenario.title!r} does not match the steps: "
            f"{sorted(set(nodes) ^ set(content['nodes']))}"
        )
    for key, node in nodes.items():
        fields = content["nodes"][key]
        node.customer_text = text(fields["customer_text"])
        node.mood = fields.get("mood", "")
        node.narrator_note = text(fields.get("narrator_note", ""))
        node.debrief = text(fields.get("debrief", ""))
        replies = sorted(node.replies.all(), key=lambda reply: reply.sort_order)
        if len(replies) != len(fields.get("replies", [])):
            raise ValueError(f"Translation of step {key!r} does not match its replies.")
        for reply, (says, feedback, *reason) in zip(
            replies, fields.get("replies", []), strict=True
        ):
            reply.text = text(says)
            reply.feedback = text(feedback)
            reply.auto_fail_reason = text(reason[0]) if reason else ""

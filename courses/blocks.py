"""StreamField blocks for lesson bodies. Each block renders with its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        preview_value = {"text": "Before you issue a refund"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube or Vimeo link."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("policy", _("Policy"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = _("Callout")
        preview_value = {
            "kind": "policy",
            "title": "Never read out a full card number",
            "text": "<p>Confirm only the last four digits, and only after verification.</p>",
        }


class SopStepBlock(blocks.StructBlock):
    instruction = blocks.CharBlock(label=_("Step"), max_length=250)
    do = blocks.TextBlock(label=_("Do"), required=False)
    dont = blocks.TextBlock(label=_("Don't"), required=False)

    class Meta:
        icon = "tick"
        label = _("SOP step")


class SopStepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Procedure"), max_length=120)
    steps = blocks.ListBlock(SopStepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/sop_steps_block.html"
        label = _("SOP steps")
        preview_value = {
            "title": "Verify the caller",
            "steps": [
                {
                    "instruction": "Ask for the order number and postcode",
                    "do": "Repeat the order number back to confirm it.",
                    "dont": "Don't read out the address on file.",
                },
                {
                    "instruction": "Check both match the account",
                    "do": "Proceed only when both match.",
                    "dont": "Don't accept 'close enough'.",
                },
            ],
        }


class KeyTakeawaysBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, default="Key takeaways")
    items = blocks.ListBlock(blocks.CharBlock(max_length=250), label=_("Takeaways"), min_num=1)

    class Meta:
        icon = "pick"
        template = "blocks/key_takeaways_block.html"
        label = _("Key takeaways")
        preview_value = {
            "title": "Key takeaways",
            "items": ["Acknowledge the feeling first.", "Say what you will do, and by when."],
        }


class QuizBlock(blocks.StructBlock):
    """A knowledge check inside a lesson; when required, the lesson completes only once passed."""

    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Quiz"))
    required = blocks.BooleanBlock(
        label=_("Required to complete the lesson"), required=False, default=True
    )

    class Meta:
        icon = "form"
        template = "blocks/quiz_block.html"
        label = _("Knowledge check")

    def get_context(self, value, parent_context=None):
        from quizzes.selectors import quiz_statuses

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        quiz = value.get("quiz")
        if request is not None and quiz is not None:
            context["status"] = quiz_statuses(user=request.user, quiz_ids=[quiz.pk])[quiz.pk]
            context["next_url"] = request.path
        return context


class ScenarioBlock(blocks.StructBlock):
    """A roleplay to practise inside a lesson; when required, it must be mastered first."""

    scenario = SnippetChooserBlock("scenarios.Scenario", label=_("Roleplay scenario"))
    required = blocks.BooleanBlock(
        label=_("Required to complete the lesson"), required=False, default=False
    )

    class Meta:
        icon = "group"
        template = "blocks/scenario_block.html"
        label = _("Roleplay")

    def get_context(self, value, parent_context=None):
        from scenarios.selectors import mastered_scenario_keys

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        scenario = value.get("scenario")
        if request is not None and scenario is not None and request.user.is_authenticated:
            context["mastered"] = scenario.translation_key in mastered_scenario_keys(
                user=request.user, scenario_ids=[scenario.pk]
            )
        return context


def _required_ids(body, block_type: str, field: str) -> list[int]:
    return [
        block["value"][field]
        for block in body.raw_data
        if block["type"] == block_type
        and block["value"].get("required")
        and block["value"].get(field)
    ]


def required_scenario_ids(body) -> list[int]:
    """Ids of the roleplays a lesson requires to be mastered, read without a query."""
    return _required_ids(body, "scenario", "scenario")


def required_quiz_ids(body) -> list[int]:
    """Ids of the required knowledge checks in a lesson body, read without a query."""
    return _required_ids(body, "quiz", "quiz")


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        features=["h3", "bold", "italic", "link", "ol", "ul", "blockquote"],
        preview_value="<p>Refunds follow the same four steps on every channel.</p>",
    )
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    sop_steps = SopStepsBlock()
    key_takeaways = KeyTakeawaysBlock()
    quiz = QuizBlock()
    scenario = ScenarioBlock()

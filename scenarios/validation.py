"""Graph problems as sentences an author can act on."""

from django.utils.translation import gettext as _

from scenarios.graph import ProblemCode, validate
from scenarios.spec import ScenarioSpec


def problem_messages(spec: ScenarioSpec) -> list[str]:
    sentences = {
        ProblemCode.NO_START: _("Mark one step as the start."),
        ProblemCode.MANY_STARTS: _("Only one step can be the start: %(nodes)s."),
        ProblemCode.DANGLING: _(
            "These steps have replies leading to a step that does not exist: %(nodes)s."
        ),
        ProblemCode.UNREACHABLE: _("No reply leads to these steps: %(nodes)s."),
        ProblemCode.NO_WAY_TO_END: _("From these steps the conversation can never end: %(nodes)s."),
        ProblemCode.TOO_FEW_REPLIES: _(
            "These steps need at least two replies, or one marked continue: %(nodes)s."
        ),
        ProblemCode.END_HAS_REPLIES: _("End steps (with an outcome) take no replies: %(nodes)s."),
    }
    return [
        sentences[problem.code] % {"nodes": ", ".join(str(n) for n in problem.node_ids)}
        for problem in validate(spec.to_graph())
    ]

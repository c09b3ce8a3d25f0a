"""A scenario as plain data: what import, export, validation and the database models share.

Pure: no ORM. The models turn into a ``ScenarioSpec`` and back; the Twee importer and the JSON
exporter read and write one; ``to_graph`` and ``to_replies`` feed the validator and the scorer.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from scenarios import graph, scoring


class Channel(StrEnum):
    PHONE = "phone"
    CHAT = "chat"
    EMAIL = "email"


class Outcome(StrEnum):
    RESOLVED = "resolved"
    ESCALATED = "escalated"  # escalated correctly
    LOST = "lost"  # customer lost


@dataclass
class ReplySpec:
    text: str
    target: str  # the key of the node it leads to
    points: dict[str, int] = field(default_factory=dict)  # dimension code -> -2..+3
    feedback: str = ""
    auto_fail: bool = False
    auto_fail_reason: str = ""
    is_continue: bool = False


@dataclass
class NodeSpec:
    key: str  # unique within the scenario, e.g. "angry-opening"
    customer_text: str
    mood: str = ""  # the customer's mood from here on, when it changes
    narrator_note: str = ""
    is_start: bool = False
    outcome: Outcome | None = None  # set on end nodes only
    simulated_csat: int | None = None  # 1..5, end nodes
    debrief: str = ""
    replies: list[ReplySpec] = field(default_factory=list)

    @property
    def is_end(self) -> bool:
        return self.outcome is not None


@dataclass
class ScenarioSpec:
    title: str
    channel: Channel = Channel.PHONE
    persona_name: str = ""
    persona_mood: str = ""
    situation: str = ""
    dimensions: dict[str, float] = field(default_factory=dict)  # code -> weight
    mastery_threshold: int = 70
    nodes: list[NodeSpec] = field(default_factory=list)

    def to_graph(self) -> graph.Graph:
        return graph.Graph(
            nodes=tuple(
                graph.Node(node.key, label=node.key, is_start=node.is_start, is_end=node.is_end)
                for node in self.nodes
            ),
            edges=tuple(
                graph.Edge(node.key, reply.target, is_continue=reply.is_continue)
                for node in self.nodes
                for reply in node.replies
            ),
        )

    def to_replies(self) -> list[scoring.Reply]:
        """Replies for the scorer, identified by (node key, position)."""
        return [
            scoring.Reply(
                id=(node.key, index),
                source=node.key,
                target=reply.target,
                points=dict(reply.points),
                auto_fail=reply.auto_fail,
            )
            for node in self.nodes
            for index, reply in enumerate(node.replies)
        ]

"""Validating roleplay scenario graphs. Pure: no ORM, no Django.

A scenario is a directed graph: nodes are what the customer says, edges are the agent's
replies. A playable scenario has exactly one start, every node reachable from it, no reply
pointing nowhere, a way to an end from every node (loops are fine while an exit stays
reachable), and a real choice at every non-end node: two replies or more, or a single
"continue". ``validate`` lists every problem, naming the nodes, so authors can fix them all
at once. It runs in O(nodes + edges).
"""

from collections import deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

NodeId = Hashable


@dataclass(frozen=True)
class Node:
    id: NodeId
    label: str = ""
    is_start: bool = False
    is_end: bool = False


@dataclass(frozen=True)
class Edge:
    source: NodeId
    target: NodeId | None
    is_continue: bool = False


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = ()


class ProblemCode(StrEnum):
    NO_START = "no_start"
    MANY_STARTS = "many_starts"
    DANGLING = "dangling"
    UNREACHABLE = "unreachable"
    NO_WAY_TO_END = "no_way_to_end"
    TOO_FEW_REPLIES = "too_few_replies"
    END_HAS_REPLIES = "end_has_replies"


@dataclass(frozen=True)
class Problem:
    code: ProblemCode
    node_ids: tuple[NodeId, ...] = field(default_factory=tuple)


def _reachable(starts: Iterable[NodeId], neighbours: dict[NodeId, list[NodeId]]) -> set[NodeId]:
    seen = set(starts)
    queue = deque(seen)
    while queue:
        current = queue.popleft()
        for following in neighbours.get(current, ()):
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return seen


def validate(graph: Graph) -> list[Problem]:
    """Every reason the scenario cannot be played as authored; empty when it can."""
    problems: list[Problem] = []
    ids = {node.id for node in graph.nodes}
    ordered_ids = [node.id for node in graph.nodes]

    starts = [node.id for node in graph.nodes if node.is_start]
    if not starts:
        problems.append(Problem(ProblemCode.NO_START))
    elif len(starts) > 1:
        problems.append(Problem(ProblemCode.MANY_STARTS, tuple(starts)))

    forward: dict[NodeId, list[NodeId]] = {node_id: [] for node_id in ids}
    backward: dict[NodeId, list[NodeId]] = {node_id: [] for node_id in ids}
    replies: dict[NodeId, list[Edge]] = {node_id: [] for node_id in ids}
    dangling = []
    for edge in graph.edges:
        if edge.source not in ids:
            continue  # a reply of a deleted node: nothing can reach it
        replies[edge.source].append(edge)
        if edge.target not in ids:
            dangling.append(edge.source)
            continue
        forward[edge.source].append(edge.target)
        backward[edge.target].append(edge.source)
    if dangling:
        problems.append(Problem(ProblemCode.DANGLING, tuple(dict.fromkeys(dangling))))

    if len(starts) == 1:
        reached = _reachable(starts, forward)
        unreachable = tuple(node_id for node_id in ordered_ids if node_id not in reached)
        if unreachable:
            problems.append(Problem(ProblemCode.UNREACHABLE, unreachable))

    ends = [node.id for node in graph.nodes if node.is_end]
    can_finish = _reachable(ends, backward)
    stuck = tuple(node_id for node_id in ordered_ids if node_id not in can_finish)
    if stuck:
        problems.append(Problem(ProblemCode.NO_WAY_TO_END, stuck))

    too_few, end_with_replies = [], []
    for node in graph.nodes:
        outgoing = replies[node.id]
        if node.is_end:
            if outgoing:
                end_with_replies.append(node.id)
        elif not (len(outgoing) >= 2 or (len(outgoing) == 1 and outgoing[0].is_continue)):
            too_few.append(node.id)
    if too_few:
        problems.append(Problem(ProblemCode.TOO_FEW_REPLIES, tuple(too_few)))
    if end_with_replies:
        problems.append(Problem(ProblemCode.END_HAS_REPLIES, tuple(end_with_replies)))
    return problems

"""Scoring roleplay runs on a skills rubric. Pure: no ORM, no Django.

Each reply scores -2..+3 on some rubric dimensions. A run's score on a dimension is the points
it earned over the best achievable on any way through the conversation from the start to an
end, computed on the graph. Rules:

- A reply taken twice (going round a loop) counts once: repeating yourself earns nothing.
- The best achievable counts each conversation once too: loops (replies that lead back to an
  earlier point of a depth-first walk from the start) never add to it, so the best is a longest
  path in an acyclic graph, found in O(nodes + replies) per dimension.
- A dimension where nothing positive can be earned is left out of the overall score.
- The overall score is the weighted mean of the dimension scores; each is clamped to 0..100.
- Any auto-fail reply means the run is not mastered, whatever the score.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

NodeId = Hashable
ReplyId = Hashable
MIN_POINTS, MAX_POINTS = -2, 3


@dataclass(frozen=True)
class Reply:
    id: ReplyId
    source: NodeId
    target: NodeId
    points: Mapping[str, int] = field(default_factory=dict)
    auto_fail: bool = False


@dataclass(frozen=True)
class RunScore:
    dimensions: dict[str, float]  # 0..100 per scorable dimension
    overall: float  # 0..100
    auto_failed: bool
    mastered: bool


def _forward_replies(replies: Iterable[Reply], start: NodeId) -> list[Reply]:
    """Replies that do not lead back into the conversation so far (iterative DFS)."""
    outgoing: dict[NodeId, list[Reply]] = {}
    for reply in replies:
        outgoing.setdefault(reply.source, []).append(reply)
    on_stack: set[NodeId] = {start}
    done: set[NodeId] = set()
    kept: list[Reply] = []
    stack: list[tuple[NodeId, int]] = [(start, 0)]
    while stack:
        node, index = stack[-1]
        children = outgoing.get(node, [])
        if index == len(children):
            stack.pop()
            on_stack.discard(node)
            done.add(node)
            continue
        stack[-1] = (node, index + 1)
        reply = children[index]
        if reply.target in on_stack:
            continue  # a loop back: never part of the best
        kept.append(reply)
        if reply.target not in done:
            on_stack.add(reply.target)
            stack.append((reply.target, 0))
    return kept


def best_achievable(
    replies: Sequence[Reply], *, start: NodeId, ends: Iterable[NodeId], dimensions: Iterable[str]
) -> dict[str, int]:
    """Per dimension, the most points any way from the start to an end can earn."""
    forward = _forward_replies(replies, start)
    end_set = set(ends)
    # Topological order of the acyclic graph of forward replies (Kahn).
    indegree: dict[NodeId, int] = {start: 0}
    outgoing: dict[NodeId, list[Reply]] = {}
    for reply in forward:
        outgoing.setdefault(reply.source, []).append(reply)
        indegree[reply.target] = indegree.get(reply.target, 0) + 1
        indegree.setdefault(reply.source, 0)
    order = [node for node, degree in indegree.items() if degree == 0]
    for node in order:
        for reply in outgoing.get(node, []):
            indegree[reply.target] -= 1
            if indegree[reply.target] == 0:
                order.append(reply.target)
    best: dict[str, int] = {}
    for dimension in dimensions:
        most: dict[NodeId, int] = {start: 0}
        for node in order:
            if node not in most:
                continue
            for reply in outgoing.get(node, []):
                candidate = most[node] + reply.points.get(dimension, 0)
                if candidate > most.get(reply.target, candidate - 1):
                    most[reply.target] = candidate
        reachable_ends = [most[end] for end in end_set if end in most]
        best[dimension] = max(reachable_ends) if reachable_ends else 0
    return best


def run_score(
    *,
    taken: Sequence[Reply],
    best: Mapping[str, int],
    weights: Mapping[str, float],
    mastery_threshold: float,
) -> RunScore:
    """Score the replies a learner took, in order, against the best achievable."""
    earned: dict[str, int] = dict.fromkeys(best, 0)
    seen: set[ReplyId] = set()
    auto_failed = False
    for reply in taken:
        auto_failed = auto_failed or reply.auto_fail
        if reply.id in seen:
            continue
        seen.add(reply.id)
        for dimension, points in reply.points.items():
            if dimension in earned:
                earned[dimension] += points
    dimensions = {
        dimension: min(100.0, max(0.0, 100 * earned[dimension] / most))
        for dimension, most in best.items()
        if most > 0
    }
    total_weight = sum(weights.get(d, 1.0) for d in dimensions)
    overall = (
        round(sum(weights.get(d, 1.0) * s for d, s in dimensions.items()) / total_weight, 2)
        if total_weight
        else 0.0
    )
    return RunScore(
        dimensions={d: round(s, 2) for d, s in dimensions.items()},
        overall=overall,
        auto_failed=auto_failed,
        mastered=not auto_failed and overall >= mastery_threshold,
    )

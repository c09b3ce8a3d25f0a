from hypothesis import given, settings
from hypothesis import strategies as st

from scenarios.scoring import MAX_POINTS, MIN_POINTS, Reply, best_achievable, run_score

DIMENSIONS = ("empathy", "policy")


def refund_outside_policy():
    """A customer wants a refund outside policy. The strong path acknowledges, explains the
    policy and offers what is possible; reading out card details auto-fails."""
    return [
        Reply("ack", "start", "listening", {"empathy": 3}),
        Reply("rules", "start", "annoyed", {"empathy": -1, "policy": 2}),
        Reply("offer", "listening", "resolved", {"policy": 3, "empathy": 1}),
        Reply("cave", "listening", "resolved", {"policy": -2, "empathy": 2}),
        Reply("card", "annoyed", "lost", {"policy": -2}, auto_fail=True),
        Reply("sorry", "annoyed", "listening", {"empathy": 2}),
        Reply("again", "listening", "start", {"empathy": 3}),  # a loop back: never counts
    ]


def best(replies):
    return best_achievable(replies, start="start", ends=["resolved", "lost"], dimensions=DIMENSIONS)


def test_best_achievable_is_computed_on_the_graph_without_loops():
    # empathy: ack (3) then cave (2) = 5; the loop "again" (+3) never counts
    # policy: rules (2), sorry (0), offer (3) = 5
    assert best(refund_outside_policy()) == {"empathy": 5, "policy": 5}


def test_the_strong_path_masters_and_the_card_trap_auto_fails():
    replies = {r.id: r for r in refund_outside_policy()}
    most = best(refund_outside_policy())
    weights = {"empathy": 1, "policy": 1}

    strong = run_score(
        taken=[replies["rules"], replies["sorry"], replies["offer"]],
        best=most,
        weights=weights,
        mastery_threshold=60,
    )
    trap = run_score(
        taken=[replies["rules"], replies["card"]], best=most, weights=weights, mastery_threshold=0
    )

    assert strong.dimensions == {"empathy": 40.0, "policy": 100.0}
    assert strong.overall == 70.0 and strong.mastered
    assert trap.auto_failed and not trap.mastered


def test_going_round_a_loop_earns_nothing_more():
    replies = {r.id: r for r in refund_outside_policy()}
    most = best(refund_outside_policy())
    once = [replies["ack"], replies["again"], replies["ack"], replies["again"], replies["ack"]]

    score = run_score(taken=once, best=most, weights={}, mastery_threshold=50)

    assert score.dimensions["empathy"] == 100.0  # 3 (ack, once) + 3 (again, once) capped


@st.composite
def dags(draw):
    """Random conversations: nodes 0..n-1, replies only forward, node n-1 the end."""
    size = draw(st.integers(min_value=2, max_value=7))
    replies = []
    for source in range(size - 1):
        for target in draw(
            st.lists(st.integers(source + 1, size - 1), min_size=1, max_size=3, unique=True)
        ):
            points = {
                d: draw(st.integers(MIN_POINTS, MAX_POINTS))
                for d in DIMENSIONS
                if draw(st.booleans())
            }
            replies.append(Reply(f"{source}->{target}", source, target, points))
    return size, replies


def all_paths(size, replies, node=0, path=()):
    if node == size - 1:
        yield path
        return
    for reply in replies:
        if reply.source == node:
            yield from all_paths(size, replies, reply.target, (*path, reply))


@settings(max_examples=200, deadline=None)
@given(conversation=dags())
def test_the_best_path_scores_100_and_every_path_stays_within_0_and_100(conversation):
    size, replies = conversation
    most = best_achievable(replies, start=0, ends=[size - 1], dimensions=DIMENSIONS)
    paths = list(all_paths(size, replies))
    for dimension in DIMENSIONS:
        totals = [sum(r.points.get(dimension, 0) for r in path) for path in paths]
        assert most[dimension] == max(totals)  # agrees with brute force
    for path in paths:
        score = run_score(taken=path, best=most, weights={}, mastery_threshold=100)
        assert 0 <= score.overall <= 100
        assert all(0 <= value <= 100 for value in score.dimensions.values())
    for dimension in DIMENSIONS:
        if most[dimension] > 0:
            champion = max(paths, key=lambda p: sum(r.points.get(dimension, 0) for r in p))
            score = run_score(taken=champion, best=most, weights={}, mastery_threshold=0)
            assert score.dimensions[dimension] == 100.0

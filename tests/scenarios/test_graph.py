import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from scenarios.graph import Edge, Graph, Node, Problem, ProblemCode, validate


def codes(graph):
    return {problem.code for problem in validate(graph)}


def late_delivery() -> Graph:
    """An angry caller about a late parcel: two ways to end, a loop that can still exit."""
    return Graph(
        nodes=(
            Node("greet", is_start=True),
            Node("angry"),
            Node("calmer"),
            Node("resolved", is_end=True),
            Node("lost", is_end=True),
        ),
        edges=(
            Edge("greet", "angry", is_continue=True),
            Edge("angry", "calmer"),
            Edge("angry", "lost"),
            Edge("calmer", "resolved"),
            Edge("calmer", "angry"),  # a loop back, with an exit reachable
        ),
    )


def test_a_well_formed_scenario_has_no_problems():
    assert validate(late_delivery()) == []


def test_problems_name_the_nodes():
    graph = Graph(
        nodes=(
            Node("a", is_start=True),
            Node("b", is_start=True),
            Node("orphan"),
            Node("trap"),
            Node("end", is_end=True),
        ),
        edges=(
            Edge("a", "end"),
            Edge("a", "ghost"),
            Edge("b", "trap"),
            Edge("b", "end"),
            Edge("trap", "trap"),
            Edge("trap", "trap"),
            Edge("end", "a"),
        ),
    )

    problems = validate(graph)

    assert Problem(ProblemCode.MANY_STARTS, ("a", "b")) in problems
    assert Problem(ProblemCode.DANGLING, ("a",)) in problems
    assert Problem(ProblemCode.TOO_FEW_REPLIES, ("orphan",)) in problems
    assert Problem(ProblemCode.END_HAS_REPLIES, ("end",)) in problems
    no_exit = next(p for p in problems if p.code is ProblemCode.NO_WAY_TO_END)
    assert set(no_exit.node_ids) == {"orphan", "trap"}


def test_a_missing_start_and_unreachable_nodes_are_reported():
    assert ProblemCode.NO_START in codes(Graph(nodes=(Node("x", is_end=True),)))
    graph = late_delivery()
    island = Graph(nodes=(*graph.nodes, Node("island", is_end=True)), edges=graph.edges)
    assert validate(island) == [Problem(ProblemCode.UNREACHABLE, ("island",))]


def test_a_single_reply_is_fine_only_when_it_is_a_continue():
    base = [Node("s", is_start=True), Node("e", is_end=True)]
    assert validate(Graph(tuple(base), (Edge("s", "e", is_continue=True),))) == []
    assert codes(Graph(tuple(base), (Edge("s", "e"),))) == {ProblemCode.TOO_FEW_REPLIES}


# --- property tests against a brute force on small graphs ---------------------------------------


@st.composite
def small_graphs(draw):
    size = draw(st.integers(min_value=1, max_value=5))
    ids = list(range(size))
    nodes = tuple(Node(i, is_start=draw(st.booleans()), is_end=draw(st.booleans())) for i in ids)
    targets = st.one_of(st.sampled_from(ids), st.just(99))  # 99 is a node that does not exist
    edges = tuple(
        Edge(draw(st.sampled_from(ids)), draw(targets), is_continue=draw(st.booleans()))
        for _ in range(draw(st.integers(min_value=0, max_value=8)))
    )
    return Graph(nodes, edges)


def brute_force_is_valid(graph: Graph) -> bool:
    """Validity from the definitions, by enumerating walks up to the node count."""
    ids = [n.id for n in graph.nodes]
    starts = [n.id for n in graph.nodes if n.is_start]
    ends = {n.id for n in graph.nodes if n.is_end}
    if len(starts) != 1 or any(e.target not in ids for e in graph.edges):
        return False
    steps = {(e.source, e.target) for e in graph.edges}

    def walks_from(node):
        reached = {node}
        for length in range(1, len(ids)):
            for walk in itertools.product(ids, repeat=length):
                path = (node, *walk)
                if all((a, b) in steps for a, b in itertools.pairwise(path)):
                    reached.add(path[-1])
        return reached

    if set(walks_from(starts[0])) != set(ids):
        return False
    if any(not (walks_from(node) & ends) for node in ids):
        return False
    for node in graph.nodes:
        out = [e for e in graph.edges if e.source == node.id]
        if node.is_end and out:
            return False
        if not node.is_end and not (len(out) >= 2 or (len(out) == 1 and out[0].is_continue)):
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(graph=small_graphs())
def test_the_validator_never_crashes_and_agrees_with_brute_force(graph):
    assert (validate(graph) == []) == brute_force_is_valid(graph)

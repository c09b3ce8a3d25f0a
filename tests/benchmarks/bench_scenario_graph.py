"""Benchmark: validating a 1,000-node scenario graph.

Run with `make bench`. Prints the validator's time against a baseline measured in the same run:
one plain breadth-first walk over the same graph, the least any reachability check must do.
"""

import random
import statistics
import time
from collections import deque

from scenarios.graph import Edge, Graph, Node, validate

NODES = 1_000
REPEATS = 20


def build_graph(size: int, seed: int = 1) -> Graph:
    rng = random.Random(seed)
    nodes = [Node(0, is_start=True)]
    nodes += [Node(i) for i in range(1, size - 3)]
    nodes += [Node(i, is_end=True) for i in range(size - 3, size)]
    edges = []
    for node in nodes:
        if node.is_end:
            continue
        for reply in range(3):  # three replies a node, forward, with the odd loop back
            target = min(size - 1, node.id + (1 if reply == 0 else rng.randint(1, 5)))
            if reply and rng.random() < 0.05:
                target = rng.randint(0, node.id)
            edges.append(Edge(node.id, target))
    return Graph(tuple(nodes), tuple(edges))


def bfs(graph: Graph) -> int:
    neighbours: dict = {}
    for edge in graph.edges:
        neighbours.setdefault(edge.source, []).append(edge.target)
    seen, queue = {0}, deque([0])
    while queue:
        for following in neighbours.get(queue.popleft(), ()):
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return len(seen)


def timed(function, graph: Graph) -> float:
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        function(graph)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    graph = build_graph(NODES)
    assert validate(graph) == [], validate(graph)[:3]
    baseline = timed(bfs, graph)
    validator = timed(validate, graph)
    print(f"scenario graph: {NODES} nodes, {len(graph.edges)} replies, median of {REPEATS} runs")
    print(f"  baseline (one BFS): {baseline * 1000:8.2f} ms")
    print(
        f"  validate():         {validator * 1000:8.2f} ms  ({validator / baseline:.1f}x baseline)"
    )


if __name__ == "__main__":
    main()

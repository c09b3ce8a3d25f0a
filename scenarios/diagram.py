"""Draw a scenario's conversation as SVG. Pure: no ORM, no Django.

Steps are laid out in columns by their distance from the start (breadth-first), replies are
arrows, end steps are coloured by outcome and steps with problems get a red outline and a
"!" so authors find them at a glance. Text is escaped; the drawing needs no external tool.
"""

from collections import deque
from html import escape

from scenarios.graph import validate
from scenarios.spec import Outcome, ScenarioSpec

BOX_WIDTH, BOX_HEIGHT = 150, 44
COLUMN_GAP, ROW_GAP, MARGIN = 70, 24, 20
OUTCOME_FILL = {
    Outcome.RESOLVED: "#d9f2e0",
    Outcome.ESCALATED: "#fff1cc",
    Outcome.LOST: "#f8d7d5",
}


def layout(spec: ScenarioSpec) -> dict[str, tuple[int, int]]:
    """(column, row) per step key: columns by distance from the start."""
    outgoing = {node.key: [reply.target for reply in node.replies] for node in spec.nodes}
    start = next((node.key for node in spec.nodes if node.is_start), None)
    depth: dict[str, int] = {}
    if start is not None:
        depth[start] = 0
        queue = deque([start])
        while queue:
            current = queue.popleft()
            for target in outgoing.get(current, []):
                if target in outgoing and target not in depth:
                    depth[target] = depth[current] + 1
                    queue.append(target)
    last = max(depth.values(), default=-1) + 1
    positions: dict[str, tuple[int, int]] = {}
    rows: dict[int, int] = {}
    for node in spec.nodes:  # authoring order within a column
        column = depth.get(node.key, last)  # unreachable steps stand apart, on the right
        positions[node.key] = (column, rows.get(column, 0))
        rows[column] = rows.get(column, 0) + 1
    return positions


def _box(column: int, row: int) -> tuple[int, int]:
    return MARGIN + column * (BOX_WIDTH + COLUMN_GAP), MARGIN + row * (BOX_HEIGHT + ROW_GAP)


def render_svg(spec: ScenarioSpec, *, title: str) -> str:
    positions = layout(spec)
    flagged = {node_id for problem in validate(spec.to_graph()) for node_id in problem.node_ids}
    width = MARGIN * 2 + (max((c for c, _ in positions.values()), default=0) + 1) * (
        BOX_WIDTH + COLUMN_GAP
    )
    height = MARGIN * 2 + (max((r for _, r in positions.values()), default=0) + 1) * (
        BOX_HEIGHT + ROW_GAP
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="scenario-diagram">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#5a6673"/></marker></defs>',
    ]
    for node in spec.nodes:
        x1, y1 = _box(*positions[node.key])
        for reply in node.replies:
            if reply.target not in positions:
                continue  # a dangling reply: its step is flagged instead
            x2, y2 = _box(*positions[reply.target])
            back = x2 <= x1
            start_x, end_x = (x1, x2 + BOX_WIDTH) if back else (x1 + BOX_WIDTH, x2)
            colour = "#b3261e" if reply.auto_fail else "#5a6673"
            dash = ' stroke-dasharray="5 4"' if back else ""
            parts.append(
                f'<path d="M {start_x} {y1 + BOX_HEIGHT / 2} L {end_x} {y2 + BOX_HEIGHT / 2}" '
                f'stroke="{colour}" fill="none" marker-end="url(#arrow)"{dash}>'
                f"<title>{escape(reply.text)}</title></path>"
            )
    for node in spec.nodes:
        x, y = _box(*positions[node.key])
        fill = OUTCOME_FILL.get(node.outcome, "#ffffff") if node.outcome else "#ffffff"
        problem = node.key in flagged
        stroke, stroke_width = ("#b3261e", 3) if problem else ("#0b5cad", 1.5)
        classes = ["step"]
        if node.outcome:
            classes.append(f"outcome-{node.outcome.value}")
        if node.is_start:
            classes.append("start")
        if problem:
            classes.append("problem")
        label = ("! " if problem else "") + node.key
        parts.append(
            f'<g class="{" ".join(classes)}"><rect x="{x}" y="{y}" width="{BOX_WIDTH}" '
            f'height="{BOX_HEIGHT}" rx="8" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{stroke_width}"/><text x="{x + 10}" y="{y + 27}" font-size="13" '
            f'font-family="sans-serif" fill="#1d2733">{escape(label[:22])}</text>'
            f"<title>{escape(node.customer_text)}</title></g>"
        )
    parts.append("</svg>")
    return "".join(parts)

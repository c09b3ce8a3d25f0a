"""The team progress matrix as plain data: filtering and sorting without the database.

Rows are agents, columns are the courses and paths assigned to any of them, cells are one
assignment's status. The dashboard and the exports read the same filtered matrix.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from courses.progress import Status, percent

SORTS = ("name", "-overdue", "progress", "-progress")


@dataclass(frozen=True)
class Column:
    key: str  # "c<id>" for a course, "p<id>" for a path
    title: str
    is_path: bool


@dataclass(frozen=True)
class Cell:
    assignment_id: int
    status: Status
    due_on: date
    completed_on: date | None = None
    reason: str = ""
    # Paths show how many of their courses are done ("2/5"); courses leave these at zero.
    steps_done: int = 0
    steps_total: int = 0


@dataclass
class Row:
    user_id: int
    name: str
    email: str
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def assigned(self) -> int:
        return len(self.cells)

    @property
    def completed(self) -> int:
        return sum(1 for cell in self.cells.values() if cell.status is Status.COMPLETED)

    @property
    def overdue(self) -> int:
        return sum(1 for cell in self.cells.values() if cell.status is Status.OVERDUE)

    @property
    def percent(self) -> int:
        return percent(self.completed, self.assigned)

    def cells_for(self, columns: list[Column]) -> list[Cell | None]:
        return [self.cells.get(column.key) for column in columns]


@dataclass(frozen=True)
class Filters:
    status: str = ""
    item: str = ""
    overdue_only: bool = False
    sort: str = "name"

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> "Filters":
        """Filters from a query string; anything unknown is ignored rather than an error."""
        status = query.get("status", "")
        sort = query.get("sort", "name")
        item = query.get("item", "")
        return cls(
            status=status if status in {member.value for member in Status} else "",
            item=item if item[:1] in ("c", "p") and item[1:].isdigit() else "",
            overdue_only=query.get("overdue") in ("1", "on", "true"),
            sort=sort if sort in SORTS else "name",
        )

    def as_query(self) -> dict[str, str]:
        query = {"status": self.status, "item": self.item, "sort": self.sort}
        if self.overdue_only:
            query["overdue"] = "1"
        return {key: value for key, value in query.items() if value and value != "name"}

    @property
    def active(self) -> bool:
        return bool(self.status or self.item or self.overdue_only)


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[Row]

    @property
    def cell_count(self) -> int:
        return sum(row.assigned for row in self.rows)


def filtered(matrix: Matrix, filters: Filters) -> Matrix:
    """The matrix as the lead asked to see it.

    The item filter keeps one column; the status filter keeps only cells in that status;
    "overdue only" keeps agents with anything overdue. With a cell filter active, agents left
    with nothing to show are dropped.
    """
    columns = matrix.columns
    if filters.item:
        columns = [column for column in columns if column.key == filters.item]
    keys = {column.key for column in columns}
    rows = []
    for row in matrix.rows:
        cells = {
            key: cell
            for key, cell in row.cells.items()
            if key in keys and (not filters.status or cell.status == filters.status)
        }
        if filters.overdue_only and not any(c.status is Status.OVERDUE for c in cells.values()):
            continue
        if (filters.status or filters.item) and not cells:
            continue
        rows.append(replace(row, cells=cells))
    return Matrix(columns=columns, rows=sorted_rows(rows, filters.sort))


def sorted_rows(rows: list[Row], sort: str) -> list[Row]:
    by_name = sorted(rows, key=lambda row: (row.name.casefold(), row.user_id))
    if sort == "-overdue":
        return sorted(by_name, key=lambda row: -row.overdue)
    if sort == "progress":
        return sorted(by_name, key=lambda row: row.percent)
    if sort == "-progress":
        return sorted(by_name, key=lambda row: -row.percent)
    return by_name

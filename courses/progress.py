"""Pure progress arithmetic: percentages, statuses and due dates. No database access."""

from datetime import date, timedelta
from enum import StrEnum


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    OVERDUE = "overdue"


def percent(done: int, total: int) -> int:
    """Whole-number percentage, never above 100; an empty course counts as 0%."""
    if total <= 0:
        return 0
    return min(100, (100 * done) // total)


def course_status(*, done: int, total: int, started: bool, completed: bool) -> Status:
    if completed:
        return Status.COMPLETED
    if started or done > 0:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def due_on(started_on: date, due_days: int) -> date:
    return started_on + timedelta(days=due_days)


def with_deadline(status: Status, *, due: date | None, today: date) -> Status:
    """Anything unfinished past its due date is overdue."""
    if status is not Status.COMPLETED and due is not None and today > due:
        return Status.OVERDUE
    return status

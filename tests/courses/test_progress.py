import datetime

from hypothesis import given
from hypothesis import strategies as st

from courses.progress import Status, course_status, due_on, percent, with_deadline


@given(done=st.integers(min_value=0, max_value=500), total=st.integers(min_value=0, max_value=500))
def test_percent_stays_between_0_and_100(done, total):
    value = percent(min(done, total), total)
    assert 0 <= value <= 100
    assert (value == 100) == (total > 0 and done >= total)


def test_percent_rounds_down_so_unfinished_work_never_shows_100():
    assert percent(1, 3) == 33
    assert percent(199, 200) == 99
    assert percent(0, 0) == 0


def test_course_status_follows_what_the_learner_did():
    assert course_status(done=0, total=3, started=False, completed=False) is Status.NOT_STARTED
    assert course_status(done=0, total=3, started=True, completed=False) is Status.IN_PROGRESS
    assert course_status(done=1, total=3, started=False, completed=False) is Status.IN_PROGRESS
    assert course_status(done=3, total=3, started=True, completed=True) is Status.COMPLETED


def test_due_dates_count_days_from_the_start():
    assert due_on(datetime.date(2026, 11, 23), 14) == datetime.date(2026, 12, 7)


def test_unfinished_work_past_its_due_date_is_overdue_and_finished_work_never_is():
    due = datetime.date(2026, 11, 25)
    late = datetime.date(2026, 11, 26)
    assert with_deadline(Status.IN_PROGRESS, due=due, today=late) is Status.OVERDUE
    assert with_deadline(Status.NOT_STARTED, due=due, today=due) is Status.NOT_STARTED
    assert with_deadline(Status.COMPLETED, due=due, today=late) is Status.COMPLETED
    assert with_deadline(Status.IN_PROGRESS, due=None, today=late) is Status.IN_PROGRESS

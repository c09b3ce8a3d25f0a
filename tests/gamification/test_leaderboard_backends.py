"""One conformance suite for both leaderboard backends, plus pushing to Redis and the fallback.

Every test parametrized by ``backend`` runs against the database and against Redis; the Redis
runs skip unless REDIS_URL is set, and each uses its own key prefix, deleted afterwards.
"""

import random
import uuid

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gamification import leaderboards
from gamification.leaderboards import DatabaseBackend, RedisBackend, Row
from gamification.models import LeaderboardScore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BOARD = "academy:all:all:all"
WEEK = "team:3:week:2026-W48"
MONTH = "academy:all:month:2026-11"
CLOSED_PORT = "redis://127.0.0.1:1/0"


def user_ids(count: int) -> list[int]:
    """Fresh users, in creation (so increasing id) order."""
    return [user.pk for user in UserFactory.create_batch(count, verified=False)]


@pytest.fixture(autouse=True)
def _forget_redis_failures():
    """A Redis marked down by one test must not send the next test to the database."""
    leaderboards._redis_down_until.clear()
    yield
    leaderboards._redis_down_until.clear()


@pytest.fixture
def redis_client(settings):
    """A client on the test Redis with a key prefix of this test's own; its keys go after."""
    if not settings.REDIS_URL:
        pytest.skip("the Redis backend needs REDIS_URL, e.g. redis://127.0.0.1:6379/7")
    prefix = f"test:lb:{uuid.uuid4().hex}:"
    settings.LEADERBOARD_KEY_PREFIX = prefix
    client = redis.Redis.from_url(settings.REDIS_URL)
    yield client
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(params=["database", "redis"])
def backend(request):
    if request.param == "redis":
        request.getfixturevalue("redis_client")
        return RedisBackend()
    return DatabaseBackend()


# --- ordering and ranks -----------------------------------------------------------------------


def test_top_sorts_by_score_then_by_user_id_descending(backend):
    a, b, c, d = user_ids(4)
    backend.set_scores([(BOARD, a, 10), (BOARD, b, 30), (BOARD, c, 30), (BOARD, d, 5)])

    assert backend.top(BOARD) == [Row(1, c, 30), Row(1, b, 30), Row(3, a, 10), Row(4, d, 5)]


def test_ties_break_by_numeric_user_id_not_by_its_digits(backend):
    # As strings "99999" > "100000": only zero-padded members sort these two correctly.
    shorter = UserFactory(id=99_999, verified=False).pk
    longer = UserFactory(id=100_000, verified=False).pk
    backend.set_scores([(BOARD, shorter, 7), (BOARD, longer, 7)])

    assert backend.top(BOARD) == [Row(1, longer, 7), Row(1, shorter, 7)]
    assert backend.around(BOARD, shorter, 1) == [Row(1, longer, 7), Row(1, shorter, 7)]


def test_ranks_are_competition_ranks(backend):
    ids = user_ids(7)
    scores = [50, 40, 40, 30, 30, 30, 10]
    backend.set_scores([(BOARD, user, score) for user, score in zip(ids, scores, strict=True)])

    top = backend.top(BOARD)

    assert [row.rank for row in top] == [1, 2, 2, 4, 4, 4, 7]
    assert [row.score for row in top] == [50, 40, 40, 30, 30, 30, 10]
    for row in top:
        assert backend.rank(BOARD, row.user_id) == row


def test_top_returns_at_most_limit_rows(backend):
    ids = user_ids(5)
    backend.set_scores([(BOARD, user, 10 * n) for n, user in enumerate(ids, start=1)])

    assert backend.top(BOARD, 2) == [Row(1, ids[4], 50), Row(2, ids[3], 40)]
    assert len(backend.top(BOARD, 50)) == 5
    assert backend.top("academy:all:week:2026-W01") == []


def test_rank_of_a_user_not_on_the_board_is_none(backend):
    on_board, absent = user_ids(2)
    backend.set_scores([(BOARD, on_board, 10)])

    assert backend.rank(BOARD, absent) is None
    assert backend.rank(WEEK, on_board) is None
    assert backend.rank(BOARD, on_board) == Row(1, on_board, 10)


# --- around -----------------------------------------------------------------------------------


@pytest.fixture
def nine(backend):
    """Nine users scoring 90, 80, ... 10: position p holds ids[p] with rank p + 1."""
    ids = user_ids(9)
    backend.set_scores([(BOARD, user, 90 - 10 * n) for n, user in enumerate(ids)])
    return ids


def expected(ids: list[int], positions: range) -> list[Row]:
    return [Row(p + 1, ids[p], 90 - 10 * p) for p in positions]


def test_around_in_the_middle_shows_span_rows_each_side(backend, nine):
    assert backend.around(BOARD, nine[4], 3) == expected(nine, range(1, 8))


def test_around_at_the_top_shows_only_rows_below(backend, nine):
    assert backend.around(BOARD, nine[0], 3) == expected(nine, range(0, 4))
    assert backend.around(BOARD, nine[2], 3) == expected(nine, range(0, 6))


def test_around_at_the_bottom_shows_only_rows_above(backend, nine):
    assert backend.around(BOARD, nine[8], 3) == expected(nine, range(5, 9))
    assert backend.around(BOARD, nine[7], 3) == expected(nine, range(4, 9))


def test_around_a_user_not_on_the_board_is_empty(backend, nine):
    (stranger,) = user_ids(1)

    assert backend.around(BOARD, stranger, 3) == []
    assert backend.around(WEEK, nine[0], 3) == []


def test_around_ranks_a_tie_that_starts_above_the_slice(backend):
    u = user_ids(8)
    scores = [100, 90, 90, 90, 90, 80, 70, 60]
    backend.set_scores([(BOARD, user, score) for user, score in zip(u, scores, strict=True)])
    # Board order: u0 (100), u4 u3 u2 u1 (90, ties by id descending), u5, u6, u7.

    assert backend.around(BOARD, u[6], 3) == [
        Row(2, u[2], 90),
        Row(2, u[1], 90),
        Row(6, u[5], 80),
        Row(7, u[6], 70),
        Row(8, u[7], 60),
    ]
    assert backend.around(BOARD, u[2], 1) == [Row(2, u[3], 90), Row(2, u[2], 90), Row(2, u[1], 90)]


def test_backends_agree_with_a_plain_sort_on_a_board_full_of_ties(backend):
    ids = user_ids(40)
    rng = random.Random(48)
    scores = {user: rng.choice([0, 5, 10, 10, 20, 35]) for user in ids}
    backend.set_scores([(BOARD, user, score) for user, score in scores.items()])
    order = sorted(scores, key=lambda user: (scores[user], user), reverse=True)
    rows = [
        Row(1 + sum(other > scores[user] for other in scores.values()), user, scores[user])
        for user in order
    ]

    assert backend.top(BOARD, 100) == rows
    for position, user in enumerate(order):
        assert backend.rank(BOARD, user) == rows[position]
        assert backend.around(BOARD, user, 3) == rows[max(0, position - 3) : position + 4]


# --- writes -----------------------------------------------------------------------------------


def test_add_increments_scores_on_every_board_given(backend):
    a, b = user_ids(2)
    backend.add({(BOARD, a): 5, (WEEK, a): 5})
    backend.add({(BOARD, a): 3, (BOARD, b): 2})

    assert backend.scores(BOARD) == {a: 8, b: 2}
    assert backend.scores(WEEK) == {a: 5}


def test_database_add_marks_the_touched_rows_unpushed():
    a, b = user_ids(2)
    backend = DatabaseBackend()
    backend.add({(BOARD, a): 5, (BOARD, b): 5})
    LeaderboardScore.objects.update(pushed=True)

    backend.add({(BOARD, a): 1, (WEEK, b): 1})

    unpushed = set(LeaderboardScore.objects.filter(pushed=False).values_list("board", "user_id"))
    assert unpushed == {(BOARD, a), (WEEK, b)}


@pytest.mark.parametrize("size", [4, 80])
def test_database_add_costs_the_same_queries_for_any_number_of_pairs(size):
    ids = user_ids(size)
    backend = DatabaseBackend()
    # Half the pairs exist already (updated), half are new (inserted).
    backend.add({(BOARD, user): 1 for user in ids[: size // 2]})
    deltas = {(BOARD, user): 2 for user in ids} | {(WEEK, user): 3 for user in ids}

    with CaptureQueriesContext(connection) as queries:
        backend.add(deltas)

    # One upsert for the whole mapping.
    assert len(queries) == 1
    assert backend.scores(BOARD) == {user: 3 if n < size // 2 else 2 for n, user in enumerate(ids)}
    assert backend.scores(WEEK) == dict.fromkeys(ids, 3)


def test_database_add_of_a_row_another_writer_inserted_meanwhile_increments_it():
    """The upsert increments in SQL: a row that appeared since anyone read it is added to."""
    (a,) = user_ids(1)
    backend = DatabaseBackend()
    backend.add({(BOARD, a): 10})
    LeaderboardScore.objects.filter(board=BOARD, user_id=a).update(score=12, pushed=True)

    backend.add({(BOARD, a): 5})

    row = LeaderboardScore.objects.get(board=BOARD, user_id=a)
    assert (row.score, row.pushed) == (17, False)


def test_set_scores_is_idempotent(backend):
    a, b = user_ids(2)
    scores = [(BOARD, a, 40), (BOARD, b, 25), (WEEK, a, 5)]
    backend.set_scores(scores)
    backend.set_scores(scores)

    assert backend.scores(BOARD) == {a: 40, b: 25}
    assert backend.scores(WEEK) == {a: 5}
    assert backend.top(BOARD) == [Row(1, a, 40), Row(2, b, 25)]


def test_redis_set_scores_never_lowers_a_score(redis_client):
    a, b = user_ids(2)
    backend = RedisBackend()
    backend.set_scores([(BOARD, a, 10)])

    backend.set_scores([(BOARD, a, 5), (BOARD, b, 3)])  # a stale push arriving late
    assert backend.scores(BOARD) == {a: 10, b: 3}

    backend.set_scores([(BOARD, a, 12)])
    assert backend.scores(BOARD) == {a: 12, b: 3}


def test_database_set_scores_writes_absolute_values_and_marks_them_unpushed():
    (a,) = user_ids(1)
    backend = DatabaseBackend()
    backend.set_scores([(BOARD, a, 10)])
    LeaderboardScore.objects.update(pushed=True)

    backend.set_scores([(BOARD, a, 5)])

    assert backend.scores(BOARD) == {a: 5}
    assert LeaderboardScore.objects.get(board=BOARD, user_id=a).pushed is False


def test_replace_board_leaves_exactly_the_given_scores(backend):
    a, b, c, d = user_ids(4)
    backend.set_scores([(BOARD, a, 50), (BOARD, b, 40), (BOARD, c, 30), (WEEK, a, 9)])

    backend.replace_board(BOARD, {b: 7, d: 9})

    assert backend.scores(BOARD) == {b: 7, d: 9}
    assert backend.top(BOARD) == [Row(1, d, 9), Row(2, b, 7)]
    assert backend.scores(WEEK) == {a: 9}


def test_replace_board_with_nothing_deletes_the_board(backend):
    (a,) = user_ids(1)
    backend.set_scores([(BOARD, a, 50), (WEEK, a, 9)])

    backend.replace_board(BOARD, {})

    assert backend.scores(BOARD) == {}
    assert backend.board_keys() == [WEEK]


def test_remove_takes_only_the_given_users_off_one_board(backend):
    a, b, c = user_ids(3)
    backend.set_scores([(BOARD, a, 30), (BOARD, b, 20), (BOARD, c, 10), (WEEK, a, 1)])

    backend.remove(BOARD, [a, c])
    backend.remove(BOARD, [])

    assert backend.scores(BOARD) == {b: 20}
    assert backend.rank(BOARD, a) is None
    assert backend.rank(BOARD, b) == Row(1, b, 20)
    assert backend.scores(WEEK) == {a: 1}


def test_board_keys_lists_every_board_with_a_score(backend):
    a, b = user_ids(2)
    assert backend.board_keys() == []

    backend.set_scores([(BOARD, a, 1), (WEEK, b, 1)])
    backend.add({(MONTH, a): 2})

    assert backend.board_keys() == sorted([BOARD, WEEK, MONTH])


def test_redis_week_and_month_boards_expire_and_all_time_does_not(redis_client, settings):
    a, b = user_ids(2)
    backend = RedisBackend()
    six_weeks = 6 * 7 * 24 * 3600
    backend.set_scores([(BOARD, a, 1), (WEEK, a, 1)])
    backend.add({(MONTH, a): 1})
    backend.replace_board("team:4:week:2026-W48", {b: 2})

    def ttl(board: str) -> int:
        return redis_client.ttl(f"{settings.LEADERBOARD_KEY_PREFIX}{board}")

    assert six_weeks - 60 < ttl(WEEK) <= six_weeks
    assert six_weeks - 60 < ttl("team:4:week:2026-W48") <= six_weeks
    assert 400 * 24 * 3600 - 60 < ttl(MONTH) <= 400 * 24 * 3600
    assert ttl(BOARD) == -1  # exists, no expiry

    backend.replace_board(BOARD, {b: 3})
    assert ttl(BOARD) == -1
    assert backend.scores(BOARD) == {b: 3}


# --- the database's query budget --------------------------------------------------------------


@pytest.mark.parametrize("size", [5, 200])
def test_database_reads_cost_the_same_queries_for_any_board_size(
    size, django_assert_max_num_queries
):
    ids = user_ids(size)
    backend = DatabaseBackend()
    backend.set_scores([(BOARD, user, (n // 3) * 10) for n, user in enumerate(ids)])
    middle = ids[size // 2]

    with django_assert_max_num_queries(1):
        top = backend.top(BOARD, 10)
    with django_assert_max_num_queries(2):
        mine = backend.rank(BOARD, middle)
    with django_assert_max_num_queries(3):
        around = backend.around(BOARD, middle, 3)

    assert len(top) == min(size, 10)
    assert mine is not None
    assert mine in around
    assert len(around) == min(size, 7)


# --- pushing to Redis ------------------------------------------------------------------------


def test_push_unpushed_makes_redis_equal_the_database(redis_client, settings):
    settings.LEADERBOARD_BACKEND = "redis"
    a, b, c = user_ids(3)
    database = DatabaseBackend()
    database.add({(BOARD, a): 30, (BOARD, b): 20, (WEEK, a): 5, (WEEK, c): 7})
    database.add({(BOARD, a): 1})

    assert leaderboards.push_unpushed() == 4

    redis_backend = RedisBackend()
    for board in (BOARD, WEEK):
        assert redis_backend.scores(board) == database.scores(board)
        assert redis_backend.top(board) == database.top(board)
    assert not LeaderboardScore.objects.filter(pushed=False).exists()
    assert leaderboards.push_unpushed() == 0


def test_push_unpushed_leaves_a_score_changed_meanwhile_unpushed(
    redis_client, settings, monkeypatch
):
    settings.LEADERBOARD_BACKEND = "redis"
    a, b = user_ids(2)
    database = DatabaseBackend()
    database.add({(BOARD, a): 10, (BOARD, b): 20})
    original = RedisBackend.set_scores

    def set_scores_then_another_event_lands(self, scores):
        original(self, scores)
        database.add({(BOARD, a): 5})

    monkeypatch.setattr(RedisBackend, "set_scores", set_scores_then_another_event_lands)
    assert leaderboards.push_unpushed() == 2
    monkeypatch.undo()

    row_a = LeaderboardScore.objects.get(board=BOARD, user_id=a)
    assert (row_a.score, row_a.pushed) == (15, False)
    assert LeaderboardScore.objects.get(board=BOARD, user_id=b).pushed is True
    assert RedisBackend().scores(BOARD) == {a: 10, b: 20}

    assert leaderboards.push_unpushed() == 1
    assert RedisBackend().scores(BOARD) == {a: 15, b: 20}


def test_push_unpushed_does_nothing_when_the_database_serves_reads(settings):
    settings.LEADERBOARD_BACKEND = "database"
    (a,) = user_ids(1)
    DatabaseBackend().add({(BOARD, a): 10})

    assert leaderboards.push_unpushed() == 0
    assert LeaderboardScore.objects.get(board=BOARD, user_id=a).pushed is False


def test_push_unpushed_keeps_rows_for_the_sweeper_when_redis_is_down(settings, caplog):
    settings.LEADERBOARD_BACKEND = "redis"
    settings.REDIS_URL = CLOSED_PORT
    (a,) = user_ids(1)
    DatabaseBackend().add({(BOARD, a): 10})

    with caplog.at_level("WARNING", logger="gamification.leaderboards"):
        assert leaderboards.push_unpushed() == 0

    assert LeaderboardScore.objects.get(board=BOARD, user_id=a).pushed is False
    assert "unreachable" in caplog.text


# --- choosing the reading backend -------------------------------------------------------------


def test_reading_backend_is_redis_when_configured_and_answering(redis_client, settings):
    settings.LEADERBOARD_BACKEND = "redis"

    assert isinstance(leaderboards.reading_backend(), RedisBackend)


def test_reading_backend_is_the_database_when_configured_so(settings):
    settings.LEADERBOARD_BACKEND = "database"
    settings.REDIS_URL = CLOSED_PORT

    assert isinstance(leaderboards.reading_backend(), DatabaseBackend)


def test_reading_backend_falls_back_to_the_database_while_redis_is_down(
    settings, caplog, monkeypatch
):
    settings.LEADERBOARD_BACKEND = "redis"
    settings.REDIS_URL = CLOSED_PORT
    clock = [1000.0]
    monkeypatch.setattr(leaderboards, "_now", lambda: clock[0])
    pings = []
    original_ping = RedisBackend.ping

    def counted_ping(self):
        pings.append(clock[0])
        original_ping(self)

    monkeypatch.setattr(RedisBackend, "ping", counted_ping)

    with caplog.at_level("WARNING", logger="gamification.leaderboards"):
        first = leaderboards.reading_backend()
    assert isinstance(first, DatabaseBackend)
    assert "unreachable" in caplog.text

    # Remembered: the next requests do not wait for Redis again...
    clock[0] += 4
    assert isinstance(leaderboards.reading_backend(), DatabaseBackend)
    assert pings == [1000.0]

    # ...until the failure is a few seconds old.
    clock[0] += 2
    assert isinstance(leaderboards.reading_backend(), DatabaseBackend)
    assert pings == [1000.0, 1006.0]

"""The follower's decisions, without Redis: what a cursor yields, drops and ends on."""

from __future__ import annotations

import pytest

from jobscraper.runs.errors import RunNotFound
from jobscraper.runs.follower import FollowCursor, update_in
from jobscraper.runs.progress import Progress


def state(seq: int, status: str = "started", **values: object) -> Progress:
    return Progress(run_id="r", seq=seq, status=status, **values)


def seqs(yielded: list[Progress | None]) -> list[int | None]:
    return [s.seq if s is not None else None for s in yielded]


def test_the_first_state_is_yielded_and_later_messages_follow_in_order() -> None:
    cursor = FollowCursor("r")
    first = cursor.start(state(1))
    assert first.seq == 1 and not cursor.done
    assert seqs([cursor.accept(state(n)) for n in (2, 3, 4)]) == [2, 3, 4]
    assert cursor.last_seq == 4


def test_a_message_seen_twice_is_yielded_once() -> None:
    cursor = FollowCursor("r")
    cursor.start(state(1))
    assert seqs([cursor.accept(state(n)) for n in (2, 2, 3, 2, 3)]) == [2, None, 3, None, None]


def test_messages_the_snapshot_already_holds_are_dropped() -> None:
    """Subscribed first, read second: updates up to the state's number come again."""
    cursor = FollowCursor("r")
    cursor.start(state(5, sources_done=5))
    assert seqs([cursor.accept(state(n)) for n in (3, 4, 5, 6)]) == [None, None, None, 6]


def test_an_unknown_run_is_not_found() -> None:
    with pytest.raises(RunNotFound):
        FollowCursor("nope").start(None)


def test_a_final_state_at_the_start_ends_the_stream_at_once() -> None:
    cursor = FollowCursor("r")
    assert cursor.start(state(7, "completed")).status == "completed"
    assert cursor.done
    assert cursor.accept(state(8)) is None and cursor.catch_up(state(9, "failed")) is None


def test_a_final_message_ends_the_stream() -> None:
    cursor = FollowCursor("r")
    cursor.start(state(1))
    assert cursor.accept(state(2, "cancelled")) is not None
    assert cursor.done
    assert cursor.accept(state(3)) is None


def test_a_quiet_re_read_yields_only_news() -> None:
    cursor = FollowCursor("r")
    cursor.start(state(3))
    assert cursor.catch_up(None) is None  # neither Redis nor the store answered
    assert cursor.catch_up(state(3)) is None  # nothing happened
    assert cursor.catch_up(state(2)) is None  # an older state is never news
    assert cursor.catch_up(state(6)).seq == 6  # messages 4-6 were missed (reconnecting)
    assert cursor.last_seq == 6 and not cursor.done
    assert seqs([cursor.accept(state(n)) for n in (5, 6, 7)]) == [None, None, 7]


def test_a_final_state_found_by_a_re_read_ends_the_stream() -> None:
    cursor = FollowCursor("r")
    cursor.start(state(4))
    assert cursor.catch_up(state(5, "completed")).status == "completed"
    assert cursor.done and cursor.last_seq == 5


def test_a_final_row_ends_the_stream_though_it_carries_no_sequence_number() -> None:
    """Redis restarted empty and the run ended meanwhile: its SQL row has seq 0."""
    cursor = FollowCursor("r")
    cursor.start(state(9))
    row = Progress(run_id="r", status="failed", snapshot=True)
    assert cursor.catch_up(row) is row
    assert cursor.done and cursor.last_seq == 9


def test_the_overall_timeout_counts_from_the_start() -> None:
    now = [100.0]
    cursor = FollowCursor("r", timeout_s=5.0, clock=lambda: now[0])
    now[0] = 105.0
    cursor.check_deadline()  # exactly at the limit: still waiting
    now[0] = 105.1
    with pytest.raises(TimeoutError, match=r"did not end within 5\.0 s"):
        cursor.check_deadline()


def test_without_a_timeout_the_cursor_waits_forever() -> None:
    now = [0.0]
    cursor = FollowCursor("r", clock=lambda: now[0])
    now[0] = 1e9
    cursor.check_deadline()


def test_only_channel_messages_carry_updates() -> None:
    assert update_in(None) is None
    assert update_in({"type": "subscribe", "data": 1}) is None
    update = update_in({"type": "message", "data": state(4).model_dump_json()})
    assert update is not None and update.seq == 4 and update.received_at is not None

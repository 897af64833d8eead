"""Progress stream: latest state in a hash, every update on a channel, in order."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from jobscraper.config import Settings
from jobscraper.redis_server import sync_client
from jobscraper.runs import follower
from jobscraper.runs import progress as prog
from jobscraper.runs.errors import RunNotFound
from jobscraper.store import Store


@pytest.fixture
def settings(redis_settings) -> Settings:
    return redis_settings()


def test_an_update_is_the_latest_state_and_a_message(settings: Settings, conn) -> None:
    pubsub = conn.pubsub()
    pubsub.subscribe(prog.channel_name("r1"))
    assert pubsub.get_message(timeout=2)["type"] == "subscribe"
    publisher = prog.ProgressPublisher("r1", conn)
    first = publisher.publish(status="started", sources_total=4, sources_done=1)
    second = publisher.publish(sources_done=2, current_source="https://a.example/jobs")
    assert (first.seq, second.seq) == (1, 2)
    assert second.percent == 50.0 and second.status == "started"
    state = prog.read_state("r1", settings, connection=conn)
    assert state is not None and state.seq == 2 and state.current_source == "https://a.example/jobs"
    # readable fields for redis-cli / rq-dashboard users
    assert conn.hget(prog.state_key("r1"), "sources_done") == b"2"
    received = [pubsub.get_message(timeout=2) for _ in range(2)]
    seqs = [prog.parse_message(m["data"]).seq for m in received]
    assert seqs == [1, 2]
    pubsub.close()


def test_sequence_numbers_survive_a_lost_state(settings: Settings, conn) -> None:
    publisher = prog.ProgressPublisher("r2", conn)
    for _ in range(3):
        publisher.publish(status="started")
    conn.delete(prog.state_key("r2"))  # as a Redis restart without persistence would
    assert publisher.publish(sources_done=1).seq == 4
    # another publisher (a resumed run on another worker) continues the numbering
    other = prog.ProgressPublisher("r2", conn)
    assert other.publish(sources_done=2).seq == 5


def test_completed_is_100_percent(conn) -> None:
    publisher = prog.ProgressPublisher("r3", conn)
    assert publisher.publish(status="completed", sources_total=0).percent == 100.0


def _publish_slowly(settings: Settings, run_id: str, updates: int, gap_s: float) -> None:
    client = sync_client(settings)
    publisher = prog.ProgressPublisher(run_id, client)
    for i in range(1, updates + 1):
        time.sleep(gap_s)
        status = "completed" if i == updates else "started"
        publisher.publish(status=status, sources_total=updates, sources_done=i)
    client.close()


async def _collect(settings: Settings, run_id: str) -> list[prog.Progress]:
    return [state async for state in follower.subscribe(run_id, settings, timeout_s=30)]


def test_late_subscriber_sees_current_state_then_every_update(settings: Settings, conn) -> None:
    publisher = prog.ProgressPublisher("r4", conn)
    for i in range(1, 4):
        publisher.publish(status="started", sources_total=10, sources_done=i)
    thread = threading.Thread(
        target=_publish_slowly_from, args=(settings, "r4", 4, 10, 0.005), daemon=True
    )

    async def main() -> list[prog.Progress]:
        task = asyncio.create_task(_collect(settings, "r4"))
        await asyncio.sleep(0.2)
        thread.start()
        return await task

    seen = asyncio.run(main())
    thread.join(5)
    assert seen[0].snapshot and seen[0].sources_done == 3
    assert [s.sources_done for s in seen] == list(range(3, 11))
    assert [s.seq for s in seen] == sorted({s.seq for s in seen})
    assert seen[-1].status == "completed"
    assert all(s.latency_s is not None and s.latency_s >= 0 for s in seen[1:])


def _publish_slowly_from(settings, run_id, start, end, gap_s) -> None:
    client = sync_client(settings)
    publisher = prog.ProgressPublisher(
        run_id, client, initial=prog.read_state(run_id, settings, connection=client)
    )
    for i in range(start, end + 1):
        time.sleep(gap_s)
        publisher.publish(status="completed" if i == end else "started", sources_done=i)
    client.close()


def test_subscribing_while_updates_fly_loses_and_repeats_nothing(settings: Settings) -> None:
    """A subscriber joining mid-stream: snapshot + later updates = every seq once."""
    for attempt in range(5):
        run_id = f"race-{attempt}"
        thread = threading.Thread(
            target=_publish_slowly, args=(settings, run_id, 300, 0.0005), daemon=True
        )

        async def main(run_id: str = run_id, thread: threading.Thread = thread):
            thread.start()
            while not prog.read_state(run_id, settings):
                await asyncio.sleep(0.001)
            return await _collect(settings, run_id)

        seen = asyncio.run(main())
        thread.join(10)
        seqs = [s.seq for s in seen]
        assert seqs == list(range(seqs[0], 301)), f"gap or repeat: {seqs[:5]}...{seqs[-5:]}"
        assert seen[-1].status == "completed"


def test_sync_follow_gives_the_same_stream(settings: Settings, conn) -> None:
    prog.ProgressPublisher("r5", conn).publish(status="started", sources_total=3)
    thread = threading.Thread(
        target=_publish_slowly_from, args=(settings, "r5", 1, 3, 0.05), daemon=True
    )
    thread.start()
    seen = list(follower.follow("r5", settings, timeout_s=20))
    thread.join(5)
    assert seen[0].snapshot
    assert seen[-1].status == "completed"
    assert [s.sources_done for s in seen][-3:] == [1, 2, 3]


def test_without_state_in_redis_the_run_row_answers(settings: Settings) -> None:
    store = Store(settings)
    run = store.create_run(["https://a.example/jobs"])
    store.update_run(run.id, status="completed", sources_done=1, postings_found=3)
    store.dispose()
    seen = asyncio.run(_collect(settings, run.id))
    assert len(seen) == 1 and seen[0].status == "completed" and seen[0].postings_found == 3
    assert [s.status for s in follower.follow(run.id, settings, timeout_s=5)] == ["completed"]


def test_unknown_run(settings: Settings) -> None:
    with pytest.raises(RunNotFound):
        asyncio.run(_collect(settings, "nope"))


def test_a_subscriber_survives_a_redis_restart(settings: Settings, suite_redis) -> None:
    """Redis killed and started again (empty) mid-stream: the stream goes on to the end."""
    if suite_redis.server is None:
        pytest.skip("needs the suite's own redis-server")
    client = sync_client(settings)
    publisher = prog.ProgressPublisher("r-restart", client)
    publisher.publish(status="started", sources_total=6, sources_done=0)
    seen: list[prog.Progress] = []

    def publish_around_a_restart() -> None:
        time.sleep(0.3)
        for i in (1, 2, 3):
            publisher.publish(sources_done=i)
        suite_redis.restart()
        for i in (4, 5, 6):
            time.sleep(0.2)
            publisher.publish(sources_done=i, status="completed" if i == 6 else "started")

    async def main() -> None:
        thread = threading.Thread(target=publish_around_a_restart, daemon=True)
        thread.start()
        async for state in follower.subscribe("r-restart", settings, poll_s=0.5, timeout_s=30):
            seen.append(state)
        thread.join(10)

    asyncio.run(main())
    client.close()
    assert seen[-1].status == "completed" and seen[-1].sources_done == 6
    seqs = [s.seq for s in seen]
    assert seqs == sorted(set(seqs)), seqs
    # the state is back in Redis, numbered on from before the restart
    assert prog.read_state("r-restart", settings).seq == 7


def test_a_state_rebuilt_from_sql_splits_local_and_cloud_postings() -> None:
    """When Redis has no state, the run's row gives the same counts as the live stream."""
    from jobscraper.models import ScrapeRun
    from jobscraper.runs.progress import Progress

    run = ScrapeRun(
        status="started",
        sources_total=2,
        sources_done=2,
        postings_found=5,
        outcomes={
            "a": {"outcome": "ok", "postings": 3, "routes": {"structured": 2, "cloud": 1}},
            "b": {"outcome": "ok", "postings": 2, "routes": {"local": 2}},
        },
    )
    state = Progress.from_run(run)
    assert (state.postings_local, state.postings_cloud) == (4, 1)


def test_each_source_has_a_line_in_the_run_order() -> None:
    """Done sources carry their outcome and local/cloud split; the rest wait or are scraped."""
    from jobscraper.models import Outcome, SourceOutcome
    from jobscraper.runs.progress import SourcePhase, source_lines

    done = SourceOutcome(
        "b", "career_page", Outcome.OK, postings=3, routes={"structured": 2, "cloud": 1}
    )
    failed = SourceOutcome("c", "career_page", Outcome.FAILED, "HTTP 503")
    lines = source_lines(["a", "b", "c", "d"], {"b": done, "c": failed}, running=["a"])
    assert list(lines) == ["a", "b", "c", "d"]
    assert lines["a"].phase == SourcePhase.SCRAPING
    assert (lines["b"].phase, lines["b"].outcome, lines["b"].local, lines["b"].cloud) == (
        SourcePhase.DONE, Outcome.OK, 2, 1)
    assert (lines["c"].outcome, lines["c"].reason) == (Outcome.FAILED, "HTTP 503")
    assert lines["d"].phase == SourcePhase.WAITING


@pytest.mark.parametrize(("count", "noun", "text"), [
    (1, "posting", "1 posting"), (0, "posting", "0 postings"), (12, "source", "12 sources"),
    (1, "source", "1 source"),
])
def test_a_count_in_a_message_is_singular_for_one(count: int, noun: str, text: str) -> None:
    assert prog.counted(count, noun) == text

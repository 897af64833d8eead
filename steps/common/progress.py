"""Shared vocabulary of features/progress: a run's live progress, its followers, the delays.

A follower subscribes to a background run's progress stream with the
application's own ``jobscraper.runs.progress.subscribe`` and keeps every
update it receives; the Thens check the updates' order, the first update a
late follower sees, and the delay of each update (recorded as metrics on the
living documentation). Runs are started as ``steps.common.runs`` starts them.
"""

from __future__ import annotations

import statistics

import pytest
from pytest_bdd import given, parsers, then, when

from jobscraper.config import Settings
from jobscraper.models import RunStatus
from jobscraper.runs import follower
from jobscraper.runs import progress as prog
from jobscraper.store import Store
from steps.common._types import converters, group, percent, phrase, whole_number
from steps.common.context import ScenarioContext
from steps.common.runs import THESE_SOURCES, source_labels, start_in_background
from steps.harness.asyncio_bridge import async_step
from steps.harness.fake_internet import FakeInternet
from steps.harness.waiting import RUN_TIMEOUT_S


def _followed(scenario: ScenarioContext) -> list[prog.Progress]:
    """The updates the scenario's followers received (a follower gets at least one: the
    run's state when it subscribed)."""
    assert scenario.updates, (
        "nobody followed the run (When a background run ... is started and followed to the "
        "end, When someone starts following the run)"
    )
    return scenario.updates


def record_metric(
    request: pytest.FixtureRequest, scenario: ScenarioContext, name: str, value: float, unit: str
) -> None:
    """On the living documentation when its plugin is there; always in the scenario."""
    scenario.metrics.append((name, value, unit))
    try:
        living_doc = request.getfixturevalue("living_doc")
    except pytest.FixtureLookupError:
        return
    living_doc.metric(name, value, unit)


# --- Given -------------------------------------------------------------------------------


@given(phrase(
    'a career site "{host:Quoted}" that answers every request with status {status:Number}'
))
def broken_site(
    host: str, status: int, fake_internet: FakeInternet, scenario: ScenarioContext
) -> None:
    """A career site that is down: every page answers with the given HTTP status ("a
    career site "careers.closed-for-repairs.com" that answers every request with status
    503").
    """
    from steps.harness.fake_internet.model import FakeResponse

    body = (
        "<!DOCTYPE html><html><head><title>Unavailable</title></head><body>"
        f"<h1>{status}</h1><p>We are down for maintenance.</p></body></html>"
    )
    fake_internet.add_handler(host, "/", lambda _req: FakeResponse(status, body), prefix=True)
    scenario.sources.append(f"https://{host}/jobs")


# --- When --------------------------------------------------------------------------------


async def _follow(run_id: str, settings: Settings, scenario: ScenarioContext) -> None:
    async for state in follower.subscribe(run_id, settings, timeout_s=RUN_TIMEOUT_S):
        scenario.updates.append(state)


@when(parsers.re(rf"a background run over {THESE_SOURCES} is started"
                 r"(?P<follow> and (?:followed|watched) (?:to the end|until it ends))?"))
@async_step
async def start_and_follow(follow: str | None, app_settings: Settings, store: Store,
                           scenario: ScenarioContext) -> None:
    """Start a run over the scenario's sources in the background and, with "and followed
    to the end", watch its progress stream until it ends; without it, nobody watches (the
    Thens wait for the run where they need its end).

    Also matches: "a background run over these sources is started", "... over these
    job-board searches is started", "... over these companies is started", "... over these
    company career sites is started", "... is started and watched until it ends".
    """
    scenario.run_id = start_in_background(source_labels(scenario), app_settings, store, scenario)
    if follow:
        await _follow(scenario.run_id, app_settings, scenario)


@when(phrase('a background run over "{url:Quoted}" is started and followed to the end'))
@async_step
async def start_one_and_follow(
    url: str, app_settings: Settings, store: Store, scenario: ScenarioContext
) -> None:
    """Start a run over one source and watch its progress stream until it ends."""
    scenario.run_id = start_in_background([url], app_settings, store, scenario)
    await _follow(scenario.run_id, app_settings, scenario)


@when("someone starts following the run")
@async_step
async def late_follower(app_settings: Settings, scenario: ScenarioContext) -> None:
    """A subscriber that joins a run already under way and watches it to the end."""
    await _follow(scenario.run_id, app_settings, scenario)


@then("progress was reported source by source, in order, up to 100%")
def progress_in_order(scenario: ScenarioContext) -> None:
    """Updates arrive in order, never go backwards, step through every source, end at 100%."""
    updates = _followed(scenario)
    seqs = [u.seq for u in updates]
    assert seqs == sorted(set(seqs)), f"updates out of order or repeated: {seqs}"
    done = [u.sources_done for u in updates]
    percents = [u.percent for u in updates]
    assert done == sorted(done), f"sources done went backwards: {done}"
    assert percents == sorted(percents), f"percentage went backwards: {percents}"
    total = updates[-1].sources_total
    missing = set(range(done[0], total + 1)) - set(done)
    assert not missing, f"no update for {sorted(missing)} of {total} sources done: {done}"
    assert percents[-1] == 100.0, f"ended at {percents[-1]}%"


@then(phrase("the first update they see shows {done:Number} of {total:Number} source{:s} done"))
def first_update(done: int, total: int, scenario: ScenarioContext) -> None:
    """A late subscriber starts from the run's current state, not from nothing ("the first
    update they see shows 1 of 3 sources done").

    Also matches: "... shows one of three sources done", "... 1 of 1 source done".
    """
    first = _followed(scenario)[0]
    assert (first.sources_done, first.sources_total) == (done, total), (
        f"first update: {first.sources_done} of {first.sources_total} ({first.status})"
    )
    assert first.status == RunStatus.STARTED.value, f"first update is {first.status}"


@then("the delay of each progress update is recorded")
def progress_delays(request: pytest.FixtureRequest, scenario: ScenarioContext) -> None:
    """Publish-to-receipt delay of every streamed update, as metrics (not a pass/fail limit)."""
    delays = [u.latency_s for u in _followed(scenario) if u.latency_s is not None]
    assert delays, "no update arrived on the stream (only the state read at subscription)"
    assert all(d >= 0 for d in delays), f"negative delays (clock?): {delays}"
    record_delays(request, scenario, "progress", [d * 1000 for d in delays])


def record_delays(
    request: pytest.FixtureRequest, scenario: ScenarioContext, what: str, delays_ms: list[float]
) -> None:
    """How many, the median, p95 and the longest of a list of delays, as metrics."""
    ms = sorted(delays_ms)
    record_metric(request, scenario, f"{what} updates received", len(ms), "updates")
    record_metric(request, scenario, f"{what} delay median", statistics.median(ms), "ms")
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    record_metric(request, scenario, f"{what} delay p95", p95, "ms")
    record_metric(request, scenario, f"{what} delay max", ms[-1], "ms")


# --- Then: what an update says -----------------------------------------------------------


@then(
    parsers.re(
        rf"the (?:last|final) update shows {group('share', percent)}"
        rf"(?: with {group('count', whole_number)} postings? found)?"
    ),
    converters=converters(share=percent, count=whole_number),
)
def last_update_shows(share: float, count: int | None, scenario: ScenarioContext) -> None:
    """The percentage (and the postings found) of the last update a follower received:
    "the last update shows 100% with 4 postings found".

    Also matches: "the final update shows 100 %", "... 100 percent with 1 posting found".
    """
    last = _followed(scenario)[-1]
    assert last.percent == share, f"the last update shows {last.percent}% ({last.status})"
    if count is not None:
        assert last.postings_found == count, f"the last update: {last.postings_found} postings"


@then(phrase("the postings found so far were shown growing to {count:Number}"))
def postings_so_far(count: int, scenario: ScenarioContext) -> None:
    """The postings found so far, update by update: never fewer than before, at least one
    update before the end showing some, and the last showing ``count``.

    Also matches: "... growing to 1", "... growing to four".
    """
    found = [u.postings_found for u in _followed(scenario)]
    assert found == sorted(found), f"postings found went backwards: {found}"
    assert found[-1] == count, f"postings found, update by update: {found}"
    assert any(n > 0 for n in found[:-1]) or count == 0, (
        f"no update before the end showed the postings found so far: {found}"
    )


@then(parsers.re(
    rf"{group('local', whole_number)} of them (?:were|was) processed locally and "
    rf"{group('cloud', whole_number)} (?:in|by) the cloud"
), converters=converters(local=whole_number, cloud=whole_number))
def local_cloud_split(local: int, cloud: int, scenario: ScenarioContext) -> None:
    """The local / cloud split of the postings, as the last update reports it: "4 of them
    were processed locally and 0 in the cloud".

    Also matches: "4 of them were processed locally and none in the cloud", "1 of them was
    processed locally and one by the cloud".
    """
    last = _followed(scenario)[-1]
    assert (last.postings_local, last.postings_cloud) == (local, cloud), (
        f"the last update: {last.postings_local} local, {last.postings_cloud} cloud"
    )


@then(phrase('the final message says "{words:Quoted}"'))
def final_message(words: str, scenario: ScenarioContext) -> None:
    """Words the last update's message contains ("4 postings from 2 sources"; a failed run's
    reason), compared without regard to case."""
    last = _followed(scenario)[-1]
    assert last.is_final, f"the last update is {last.status}, not the end of the run"
    assert words.lower() in (last.message or "").lower(), f"the final message: {last.message!r}"

"""Shared vocabulary of features/storage: postings that exist, are found, and are stored.

Phrases name postings by title and address, and fields in plain words
("maximum salary", "location"); see ``FIELD_NAMES``. "Found" means the
application's store received the posting as a scrape would deliver it.
"""

from __future__ import annotations

import threading
from typing import Any

from pytest_bdd import given, parsers, then, when

from jobscraper.models import PostingData
from jobscraper.store import Store, UpsertResult
from steps.common._types import amount, converters, group, phrase, quoted, whole_number
from steps.common.context import ScenarioContext
from steps.harness.factories import PostingDataFactory

# Plain-language field names a product owner may write -> PostingData fields.
FIELD_NAMES = {
    "title": "title",
    "company": "company",
    "location": "location",
    "remote": "remote",
    "work arrangement": "remote",
    "employment type": "employment_type",
    "minimum salary": "salary_min",
    "min salary": "salary_min",
    "maximum salary": "salary_max",
    "max salary": "salary_max",
    "salary currency": "salary_currency",
    "currency": "salary_currency",
    "salary interval": "salary_interval",
    "salary period": "salary_interval",
    "pay period": "salary_interval",
    "description": "description",
    "site": "site",
    "address": "url",
    "url": "url",
    "route": "route",
    "extraction route": "route",
    "posted date": "posted_date",
}


def field_name(words: str) -> str:
    """A field named in plain words ("maximum salary", "the currency", "its location")."""
    key = " ".join(words.strip().lower().split())
    for article in ("the ", "its ", "a "):
        key = key.removeprefix(article)
    if key in FIELD_NAMES:
        return FIELD_NAMES[key]
    if key.replace(" ", "_") in PostingData.model_fields:
        return key.replace(" ", "_")
    raise AssertionError(f"unknown posting field {words!r}; known: {sorted(FIELD_NAMES)}")


_NUMBER_FIELDS = {"salary_min", "salary_max"}
# Fields holding codes rather than prose: compared without regard to case.
_CODE_FIELDS = {"remote", "employment_type", "salary_currency", "salary_interval", "route", "site"}


# How a scenario writes "no value".
_NOTHING = {"", "none", "nothing", "unknown"}


def field_value(field: str, text: str) -> object:
    """A value as written in a scenario, for ``field``: a salary is an amount ("95000",
    "95,000" or "€95,000"); other fields are text."""
    text = text.strip()
    if field in _NUMBER_FIELDS:
        return None if text.lower() in _NOTHING else amount(text)
    return text


def _remember(scenario: ScenarioContext, posting: PostingData) -> PostingData:
    scenario.postings_by_title[posting.title] = posting
    return posting


def _save(scenario: ScenarioContext, store: Store, *postings: PostingData) -> UpsertResult:
    result = store.upsert_postings(postings)
    scenario.last_save = result
    return result


def _table_rows(datatable: list[list[str]]) -> list[dict[str, Any]]:
    header = [field_name(cell) for cell in datatable[0]]
    return [
        {name: field_value(name, value) for name, value in zip(header, row, strict=True)
         if value.strip() != ""}
        for row in datatable[1:]
    ]


# --- Given -------------------------------------------------------------------
# ``{name:Quoted}`` never spans a closing quote, so 'a posting "{title}" at "{url}"'
# cannot swallow '... at "..." with salary "..."'.
@given(phrase('a posting "{title:Quoted}" at "{url:Quoted}"'), target_fixture="posting")
def stored_posting(title: str, url: str, store: Store, scenario: ScenarioContext) -> PostingData:
    """A posting the store already holds (as an earlier scrape left it)."""
    posting = _remember(scenario, PostingDataFactory(title=title, url=url))
    store.upsert_postings([posting])
    return posting


@given(
    phrase('a posting "{title:Quoted}" at "{url:Quoted}" with {field} "{value:Quoted}"'),
    target_fixture="posting",
)
def stored_posting_with(
    title: str, url: str, field: str, value: str, store: Store, scenario: ScenarioContext
) -> PostingData:
    """A stored posting with one field set to a given value."""
    name = field_name(field)
    posting = PostingDataFactory(title=title, url=url, **{name: field_value(name, value)})
    store.upsert_postings([_remember(scenario, posting)])
    return posting


@given(phrase('a posting "{title:Quoted}" from "{site:Quoted}" at "{url:Quoted}"'),
       target_fixture="posting")
def stored_posting_from_site(
    title: str, site: str, url: str, store: Store, scenario: ScenarioContext
) -> PostingData:
    """A stored posting found on a named site (a job board or a career site)."""
    posting = _remember(scenario, PostingDataFactory(title=title, url=url, site=site))
    store.upsert_postings([posting])
    return posting


@given("the store holds these postings:")
def stored_postings_table(datatable: list[list[str]], store: Store, scenario: ScenarioContext):
    """Several stored postings; columns are field names in plain words."""
    postings = [_remember(scenario, PostingDataFactory(**row)) for row in _table_rows(datatable)]
    store.upsert_postings(postings)


# --- When --------------------------------------------------------------------
@when(phrase('the posting "{title:Quoted}" is found again at "{url:Quoted}"'))
def found_again(title: str, url: str, store: Store, scenario: ScenarioContext) -> None:
    """The same content arrives again, possibly under a different-looking address."""
    known = scenario.postings_by_title.get(title) or PostingDataFactory(title=title, url=url)
    _save(scenario, store, known.model_copy(update={"url": url}))


@when(phrase('the posting "{title:Quoted}" is found on "{site:Quoted}" at "{url:Quoted}"'))
def found_on_site(title: str, site: str, url: str, store: Store, scenario: ScenarioContext):
    """The same posting arrives from another site."""
    known = scenario.postings_by_title.get(title) or PostingDataFactory(title=title, url=url)
    _save(scenario, store, known.model_copy(update={"url": url, "site": site}))


@when(phrase('the posting "{title:Quoted}" is found again with {field} "{value:Quoted}"'))
def found_changed(
    title: str, field: str, value: str, store: Store, scenario: ScenarioContext
) -> None:
    """The company edited the posting: one field changed."""
    known = scenario.postings_by_title.get(title)
    assert known is not None, f"no posting titled {title!r} was set up"
    name = field_name(field)
    changed = PostingData.model_validate({**known.model_dump(), name: field_value(name, value)})
    _save(scenario, store, _remember(scenario, changed))


@when("these postings are found:")
def found_table(datatable: list[list[str]], store: Store, scenario: ScenarioContext) -> None:
    """A batch of postings arrives at once; columns are field names in plain words."""
    postings = [PostingDataFactory(**row) for row in _table_rows(datatable)]
    for posting in postings:
        _remember(scenario, posting)
    _save(scenario, store, *postings)


@when(phrase(
    'the posting "{title:Quoted}" at "{url:Quoted}" is found by {writers:Number} scraper{:s} '
    "at once"
))
def found_concurrently(
    title: str, url: str, writers: int, store: Store, scenario: ScenarioContext
) -> None:
    """Several workers save the same posting at the same moment ("... is found by 8
    scrapers at once").

    Also matches: "... is found by eight scrapers at once", "... is found by 1 scraper at
    once", "... is found by one scraper at once".
    """
    posting = _remember(scenario, PostingDataFactory(title=title, url=url))
    barrier = threading.Barrier(writers)
    results: list[UpsertResult] = []
    errors: list[BaseException] = []

    def write() -> None:
        barrier.wait()
        try:
            results.append(store.upsert_postings([posting]))
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, f"concurrent saves failed: {errors!r}"
    total = UpsertResult()
    for result in results:
        total += result
    scenario.last_save = total


# --- Then --------------------------------------------------------------------
# How a count of postings is said to be in the store: "are stored", "were saved", ...
STORED = r"(?:is|are|was|were) (?:stored|saved)"


@then(parsers.re(rf"{group('count', whole_number)} postings? {STORED}"),
      converters=converters(count=whole_number))
def postings_stored(count: int, store: Store, scenario: ScenarioContext) -> None:
    """How many distinct postings the store holds ("6 postings are stored"), once the
    scenario's background runs have ended.

    Also matches: "1 posting is stored", "a posting is stored", "one posting is stored",
    "no posting is stored", "zero postings are stored", "1,200 postings are stored", "4
    postings were stored", "one posting is saved".
    """
    from steps.common.scraping import runs_settled

    runs_settled(scenario, store)
    stored = store.postings()
    assert len(stored) == count, (
        f"expected {count} stored postings, found {len(stored)}: "
        f"{[(p.title, p.canonical_url) for p in stored]}"
    )


@then(phrase('the stored posting at "{url:Quoted}" has {field} "{value:Quoted}"'))
def stored_field(url: str, field: str, value: str, store: Store) -> None:
    """One field of a stored posting, compared as text (numbers as numbers)."""
    posting = store.posting_by_url(url)
    assert posting is not None, f"no stored posting at {url}"
    name = field_name(field)
    actual = getattr(posting, name)
    assert _same(actual, field_value(name, value), ignore_case=name in _CODE_FIELDS), (
        f"{field} of {url}: expected {value!r}, stored {actual!r}"
    )


@then(
    parsers.re(
        rf"the last save counted {group('new', whole_number)} new, "
        rf"{group('updated', whole_number)} updated,? (?:and )?"
        rf"{group('unchanged', whole_number)} unchanged"
    ),
    converters=converters(new=whole_number, updated=whole_number, unchanged=whole_number),
)
def last_save_counts(
    new: int, updated: int, unchanged: int, scenario: ScenarioContext, store: Store
) -> None:
    """What the store reported for the most recent save: postings found in the scenario,
    a foreground scrape, or a background run (all its sources' saves added up): "the last
    save counted 3 new, 1 updated and 0 unchanged".

    Also matches: "the last save counted no new, one updated and zero unchanged", "the last
    save counted 0 new, 1 updated, 0 unchanged".
    """
    from steps.common.scraping import saves_of, source_outcomes

    result = scenario.last_save
    if result is None:  # a background run saves per source: add its saves up
        result = saves_of(source_outcomes(scenario, store))
    actual = (result.new, result.updated, result.unchanged)
    assert actual == (new, updated, unchanged), (
        f"expected (new, updated, unchanged) = {(new, updated, unchanged)}, got {actual}"
    )


def _same(actual: object, expected: object, ignore_case: bool = False) -> bool:
    """A stored value against one read by ``field_value`` (numbers as numbers)."""
    if actual is None or expected is None:
        return actual is None and (expected is None or str(expected).lower() in _NOTHING)
    if isinstance(expected, float):
        return isinstance(actual, int | float) and float(actual) == expected
    expected = str(expected)
    shown = {str(actual), str(getattr(actual, "value", actual))}
    if ignore_case:
        return expected.casefold() in {text.casefold() for text in shown}
    return expected in shown


def postings_of(company: str, store: Store) -> list[Any]:
    """The stored postings of a company named in plain words: its name, in any case, is
    part of the stored company ("Private Robots" for "Private Robots Inc.")."""
    wanted = " ".join(company.casefold().split())
    return [p for p in store.postings() if wanted in " ".join((p.company or "").casefold().split())]


@then(parsers.re(rf'{group("count", whole_number)} postings? of "{group("company", quoted)}" '
                 rf"{STORED}"), converters=converters(count=whole_number))
def company_postings_count(count: int, company: str, store: Store) -> None:
    """How many postings of one company the store holds: "2 postings of "Example Company
    01" are stored", "no posting of "Private Robots" is stored".

    Also matches: "one posting of "..." is stored", "zero postings of "..." are stored",
    "3 postings of "..." were saved".
    """
    found = postings_of(company, store)
    assert len(found) == count, (
        f"{len(found)} stored postings of {company!r}: {[(p.title, p.company) for p in found]}"
    )


@then(parsers.re(
    rf'the posting "{group("title", quoted)}" of "{group("company", quoted)}" (?:is|was) '
    r"(?P<negation>not )?(?:stored|saved)"
))
def company_posting_stored(title: str, company: str, negation: str | None,
                           store: Store) -> None:
    """A posting named by its title and its company is (or is not) stored: "the posting
    "Data Analyst" of "Example Company 01" is stored".

    Also matches: "the posting "..." of "..." is not stored", "... is saved", "... was
    stored".
    """
    titles = [p.title for p in postings_of(company, store)]
    if negation:
        assert title not in titles, f"{title!r} of {company!r} is stored: {titles}"
    else:
        assert title in titles, f"{title!r} of {company!r} is not stored; stored: {titles}"


@then(phrase('every stored posting has {field} "{value:Quoted}"'))
def every_stored_field(field: str, value: str, store: Store) -> None:
    """One field of every stored posting, compared as ``the stored posting at ... has``
    compares it ("every stored posting has work arrangement "remote"").

    Also matches: any field name in plain words (see ``FIELD_NAMES``): "every stored posting
    has site "indeed"".
    """
    name = field_name(field)
    stored = store.postings()
    assert stored, "no posting is stored"
    wrong = [(p.title, getattr(p, name)) for p in stored
             if not _same(getattr(p, name), field_value(name, value),
                          ignore_case=name in _CODE_FIELDS)]
    assert not wrong, f"{field} is not {value!r} for: {wrong}"

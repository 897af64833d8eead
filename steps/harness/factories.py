"""factory-boy factories for the suite's existing data.

``PostingDataFactory`` builds extracted postings (the value type that
extraction returns and ``Store.upsert_postings`` accepts); the database
factories persist through the application's own ``Store`` so that Givens
create data exactly as a scrape would.
"""

from __future__ import annotations

from typing import Any

import factory

from jobscraper.models import ModelCall, PostingData, Route, ScrapeRun
from jobscraper.store import Store


class PostingDataFactory(factory.Factory):
    class Meta:
        model = PostingData

    title = factory.Sequence(lambda n: f"Software Engineer {n}")
    company = "Acme Robotics"
    location = "Berlin, Germany"
    remote = None
    employment_type = "full-time"
    salary_min = 70000.0
    salary_max = 90000.0
    salary_currency = "EUR"
    salary_interval = "year"
    description = factory.LazyAttribute(lambda o: f"{o.title} at {o.company}, {o.location}.")
    url = factory.Sequence(lambda n: f"https://careers.acme-robotics.com/jobs/{n}")
    site = "careers.acme-robotics.com"
    route = Route.STRUCTURED


def store_postings(app_store: Store, *postings: PostingData, run_id: str | None = None) -> None:
    """Persist postings through the application's upsert (as a scrape would)."""
    app_store.upsert_postings(postings, run_id=run_id)


class ScrapeRunFactory(factory.Factory):
    class Meta:
        model = ScrapeRun

    sources = factory.LazyFunction(lambda: ["https://careers.acme-robotics.com/jobs"])
    sources_total = factory.LazyAttribute(lambda o: len(o.sources))
    status = "completed"


class ModelCallFactory(factory.Factory):
    class Meta:
        model = ModelCall

    route = Route.LOCAL.value
    tier = "primary"
    model = "tiny-primary"
    prompt_tokens = 3000
    completion_tokens = 200
    latency_ms = 100.0
    cost_usd = 0.0


def persist(app_store: Store, row: Any) -> Any:
    """Save a factory-built table row with the application's session."""
    with app_store.session() as session:
        session.add(row)
        session.commit()
        session.refresh(row)
        return row

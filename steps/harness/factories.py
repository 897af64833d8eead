"""factory-boy factories for the suite's existing data.

``PostingDataFactory`` builds extracted postings (the value type that
extraction returns and ``Store.upsert_postings`` accepts); ``ModelCallFactory``
builds recorded model calls. Givens persist them through the application's
own ``Store`` (``upsert_postings``, ``record_model_call``, ``create_run``), so
existing data is created exactly as a scrape would create it.
"""

from __future__ import annotations

import factory

from jobscraper.models import ModelCall, PostingData, Route


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


class ModelCallFactory(factory.Factory):
    class Meta:
        model = ModelCall

    route = Route.LOCAL.value
    # only local calls have a tier; structured pages and cloud calls have none
    tier = factory.LazyAttribute(lambda o: "primary" if o.route == Route.LOCAL.value else None)
    model = None
    prompt_tokens = 3000
    completion_tokens = 200
    latency_ms = 100.0
    cost_usd = 0.0

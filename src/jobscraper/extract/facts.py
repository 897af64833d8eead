"""A page's labelled facts ("Location: Zürich", "Employment type: Full-time") -> fields.

Career pages show a posting's header as label and value pairs: Ashby's side panel,
Workday's ``<dt>``/``<dd>``, LinkedIn's criteria list, a WordPress page's "Lieu de
travail: Fribourg". Platform schemas collect the pairs; this vocabulary says which
label means which field, in the languages the pages are written in. A label is
compared whole, without case, punctuation or a parenthesised note ("Télétravail (2j
max/semaine)" is "télétravail"), so "Location Type" is not "Location".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from jobscraper.extract.normalize import clean_text

# field -> the labels that name it
FACT_LABELS: dict[str, tuple[str, ...]] = {
    "location": (
        "location", "locations", "job location", "office", "standort", "standorte",
        "arbeitsort", "einsatzort", "lieu de travail", "lieu", "localisation", "sede",
        "sede di lavoro", "luogo di lavoro", "ubicación",
    ),
    "employment_type": (
        "employment type", "job type", "time type", "work type", "type of employment",
        "commitment", "schedule", "beschäftigungsart", "anstellungsart", "arbeitszeit",
        "type de contrat", "type d'emploi", "type de poste", "temps de travail",
        "tipo di impiego", "tipo di contratto", "orario di lavoro",
    ),
    "workplace": (
        "location type", "workplace type", "workplace", "work arrangement", "work model",
        "remote", "remote work", "télétravail", "home office", "homeoffice", "arbeitsmodell",
        "modalità di lavoro",
    ),
    "salary": (
        "compensation", "salary", "pay", "pay range", "base salary", "salary range", "gehalt",
        "vergütung", "salaire", "rémunération", "retribuzione",
    ),
    "company": ("company", "employer", "hiring organization", "unternehmen", "entreprise",
                "azienda"),
}
_BY_LABEL = {label: name for name, labels in FACT_LABELS.items() for label in labels}


def label_key(label: str) -> str:
    """"Télétravail (2j max/semaine):" -> "télétravail"."""
    text = re.sub(r"\([^)]*\)", " ", label.casefold())
    text = re.sub(r"[^\w' ]+", " ", text.replace("’", "'"))
    return " ".join(text.split())


def field_of(label: str) -> str | None:
    """The field a label names (location, employment_type, workplace, salary, company)."""
    return _BY_LABEL.get(label_key(label))


def facts_by_field(facts: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """``[{"label": "Location", "value": "Berlin"}, ...]`` -> ``{"location": "Berlin"}``.

    The first fact for a field wins. A work-arrangement fact keeps its label
    ("Télétravail: Non"), since the label is half of what it says.
    """
    found: dict[str, str] = {}
    for fact in facts:
        label, value = clean_text(fact.get("label")), clean_text(fact.get("value"))
        if not label or not value:
            continue
        name = field_of(label)
        if name is None or name in found:
            continue
        found[name] = f"{label}: {value}" if name == "workplace" else value
    return found

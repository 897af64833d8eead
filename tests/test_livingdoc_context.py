"""livingdoc.context: what the run's context says about the machine, libraries, settings."""

from __future__ import annotations

from livingdoc.context import (
    NOT_INSTALLED,
    library_versions,
    machine,
    merge_settings,
    parse_settings,
)


def test_the_machine_names_its_cores_python_and_platform() -> None:
    facts = machine()
    assert list(facts) == ["cores", "Python", "platform"]
    assert facts["cores"].isdigit() and facts["Python"].split()[-1].count(".") == 2


def test_library_versions_keep_the_order_given_and_say_what_is_missing() -> None:
    found = library_versions(["pytest-bdd", "pytest", "pytest", "", "no-such-distribution-x"])
    assert list(found) == ["pytest-bdd", "pytest", "no-such-distribution-x"]
    assert found["pytest"][0].isdigit()
    assert found["no-such-distribution-x"] == NOT_INSTALLED


def test_ini_settings_read_name_value_lines() -> None:
    lines = ["payment gateway: sandbox", "currency = EUR", "", "url: http://x:1/a=b", "flag"]
    assert parse_settings(lines) == {
        "payment gateway": "sandbox",
        "currency": "EUR",
        "url": "http://x:1/a=b",
        "flag": "",
    }


def test_settings_from_several_sources_merge_as_text() -> None:
    merged = merge_settings([{"profile": "cpu-tiny"}, None, {"workers": 2, "profile": "gpu"}])
    assert merged == {"profile": "gpu", "workers": "2"}

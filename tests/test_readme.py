"""README facts that must stay true: the configuration table and the two commands."""

from pathlib import Path

from jobscraper.docs_table import END, START, markdown_table

README = Path(__file__).resolve().parents[1] / "README.md"


def test_configuration_table_matches_settings() -> None:
    text = README.read_text()
    block = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert block == markdown_table(), (
        "README configuration table is stale: run "
        "'.venv/bin/python -m jobscraper.docs_table --write README.md'"
    )


def test_ci_runs_the_readme_test_command() -> None:
    ci = (README.parent / ".ci/run").read_text()
    assert "make test" in ci
    assert "make test" in README.read_text()


def test_the_benchmark_table_is_the_last_report() -> None:
    """The README shows the table `make bench` wrote last (bench/results/latest.md)."""
    latest = README.parent / "bench/results/latest.md"
    text = README.read_text()
    block = text.split("<!-- bench-table:start -->", 1)[1].split("<!-- bench-table:end -->")[0]
    if not latest.exists():
        assert not block.strip(), "the README shows a benchmark table that bench/results lacks"
        return
    assert block.strip() == latest.read_text().strip(), (
        "README benchmark table is stale: run '.venv/bin/python bench/report.py --table-only'"
    )


def test_the_resilience_count_is_the_list_and_every_input_is_covered() -> None:
    """The README's count of hostile inputs is its list's length (at least twenty), and
    every feature file and unit test the list names exists."""
    import re

    text = README.read_text()
    block = text.split("<!-- resilience:start -->", 1)[1].split("<!-- resilience:end -->")[0]
    items = [line for line in block.splitlines() if line.startswith("- ")]
    stated = re.search(r"\*\*(\d+) hostile inputs\*\*", text)
    assert stated, "the README's Resilience section states no count"
    assert int(stated.group(1)) == len(items) >= 20, (
        f"the README says {stated.group(1)} hostile inputs and lists {len(items)}")
    for item in items:
        where = re.findall(r"`((?:features|tests)/[^`]+)`", item)
        assert where, f"no feature or test named for: {item}"
        for ref in where:
            path, _, name = ref.partition("::")
            file = README.parent / path
            assert file.is_file(), f"{path} does not exist ({item})"
            if name:
                assert f"def {name}(" in file.read_text(), f"no test {name} in {path}"

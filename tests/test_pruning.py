"""Pruning keeps the posting and drops the site's furniture."""

from __future__ import annotations

from jobscraper.ai.pruning import prune


def test_boilerplate_is_removed() -> None:
    page = (
        "<html><head><script>var tracking = 1;</script><style>.a{color:red}</style></head><body>"
        "<header><nav><a href='/'>Home</a><a href='/about'>About</a></nav></header>"
        "<div id='cookie-banner'>We use cookies. Accept all</div>"
        "<main><article><h1>Senior Python Engineer</h1><p>Acme Robotics, Berlin. "
        "You will build reliable data services and review code with the team every day, "
        "improving our platform's performance and security.</p>"
        "<p>Salary: 70,000 - 90,000 EUR per year.</p></article></main>"
        "<footer><a href='/privacy'>Privacy</a> © 2026</footer></body></html>"
    )
    result = prune(page)
    assert "Senior Python Engineer" in result.text
    assert "70,000 - 90,000 EUR" in result.text
    for gone in ("tracking", "color:red", "cookies", "Privacy", "About"):
        assert gone not in result.text
    assert result.tokens_pruned < result.tokens_raw


def test_tiny_page_is_not_emptied() -> None:
    assert prune("<html><body><p>Cook wanted</p></body></html>").text == "Cook wanted"


def test_markdown_only_page() -> None:
    result = prune("", "# Cook\n\nWanted in Lisbon")
    assert result.text == "# Cook\n\nWanted in Lisbon"
    assert result.tokens_raw == result.tokens_pruned

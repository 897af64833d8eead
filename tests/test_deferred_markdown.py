"""crawl4ai's Markdown is rendered only for the pages that go to the model route."""

from __future__ import annotations

from jobscraper.sources import crawler

HTML = "<html><body><h1>Robotics Engineer</h1><p>Build robots in Berlin.</p></body></html>"


def test_inside_a_fetch_the_markdown_waits_until_the_page_asks_for_it() -> None:
    generator = crawler._deferred_markdown()
    slot = crawler._FetchSlot(max_bytes=10_000)
    token = crawler._SLOT.set(slot)
    try:
        result = generator.generate_markdown(HTML, base_url="https://careers.example.com/")
    finally:
        crawler._SLOT.reset(token)
    assert result.raw_markdown == ""
    assert slot.markdown is not None
    page = crawler.Page(url="https://careers.example.com/jobs/1",
                        final_url="https://careers.example.com/jobs/1", status=200, html=HTML,
                        deferred_markdown=slot.markdown)
    assert page.markdown == ""
    text = page.markdown_text()
    assert "Robotics Engineer" in text and "Berlin" in text
    assert page.deferred_markdown is None and page.markdown == text  # rendered once


def test_outside_a_fetch_the_markdown_is_rendered_at_once() -> None:
    result = crawler._deferred_markdown().generate_markdown(HTML)
    assert "Robotics Engineer" in result.raw_markdown


def test_a_page_without_deferred_markdown_keeps_its_own() -> None:
    page = crawler.Page(url="u", final_url="u", status=200, html=HTML, markdown="# Drawn")
    assert page.markdown_text() == "# Drawn"

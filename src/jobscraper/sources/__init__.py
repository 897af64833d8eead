"""Where postings come from: career pages (crawl4ai) and job boards (python-jobspy).

* :mod:`.detect`: a source string -> :class:`CareerPage` or :class:`BoardQuery`.
* :mod:`.guard`: the address guard (no ``file:``, no private network).
* :mod:`.http`: TLS trust, error kinds, per-host rate limit, robots.txt.
* :mod:`.career_pages`: listing -> posting links -> postings.
* :mod:`.crawler`: fetching career pages with crawl4ai (guard, size limit, politeness).
* :mod:`.challenge`: bot challenges and JavaScript app shells, told from the HTML.
* :mod:`.links`: which links of a listing lead to posting pages.
* :mod:`.browser`: the system Chromium for JavaScript sites.
* :mod:`.job_boards`: JobSpy queries -> postings.

The unified entry point is :func:`jobscraper.scrape.scrape`.
"""

from jobscraper.sources.detect import BoardQuery, CareerPage, Source, detect_source
from jobscraper.sources.guard import SourceRejected

__all__ = ["BoardQuery", "CareerPage", "Source", "SourceRejected", "detect_source"]

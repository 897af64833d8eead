"""jobscraper: an AI job scraper.

Importing the package turns off crawl4ai's advertising banner (a "Crawl4AI Cloud"
box printed on stderr when the first crawler starts, once a day), so the command
line, the workers' logs and the dashboard's log show only jobscraper's own output.
Every entry point imports this package before crawl4ai; ``setdefault`` keeps the
value of a user who set the switch themselves.
"""

import os

os.environ.setdefault("CRAWL4AI_NO_CLOUD_NOTICE", "1")

__version__ = "0.1.0"

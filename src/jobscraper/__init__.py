"""jobscraper: an AI job scraper."""

__version__ = "0.1.0"

"""Binds features/scraping to the shared step vocabulary."""

from pytest_bdd import scenarios

scenarios("scraping")

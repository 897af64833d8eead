"""Binds features/cost to the shared step vocabulary."""

from pytest_bdd import scenarios

scenarios("cost")

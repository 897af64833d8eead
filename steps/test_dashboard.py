"""Binds features/dashboard to the shared step vocabulary."""

from pytest_bdd import scenarios

scenarios("dashboard")

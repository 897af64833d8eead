"""Binds features/progress to the shared step vocabulary."""

from pytest_bdd import scenarios

scenarios("progress")

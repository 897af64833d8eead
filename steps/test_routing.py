"""Binds features/routing to the shared step vocabulary."""

from pytest_bdd import scenarios

scenarios("routing")

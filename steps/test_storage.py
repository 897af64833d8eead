"""Binds features/storage to the shared step vocabulary."""

from pytest_bdd import scenarios

scenarios("storage")

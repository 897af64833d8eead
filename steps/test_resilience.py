"""Binds features/resilience to the shared step vocabulary."""

from pytest_bdd import scenarios

scenarios("resilience")

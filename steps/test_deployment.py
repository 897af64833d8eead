"""Binds features/deployment to the shared step vocabulary."""

from pytest_bdd import scenarios

scenarios("deployment")

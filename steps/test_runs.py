"""Binds features/runs to the shared step vocabulary."""

from pytest_bdd import scenarios

scenarios("runs")

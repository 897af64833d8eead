"""Binds the example project's features/ folder: becomes its ``test_examples.py``."""

from pytest_bdd import scenarios

scenarios("features")

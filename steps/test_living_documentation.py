"""Binds features/living_documentation to the shared step vocabulary.

The steps live in steps/common/living_documentation.py (registered by the root
conftest); they drive small example projects through pytest's pytester.
"""

from pytest_bdd import scenarios

scenarios("living_documentation")

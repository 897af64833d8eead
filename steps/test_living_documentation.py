"""Binds features/living_documentation to the shared step vocabulary.

The steps live in steps/common/living_documentation.py (registered by the root
conftest); they drive small example projects through pytest's pytester. The
example project's files are in steps/harness/livingdoc_example/, the page object
that reads the generated page in steps/harness/living_doc_page.py.
"""

from pytest_bdd import scenarios

scenarios("living_documentation")

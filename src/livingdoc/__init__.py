"""livingdoc: living documentation for pytest-bdd 9 suites.

Joins the Gherkin feature files (parsed with the official parser) with what the
last pytest run did to every scenario and step, and writes one offline HTML page
plus the joined model as JSON. Use it as a pytest plugin (``--living-doc=PATH``)
or from the command line without a run (``python -m livingdoc features/ -o PATH``).
"""

from __future__ import annotations

from .document import DocumentBuilder, write_document
from .html import render_html
from .model import Document, document_from_dict
from .recorder import LivingDoc

__version__ = "0.1.0"

__all__ = [
    "Document",
    "DocumentBuilder",
    "LivingDoc",
    "__version__",
    "document_from_dict",
    "render_html",
    "write_document",
]

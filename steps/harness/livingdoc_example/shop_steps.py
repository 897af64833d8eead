"""The example shop's step vocabulary: becomes the example project's ``conftest.py``.

The living documentation scenarios run feature files against these phrases, so
their outcomes (what passes, fails, is skipped or attaches evidence) come from
here, and so does the setting the shop reports in the run's context (the
``pytest_livingdoc_context`` hook below; shop_pytest.ini adds one through the ini key).
The file is kept under another name so that our own suite never loads it as a
conftest.
"""

import logging
import sys
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from livingdoc import LivingDoc

SKIP_REASON = "needs a real model's judgement: this run has no real model"
RECEIPT_PNG = Path(__file__).with_name("receipt.png")
#: How much the chatty card reader prints: more than the living documentation keeps.
CHATTY_LINES = 2_000
#: Where the flaky card reader counts its uses: the project's folder outlives each run.
FLAKY_READER_USES = Path("card-reader-uses.txt")
log = logging.getLogger("shop.card_reader")


@pytest.hookimpl(optionalhook=True)
def pytest_livingdoc_context(config: pytest.Config) -> dict[str, str]:
    """The shop's own setting, reported in the living documentation's run context."""
    return {"payment gateway": "sandbox"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("real_model"):
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@given(parsers.parse("a basket with {count:d} books"), target_fixture="basket")
def a_basket(count: int) -> dict[str, int]:
    """Put the given number of books in the customer's basket."""
    return {"books": count}


@given("the parcel holds")
def parcel(datatable: list[list[str]]) -> list[list[str]]:
    """Describe the parcel: one row per item with its weight."""
    return datatable


@when("the customer pays by card")
def pay_by_card() -> None:
    """The customer pays the basket's total with a valid card."""


@when("the customer pays with an expired card")
def pay_with_expired_card() -> None:
    """The customer tries to pay with a card past its expiry date."""
    raise ValueError("The card has expired")


@when("the customer pays with a noisy card reader")
def pay_with_noisy_reader() -> None:
    """The card reader talks on every channel while the customer pays."""
    print("card reader: connected")
    print("card reader: weak signal", file=sys.stderr)
    log.warning("card reader retried 2 times")


@when("the customer pays with a chatty card reader")
def pay_with_chatty_reader() -> None:
    """The card reader prints a line per millisecond and never answers."""
    for number in range(CHATTY_LINES):
        print(f"card reader: still waiting ({number})")
    raise AssertionError("The card reader did not answer")


@when("the customer pays through the payment gateway")
def pay_through_gateway(payment_gateway: object) -> None:
    """Needs a ``payment_gateway`` fixture the shop never wrote: the suite is broken."""


@when(parsers.parse("the customer pays with the voucher code {code}"))
def pay_with_voucher(code: str, basket: dict[str, int]) -> None:
    """The customer pays the basket with a voucher code (the basket is a fixture)."""
    basket["voucher"] = len(code)


@when("the customer pays with a flaky card reader")
def pay_with_flaky_reader(living_doc: LivingDoc) -> None:
    """The reader answers 5 ms slower on each use (45 ms first) and fails on its second."""
    uses = int(FLAKY_READER_USES.read_text()) + 1 if FLAKY_READER_USES.exists() else 1
    FLAKY_READER_USES.write_text(str(uses))
    living_doc.metric("reader latency", 40 + 5 * uses, "ms")
    assert uses != 2, "The card reader dropped the connection"


@when("the customer asks for payment advice")
def payment_advice() -> None:
    """The customer asks which way to pay costs least."""


@when(parsers.parse("the customer in {country} pays by card"), target_fixture="country")
def pay_in_country(country: str) -> str:
    """A customer living in the given country pays by card."""
    return country


@when("the customer prints the receipt")
def print_receipt(living_doc: LivingDoc) -> None:
    """The customer prints the receipt; the printout is attached as evidence."""
    living_doc.attach_image(RECEIPT_PNG.read_bytes(), "Printed receipt")
    living_doc.attach_text("Total: 24.00", "Receipt body")
    living_doc.metric("print time", 42, "ms")


@then("the payment is accepted")
def payment_accepted() -> None:
    """The shop confirms the payment."""


@then("the receipt reads")
def receipt_reads(docstring: str, country: str) -> None:
    """The receipt shows exactly this text."""
    assert country != "Japan", "We do not ship to Japan yet"


@then("the customer receives a loyalty voucher")
def loyalty_voucher() -> None:
    """The customer gets a voucher for the next order."""

"""Pytest fixtures for the fake internet (registered by the root conftest).

``fake_internet`` is session-scoped: one proxy and one CA for the whole run
(starting costs ~10 ms, but an RQ worker process or a browser started once per
session must keep talking to the same proxy). Each test still starts clean:
an autouse fixture resets recorded requests, runtime pages and delays after
every test that touched it, and does nothing (starts nothing) otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .internet import FakeInternet

_STARTED = pytest.StashKey[FakeInternet]()


@pytest.fixture(scope="session")
def fake_internet(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FakeInternet]:
    """The running fake internet: ``proxy_url``, ``ca_bundle_path``, ``requests``, ..."""
    net = FakeInternet(ca_folder=tmp_path_factory.mktemp("fake-internet-ca"))
    net.start()
    request.config.stash[_STARTED] = net
    try:
        yield net
    finally:
        del request.config.stash[_STARTED]
        net.stop()


@pytest.fixture
def fresh_fake_internet(fake_internet: FakeInternet) -> FakeInternet:
    """The fake internet, reset before this test (no records, no runtime pages, no delays)."""
    fake_internet.reset()
    return fake_internet


@pytest.fixture(autouse=True)
def _reset_fake_internet(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, forget what it recorded and added, if the fake internet runs."""
    yield
    net = request.config.stash.get(_STARTED, None)
    if net is not None:
        net.reset()

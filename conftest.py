"""Root conftest: the suite's environment, harness fixtures and step vocabulary.

Every step module in ``steps/common`` is registered here as a plugin, so every
phrase is available to every feature file: a product owner can write a new
scenario from existing phrases and it runs with no code change.
"""

from __future__ import annotations

import pkgutil
from pathlib import Path

import pytest

# Step modules import each other's helpers (progress uses runs'); asserts in every suite
# module are rewritten however it is first imported.
pytest.register_assert_rewrite("steps")

from steps.harness import environment  # noqa: E402

environment.apply()  # cache folders etc. must be set before libraries are imported

from steps.harness.options import SuiteOptions  # noqa: E402

_ROOT = Path(__file__).parent


def _modules(package: str) -> list[str]:
    folder = _ROOT.joinpath(*package.split("."))
    return [
        f"{package}.{m.name}"
        for m in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name)
        if not m.name.startswith("_")
    ]


# Harness plugins: the suite's options (and --keep), fixtures that start real
# components. fake_internet is a package with its own plugin module.
pytest_plugins = [
    "pytester",
    "steps.harness.options",
    "steps.harness.keep",
    "steps.harness.asyncio_bridge",
    "steps.harness.app",
    "steps.harness.fake_internet.plugin",
    *[m for m in _modules("steps.harness") if m.endswith("_fixtures")],
    *_modules("steps.common"),
]


REAL_MODEL_REASON = (
    "needs a real model's judgement: runs on model profile 'gpu' (--model-profile gpu); "
    "this run uses {profile!r} (on cpu-tiny: tiny random-weight Qwen3 models)"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip @real_model scenarios, with the reason, where no real model runs."""
    profile = SuiteOptions.of(config).model_profile
    if profile == "gpu":
        return
    for item in items:
        if item.get_closest_marker("real_model"):
            item.add_marker(pytest.mark.skip(reason=REAL_MODEL_REASON.format(profile=profile)))

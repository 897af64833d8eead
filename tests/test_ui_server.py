"""Starting the dashboard: Node.js, the project folder, the children's environment, builds.

The server itself runs in the acceptance suite (features/dashboard); these tests
pin the decisions ``jobscraper ui`` takes before it starts anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jobscraper.config import load_settings
from jobscraper.ui import server


@pytest.fixture
def settings(tmp_path: Path):
    return load_settings(data_dir=tmp_path / "data", ui_dir=tmp_path / "ui", ui_port=3456)


def test_a_node_that_is_too_old_is_refused_with_the_version_it_reports(tmp_path, settings):
    old = tmp_path / "node"
    old.write_text("#!/bin/sh\necho v20.20.2\n")
    old.chmod(0o755)
    with pytest.raises(server.DashboardError, match=r"\(20, 20, 2\)"):
        server.find_node(settings.model_copy(update={"ui_node": old}))


def test_a_configured_node_that_is_new_enough_is_used(tmp_path, settings):
    new = tmp_path / "bin"
    new.mkdir()
    (new / "node").write_text("#!/bin/sh\necho v22.23.5\n")
    (new / "node").chmod(0o755)
    assert server.find_node(settings.model_copy(update={"ui_node": new})) == new / "node"


def test_the_project_folder_points_reflex_at_our_app_and_keeps_the_lockfile(settings):
    folder = server.prepare_project(settings)
    config = (folder / "rxconfig.py").read_text()
    assert 'app_module_import="jobscraper.ui.app"' in config
    assert "telemetry_enabled=False" in config and "show_built_with_reflex=False" in config
    assert (folder / "reflex.lock" / "package-lock.json").is_file()
    before = (folder / "rxconfig.py").stat().st_mtime_ns
    server.prepare_project(settings)  # unchanged files are not rewritten (the build stays)
    assert (folder / "rxconfig.py").stat().st_mtime_ns == before


def test_children_get_the_settings_and_reflex_offline(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("JOBSCRAPER_QUEUE_NAME", "from-the-shell")  # not the resolved settings
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://elsewhere")
    env = server.child_environment(settings.model_copy(update={"queue_name": "resolved"}),
                                   tmp_path / "bin" / "node")
    assert env["JOBSCRAPER_QUEUE_NAME"] == "resolved"
    assert env["JOBSCRAPER_DATA_DIR"] == str(settings.data_dir)
    assert env["REFLEX_TELEMETRY_ENABLED"] == "false" and "REFLEX_REDIS_URL" not in env
    assert env["PATH"].startswith(str(tmp_path / "bin"))


def test_a_build_is_reused_only_for_the_same_port_and_sources(settings):
    folder = server.prepare_project(settings)
    stamp = server.build_stamp(folder, 3456)
    assert not server._built(folder, stamp)  # nothing built yet
    (folder / ".web/build/client").mkdir(parents=True)
    (folder / ".web/build/client/index.html").write_text("<html></html>")
    (folder / server.BUILD_STAMP).write_text(stamp)
    assert server._built(folder, stamp)
    assert not server._built(folder, server.build_stamp(folder, 3457))  # another port


def test_the_embedded_redis_comes_with_a_worker_a_shared_one_without(settings, monkeypatch):
    started: list[list[str]] = []

    class Recorder:
        def __init__(self, command, **_):
            started.append(command)
            self.pid = 0

    monkeypatch.setattr(server.subprocess, "Popen", Recorder)
    monkeypatch.setattr(server, "find_node", lambda *_a, **_k: None)
    monkeypatch.setattr(server, "npm_registry", lambda: "https://registry.npmjs.org/")
    shared = settings.model_copy(update={"redis_url": "redis://127.0.0.1:6379/9"})
    server.start(shared).lock.release()
    assert not any("worker" in command for command in started)
    started.clear()
    monkeypatch.setattr(server, "redis_url", lambda _settings: "unix:///tmp/x.sock")
    server.start(settings).lock.release()
    assert any("worker" in command for command in started)


def test_a_second_dashboard_on_the_same_folder_is_refused(settings):
    folder = server.prepare_project(settings)
    first = server.ProjectLock(folder, 3456)
    with pytest.raises(server.DashboardError, match=r"another dashboard runs from .*port 3456"):
        server.ProjectLock(folder, 3457)
    first.release()
    server.ProjectLock(folder, 3457).release()  # free again once the first one stopped

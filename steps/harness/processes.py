"""Stopping the suite's child processes and reading their logs.

Workers and the cloud model server are started in process groups of their
own (``start_new_session``), so a stop reaches whatever they started too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path


def stop_process_group(
    process: subprocess.Popen, grace_s: float, *, send_term: bool = True
) -> None:
    """SIGTERM the group, wait ``grace_s``, then SIGKILL it (and anything left in it).

    ``send_term=False`` when the caller already sent SIGTERM (a second one
    would be RQ's cold shutdown).
    """
    if process.poll() is None:
        if send_term:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace_s)
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    # anything left in its group (a browser a worker started) goes too
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def log_tail(path: Path, lines: int) -> str:
    """The last ``lines`` lines of a log file ('' when there is none yet)."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""

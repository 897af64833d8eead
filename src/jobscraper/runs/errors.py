"""What can go wrong with a run, as exceptions: one home for the callers that catch them.

The command line catches ``RunNotFound``; RQ records ``RunFailed`` and
``RunMissing`` as a job's failure (both are final: the job is not retried).
"""

from __future__ import annotations


class RunNotFound(KeyError):
    """No run with this id in Redis or in the store."""


class RunFailed(Exception):
    """A run that cannot succeed (e.g. no source could be scraped): not retried."""


class RunMissing(Exception):
    """The job's run has no row in the store (a different database?)."""

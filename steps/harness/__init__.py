"""The acceptance suite's harness: fixtures that start real components, and the
helpers the step modules share (modules here are not steps).

Nothing here patches jobscraper's code. The harness starts real processes and
servers (Redis, the fake internet, workers, the vLLM engine) and hands the
application a ``Settings`` object that points at them, exactly as a user's
environment variables would.
"""

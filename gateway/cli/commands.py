"""Registers every subcommand on :data:`gateway.cli.main`."""

from gateway.cli import core  # noqa: F401  (defines serve, worker, db, token, agent)

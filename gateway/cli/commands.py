"""Registers every subcommand on :data:`gateway.cli.main`."""

from gateway.cli import core  # noqa: F401  (defines serve, worker, db, token, agent, demo)
from gateway.cli import main
from gateway.cli.models_cmd import models
from gateway.cli.translate_cmd import translate

main.add_command(models)
main.add_command(translate)

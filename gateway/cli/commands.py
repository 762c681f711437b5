"""Registers every subcommand group on :data:`gateway.cli.main`."""

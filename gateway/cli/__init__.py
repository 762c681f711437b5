"""The ``kakehashi`` command line (also ``python -m gateway``).

Messages follow the operator's locale (``LANG=ja_JP.UTF-8`` gives Japanese); option help stays
in English, like the reference in README.md.
"""

from __future__ import annotations

import click

from gateway.i18n import environment_locale, set_locale


@click.group()
@click.version_option(package_name="kakehashi")
def main() -> None:
    """Kakehashi: a cross-border support gateway for Japanese shops."""
    set_locale(environment_locale())


def _register() -> None:
    # Subcommands live one domain per module; importing them here keeps `main` the single entry.
    from gateway.cli import commands  # noqa: F401


_register()

"""``kakehashi models``: list, available, install (from the Argos index or a file), remove."""

from __future__ import annotations

from pathlib import Path

import click

from gateway.cli.progress import DownloadProgress
from gateway.i18n import _
from gateway.settings import get_settings
from translation import packages
from translation.errors import TranslationError
from translation.languages import UnknownLanguageError

_MODELS_DIR = click.option(
    "--models-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where packages are installed (default: KAKEHASHI_MODELS_DIR or ./models).",
)


def _root(models_dir: Path | None) -> Path:
    """--models-dir, else KAKEHASHI_MODELS_DIR from the environment or .env, else ./models."""
    if models_dir is not None:
        return models_dir
    configured = get_settings().models_dir
    return configured if configured is not None else packages.models_dir()


def _size(num_bytes: int) -> str:
    return f"{num_bytes / 1024**2:.1f} MB"


@click.group()
def models() -> None:
    """Manage Argos translation models."""


@models.command("list")
@_MODELS_DIR
def list_models(models_dir: Path | None) -> None:
    """Show installed pairs with their size and version."""
    root = _root(models_dir)
    installed = packages.list_installed(root)
    if not installed:
        click.echo(
            _(
                "No models installed in %(dir)s. "
                "Install one with `kakehashi models install FROM TO`."
            )
            % {"dir": root}
        )
        return
    for package in installed:
        click.echo(
            f"{package.source:>8} → {package.target:<8} {package.version:>8}  "
            f"{_size(package.size_bytes):>9}  {package.path.name}"
        )


@models.command()
def available() -> None:
    """List the pairs the Argos package index offers."""
    try:
        offered = packages.fetch_index()
    except TranslationError as error:
        raise click.ClickException(str(error)) from error
    for package in offered:
        click.echo(f"{package.source:>8} → {package.target:<8} {package.version:>8}")


@models.command()
@click.argument("source", required=False)
@click.argument("target", required=False)
@click.option(
    "--file",
    "archive",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Install an .argosmodel file downloaded elsewhere (offline install).",
)
@_MODELS_DIR
def install(
    source: str | None, target: str | None, archive: Path | None, models_dir: Path | None
) -> None:
    """Install the FROM → TO model from the Argos index, or a package file with --file."""
    root = _root(models_dir)
    try:
        if archive is not None:
            if source or target:
                raise click.UsageError(_("Give either FROM TO or --file, not both."))
            package = packages.install_file(archive, root)
        else:
            if not (source and target):
                raise click.UsageError(_("Give FROM TO (e.g. `en ja`) or --file PATH.argosmodel."))
            package = _install_from_index(source, target, root)
    except (TranslationError, UnknownLanguageError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        _("Installed %(pair)s %(version)s (%(size)s) in %(path)s")
        % {
            "pair": f"{package.source} → {package.target}",
            "version": package.version,
            "size": _size(package.size_bytes),
            "path": package.path,
        }
    )


def _install_from_index(source: str, target: str, root: Path) -> packages.InstalledPackage:
    progress = DownloadProgress(_("Downloading %(pair)s") % {"pair": f"{source} → {target}"})
    try:
        return packages.install_from_index(source, target, root, progress=progress)
    finally:
        progress.close()


@models.command()
@click.argument("source")
@click.argument("target")
@_MODELS_DIR
def remove(source: str, target: str, models_dir: Path | None) -> None:
    """Remove the installed FROM → TO model."""
    try:
        package = packages.remove(source, target, _root(models_dir))
    except (TranslationError, UnknownLanguageError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        _("Removed %(pair)s %(version)s")
        % {"pair": f"{package.source} → {package.target}", "version": package.version}
    )

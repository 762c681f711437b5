"""``kakehashi faq import FILE | export [FILE] | publish --out DIR``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from faq_i18n.errors import FaqError
from faq_i18n.export import write_site
from faq_i18n.formats import dump_csv, dump_json, dump_po, load_csv, load_json, load_po
from faq_i18n.locales import canonical_locale
from faq_i18n.pages import FaqRenderer
from gateway.db import Database, get_database
from gateway.i18n import _


def _database() -> Database:
    from gateway.migrate import upgrade

    database = get_database()
    upgrade(database.engine)
    return database


def _locale(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return canonical_locale(value)
    except FaqError as exc:
        raise click.BadParameter(str(exc)) from exc


@click.group()
def faq() -> None:
    """The FAQ: import and export (JSON, CSV, PO), publish static pages."""


@faq.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--locale", help="Locale of a PO file (default: its Language header).")
def import_command(file: Path, locale: str | None) -> None:
    """Import FILE: .json (whole FAQ), .csv (spreadsheet) or .po (one locale's translations).

    Translations given in JSON or CSV count as reviewed unless a status says otherwise;
    missing locales are queued for machine translation.
    """
    from gateway.faq import service

    data = file.read_bytes()
    suffix = file.suffix.lower()
    try:
        if suffix == ".json":
            items = load_json(data)
        elif suffix == ".csv":
            items = load_csv(data)
        elif suffix == ".po":
            po = load_po(data, _locale(locale))
        else:
            raise click.BadParameter(
                _("%(file)s: use a .json, .csv or .po file") % {"file": file.name},
                param_hint="FILE",
            )
    except FaqError as exc:
        raise click.ClickException(f"{file.name}: {exc}") from exc
    database = _database()
    with database.session() as session:
        if suffix == ".po":
            report = service.import_po(session, po, changed_by=f"import:{file.name}")
        else:
            report = service.import_items(session, items, changed_by=f"import:{file.name}")
    click.echo(f"{file.name}: {report.summary()}")


@faq.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "po"]),
    help="Default: from FILE's extension, else json.",
)
@click.option("--locale", help="The locale of a PO export (required for --format po).")
def export_command(file: Path | None, fmt: str | None, locale: str | None) -> None:
    """Export the FAQ to FILE (standard output when left out)."""
    from gateway.faq import service

    if fmt is None:
        suffix = file.suffix.lower().lstrip(".") if file else ""
        fmt = suffix if suffix in ("json", "csv", "po") else "json"
    if fmt == "po" and not locale:
        raise click.UsageError(_("A PO export is per locale: add --locale (e.g. --locale en)."))
    database = _database()
    with database.session() as session:
        items = service.export_items(session)
    if fmt == "json":
        data = (dump_json(items) + "\n").encode("utf-8")
    elif fmt == "csv":
        data = dump_csv(items)
    else:
        data = dump_po(items, _locale(locale) or "")
    if file is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        file.write_bytes(data)
        click.echo(
            _("%(count)d entries written to %(file)s") % {"count": len(items), "file": file},
            err=True,
        )


@faq.command("publish")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the static site into.",
)
@click.option(
    "--base-url",
    help="Public URL the pages will live at (default: KAKEHASHI_PUBLIC_URL).",
)
def publish_command(out_dir: Path, base_url: str | None) -> None:
    """Write the public FAQ pages as static files, the same as `kakehashi serve` shows."""
    from gateway.faq import config, repository

    base_url = base_url or config.public_base_url()
    if not base_url:
        # The pages work on any host at its root; only search engines want absolute URLs.
        base_url = ""
        click.echo(
            _(
                "No --base-url and no KAKEHASHI_PUBLIC_URL: canonical and hreflang links are "
                "relative to the site root. Give --base-url (e.g. https://help.example.jp) for "
                "search engines."
            ),
            err=True,
        )
    database = _database()
    with database.session() as session:
        items = repository.items(session, published_only=True)
    pages = FaqRenderer(config.site(base_url), locales_dir=config.locales_dir())
    try:
        written = write_site(pages.site_files(items), out_dir)
    except (FaqError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        _("%(files)d files written to %(dir)s (%(count)d entries)")
        % {"files": len(written), "dir": out_dir, "count": len(items)}
    )

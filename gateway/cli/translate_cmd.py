"""``kakehashi translate --source S --target T TEXT``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gateway.i18n import _
from gateway.settings import get_settings
from translation.errors import TranslationError
from translation.languages import UnknownLanguageError, from_argos, normalize_tag


def language_option(value: str, option: str) -> str:
    """A BCP 47 tag for what was typed: tags, Argos codes (``zt``, ``pb``) and aliases; an
    unknown language is a usage error that names it (not a missing model)."""
    try:
        return normalize_tag(
            from_argos(value.strip().lower()) if len(value.strip()) == 2 else value
        )
    except UnknownLanguageError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


@click.command()
@click.option("--source", "-s", required=True, help="Language of TEXT (BCP 47, e.g. zh-Hant).")
@click.option("--target", "-t", required=True, help="Language to translate into (e.g. ja).")
@click.option(
    "--models-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where packages are installed (default: KAKEHASHI_MODELS_DIR or ./models).",
)
@click.option("--score", is_flag=True, help="Also print the confidence and the model used.")
@click.argument("text", required=False)
def translate(
    source: str, target: str, models_dir: Path | None, score: bool, text: str | None
) -> None:
    """Translate TEXT (or standard input) with the installed models."""
    from translation.engine import TranslationEngine

    source = language_option(source, "--source")
    target = language_option(target, "--target")
    if text is None:
        text = sys.stdin.read()
    try:
        engine = TranslationEngine(models_dir or get_settings().models_dir)
        result = engine.translate(text, source=source, target=target)
    except (TranslationError, UnknownLanguageError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(result.text)
    if score:
        line = _("confidence %(score).2f  model %(model)s") % {
            "score": result.score,
            "model": result.model,
        }
        if result.low_confidence:
            line += "  " + _("(low confidence: have it checked)")
        click.echo(line, err=True)

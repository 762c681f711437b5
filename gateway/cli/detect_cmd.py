"""``kakehashi detect [--json] TEXT``: which language a buyer's message is in."""

from __future__ import annotations

import json
import sys

import click

from translation.detect import LanguageDetectionError, detect_candidates


@click.command("detect")
@click.argument("text", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--hint",
    "hints",
    multiple=True,
    metavar="TAG",
    help="A language known from elsewhere (e.g. zh-TW, en-US); repeatable.",
)
def detect(text: tuple[str, ...], as_json: bool, hints: tuple[str, ...]) -> None:
    """Detect the language of TEXT (read from standard input when TEXT is '-' or missing)."""
    message = " ".join(text)
    if not text or message == "-":
        message = sys.stdin.read()
    try:
        ranked = detect_candidates(message, hints=hints)
    except LanguageDetectionError as exc:
        raise click.ClickException(str(exc)) from exc
    best = ranked[0]
    if as_json:
        payload = {
            "language": best.language,
            "confidence": round(best.confidence, 4),
            "candidates": [
                {"language": d.language, "confidence": round(d.confidence, 4)} for d in ranked
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
    else:
        click.echo(f"{best.language}\t{best.confidence:.2f}")

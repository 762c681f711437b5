"""Progress of a long download: a bar on a terminal, plain lines in a log.

On a terminal (standard error is a TTY) tqdm draws one line with the size received and in all,
the speed and the time left. Anywhere else (a container log, a pipe, CI) a bar's carriage
returns would make a mess, so a plain line is written every :data:`LOG_EVERY_SECONDS` and once
at the end, with the same figures.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

import click
from tqdm import tqdm

from gateway.i18n import _

LOG_EVERY_SECONDS = 5.0


def _megabytes(num_bytes: float) -> str:
    return f"{num_bytes / 1024**2:.1f} MB"


class DownloadProgress:
    """Called with (bytes received, total bytes or None) as a download goes; close() at the end."""

    def __init__(self, label: str, *, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.bar: Any = None
        if self.stream.isatty():
            self.bar = tqdm(
                desc=label,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                file=self.stream,
                dynamic_ncols=True,
                leave=True,
            )
        self.started = time.monotonic()
        self.last_line = self.started
        self.received = 0
        self.total: int | None = None

    def __call__(self, received: int, total: int | None) -> None:
        self.received, self.total = received, total
        if self.bar is not None:
            if total and self.bar.total != total:
                self.bar.total = total
                self.bar.refresh()
            self.bar.update(received - self.bar.n)
            return
        now = time.monotonic()
        if now - self.last_line >= LOG_EVERY_SECONDS:
            self.last_line = now
            self._line(now)

    def _line(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-6)
        speed = self.received / elapsed
        figures = {
            "label": self.label,
            "received": _megabytes(self.received),
            "speed": _megabytes(speed),
        }
        if self.total:
            left = (self.total - self.received) / speed if speed > 0 else 0.0
            message = _(
                "%(label)s: %(received)s of %(total)s (%(percent)d%%), %(speed)s/s, %(left)d s left"
            ) % {
                **figures,
                "total": _megabytes(self.total),
                "percent": 100 * self.received // self.total,
                "left": round(left),
            }
        else:
            message = _("%(label)s: %(received)s, %(speed)s/s") % figures
        click.echo(message, file=self.stream)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.received:
            self._line(time.monotonic())

"""The report as CSV (UTF-8 with a BOM, so spreadsheet programs read the Japanese right)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from gateway.reports.service import ReportRow

COLUMNS = (
    "group_by",
    "group",
    "name",
    "received",
    "median_first_response_seconds",
    "within_target_ratio",
    "median_resolution_seconds",
    "resolution_rate",
    "reopen_rate",
    "escalation_rate",
    "csat_responses",
    "csat_satisfied_ratio",
)


def _cell(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def to_csv(rows: Sequence[ReportRow], total: ReportRow | None = None) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in [*rows, *([total] if total is not None else [])]:
        f = row.figures
        writer.writerow(
            [
                row.group_by,
                row.key,
                row.label,
                *(
                    _cell(v)
                    for v in (
                        f.received,
                        f.median_first_response_seconds,
                        f.within_target_ratio,
                        f.median_resolution_seconds,
                        f.resolution_rate,
                        f.reopen_rate,
                        f.escalation_rate,
                        f.csat_responses,
                        f.csat_satisfied_ratio,
                    )
                ),
            ]
        )
    return buffer.getvalue()

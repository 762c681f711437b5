"""Row ids in paths and forms: a number no database id column can hold names nothing (404).

Every id column is an ``INTEGER``: 32-bit signed on PostgreSQL (64-bit on SQLite). A larger
number in a path (``/api/v1/conversations/9223372036854775808``) cannot name a row, and handed
to the database it fails the query (PostgreSQL: "integer out of range"; SQLite: "Python int
too large to convert") instead of finding nothing. One app-wide dependency answers 404 for
every such path parameter of every route.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.exceptions import HTTPException

MIN_ID = -(2**31)
MAX_ID = 2**31 - 1  # PostgreSQL INTEGER, the type of every id column


def as_id(value: str) -> int | None:
    """``value`` as an id a row can have, or None when it is not a number or out of range."""
    text = value.strip()
    if not text.lstrip("+-").isdigit() or len(text) > 12:
        return None
    number = int(text)
    return number if MIN_ID <= number <= MAX_ID else None


def _reads_int(field: Any) -> bool:
    annotation = field.field_info.annotation
    return annotation is int or (
        getattr(annotation, "__args__", None) is not None and int in annotation.__args__
    )


async def ids_in_range(request: Request) -> None:
    """404 for any int path parameter beyond what an id column holds (every route)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    for field in dependant.path_params:
        raw = request.path_params.get(field.alias)
        if isinstance(raw, str) and _reads_int(field) and as_id(raw) is None:
            text = raw.strip().lstrip("+-")
            if text.isdigit():  # a number, too large: nothing has that id
                raise HTTPException(404, "Not Found")

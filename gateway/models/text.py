"""Text that every database can hold: no NUL, no lone surrogates, no string over its column.

PostgreSQL refuses NUL in text ("text fields cannot contain NUL"), neither database can encode
a lone surrogate (``\\ud800`` from a JSON escape) as UTF-8, and PostgreSQL refuses a string
longer than its ``VARCHAR(n)``. Boundaries (schemas, mail parsing) clean what they take in;
the engine (:func:`storable_parameters`) and the ORM (:func:`_bound_strings`) make sure that
nothing they missed can fail a write.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pydantic import BeforeValidator
from sqlalchemy import String, Text, event
from sqlalchemy.orm import Mapper

from gateway.models.base import Base

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
ELLIPSIS = "…"


def _replace(match: re.Match[str]) -> str:
    return "" if match.group() == "\x00" else "\ufffd"


def storable(text: str) -> str:
    """``text`` without NUL, lone surrogates replaced by U+FFFD (shown as �)."""
    if _UNSTORABLE.search(text) is None:
        return text
    return _UNSTORABLE.sub(_replace, text)


def _storable_input(value: Any) -> Any:
    return storable(value) if isinstance(value, str) else value


#: A string field of an API schema, cleaned as it comes in (before length limits apply).
StorableStr = Annotated[str, BeforeValidator(_storable_input)]


def bounded(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the cut marked with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def _clean(value: Any) -> Any:
    return storable(value) if isinstance(value, str) else value


def _dirty(values: Sequence[Any] | Mapping[str, Any]) -> bool:
    items = values.values() if isinstance(values, Mapping) else values
    return any(isinstance(v, str) and _UNSTORABLE.search(v) is not None for v in items)


def _clean_row(values: Any) -> Any:
    if isinstance(values, Mapping):
        return {key: _clean(value) for key, value in values.items()} if _dirty(values) else values
    if isinstance(values, list | tuple):
        return type(values)(_clean(value) for value in values) if _dirty(values) else values
    return values


def storable_parameters(parameters: Any, executemany: bool) -> Any:
    """A statement's parameters with every string made storable (unchanged when clean)."""
    if executemany and isinstance(parameters, list | tuple):
        return type(parameters)(_clean_row(row) for row in parameters)
    return _clean_row(parameters)


_limits: dict[Mapper[Any], list[tuple[str, int]]] = {}


def _string_limits(mapper: Mapper[Any]) -> list[tuple[str, int]]:
    limits = _limits.get(mapper)
    if limits is None:
        limits = [
            (prop.key, column.type.length)
            for prop in mapper.column_attrs
            for column in prop.columns[:1]
            if isinstance(column.type, String)
            and not isinstance(column.type, Text)
            and column.type.length
        ]
        _limits[mapper] = limits
    return limits


@event.listens_for(Base, "before_insert", propagate=True)
@event.listens_for(Base, "before_update", propagate=True)
def _bound_strings(mapper: Mapper[Any], _connection: Any, target: Any) -> None:
    """Cut any string longer than its column (a header, a name): stored shortened, never lost
    to a refused insert. Boundaries bound what they know first; this is the safety net."""
    for key, limit in _string_limits(mapper):
        value = target.__dict__.get(key)
        if isinstance(value, str) and len(value) > limit:
            setattr(target, key, bounded(value, limit))

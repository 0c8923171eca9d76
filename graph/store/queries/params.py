"""Query parameters as the headers declare them: type, bounds, default, and the checks that
turn a command-line string (or a Python value) into the value Cypher receives.

    // param limit: int [1, 1000000] = 100 — at most this many rows
    // param km: float (0, 20040] = 50 — radius in kilometres
    // param actor: actor = null — only events involving this actor

Types: `str`; `int` (a 64-bit integer, Neo4j's); `float` (finite); `bool`; `date`
(YYYY-MM-DD); `name` (case- and accent-folded, to compare with `lookup` keys); `actor` and
`place` (folded like `name`, and the database must hold an actor or place with that lookup
key); `event` (an event id, which must exist). Bounds, for numbers, are an interval:
`[a, b]` includes both ends, `(a, b]` leaves `a` out; either end may be left empty.
A value outside its type or bounds is a `QueryUsageError` naming the parameter and what
it takes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ingest.errors import ConfigError

# Neo4j integers are signed 64-bit; a larger value fails in the driver with a traceback.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
# Parameter types whose value names something in the database, and the label it names.
LOOKUP_LABELS = {"actor": "Actor", "place": "Place", "event": "Event"}

_INTERVAL = re.compile(
    r"^(?P<open>[\[(])\s*(?P<low>[^,\s]*)\s*,\s*(?P<high>[^\])\s]*)\s*(?P<close>[\])])$"
)


class QueryUsageError(ConfigError):
    """The query asked for does not exist, or its parameters are unknown, missing or
    outside what its header allows: a usage error (the CLI exits 2)."""


@dataclass(frozen=True, slots=True)
class Bounds:
    """An interval of allowed numbers; None leaves that side open-ended."""

    low: float | None = None
    high: float | None = None
    low_included: bool = True
    high_included: bool = True

    def __contains__(self, value: float) -> bool:
        above = self.low is None or value > self.low or (self.low_included and value == self.low)
        below = (
            self.high is None or value < self.high or (self.high_included and value == self.high)
        )
        return above and below

    def __str__(self) -> str:
        low = "" if self.low is None else _number(self.low, grouped=False)
        high = "" if self.high is None else _number(self.high, grouped=False)
        opening, closing = "[("[not self.low_included], "])"[not self.high_included]
        return f"{opening}{low}, {high}{closing}"

    def words(self) -> str:
        """'from 1 to 1,000,000', 'greater than 0 and at most 20,040', 'at least 1'."""
        if (
            self.low is not None
            and self.high is not None
            and self.low_included
            and self.high_included
        ):
            return f"from {_number(self.low)} to {_number(self.high)}"
        parts = []
        if self.low is not None:
            side = "at least" if self.low_included else "greater than"
            parts.append(f"{side} {_number(self.low)}")
        if self.high is not None:
            side = "at most" if self.high_included else "less than"
            parts.append(f"{side} {_number(self.high)}")
        return " and ".join(parts)


def parse_bounds(text: str) -> Bounds:
    """`[1, 100]`, `(0, 20040]`, `[0, ]` → Bounds; a ValueError for anything else."""
    match = _INTERVAL.match(text.strip())
    if match is None:
        raise ValueError(f"not an interval like [1, 100] or (0, 50]: {text!r}")
    low, high = (float(match[side]) if match[side] else None for side in ("low", "high"))
    if low is not None and high is not None and low > high:
        raise ValueError(f"empty interval {text!r}")
    return Bounds(low, high, match["open"] == "[", match["close"] == "]")


def _number(value: float, grouped: bool = True) -> str:
    """1000000 as '1,000,000' (or '1000000' as in a header), 0.5 as '0.5'."""
    shown = int(value) if float(value).is_integer() else value
    return f"{shown:,}" if grouped else str(shown)


@dataclass(frozen=True, slots=True)
class QueryParam:
    """One declared parameter: its type, bounds, default (None = null) and whether it is
    required."""

    name: str
    type: str
    required: bool
    default: Any = None
    help: str = ""
    bounds: Bounds | None = None

    def allowed(self) -> str:
        """What the parameter takes, in words: 'an integer from 1 to 1,000,000'."""
        what = TYPE_WORDS[self.type]
        return f"{what} {self.bounds.words()}" if self.bounds else what

    def signature(self) -> str:
        """`int [1, 1000000] = 100`, `actor, required`: the header's declaration, for --list."""
        kind = f"{self.type} {self.bounds}" if self.bounds else self.type
        if self.required:
            return f"{kind}, required"
        return f"{kind} = {_shown(self.default)}"

    def value(self, raw: Any, query: str) -> Any:
        """`raw` (a command-line string or a Python value) as this parameter's value."""
        try:
            value = COERCERS[self.type](raw)
        except (ValueError, TypeError, OverflowError):
            value = None
        if value is None or (self.bounds is not None and value not in self.bounds):
            raise QueryUsageError(
                f"query {query!r}: {self.name}={_shown(raw)} is not allowed "
                f"({self.name} takes {self.allowed()})"
            )
        return value


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    number = value if isinstance(value, int) else int(str(value).strip())
    return number if INT_MIN <= number <= INT_MAX else None


def _to_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    number = float(value if isinstance(value, int | float) else str(value).strip())
    return number if math.isfinite(number) else None


def _to_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "on"):
        return True
    if text in ("false", "no", "0", "off"):
        return False
    return None


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"not YYYY-MM-DD: {text!r}")
    return date.fromisoformat(text)


def _folded(value: Any) -> str | None:
    from ingest.model import fold

    return fold(str(value)) or None


def _text(value: Any) -> str | None:
    return str(value).strip() or None


COERCERS: dict[str, Callable[[Any], Any]] = {
    "str": str,
    "name": _folded,
    "actor": _folded,
    "place": _folded,
    "event": _text,
    "int": _to_int,
    "float": _to_float,
    "bool": _to_bool,
    "date": _to_date,
}
TYPE_WORDS = {
    "str": "text",
    "name": "a name",
    "actor": "an actor's name, alias or id",
    "place": "a place's name or id",
    "event": "an event id",
    "int": "an integer",
    "float": "a finite number",
    "bool": "true or false",
    "date": "a date YYYY-MM-DD",
}

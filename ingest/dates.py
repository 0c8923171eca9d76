"""Turn date expressions ("on Tuesday", "last July", "March 11, 2026") into calendar dates.

News text dates events relative to the day the article was published, so every relative
expression is resolved against `published`. The conventions, chosen so the same text
always gives the same date:

- A weekday ("on Tuesday") is the most recent such day on or before publication;
  "last Tuesday" is strictly before it, "next Tuesday" strictly after it.
- A period resolves to its first day: "August 2024" and "since August 2024" → 2024-08-01,
  "last July" → July 1 of the most recent July before the publication month, "2025" →
  2025-01-01, "last week" → the Monday of the previous week, "last month" → its 1st.
- A day without a year ("December 24") is the most recent such day on or before
  publication (news mostly reports the past).
- Decades, centuries, durations ("the 1990s", "two weeks") and vague spans ("recent
  weeks") are not dates: None.

Simple forms are matched by regular expressions; anything else falls back to dateparser
(English only, offline), and results are cached per (text, published) pair.
"""

from __future__ import annotations

import calendar
import email.utils
import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType

import dateparser

_MONTHS = MappingProxyType(
    {
        **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
        **{name.lower(): i for i, name in enumerate(calendar.month_abbr) if name},
        "sept": 9,
    }
)
_WEEKDAYS = MappingProxyType({name.lower(): i for i, name in enumerate(calendar.day_name)})
_NUMBERS = MappingProxyType(
    {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
    }
)

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_NUMBER = r"(?P<number>\d+|" + "|".join(_NUMBERS) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"

# Words in front of a date that do not change which day it is.
_LEADING = re.compile(
    r"^(?:(?:on|since|in|by|from|until|till|as of|at|during|of|before|after|"
    r"early|late|mid|earlier|later|around|about|through|throughout)\b[\s-]*)+"
)
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_NOT_A_DATE = re.compile(
    r"(?:\d0'?s\b|'\d0s\b|\b(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|"
    r"nineties)\b|\bcentur(?:y|ies)\b|\bdecades?\b|\bmillenni|\brecent\b|\bcoming\b)"
)
_DURATION = re.compile(rf"^(?:for\s+|over\s+|within\s+)?{_NUMBER}\s+{_UNIT}$")

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_YEAR_ONLY = re.compile(rf"^{_YEAR}$")
_WEEKDAY_EXPR = re.compile(rf"^(?:(?P<which>last|this|next|past)\s+)?{_WEEKDAY}$")
_PERIOD_EXPR = re.compile(r"^(?P<which>last|this|next|past)\s+(?P<unit>week|month|year)$")
_AGO_EXPR = re.compile(rf"^{_NUMBER}\s+{_UNIT}\s+ago$")
_MONTH_EXPR = re.compile(rf"^(?:(?P<which>last|this|next)\s+)?{_MONTH}$")
_MONTH_YEAR_EXPR = re.compile(rf"^{_MONTH},?\s+(?:of\s+)?{_YEAR}$")
_MONTH_DAY_EXPR = re.compile(rf"^{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?$")
_DAY_MONTH_EXPR = re.compile(rf"^(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?$")
_RELATIVE_WORDS = re.compile(r"\b(?:ago|yesterday|today|tomorrow|last|next|this|hence)\b")
_DATEISH = re.compile(rf"\d|\b(?:{_MONTH}|{_WEEKDAY}|ago|yesterday|today|tomorrow)\b")

_RELATIVE_DAYS = MappingProxyType(
    {
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "yesterday": -1,
        "last night": -1,
        "the day before yesterday": -2,
        "tomorrow": 1,
        "the day after tomorrow": 2,
    }
)


def resolve_date(text: str, published: date | None) -> date | None:
    """The calendar day `text` refers to, read as of `published`; None when unresolvable.

    Relative expressions ("yesterday", "on Tuesday") need `published`; absolute ones
    ("March 11, 2026") resolve without it.
    """
    return _resolve_cached(text, published)


def parse_date(value: object) -> date | None:
    """An absolute date from a metadata field (ISO 8601, RFC 2822, "Dec. 24, 2025", …).

    Used for `Published:` headers and JSON fields, where there is no reference day: the
    value must name day, month and year, else None. A timestamp keeps the day as written
    in its own time zone. Numbers are read as Unix seconds.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    return _parse_absolute_cached(value.strip())


@lru_cache(maxsize=4096)
def _parse_absolute_cached(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    iso = _ISO.match(text)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    if not re.search(r"\d", text) or _RELATIVE_WORDS.search(text.lower()):
        return None
    return _dateparser_date(text, None)


@lru_cache(maxsize=8192)
def _resolve_cached(text: str, published: date | None) -> date | None:
    cleaned = _clean(text)
    if not cleaned or _NOT_A_DATE.search(cleaned) or _DURATION.match(cleaned):
        return None
    for rule in _RULES:
        found, value = rule(cleaned, published)
        if found:
            return value
    if not _DATEISH.search(cleaned):
        return None
    return _dateparser_date(cleaned, published)


def _clean(text: str) -> str:
    lowered = " ".join(text.replace("’", "'").lower().split()).strip(" ,.;:()")
    previous = None
    while previous != lowered:
        previous = lowered
        lowered = _LEADING.sub("", lowered).strip()
    if lowered not in _RELATIVE_DAYS:
        lowered = _TIME_OF_DAY.sub("", lowered)
    return lowered


# Each rule returns (matched, value): a match with value None means "recognised, but not
# resolvable" (e.g. a weekday without a publication date) and stops the search.
Rule = tuple[bool, date | None]


def _iso_rule(text: str, published: date | None) -> Rule:
    match = _ISO.match(text)
    if not match or len(text) != 10:
        return False, None
    return True, _safe_date(int(match[1]), int(match[2]), int(match[3]))


def _year_rule(text: str, published: date | None) -> Rule:
    match = _YEAR_ONLY.match(text)
    if not match:
        return False, None
    year = int(match["year"])
    return True, date(year, 1, 1) if 1000 <= year <= 2999 else None


def _relative_day_rule(text: str, published: date | None) -> Rule:
    if text not in _RELATIVE_DAYS:
        return False, None
    return True, published + timedelta(days=_RELATIVE_DAYS[text]) if published else None


def _weekday_rule(text: str, published: date | None) -> Rule:
    match = _WEEKDAY_EXPR.match(text)
    if not match:
        return False, None
    if published is None:
        return True, None
    back = (published.weekday() - _WEEKDAYS[match["weekday"]]) % 7
    which = match["which"]
    if which in ("last", "past") and back == 0:
        back = 7
    if which == "next":
        return True, published + timedelta(days=(7 - back) if back else 7)
    return True, published - timedelta(days=back)


def _period_rule(text: str, published: date | None) -> Rule:
    match = _PERIOD_EXPR.match(text)
    if not match:
        return False, None
    if published is None:
        return True, None
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[match["which"]]
    unit = match["unit"]
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        return True, monday + timedelta(weeks=step)
    if unit == "month":
        return True, _add_months(published.replace(day=1), step)
    return True, date(published.year + step, 1, 1)


def _ago_rule(text: str, published: date | None) -> Rule:
    match = _AGO_EXPR.match(text)
    if not match:
        return False, None
    if published is None:
        return True, None
    raw = match["number"]
    count = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = match["unit"]
    if unit == "day":
        return True, published - timedelta(days=count)
    if unit == "week":
        return True, published - timedelta(weeks=count)
    months = count if unit == "month" else 12 * count
    return True, _add_months(published, -months)


def _month_rule(text: str, published: date | None) -> Rule:
    match = _MONTH_EXPR.match(text)
    if not match:
        return False, None
    if published is None:
        return True, None
    month = _MONTHS[match["month"]]
    which = match["which"]
    if which == "next":
        year = published.year if month > published.month else published.year + 1
    elif which == "last":
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return True, date(year, month, 1)


def _month_year_rule(text: str, published: date | None) -> Rule:
    match = _MONTH_YEAR_EXPR.match(text)
    if not match:
        return False, None
    return True, _safe_date(int(match["year"]), _MONTHS[match["month"]], 1)


def _day_rule(text: str, published: date | None) -> Rule:
    match = _MONTH_DAY_EXPR.match(text) or _DAY_MONTH_EXPR.match(text)
    if not match:
        return False, None
    month, day = _MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        return True, _safe_date(int(match["year"]), month, day)
    if published is None:
        return True, None
    this_year = _safe_date(published.year, month, day)
    if this_year is not None and this_year <= published:
        return True, this_year
    return True, _safe_date(published.year - 1, month, day)


_RULES = (
    _iso_rule,
    _year_rule,
    _relative_day_rule,
    _weekday_rule,
    _period_rule,
    _ago_rule,
    _month_rule,
    _month_year_rule,
    _day_rule,
)


def _dateparser_date(text: str, published: date | None) -> date | None:
    """dateparser as the last resort; without a reference day only full dates count."""
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if published is None:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    else:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))

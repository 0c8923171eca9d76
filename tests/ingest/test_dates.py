"""Date expressions resolved against the publication date: a table of real news phrasings."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ingest.dates import parse_date, resolve_date

WED_2025_12_24 = date(2025, 12, 24)  # the Kast–Noboa article's publication day (a Wednesday)
TUE_2024_11_26 = date(2024, 11, 26)
MON_2024_07_15 = date(2024, 7, 15)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # weekdays: most recent on or before publication; "last" strictly before
        ("On Tuesday", WED_2025_12_24, date(2025, 12, 23)),
        ("Tuesday", WED_2025_12_24, date(2025, 12, 23)),
        ("on Wednesday", WED_2025_12_24, date(2025, 12, 24)),
        ("Monday", WED_2025_12_24, date(2025, 12, 22)),
        ("Thursday", WED_2025_12_24, date(2025, 12, 18)),
        ("Tuesday night", WED_2025_12_24, date(2025, 12, 23)),
        ("last Wednesday", WED_2025_12_24, date(2025, 12, 17)),
        ("next Tuesday", WED_2025_12_24, date(2025, 12, 30)),
        ("on Tuesday", TUE_2024_11_26, date(2024, 11, 26)),
        # days relative to publication
        ("yesterday", WED_2025_12_24, date(2025, 12, 23)),
        ("today", WED_2025_12_24, date(2025, 12, 24)),
        ("last night", WED_2025_12_24, date(2025, 12, 23)),
        ("tomorrow", WED_2025_12_24, date(2025, 12, 25)),
        ("two days ago", WED_2025_12_24, date(2025, 12, 22)),
        ("3 weeks ago", WED_2025_12_24, date(2025, 12, 3)),
        ("a year ago", WED_2025_12_24, date(2024, 12, 24)),
        ("three months ago", date(2025, 5, 31), date(2025, 2, 28)),
        # periods resolve to their first day
        ("last week", WED_2025_12_24, date(2025, 12, 15)),
        ("this week", WED_2025_12_24, date(2025, 12, 22)),
        ("last month", WED_2025_12_24, date(2025, 11, 1)),
        ("earlier this month", WED_2025_12_24, date(2025, 12, 1)),
        ("next month", WED_2025_12_24, date(2026, 1, 1)),
        ("last year", WED_2025_12_24, date(2024, 1, 1)),
        ("last July", WED_2025_12_24, date(2025, 7, 1)),
        ("last July", MON_2024_07_15, date(2023, 7, 1)),
        ("in July", MON_2024_07_15, date(2024, 7, 1)),
        ("in December", MON_2024_07_15, date(2023, 12, 1)),
        ("since August 2024", WED_2025_12_24, date(2024, 8, 1)),
        ("Aug. 2024", None, date(2024, 8, 1)),
        ("2025", WED_2025_12_24, date(2025, 1, 1)),
        ("in 2019", None, date(2019, 1, 1)),
        # explicit days
        ("March 11, 2026", WED_2025_12_24, date(2026, 3, 11)),
        ("on March 11, 2026", None, date(2026, 3, 11)),
        ("11 March 2026", None, date(2026, 3, 11)),
        ("Dec. 24, 2025", None, date(2025, 12, 24)),
        ("2025-12-24", None, date(2025, 12, 24)),
        ("December 24", WED_2025_12_24, date(2025, 12, 24)),
        ("December 25", WED_2025_12_24, date(2024, 12, 25)),
        ("the 4th of March", date(2018, 3, 14), date(2018, 3, 4)),
        ("Sept. 13", date(2022, 9, 20), date(2022, 9, 13)),
        ("Monday, Dec. 22", WED_2025_12_24, date(2025, 12, 22)),
        ("24/12/2025", WED_2025_12_24, date(2025, 12, 24)),
        # not dates, or not resolvable
        ("the 1990s", WED_2025_12_24, None),
        ("the '90s", WED_2025_12_24, None),
        ("the 19th century", WED_2025_12_24, None),
        ("two weeks", WED_2025_12_24, None),
        ("recent weeks", WED_2025_12_24, None),
        ("the weekend", WED_2025_12_24, None),
        ("decades", WED_2025_12_24, None),
        ("February 30, 2024", WED_2025_12_24, None),
        ("", WED_2025_12_24, None),
        # relative expressions need a publication date
        ("On Tuesday", None, None),
        ("yesterday", None, None),
        ("last July", None, None),
        ("December 24", None, None),
        ("last week", None, None),
    ],
)
def test_resolve_date(text: str, published: date | None, expected: date | None) -> None:
    assert resolve_date(text, published) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12-24", date(2025, 12, 24)),
        ("2025-12-24T23:30:00-05:00", date(2025, 12, 24)),  # the day as written, not UTC
        ("2023-11-16T06:00:00Z", date(2023, 11, 16)),
        ("Wed, 24 Dec 2025 10:00:00 +0000", date(2025, 12, 24)),
        ("Sat, 25 Feb 2022 09:00:00 GMT", date(2022, 2, 25)),
        ("December 24, 2025", date(2025, 12, 24)),
        ("24 Dec 2025", date(2025, 12, 24)),
        (1766534400, date(2025, 12, 24)),
        (datetime(2025, 12, 24, 8, 0), date(2025, 12, 24)),
        (date(2025, 12, 24), date(2025, 12, 24)),
        ("yesterday", None),  # no reference day in metadata
        ("2 days ago", None),
        ("2025", None),  # metadata must name a day
        ("someday", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected

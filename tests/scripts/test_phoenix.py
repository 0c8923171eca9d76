"""The Phoenix actor converter and the role chosen on a date, on records written for the tests."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from scripts.convert_phoenix import display_name, render_table, select
from scripts.phoenix_actors import Role, parse_actor_file, parse_date, parse_restriction
from scripts.phoenix_roles import country_of, country_on, read_table, role_on

# Made-up people in the Phoenix actor syntax: restrictions on tab-indented lines or on the
# primary line, YYMMDD and YYYYMMDD dates, open ends, an undated default, and junk.
SNIPPET = """\
# test actors
RUTANIA_  [RUT]
+RUTANIAN_

MARTA_ELENA_QUISPE_  # CountryInfo.txt
+PRESIDENT_QUISPE_
+QUISPE
+THE_QUISPE_ADMINISTRATION
\t[PERELI 850101-091231]
\t[PERGOVBUS 100101-20130630] # Minister of Finance
\t[PERGOV >20130701] # President of Peru
\t[PERELI]
JONAS_AL-FARSI_\t[IGOUNO 20050101-20101231] [OMNGOV 19990101-20041231]# IGO list
+QUISPE
JUAN_NOBODY_
\t[PERELI 900101-950101]
AGENT_007_
\t[GBRSPY 900101-950101]
"""


def test_dates_follow_petrarch_two_digit_years() -> None:
    assert parse_date("090120") == date(2009, 1, 20)
    assert parse_date("510724") == date(1951, 7, 24)
    assert parse_date("20170120") == date(2017, 1, 20)
    with pytest.raises(ValueError):
        parse_date("2004017")


def test_restrictions_bound_roles() -> None:
    assert parse_restriction("USAGOV 20090120-20170120") == Role(
        "USAGOV", date(2009, 1, 20), date(2017, 1, 20)
    )
    assert parse_restriction("DEUGOV >051122") == Role("DEUGOV", date(2005, 11, 22), None)
    assert parse_restriction("DEUELI <19900101") == Role("DEUELI", None, date(1990, 1, 1))
    assert parse_restriction("DEUELI") == Role("DEUELI")
    with pytest.raises(ValueError):
        parse_restriction("---")


def test_names_are_cased_for_display() -> None:
    assert display_name("BASHAR_AL-ASSAD_") == "Bashar al-Assad"
    assert display_name("JOHN_MCCAIN") == "John McCain"
    assert display_name("US_PRESIDENT_BARACK_OBAMA") == "US President Barack Obama"
    assert display_name("QUEEN_ELIZABETH_II") == "Queen Elizabeth II"


def test_office_holders_are_kept_and_junk_dropped() -> None:
    problems: Counter[str] = Counter()
    records = parse_actor_file(SNIPPET, problems)
    assert [r.phrase for r in records][:2] == ["RUTANIA_", "MARTA_ELENA_QUISPE_"]
    assert not problems
    counts: Counter[str] = Counter()
    people = select(records, counts)
    assert [p.name for p in people] == ["Jonas al-Farsi", "Marta Elena Quispe"]
    quispe = people[1]
    # "Quispe" is claimed by two records: left out; the administration is not the person
    assert quispe.aliases == ("President Quispe",)
    assert quispe.roles[-1] == Role("PERGOV", date(2013, 7, 1), None, "President of Peru")
    assert counts["record dropped: no dated role (country, place, institution or title)"] == 1
    assert counts["record dropped: dated roles, none an office"] == 1
    assert counts["record dropped: name with digits or symbols"] == 1
    assert counts["alias dropped: shared by several people"] == 2  # once from each
    assert counts["alias dropped: names an administration, not the person"] == 1


def test_table_round_trips() -> None:
    people = select(parse_actor_file(SNIPPET, Counter()), Counter())
    text = render_table(people, Counter())
    assert "MIT License" in text
    assert list(read_table(text)) == people


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2008, 5, 1), "PERELI"),  # an elite code before office
        (date(2011, 3, 1), "PERGOVBUS"),  # minister
        (date(2013, 6, 30), "PERGOVBUS"),  # the last day is inclusive
        (date(2014, 1, 1), "PERGOV"),  # president: an open end holds up to the vintage
        (date(2016, 1, 1), None),  # past the vintage nobody knows
        (None, None),  # undated article
    ],
)
def test_role_on_the_article_date(day: date | None, code: str | None) -> None:
    quispe = select(parse_actor_file(SNIPPET, Counter()), Counter())[1]
    role = role_on(quispe.roles, day, open_until=date(2015, 2, 17))
    assert (role.code if role else None) == code


def test_an_office_beats_an_overlapping_elite_code() -> None:
    roles = (Role("PERELI", date(2000, 1, 1), date(2020, 1, 1)), Role("PERGOV", date(2010, 1, 1)))
    assert role_on(roles, date(2012, 1, 1), date(2015, 1, 1)) == roles[1]


def test_country_on_keeps_the_last_office_country_past_the_vintage() -> None:
    farsi = select(parse_actor_file(SNIPPET, Counter()), Counter())[0]
    until = date(2015, 2, 17)
    assert country_on(farsi.roles, date(2002, 1, 1), until) == "OMN"
    assert country_on(farsi.roles, date(2007, 1, 1), until) is None  # IGO office: no country
    assert country_on(farsi.roles, date(2020, 1, 1), until) == "OMN"
    assert country_of("IGOUNO") is None and country_of("USAGOV") == "USA"

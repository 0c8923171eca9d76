"""Roles on the article's date (issue 9 item 6): dated known actors, Phoenix office holders,
and the precedence user dictionary > article text > background knowledge."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.actors.offices import Role, build_office_holders, table_rows
from ingest.model import Article, Extraction, article_id
from ingest.pipeline import ExtractOptions, extract_articles
from tests.ingest.extraction_helpers import actor_named


def extract_on(text: str, day: date | None, actors: Path | None = None) -> Extraction:
    article = Article(article_id(None, f"{text}|{day}"), None, None, day, "test", text)
    return next(extract_articles([article], ExtractOptions(actor_dictionary=actors)))


@pytest.mark.parametrize(
    ("day", "roles"),
    [
        (date(2019, 2, 27), ("President",)),  # first term
        (date(2023, 2, 27), ("former President",)),  # between terms
        (date(2025, 6, 1), ("President",)),  # second term, open
        (None, ("President",)),  # undated: the roles as of late 2025
    ],
)
def test_a_known_leader_has_the_role_he_held_on_the_articles_date(
    day: date | None, roles: tuple[str, ...]
) -> None:
    extraction = extract_on("Donald Trump met Kim Jong Un to discuss sanctions.", day)
    trump = actor_named(extraction, "Donald Trump")
    assert (trump.country, trump.roles) == ("USA", roles)


def test_phoenix_gives_a_person_the_dictionaries_lack_a_country_and_role_by_date() -> None:
    """John Bolton is not in known_actors.yaml; Phoenix has him at the US government."""
    during = actor_named(
        extract_on("John Bolton criticized the resolution.", date(2006, 3, 1)), "Bolton"
    )
    assert (during.country, during.roles) == ("USA", ("Government Official",))
    later = actor_named(
        extract_on("John Bolton criticized the resolution.", date(2019, 3, 1)), "Bolton"
    )
    assert (later.country, later.roles) == ("USA", ())  # past the dictionary: country only


def test_the_article_says_who_a_person_is_before_background_knowledge() -> None:
    text = "British envoy John Bolton criticized the resolution."
    bolton = actor_named(extract_on(text, date(2006, 3, 1)), "Bolton")
    assert bolton.country == "GBR"


def test_the_users_dictionary_overrides_the_article_and_background(tmp_path: Path) -> None:
    actors = tmp_path / "actors.yaml"
    actors.write_text(
        "- name: Donald Trump\n  kind: person\n  country: CAN\n  roles: [Businessman]\n",
        encoding="utf-8",
    )
    text = "U.S. President Donald Trump met Kim Jong Un."
    trump = actor_named(extract_on(text, date(2019, 2, 27), actors), "Donald Trump")
    assert trump.country == "CAN"
    assert "Businessman" in trump.roles


def test_office_holders_read_open_roles_only_up_to_the_vintage() -> None:
    rows = list(
        table_rows(
            "name\taliases\troles\n"
            "Ana Example\tMinister Example\tAAAELI default;CHLGOV 2010-01-01..\n"
            "Bo Example\tMinister Example\tPERGOV 2012-01-01..2014-12-31 Prime Minister\n"
        )
    )
    holders = build_office_holders(rows, {"GOV": "Government Official"}, date(2015, 1, 1))
    assert holders.office_on("Ana Example", date(2012, 1, 1)).role == "Government Official"  # type: ignore[union-attr]
    assert holders.office_on("Bo Example", date(2013, 1, 1)).role == "Prime Minister"  # type: ignore[union-attr]
    past = holders.office_on("Ana Example", date(2020, 1, 1))
    assert past is not None and (past.country, past.role) == ("CHL", None)
    assert holders.office_on("Minister Example", date(2013, 1, 1)) is None  # two people's alias
    assert holders.office_on("Example", date(2013, 1, 1)) is None  # a lone word is anybody
    assert Role("CHLGOV", date(2010, 1, 1)).dated

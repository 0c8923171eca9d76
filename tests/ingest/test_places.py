"""An article's place mentions (ingest.places): resolved places and the countries behind them."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from ingest.actors import find_actors
from ingest.boilerplate import parse_text, text_layout
from ingest.pipeline import ExtractOptions, load_resources
from ingest.places import ArticlePlaces


def article_places(nlp: Language, text: str) -> tuple[ArticlePlaces, Doc]:
    res = load_resources(ExtractOptions())
    doc = nlp(parse_text(text))
    return ArticlePlaces(doc, res.gazetteer, text_layout(text), find_actors(doc, res.actors)), doc


def word(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def test_a_facility_brings_its_city_and_country(nlp: Language) -> None:
    places, doc = article_places(nlp, "Kast met Noboa at Carondelet Palace in Quito on Monday.")
    assert [p.id for p in places.all_places()] == [
        "place:facility:ECU:carondelet-palace",
        "place:city:ECU:quito",
        "place:ECU",
    ]
    assert places.place_at(word(doc, "Quito")) == "place:city:ECU:quito"
    assert places.place_at(word(doc, "Kast")) is None


def test_country_actors_are_made_on_demand_and_remembered(nlp: Language) -> None:
    text = "Kast met Noboa at Carondelet Palace in Quito after an Indian proposal."
    places, doc = article_places(nlp, text)
    assert places.country_actors == {}
    assert places.place_country("place:facility:ECU:carondelet-palace") is None  # a building
    assert places.place_country("place:city:ECU:quito") == "country:ECU"
    assert places.demonym_country(word(doc, "Indian")) == "country:IND"
    assert places.demonym_country(word(doc, "proposal")) is None
    assert {i: a.name for i, a in places.country_actors.items()} == {
        "country:ECU": "Ecuador",
        "country:IND": "India",
    }


@pytest.mark.parametrize(
    ("text", "word_text", "place"),
    [
        # a country named right after a city decides between same-named ones
        ("The mayor spoke in Santiago, Dominican Republic.", "Santiago", "DOM"),
        ("The mayor spoke in Santiago on Monday.", "Santiago", "CHL"),
        # "the <demonym> capital" and "<country>'s capital" are the national capital
        ("Talks resumed in the Egyptian capital.", "capital", "place:city:EGY:cairo"),
        ("Talks resumed in Kenya's capital.", "capital", "place:city:KEN:nairobi"),
        # capital as money is no place
        ("Chinese capital flowed into the port.", "capital", None),
    ],
)
def test_place_mentions_read_their_context(
    nlp: Language, text: str, word_text: str, place: str | None
) -> None:
    places, doc = article_places(nlp, text)
    found = places.place_at(word(doc, word_text))
    if place is None or place.startswith("place:"):
        assert found == place
    else:
        assert found is not None and places.places[found].country == place


def test_a_name_the_tagger_mislabels_is_a_place_where_only_a_place_can_stand(
    nlp: Language,
) -> None:
    """The small model tags some cities as ORG, NORP or LANGUAGE; "in X" settles it."""
    for city, iso3 in [("Niamey", "NER"), ("Tunis", "TUN"), ("Kyiv", "UKR")]:
        text = f"The two ministers signed the accord yesterday in {city}."
        places, doc = article_places(nlp, text)
        found = places.place_at(word(doc, city))
        assert found is not None and places.places[found].country == iso3, (city, found)


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("KYIV (Reuters) – Drones struck a depot.", "place:city:UKR:kyiv"),
        ("PANAMA CITY, (Reuters) – The court ruled.", "place:city:PAN:panama-city"),
        ("KIGALI, Rwanda (AA) - The border closed.", "place:city:RWA:kigali"),
        ("ANKARA, ISTANBUL: Police detained 40.", None),  # several places: none
        ("UNITED NATIONS (Reuters) - The council met.", None),  # not a gazetteer place
    ],
)
def test_the_dateline_is_resolved_to_one_place(
    nlp: Language, text: str, dateline: str | None
) -> None:
    places, _ = article_places(nlp, text)
    assert (places.dateline.id if places.dateline else None) == dateline
    if dateline:
        assert dateline in {p.id for p in places.all_places()}

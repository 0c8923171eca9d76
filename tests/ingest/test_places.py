"""An article's place mentions (ingest.places): resolved places and the countries behind them."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ingest.actors import find_actors
from ingest.boilerplate import text_layout
from ingest.pipeline import ExtractOptions, load_resources
from ingest.places import ArticlePlaces


def article_places(nlp: Language, text: str) -> tuple[ArticlePlaces, Doc]:
    res = load_resources(ExtractOptions())
    doc = nlp(text)
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

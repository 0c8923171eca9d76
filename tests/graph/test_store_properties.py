"""Node properties come from the model's fields: what Neo4j holds is what was loaded, a
reload writes nothing, and a field that became None on re-extraction is removed."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import pytest
from neo4j import Driver

from graph.schema import EVENT_LINKS, PLACE_LINKS
from graph.store.connection import Neo4jSettings
from graph.store.load import load_extractions
from graph.store.readback import native_value
from graph.store.rows import batch_rows
from graph.store.writer import ensure_schema
from ingest.model import Event, Extraction
from tests.plugins.neo4j_server import political_extractions

pytestmark = pytest.mark.neo4j


def record_fields(record: Any, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """The record's fields as a node holds them: None left out, tuples as lists."""
    values = {f.name: getattr(record, f.name) for f in fields(record)}
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in values.items()
        if key not in leave_out and value is not None
    }


def stored(driver: Driver, database: str, label: str) -> dict[str, dict[str, Any]]:
    records = driver.execute_query(
        f"MATCH (n:{label}) RETURN n.id AS id, properties(n) AS props", database_=database
    ).records
    return {r["id"]: native_value(r["props"]) for r in records}


def load(driver: Driver, database: str, extractions: list[Extraction]) -> Any:
    ensure_schema(driver, database)
    report = load_extractions(driver, extractions, database)
    assert report.ok
    return report


def test_read_back_equals_what_was_loaded(neo4j_db: Driver, neo4j_settings: Neo4jSettings) -> None:
    db = neo4j_settings.database
    extractions = political_extractions()
    load(neo4j_db, db, extractions)
    events = stored(neo4j_db, db, "Event")
    for event in (e for x in extractions for e in x.events):
        assert events[event.id] == {**record_fields(event, EVENT_LINKS), "root": event.root}
    articles = stored(neo4j_db, db, "Article")
    for extraction in extractions:
        assert articles[extraction.article.id] == record_fields(extraction.article, ("text",))
    places = stored(neo4j_db, db, "Place")
    for place in (p for x in extractions for p in x.places):
        props = {k: v for k, v in places[place.id].items() if k not in ("location", "lookup")}
        assert props == record_fields(place, PLACE_LINKS)
        if place.lat is not None:
            assert places[place.id]["location"] == [place.lon, place.lat]
    # dates are DATE values in Neo4j, not strings
    typed = neo4j_db.execute_query(
        "MATCH (e:Event) WHERE e.date IS NOT NULL RETURN count(e) AS n, "
        "all(x IN collect(e.date) WHERE valueType(x) STARTS WITH 'DATE') AS dates",
        database_=db,
    ).records[0]
    assert typed["n"] > 0 and typed["dates"]


def test_a_reload_sets_no_property(neo4j_db: Driver, neo4j_settings: Neo4jSettings) -> None:
    db = neo4j_settings.database
    load(neo4j_db, db, political_extractions())
    again = load(neo4j_db, db, political_extractions())
    assert again.counts.properties_set == 0
    assert again.counts.nodes_created == 0 and again.counts.relationships_created == 0


def _without_date(event: Event) -> Event:
    return replace(event, date=None, date_text="some day")


def test_a_field_that_became_none_is_removed(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    first = political_extractions()[0]
    load(neo4j_db, db, [first])
    redone = replace(first, events=tuple(_without_date(e) for e in first.events))
    load(neo4j_db, db, [redone])
    events = stored(neo4j_db, db, "Event")
    for event in redone.events:
        assert "date" not in events[event.id]
        assert events[event.id] == {**record_fields(event, EVENT_LINKS), "root": event.root}


def test_event_rows_hold_every_field_but_the_links() -> None:
    """A field added to Event reaches Neo4j without naming it anywhere in graph.store."""
    event = political_extractions()[0].events[0]
    row = batch_rows(political_extractions()[:1]).rows["events"][0]
    assert set(row["props"]) == {f.name for f in fields(Event)} - set(EVENT_LINKS)
    assert {link: row[link] for link in EVENT_LINKS} == {
        link: getattr(event, link) for link in EVENT_LINKS
    }

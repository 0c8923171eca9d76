"""Node properties come from the model's fields: what Neo4j holds is what was loaded (events
as graph.build groups them, each report with its mention's fields), a reload writes nothing,
a field that became None on re-extraction is removed, and properties added by others stay."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import pytest
from neo4j import Driver

from graph.events import EventGroup, Report, enclosing_places, group_mentions
from graph.schema import EVENT_LINKS, PLACE_LINKS, REPORT_ID, report_fields
from graph.store.connection import Neo4jSettings
from graph.store.load import load_extractions
from graph.store.readback import native_value
from graph.store.rows import batch_rows, event_row
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


def built_events(extractions: list[Extraction]) -> dict[str, dict[str, Any]]:
    """The events graph.build makes of these articles, as Neo4j stores them: fields but the
    links, dates as dates, lists as lists."""
    reports = [
        Report(mention, x.article.id, x.article.published)
        for x in extractions
        for mention in x.events
    ]
    chains = enclosing_places((p.id, p.within) for x in extractions for p in x.places if p.within)
    return {
        event.id: record_fields(event, EVENT_LINKS) for event in group_mentions(reports, chains)
    }


def stored_reports(driver: Driver, database: str) -> dict[str, dict[str, Any]]:
    records = driver.execute_query(
        "MATCH (:Event)-[r:REPORTED_IN]->() RETURN r.mention AS id, properties(r) AS props",
        database_=database,
    ).records
    return {r["id"]: native_value(r["props"]) for r in records}


def test_read_back_equals_what_was_loaded(neo4j_db: Driver, neo4j_settings: Neo4jSettings) -> None:
    db = neo4j_settings.database
    extractions = political_extractions()
    load(neo4j_db, db, extractions)
    assert stored(neo4j_db, db, "Event") == built_events(extractions)
    reports = stored_reports(neo4j_db, db)
    for event in (e for x in extractions for e in x.events):
        assert reports[event.id] == {
            key: value for key, value in report_fields(event).items() if value is not None
        }
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
    assert again.counts.nodes_deleted == 0 and again.counts.relationships_deleted == 0


def _without_date(event: Event) -> Event:
    return replace(event, date=None, date_text="some day")


def test_a_field_that_became_none_is_removed(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    first = political_extractions()[0]
    load(neo4j_db, db, [first])
    redone = replace(
        first,
        article=replace(first.article, source=None),
        events=tuple(_without_date(e) for e in first.events),
    )
    load(neo4j_db, db, [redone])
    assert "source" not in stored(neo4j_db, db, "Article")[first.article.id]
    reports = stored_reports(neo4j_db, db)
    for event in redone.events:
        assert "date" not in reports[event.id] and reports[event.id]["date_text"] == "some day"
    # the events now date from the article's publication: recomputed, the old ones gone
    assert stored(neo4j_db, db, "Event") == built_events([redone])


def test_properties_researchers_added_are_kept(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    """A reload, or a re-extraction that changes a node, writes only the model's properties."""
    db = neo4j_settings.database
    first = political_extractions()[0]
    load(neo4j_db, db, [first])
    neo4j_db.execute_query(
        "MATCH (n) WHERE n:Article OR n:Actor OR n:Event OR n:Place SET n.note = 'checked'",
        database_=db,
    )
    redone = replace(
        first,
        article=replace(first.article, title="Kast and Noboa meet"),
        actors=tuple(replace(a, roles=()) for a in first.actors),
        places=tuple(replace(p, name=p.name.upper()) for p in first.places),
        events=tuple(replace(e, confidence=0.3) for e in first.events),
    )
    for version in (first, redone, redone):
        load(neo4j_db, db, [version])
        notes = neo4j_db.execute_query(
            "MATCH (n) WHERE n:Article OR n:Actor OR n:Event OR n:Place "
            "RETURN count(n) AS n, all(x IN collect(n.note) WHERE x = 'checked') AS kept",
            database_=db,
        ).records[0]
        assert notes["n"] > 0 and notes["kept"]
    assert stored(neo4j_db, db, "Article")[first.article.id]["title"] == "Kast and Noboa meet"
    kast = stored(neo4j_db, db, "Actor")["person:jose-antonio-kast"]
    assert kast["roles"] == []  # merged anew from what the article says now


def test_event_rows_hold_every_field_but_the_links() -> None:
    """A field added to EventGroup or to the extraction's Event reaches Neo4j without naming
    it anywhere in graph.store: events from their fields, reports from their mentions'."""
    extraction = political_extractions()[0]
    (event, *_) = group_mentions(
        [Report(extraction.events[0], extraction.article.id, extraction.article.published)], {}
    )
    row = event_row(event)
    assert set(row["props"]) == {f.name for f in fields(EventGroup)} - set(EVENT_LINKS)
    assert (row["source"], row["target"], row["place"]) == (event.source, event.target, event.place)
    report = batch_rows([extraction]).rows["articles"][0]["reports"][0]
    assert set(report["props"]) | {"id"} == {
        f.name for f in fields(Event) if getattr(extraction.events[0], f.name) is not None
    } | {REPORT_ID}

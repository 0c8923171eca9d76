"""Event identity in the real Neo4j (issue 10) and re-extraction replacing what an article said
(issue 11, item 2): the same events, ids and report counts as graph.build for any load order,
batching and two writers; a reload writes nothing; a new report of a known event adds a
REPORTED_IN, not an Event; loading another extraction of the same articles leaves exactly
what that extraction says."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from neo4j import Driver
from typer.testing import CliRunner

from graph.build import build_graph
from graph.cli import app
from graph.store.connection import Neo4jSettings
from graph.store.load import LoadReport, load_extractions
from graph.store.readback import native_value
from graph.store.writer import ensure_schema
from ingest.model import Extraction
from ingest.pipeline import ExtractOptions, extract_paths
from tests.graph.event_corpus import EVENTS, JAN20, REPORTS, event_corpus
from tests.graph.test_cli_extract import polgraph
from tests.graph.test_store import snapshot

pytestmark = pytest.mark.neo4j


def load(
    driver: Driver, database: str, extractions: list[Extraction], **options: Any
) -> LoadReport:
    ensure_schema(driver, database)
    report = load_extractions(driver, extractions, database, on_error="raise", **options)
    assert report.ok
    return report


def stored_events(driver: Driver, database: str) -> dict[str, Any]:
    """Every Event: properties, ends and the mentions reporting it, as plain values."""
    records = driver.execute_query(
        """
        MATCH (e:Event)
        RETURN e.id AS id, properties(e) AS props,
               [(s)-[:SOURCE_OF]->(e) | s.id] AS sources,
               [(e)-[:TARGETS]->(t) | t.id] AS targets,
               [(e)-[:OCCURRED_IN]->(p) | p.id] AS places,
               [(e)-[:REPORTED_BY]->(r) | r.id] AS reporters,
               [(e)-[r:REPORTED_IN]->(a) | [r.mention, a.id]] AS reports
        """,
        database_=database,
    ).records
    return {
        r["id"]: (
            native_value({k: v for k, v in r["props"].items() if k != "id"}, iso_dates=True),
            sorted(r["sources"]),
            sorted(r["targets"]),
            sorted(r["places"]),
            sorted(r["reporters"]),
            sorted(map(tuple, r["reports"])),
        )
        for r in records
    }


def built_events(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The same view of graph.build's events."""
    found = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("node_type") != "event":
            continue
        out = [(v, key, data) for _, v, key, data in graph.out_edges(node, keys=True, data=True)]
        props = {k: v for k, v in attrs.items() if k != "node_type" and v is not None}
        found[node] = (
            props,
            sorted(u for u, _, key in graph.in_edges(node, keys=True) if key == "SOURCE_OF"),
            sorted(v for v, key, _ in out if key == "TARGETS"),
            sorted(v for v, key, _ in out if key == "OCCURRED_IN"),
            sorted(v for v, key, _ in out if key == "REPORTED_BY"),
            sorted((data["mention"], v) for v, _, data in out if data["type"] == "REPORTED_IN"),
        )
    return found


def counts(driver: Driver, database: str) -> tuple[int, int]:
    record = driver.execute_query(
        "CALL () { MATCH (e:Event) RETURN count(e) AS events } "
        "CALL () { MATCH (:Event)-[r:REPORTED_IN]->(:Article) RETURN count(r) AS reports } "
        "RETURN events, reports",
        database_=database,
    ).records[0]
    return record["events"], record["reports"]


def clear(driver: Driver, database: str) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)


def test_every_load_order_batching_and_two_writers_give_the_networkx_events(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    corpus = event_corpus()
    expected = built_events(build_graph(corpus))
    assert len(expected) == EVENTS
    load(neo4j_db, db, corpus, batch_size=10_000, writers=1)
    assert counts(neo4j_db, db) == (EVENTS, REPORTS)
    assert stored_events(neo4j_db, db) == expected
    whole = snapshot(neo4j_db, db)
    rng = random.Random(11)
    for batch_size in (1, 3, 1, 7, 2, 25):
        clear(neo4j_db, db)
        order = rng.sample(corpus, len(corpus))
        report = load(neo4j_db, db, order, batch_size=batch_size, writers=2)
        assert (report.reports, report.events) == (REPORTS, EVENTS)
        assert counts(neo4j_db, db) == (EVENTS, REPORTS)
        assert snapshot(neo4j_db, db) == whole, [x.article.title for x in order]


def test_a_reload_of_the_corpus_writes_nothing(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    load(neo4j_db, db, event_corpus())
    before = snapshot(neo4j_db, db)
    again = load(neo4j_db, db, list(reversed(event_corpus())), batch_size=2, writers=2)
    assert again.counts.nodes_created == again.counts.nodes_deleted == 0
    assert again.counts.relationships_created == again.counts.relationships_deleted == 0
    assert again.counts.properties_set == 0
    assert snapshot(neo4j_db, db) == before


def test_a_new_report_of_a_known_event_adds_a_reported_in_not_an_event(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    corpus = event_corpus()
    later = corpus[6]  # the second report of the January meeting in Guayaquil
    load(neo4j_db, db, [x for x in corpus if x is not later])
    january = "MATCH (e:Event {date: $day}) RETURN e.id AS id, e.reports AS reports"
    (before,) = neo4j_db.execute_query(january, day=JAN20, database_=db).records
    assert counts(neo4j_db, db) == (EVENTS, REPORTS - 1) and before["reports"] == 1
    report = load(neo4j_db, db, [later])
    (after,) = neo4j_db.execute_query(january, day=JAN20, database_=db).records
    assert (after["id"], after["reports"]) == (before["id"], 2)
    assert counts(neo4j_db, db) == (EVENTS, REPORTS)
    assert report.counts.nodes_created == 1  # the article; no event
    assert stored_events(neo4j_db, db) == built_events(build_graph(corpus))


def _re_extracted(corpus: list[Extraction]) -> list[Extraction]:
    """Other extractions of four of the articles: one sentence fewer, a report now negated,
    no event at all, and an article that no longer names anyone."""
    first, *_ = corpus
    wire, ties, maybe = corpus[4], corpus[9], corpus[10]
    negated = tuple(replace(e, negated=True) for e in wire.events)
    return [
        replace(first, events=first.events[:1]),
        replace(wire, events=negated),
        replace(ties, events=ties.events[1:]),
        replace(maybe, actors=(), places=(), events=()),
    ]


def test_loading_another_extraction_replaces_what_the_articles_said(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    corpus = event_corpus()
    redone = _re_extracted(corpus)
    final = [next((r for r in redone if r.article.id == x.article.id), x) for x in corpus]
    load(neo4j_db, db, final)
    expected = snapshot(neo4j_db, db)
    assert stored_events(neo4j_db, db) == built_events(build_graph(final))
    clear(neo4j_db, db)
    load(neo4j_db, db, corpus)
    report = load(neo4j_db, db, redone, batch_size=1, writers=2)
    assert snapshot(neo4j_db, db) == expected
    assert report.counts.nodes_deleted > 0  # Petro and Colombia, with nothing left to say of them
    petro = neo4j_db.execute_query(
        "MATCH (a:Actor) WHERE a.id IN $ids RETURN count(a) AS n",
        ids=["person:gustavo-petro", "country:COL"],
        database_=db,
    ).records
    assert petro[0]["n"] == 0
    assert load(neo4j_db, db, redone).counts.properties_set == 0  # and again: nothing
    assert snapshot(neo4j_db, db) == expected


@pytest.fixture(scope="module")
def two_extractions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """examples/ extracted twice: with the example actor dictionary and without."""
    folder = tmp_path_factory.mktemp("extractions")
    with_actors, without = folder / "with-actors.jsonl", folder / "without.jsonl"
    for target, options in ((with_actors, ["--actors", "examples/actors.yaml"]), (without, [])):
        done = polgraph("extract", "examples", *options, "--format", "jsonl", "-o", str(target))
        assert done.returncode == 0, done.stderr
    return with_actors, without


def test_two_extractions_of_the_examples_loaded_one_after_the_other(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings, two_extractions: tuple[Path, Path]
) -> None:
    """Issue 11 item 2: the database ends with exactly what the second extraction says, in
    either order, and loading it again changes nothing."""
    db = neo4j_settings.database
    env = neo4j_settings.to_env()
    runner = CliRunner()

    def load_file(path: Path) -> None:
        result = runner.invoke(app, ["load", "--from", str(path), "--batch-size", "40"], env=env)
        assert result.exit_code == 0, result.output

    for first, second in (two_extractions, tuple(reversed(two_extractions))):
        clear(neo4j_db, db)
        load_file(second)
        alone = snapshot(neo4j_db, db)
        clear(neo4j_db, db)
        load_file(first)
        assert snapshot(neo4j_db, db) != alone  # the two extractions differ
        load_file(second)
        assert snapshot(neo4j_db, db) == alone
        load_file(second)
        assert snapshot(neo4j_db, db) == alone


def test_two_outlets_reporting_one_meeting_give_one_event_end_to_end(
    tmp_path: Path, neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    """Real extraction of short articles written for this test: two outlets tell that Kast
    met Noboa in Quito, a day apart; a third tells of another meeting weeks later."""
    texts = {
        "andes.txt": (
            "Title: Kast in Quito\nURL: https://andeswire.example/kast-quito\n"
            "Published: 2025-12-16\nSource: Andes Wire\n\n"
            "Chilean President-elect José Antonio Kast met Ecuadorian President Daniel Noboa "
            "in Quito on Monday. The two leaders discussed security and trade.\n"
        ),
        "pacific.txt": (
            "Title: Noboa receives Kast\nURL: https://pacificdaily.example/noboa-kast\n"
            "Published: 2025-12-17\nSource: Pacific Daily\n\n"
            "Ecuadorian President Daniel Noboa met Chilean President-elect José Antonio Kast "
            "in Quito on Monday. They spoke about the border and about the price of fuel, "
            "and they agreed to talk again in the new year.\n"
        ),
        "later.txt": (
            "Title: Kast and Noboa again\nURL: https://coastalherald.example/again\n"
            "Published: 2026-02-10\nSource: Coastal Herald\n\n"
            "Chilean President José Antonio Kast met Ecuadorian President Daniel Noboa in "
            "Guayaquil on Monday. It was the second time that the two of them had met since "
            "the election, and the talks went on for most of the day.\n"
        ),
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    failed: list[Exception] = []
    extractions = list(extract_paths([str(tmp_path)], ExtractOptions(), on_error=failed.append))
    assert not failed
    assert len(extractions) == 3
    graph = build_graph(extractions)
    kast_noboa = {"person:jose-antonio-kast", "person:daniel-noboa"}
    meetings = sorted(
        (attrs["date"], attrs["reports"])
        for node, attrs in graph.nodes(data=True)
        if attrs.get("node_type") == "event"
        and attrs["root"] == "04"
        and {n for n in nx.all_neighbors(graph, node) if n.startswith("person:")} == kast_noboa
    )
    assert [reports for _, reports in meetings] == [2, 1]
    load(neo4j_db, neo4j_settings.database, extractions)
    assert stored_events(neo4j_db, neo4j_settings.database) == built_events(graph)

"""graph.store on a real Neo4j: schema, load, idempotence, order, failing batches, injection."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest
from neo4j import Driver

from graph.store.connection import LoadError, Neo4jSettings
from graph.store.load import BatchOutcome, load_extractions
from graph.store.rows import CommittedRows, batch_rows
from graph.store.writer import ensure_schema, write_batch, write_batch_in_session
from ingest.model import Extraction, article_id
from tests.plugins.neo4j_server import INJECTION, injection_extraction, political_extractions

pytestmark = pytest.mark.neo4j

NODE_LABELS = ("Article", "Actor", "Person", "Organization", "Country", "Group", "Place", "Event")


def snapshot(driver: Driver, database: str) -> tuple[list[Any], list[Any]]:
    """Every node (labels, properties) and relationship (type, ends, properties), sorted."""
    nodes = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=database
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props",
        database_=database,
    ).records
    node_list = sorted((sorted(r["labels"]), sorted(r["props"].items())) for r in nodes)
    rel_list = sorted((r["a"], r["type"], r["b"], sorted(r["props"].items())) for r in rels)
    return node_list, rel_list


def counts(driver: Driver, database: str) -> dict[str, int]:
    record = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels",
        database_=database,
    ).records[0]
    return {"nodes": record["nodes"], "rels": record["rels"]}


def test_schema_is_created_once_and_idempotent(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    ensure_schema(neo4j_db, db)
    show = "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *"
    first = sorted(tuple(r.values()) for r in neo4j_db.execute_query(show, database_=db).records)
    ensure_schema(neo4j_db, db)
    again = sorted(tuple(r.values()) for r in neo4j_db.execute_query(show, database_=db).records)
    assert first == again
    unique_on_id = {
        labels[0]
        for _name, labels, props, kind in _constraints(neo4j_db, db)
        if kind == "UNIQUENESS" and props == ["id"]
    }
    assert set(NODE_LABELS) <= unique_on_id
    indexes = {
        (r["labelsOrTypes"][0], r["properties"][0], r["type"])
        for r in neo4j_db.execute_query(
            "SHOW INDEXES YIELD labelsOrTypes, properties, type, state "
            "WHERE labelsOrTypes IS NOT NULL RETURN *",
            database_=db,
        ).records
    }
    assert {
        ("Actor", "name", "RANGE"),
        ("Event", "date", "RANGE"),
        ("Event", "cameo", "RANGE"),
        ("Place", "location", "POINT"),
    } <= indexes


def _constraints(driver: Driver, database: str) -> list[tuple[str, list[str], list[str], str]]:
    records = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type RETURN *",
        database_=database,
    ).records
    return [(r["name"], r["labelsOrTypes"], r["properties"], r["type"]) for r in records]


def load(driver: Driver, database: str, extractions: list[Extraction], **kwargs: Any) -> Any:
    ensure_schema(driver, database)
    return load_extractions(driver, extractions, database, **kwargs)


def test_load_writes_the_kast_noboa_facts(neo4j_db: Driver, neo4j_settings: Neo4jSettings) -> None:
    db = neo4j_settings.database
    report = load(neo4j_db, db, political_extractions())
    assert report.ok and report.articles == 3 and report.reports == 6 and report.events == 6
    facts = neo4j_db.execute_query(
        """
        MATCH (kast:Actor:Person)-[:SOURCE_OF]->(e:Event {cameo: '040'})-[:TARGETS]->
              (noboa:Actor:Person {name: 'Daniel Noboa'})
        MATCH (e)-[:OCCURRED_IN]->(quito:Place {name: 'Quito'})-[:WITHIN]->
              (ecuador:Place {name: 'Ecuador'})
        MATCH (e)-[report:REPORTED_IN]->(article:Article)
        MATCH (kast)-[aff:AFFILIATED_WITH]->(chile:Actor:Country {id: 'country:CHL'})
        RETURN kast.name AS kast, kast.aliases AS aliases, kast.roles AS roles,
               e.date AS date, e.root AS root, e.quad_class AS quad, article.title AS title,
               quito.location.latitude AS lat, aff.role AS role, chile.name AS chile,
               e.reports AS reports, report.sentence AS sentence, report.trigger AS trigger
        """,
        database_=db,
    ).records
    assert len(facts) == 1
    fact = facts[0]
    assert fact["kast"] == "José Antonio Kast"  # accented form preferred over "Jose …"
    assert fact["aliases"] == ["Jose Antonio Kast", "José Antonio Kast", "Kast"]
    assert fact["roles"] == ["President-elect", "Republican leader"]
    assert fact["date"].iso_format() == "2025-12-15" and fact["root"] == "04"
    assert fact["quad"] == 1 and fact["title"] == "Kast meets Noboa in Quito"
    assert fact["lat"] == pytest.approx(-0.2299)
    assert fact["role"] == "President-elect" and fact["chile"] == "Chile"
    assert fact["reports"] == 1 and fact["trigger"] == "met"
    assert fact["sentence"].startswith("Chilean President-elect José Antonio Kast met")
    conflict = neo4j_db.execute_query(
        "MATCH (:Actor:Country {id: 'country:CHL'})-[:SOURCE_OF]->(e:Event)-[:TARGETS]->"
        "(:Actor:Country {id: 'country:VEN'}) RETURN e.cameo AS cameo, e.goldstein AS g",
        database_=db,
    ).records
    assert [(r["cameo"], r["g"]) for r in conflict] == [("161", -4.0)]
    reporter = neo4j_db.execute_query(
        "MATCH (e:Event {cameo: '036'})-[:REPORTED_BY]->(r:Actor:Organization) "
        "RETURN r.name AS name, e.modality AS modality",
        database_=db,
    ).records
    assert [(r["name"], r["modality"]) for r in reporter] == [("Reuters", "planned")]
    labels = neo4j_db.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label",
        database_=db,
    ).records
    assert {r["label"]: r["n"] for r in labels} == {
        "Actor": 9,  # 7 actors + country stubs for Ecuador and Colombia
        "Article": 3,
        "Country": 4,  # Chile, Venezuela (in articles), Ecuador, Colombia (affiliations)
        "Event": 6,
        "Organization": 1,
        "Person": 4,
        "Place": 5,
    }
    assert report.counts.nodes_created == 9 + 3 + 6 + 5


def test_loading_twice_changes_nothing(neo4j_db: Driver, neo4j_settings: Neo4jSettings) -> None:
    db = neo4j_settings.database
    first = load(neo4j_db, db, political_extractions())
    before = snapshot(neo4j_db, db)
    second = load(neo4j_db, db, political_extractions())
    assert snapshot(neo4j_db, db) == before
    assert second.counts.nodes_created == 0 and second.counts.relationships_created == 0
    assert second.counts.nodes_deleted == 0 and second.counts.relationships_deleted == 0
    assert second.counts.properties_set == 0
    # every node the first load wrote is found (the articles' and the shared ones)
    assert second.counts.nodes_matched >= first.counts.nodes_created - first.reports
    assert second.events == first.events == 6
    assert first.counts.relationships_created > 0


def test_merge_is_independent_of_article_order(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    load(neo4j_db, db, political_extractions(), batch_size=1)
    forward = snapshot(neo4j_db, db)
    neo4j_db.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load(neo4j_db, db, list(reversed(political_extractions())), batch_size=1)
    assert snapshot(neo4j_db, db) == forward
    neo4j_db.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load(neo4j_db, db, list(reversed(political_extractions())), batch_size=10_000)
    assert snapshot(neo4j_db, db) == forward


def _broken(extraction: Extraction) -> Extraction:
    """The same article with a latitude of 200: Neo4j refuses the point, the batch fails."""
    place = replace(extraction.places[-1], lat=200.0)
    return replace(extraction, places=(*extraction.places[:-1], place))


def test_failed_batch_rolls_back_alone_and_is_reported(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    good_a, bad_source, good_b = political_extractions()
    bad = _broken(bad_source)
    seen: list[BatchOutcome] = []
    report = load(neo4j_db, db, [good_a, bad, good_b], batch_size=1, progress=seen.append)
    assert not report.ok and report.articles == 2 and report.batches == 3
    assert [f.article_ids for f in report.failed] == [(bad.article.id,)]
    assert "200" in report.failed[0].error
    assert [o.error is None for o in seen] == [True, False, True]
    articles = neo4j_db.execute_query(
        "MATCH (a:Article) RETURN a.id AS id ORDER BY id", database_=db
    ).records
    assert sorted(r["id"] for r in articles) == sorted([good_a.article.id, good_b.article.id])
    # nothing of the failed batch survived (its events are unique to it)
    leftovers = neo4j_db.execute_query(
        "MATCH (e:Event)-[r:REPORTED_IN]->() WHERE r.mention IN $ids RETURN count(e) AS n",
        {"ids": [e.id for e in bad.events]},
        database_=db,
    ).records
    assert leftovers[0]["n"] == 0
    events = neo4j_db.execute_query("MATCH (e:Event) RETURN count(e) AS n", database_=db)
    assert events.records[0]["n"] == len(good_a.events) + len(good_b.events)


def test_on_error_raise_names_the_articles(neo4j_db: Driver, neo4j_settings: Neo4jSettings) -> None:
    db = neo4j_settings.database
    bad = _broken(political_extractions()[1])
    with pytest.raises(LoadError) as caught:
        load(neo4j_db, db, [bad], on_error="raise")
    assert caught.value.article_ids == (bad.article.id,)
    assert bad.article.id in str(caught.value)


def test_cypher_in_article_text_is_stored_as_text(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    db = neo4j_settings.database
    load(neo4j_db, db, political_extractions())
    before = counts(neo4j_db, db)
    report = load(neo4j_db, db, [injection_extraction()])
    assert report.ok
    after = counts(neo4j_db, db)
    assert after["nodes"] == before["nodes"] + 3  # article, group actor, event
    stored = neo4j_db.execute_query(
        "MATCH (g:Actor:Group)-[:SOURCE_OF]->(e:Event)-[r:REPORTED_IN]->(a:Article) "
        "RETURN g.name AS name, g.roles AS roles, e.label AS label, r.sentence AS sentence, "
        "a.title AS title, a.source AS source, r.date_text AS date_text",
        database_=db,
    ).records
    assert len(stored) == 1
    row = stored[0]
    assert row["name"] == row["title"] == row["source"] == row["label"] == INJECTION
    assert row["roles"] == [INJECTION] and row["sentence"].startswith(INJECTION)
    assert row["date_text"] == INJECTION


def test_reloading_restores_missing_edges(neo4j_db: Driver, neo4j_settings: Neo4jSettings) -> None:
    """A stored article or event is compared, not skipped: edges lost since (an event's
    ends, a report, an article's mention of an actor) are written again."""
    db = neo4j_settings.database
    load(neo4j_db, db, political_extractions())
    before = snapshot(neo4j_db, db)
    neo4j_db.execute_query(
        "MATCH (:Event {cameo: '040'})-[r:TARGETS|OCCURRED_IN]->() DELETE r", database_=db
    )
    neo4j_db.execute_query(
        "MATCH (:Event {cameo: '051'})-[r:REPORTED_IN]->() DELETE r", database_=db
    )
    neo4j_db.execute_query(
        "MATCH (:Actor {id: 'person:daniel-noboa'})-[r:MENTIONED_IN]->() DELETE r", database_=db
    )
    assert snapshot(neo4j_db, db) != before
    report = load(neo4j_db, db, political_extractions())
    assert report.ok and report.counts.nodes_created == 0
    assert report.counts.relationships_created > 0
    assert snapshot(neo4j_db, db) == before


def test_concurrent_writers_and_repeated_articles_give_the_same_graph(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    """Two transactions at once, the same article in two of them: one graph, no duplicate
    edges (the later create breaks the uniqueness constraint and merges on its retry)."""
    db = neo4j_settings.database
    extractions = [*political_extractions(), injection_extraction()]
    load(neo4j_db, db, extractions, batch_size=1, writers=1)
    expected = snapshot(neo4j_db, db)
    for writers in (2, 3):
        neo4j_db.execute_query("MATCH (n) DETACH DELETE n", database_=db)
        repeated = [*extractions, *reversed(extractions)]
        report = load(neo4j_db, db, repeated, batch_size=1, writers=writers)
        assert report.ok and report.articles == len(repeated)
        assert snapshot(neo4j_db, db) == expected


def test_actors_of_a_failed_batch_are_written_by_a_later_one(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    """Rows a load leaves out of later batches are those of committed batches only: after a
    batch fails, a later article with the same actors and places still writes them."""
    db = neo4j_settings.database
    kast_noboa, _, petro_noboa = political_extractions()
    twin_url = "https://news.example/kast-noboa-again"
    twin = replace(
        kast_noboa,
        article=replace(kast_noboa.article, id=article_id(twin_url, ""), url=twin_url),
        events=(),
    )
    report = load(neo4j_db, db, [_broken(kast_noboa), petro_noboa, twin], batch_size=1)
    assert [f.article_ids for f in report.failed] == [(kast_noboa.article.id,)]
    rows = neo4j_db.execute_query(
        "MATCH (kast:Actor {id: 'person:jose-antonio-kast'})-[:MENTIONED_IN]->(a:Article) "
        "MATCH (quito:Place {name: 'Quito'}) "
        "RETURN a.id AS article, kast.roles AS roles, quito.lat AS lat",
        database_=db,
    ).records
    assert [(r["article"], r["roles"], r["lat"]) for r in rows] == [
        (twin.article.id, ["President-elect"], -0.2299)
    ]


def test_an_article_another_transaction_commits_meanwhile_is_merged(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    """The load finds the article absent, another transaction commits it before the load's
    create does: the create breaks the uniqueness constraint, the batch is run again and
    merges, and the graph is the same as after one load."""
    db = neo4j_settings.database
    extraction = political_extractions()[0]
    load(neo4j_db, db, [extraction])
    expected = snapshot(neo4j_db, db)
    neo4j_db.execute_query("MATCH (n) WHERE n:Article OR n:Event DETACH DELETE n", database_=db)
    committed = CommittedRows()
    committed.add(batch_rows([extraction]))
    rows = batch_rows([extraction], committed)  # the article and its events only
    assert rows.rows["actors"] == [] and rows.rows["places"] == []
    with neo4j_db.session(database=db) as session, ThreadPoolExecutor(1) as pool:
        other = session.begin_transaction()
        write_batch(other, rows)  # creates the article and its events, not yet committed
        racing = pool.submit(write_batch_in_session, neo4j_db, db, rows)
        time.sleep(1.0)  # the load has found no article and waits on the uniqueness lock
        assert not racing.done()
        other.commit()
        counts = racing.result(timeout=60)
    assert counts.counts.nodes_created == 0 and counts.counts.relationships_created == 0
    assert snapshot(neo4j_db, db) == expected

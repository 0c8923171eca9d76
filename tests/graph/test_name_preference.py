"""One name rule: Neo4j's MERGE_ACTORS, a batch's own merge and networkx all pick the name
ingest.model.preferred_name picks, whichever spelling arrives first."""

from __future__ import annotations

from datetime import date

import pytest
from neo4j import Driver

from graph.build import build_graph
from graph.store.connection import Neo4jSettings
from graph.store.load import load_extractions
from graph.store.writer import ensure_schema
from ingest.model import Actor, Article, Extraction, article_id, preferred_name

ACTOR = "person:the-same-actor"

# Pairs where a naive rule would differ from preferred_name: accents, decomposed accents,
# case, characters outside the Basic Multilingual Plane (one code point, two UTF-16 units),
# BMP characters above the surrogates (U+E000 and up), DEL, and length against accents.
TRICKY_PAIRS = [
    ("Jose Antonio Kast", "José Antonio Kast"),
    ("José", "Jose\u0301"),
    ("Kast", "KAST"),
    ("Jose Antonio", "José Anto"),
    ("\U0001d400bc", "Ábc"),
    ("\ufb01x", "\U0001d400x"),
    ("\uffffa", "\U0001d400a"),
    ("\ue000", "\ud7ff"),
    ("a\x7f", "ab"),
    ("Ñandú", "Nandu"),
]


def mention(name: str, slug: str) -> Extraction:
    url = f"https://news.example/{slug}"
    article = Article(article_id(url, ""), slug, url, date(2025, 1, 1), "x")
    return Extraction(article, (Actor(ACTOR, name, "person"),))


def stored_name(driver: Driver, database: str) -> str:
    record = driver.execute_query(
        "MATCH (a:Actor {id: $id}) RETURN a.name AS name", id=ACTOR, database_=database
    ).records[0]
    return str(record["name"])


@pytest.mark.neo4j
@pytest.mark.parametrize("pair", TRICKY_PAIRS, ids=[f"{a!a}-{b!a}" for a, b in TRICKY_PAIRS])
def test_every_merge_prefers_the_model_s_name(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings, pair: tuple[str, str]
) -> None:
    db = neo4j_settings.database
    ensure_schema(neo4j_db, db)
    expected = preferred_name(pair)
    for first, second in (pair, pair[::-1]):
        extractions = [mention(first, "first"), mention(second, "second")]
        # one transaction per article: the Cypher merges; one for both: the batch does
        for batch_size in (1, 100):
            neo4j_db.execute_query("MATCH (n) DETACH DELETE n", database_=db)
            report = load_extractions(neo4j_db, extractions, db, batch_size=batch_size)
            assert report.ok
            assert stored_name(neo4j_db, db) == expected, (first, second, batch_size)
        assert build_graph(extractions).nodes[ACTOR]["name"] == expected

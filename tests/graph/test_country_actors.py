"""Country actors have one source, the extraction: Neo4j, networkx and the map name them alike."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import networkx as nx
import pytest
from neo4j import Driver

from graph.build import build_graph
from graph.maps.network import map_html
from graph.store.connection import Neo4jSettings
from graph.store.load import load_extractions
from graph.store.writer import ensure_schema
from ingest.model import Actor, Article, Extraction, actor_id, article_id

# The project's names, where pycountry's differ ("Russian Federation", "Türkiye", "Congo,
# The Democratic Republic of the", "Iran, Islamic Republic of", "Venezuela, Bolivarian
# Republic of", "Korea, Republic of", "United Kingdom of Great Britain and Northern Ireland").
PROJECT_NAMES = {
    "RUS": "Russia",
    "TUR": "Turkey",
    "COD": "Democratic Republic of the Congo",
    "IRN": "Iran",
    "VEN": "Venezuela",
    "KOR": "South Korea",
    "GBR": "United Kingdom",
}


def country(iso3: str, name: str) -> Actor:
    return Actor(actor_id("country", name, iso3), name, "country", iso3)


def minister(iso3: str) -> Actor:
    name = f"Foreign Minister of {iso3}"
    return Actor(actor_id("person", name), name, "person", iso3, ("Foreign Minister",))


def article(slug: str, people: list[Actor], countries: list[Actor]) -> Extraction:
    """One article mentioning the ministers; `countries` are the country actors the
    extraction carries (all of the ministers' countries, or none in an older file)."""
    url = f"https://news.example/{slug}"
    art = Article(article_id(url, ""), f"Ministers meet ({slug})", url, date(2025, 3, 1), "x")
    return Extraction(art, (*people, *countries))


def ministers() -> list[Actor]:
    return [minister(iso3) for iso3 in PROJECT_NAMES]


def with_country_actors() -> Extraction:
    return article("summit", ministers(), [country(c, n) for c, n in PROJECT_NAMES.items()])


def without_country_actors() -> Extraction:
    """As an extraction file written before extractions carried their country actors."""
    return article("older-summit", ministers(), [])


def neo4j_countries(driver: Driver, database: str) -> dict[str, str]:
    records = driver.execute_query(
        "MATCH (:Actor:Person)-[:AFFILIATED_WITH]->(c:Actor:Country) "
        "RETURN DISTINCT c.id AS id, c.name AS name",
        database_=database,
    ).records
    return {r["id"]: r["name"] for r in records}


def networkx_countries(graph: nx.MultiDiGraph) -> dict[str, str]:
    return {
        country: graph.nodes[country]["name"]
        for _, country, key in graph.edges(keys=True)
        if key == "AFFILIATED_WITH"
    }


def map_countries(graph: nx.MultiDiGraph) -> dict[str, str]:
    """The names the relationship map's data show for the country actors."""
    html = map_html(graph)
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    data: dict[str, Any] = json.loads(match.group(1))
    shown = [info for info in data["info"]["nodes"].values() if info["kind"] == "country"]
    return {f"country:{info['country']}": info["name"] for info in shown}


def load(driver: Driver, database: str, extractions: list[Extraction]) -> None:
    ensure_schema(driver, database)
    assert load_extractions(driver, extractions, database, batch_size=1).ok


@pytest.mark.neo4j
def test_neo4j_networkx_and_map_name_countries_as_the_extraction_does(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    extractions = [with_country_actors()]
    load(neo4j_db, neo4j_settings.database, extractions)
    expected = {f"country:{iso3}": name for iso3, name in PROJECT_NAMES.items()}
    graph = build_graph(extractions)
    assert neo4j_countries(neo4j_db, neo4j_settings.database) == expected
    assert networkx_countries(graph) == expected
    assert map_countries(graph) == expected


@pytest.mark.neo4j
@pytest.mark.parametrize("older_first", [True, False])
def test_an_older_file_names_countries_by_code_until_a_real_name_arrives(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings, older_first: bool
) -> None:
    db = neo4j_settings.database
    codes = {f"country:{iso3}": iso3 for iso3 in PROJECT_NAMES}
    load(neo4j_db, db, [without_country_actors()])
    assert neo4j_countries(neo4j_db, db) == codes
    assert networkx_countries(build_graph([without_country_actors()])) == codes

    both = [without_country_actors(), with_country_actors()]
    if not older_first:
        both.reverse()
    neo4j_db.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load(neo4j_db, db, both)
    expected = {f"country:{iso3}": name for iso3, name in PROJECT_NAMES.items()}
    graph = build_graph(both)
    assert neo4j_countries(neo4j_db, db) == expected
    assert networkx_countries(graph) == expected
    assert map_countries(graph) == expected

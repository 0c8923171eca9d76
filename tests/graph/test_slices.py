"""`polgraph load --since/--until/--country`: a slice of the extractions (graph/slices.py), by
the reports' days and their ends' countries, whole articles; slices add up in Neo4j."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from graph.cli import app
from graph.slices import Slice, select
from graph.store.connection import Neo4jSettings
from ingest.errors import ConfigError
from ingest.jsonl import write_extractions
from ingest.model import Extraction
from tests.graph.test_store import snapshot
from tests.plugins.neo4j_server import political_extractions

# political_extractions(): Kast–Noboa in Quito (ECU, CHL; mentions of 2025-12-15, and an
# undated plan published 2025-12-16), Chile–Venezuela (CHL, VEN; 2025-12-19/20, Santiago),
# Petro–Noboa in Guayaquil (COL, ECU; 2025-11-02)
KAST_NOBOA, CHILE_VENEZUELA, PETRO_NOBOA = (x.article.id for x in political_extractions())


def titles(part: Slice) -> list[str]:
    return [x.article.id for x in select(political_extractions(), part)]


def test_a_period_selects_articles_reporting_an_event_in_it() -> None:
    assert titles(Slice()) == [KAST_NOBOA, CHILE_VENEZUELA, PETRO_NOBOA]
    assert titles(Slice(since=date(2025, 12, 1))) == [KAST_NOBOA, CHILE_VENEZUELA]
    assert titles(Slice(until=date(2025, 11, 30))) == [PETRO_NOBOA]
    # the undated plan counts on its article's day: 2025-12-16
    assert titles(Slice(date(2025, 12, 16), date(2025, 12, 16))) == [KAST_NOBOA]
    assert titles(Slice(date(2025, 12, 17), date(2025, 12, 18))) == []


def test_a_country_selects_by_the_source_target_or_place_of_an_event() -> None:
    assert titles(Slice(country="VEN")) == [CHILE_VENEZUELA]  # a target country actor
    assert titles(Slice(country="COL")) == [PETRO_NOBOA]  # a source person's country
    assert titles(Slice(country="ECU")) == [KAST_NOBOA, PETRO_NOBOA]  # place or actor
    assert titles(Slice(country="ECU", until=date(2025, 11, 30))) == [PETRO_NOBOA]
    assert titles(Slice(country="BRA")) == []


def test_an_article_in_the_slice_keeps_all_its_reports() -> None:
    (kept,) = select(political_extractions(), Slice(since=date(2025, 12, 20)))
    assert kept.article.id == CHILE_VENEZUELA
    assert len(kept.events) == 2  # the 2025-12-19 mention too: the article loads whole


def test_bad_slice_options_are_usage_errors() -> None:
    assert Slice.parse(" 2025-01-02 ", None, "chl") == Slice(date(2025, 1, 2), None, "CHL")
    for args in (
        ("2025-13-01", None, None),
        (None, None, "Chile"),
        ("2025-02-01", "2025-01-01", None),
    ):
        with pytest.raises(ConfigError):
            Slice.parse(*args)
    result = CliRunner().invoke(app, ["load", "--from", "x.jsonl", "--since", "yesterday"])
    assert result.exit_code == 2
    assert "--since 'yesterday': give a date as YYYY-MM-DD" in result.output


@pytest.mark.neo4j
def test_slices_loaded_one_after_another_add_up_to_the_whole(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    source = tmp_path / "extraction.jsonl"
    with source.open("w", encoding="utf-8") as stream:
        write_extractions(political_extractions(), stream)
    db = neo4j_settings.database
    env = neo4j_settings.to_env()
    runner = CliRunner()

    def load(*options: str) -> None:
        result = runner.invoke(app, ["load", "--from", str(source), *options], env=env)
        assert result.exit_code == 0, result.output

    def articles() -> set[str]:
        records = neo4j_db.execute_query("MATCH (a:Article) RETURN a.id AS id", database_=db)
        return {r["id"] for r in records.records}

    load()
    whole = snapshot(neo4j_db, db)
    neo4j_db.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load("--country", "VEN")
    assert articles() == {CHILE_VENEZUELA}
    load("--until", "2025-11-30")
    assert articles() == {CHILE_VENEZUELA, PETRO_NOBOA}
    load("--since", "2025-12-01", "--until", "2025-12-31", "--country", "ECU")
    assert snapshot(neo4j_db, db) == whole
    extractions: list[Extraction] = political_extractions()
    assert len(articles()) == len(extractions)

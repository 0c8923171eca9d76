"""The Neo4j bulk path (issue 12): `polgraph export --format neo4j-import` writes the CSVs of
exactly what the Bolt loader writes, and `neo4j-admin database import full` (run from the jar
cache) builds a database equal to a load, node, relationship and property alike; a reload
after the import creates nothing; an import never overwrites a database."""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from typer.testing import CliRunner

import graph.bulk as bulk
from graph.build import build_graph
from graph.bulk import ImportFolder, cell, write_import_csvs
from graph.cli import app
from graph.store.connection import Neo4jSettings, connect
from graph.store.load import load_extractions
from graph.store.server.importer import apply_schema, existing_database, run_import
from graph.store.server.launcher import ServerOptions, ServerPaths, start_server, stop_server
from graph.store.writer import ensure_schema
from ingest.jsonl import write_extractions
from ingest.model import Actor, Extraction
from ingest.pipeline import ExtractOptions, extract_paths
from tests.graph.test_store import snapshot
from tests.plugins.neo4j_server import injection_extraction, political_extractions

ROOT = Path(__file__).resolve().parents[2]


def line_broken(extraction: Extraction) -> Extraction:
    """An article whose title, a sentence and an actor's alias hold line breaks (text
    wrapped by hand): the CSVs carry spaces, the import sets the breaks back."""
    article = replace(extraction.article, title="Kast meets Noboa\r\nin Quito")
    first, *rest = extraction.events
    wrapped = replace(first, sentence=first.sentence.replace(" met ", " met\n", 1))
    actor, *others = extraction.actors
    named = replace(actor, aliases=(*actor.aliases, "Kast\nJ. A."))
    return replace(extraction, article=article, events=(wrapped, *rest), actors=(named, *others))


@pytest.fixture(scope="module")
def corpus() -> list[Extraction]:
    """examples/ extracted for real, plus the hand-made articles of the store tests (quotes,
    braces and Cypher in every text field; an actor with no role; a reporter), the first
    with line breaks in its text fields."""
    failed: list[Exception] = []
    found = list(extract_paths([str(ROOT / "examples")], ExtractOptions(), failed.append))
    assert not failed and len(found) >= 7
    first, *others = political_extractions()
    return [*found, line_broken(first), *others, injection_extraction()]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


# --- the CSVs, no server ----------------------------------------------------------------


def test_cells_quote_text_and_keep_empty_strings_apart_from_absent_values() -> None:
    assert cell(None, "|") == ""
    assert cell("", "|") == '""'
    assert cell('say "no", then', "|") == '"say ""no"", then"'
    assert cell(True, "|") == "true" and cell(3, "|") == "3" and cell(-0.25, "|") == "-0.25"
    assert cell(["a", "b;c"], "|") == '"a|b;c"'
    assert cell([], "|") == ""


def test_events_grouped_across_spilled_buckets_are_the_networkx_events(
    corpus: list[Extraction], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mentions go through the spill files (a chunk of 2), and every event, with its report
    count and its reports, is the one graph.build makes of all articles at once."""
    monkeypatch.setattr(bulk, "SPILL_CHUNK", 2)
    written = write_import_csvs(iter(corpus), tmp_path / "csv")
    graph = build_graph(corpus)
    expected = {
        node: attrs["reports"]
        for node, attrs in graph.nodes(data=True)
        if attrs.get("node_type") == "event"
    }
    events = {
        row["id:ID(Event)"]: int(row["reports:long"])
        for row in read_csv(written.folder / "events.csv")
    }
    assert events == expected
    reports = read_csv(written.folder / "reported_in.csv")
    assert len(reports) == written.reports == sum(len(x.events) for x in corpus)
    assert Counter(row[":START_ID(Event)"] for row in reports) == Counter(expected)
    assert not list((tmp_path / "csv").glob(".spill-*"))  # the spill is cleaned up


def test_line_breaks_become_spaces_and_are_listed_to_be_set_back(
    corpus: list[Extraction], tmp_path: Path
) -> None:
    written = write_import_csvs(corpus, tmp_path / "csv")
    for name in ("articles.csv", "reported_in.csv", "actors.csv"):
        text = (written.folder / name).read_text(encoding="utf-8")
        assert len(text.splitlines()) == len(read_csv(written.folder / name)) + 1
    assert "Kast meets Noboa in Quito" in (written.folder / "articles.csv").read_text()
    restore = [
        json.loads(line)
        for line in (written.folder / "restore.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert sorted(row["target"] for row in restore) == ["Actor", "Article", "REPORTED_IN"]
    assert {"title": "Kast meets Noboa\r\nin Quito"} in [row["props"] for row in restore]
    assert written.restore == 3


def test_array_delimiter_avoids_characters_the_arrays_hold(
    corpus: list[Extraction], tmp_path: Path
) -> None:
    first = corpus[0]
    piped = Actor("person:pipe", "Pipe | Person", "person", None, ("Head | of state",), ("P|P",))
    changed = Extraction(first.article, (*first.actors, piped), first.places, first.events)
    written = write_import_csvs([changed, *corpus[1:]], tmp_path / "csv")
    assert written.array_delimiter == ";"
    rows = {row["id:ID(Actor)"]: row for row in read_csv(written.folder / "actors.csv")}
    assert rows["person:pipe"]["roles:string[]"] == "Head | of state"
    assert rows["person:pipe"][":LABEL"] == "Actor;Person"
    assert ImportFolder.read(written.folder).array_delimiter == ";"


def test_a_duplicate_article_is_left_out_and_reported(
    corpus: list[Extraction], tmp_path: Path
) -> None:
    seen: list[str] = []
    written = write_import_csvs([*corpus, corpus[0]], tmp_path / "csv", seen.append)
    assert seen == [corpus[0].article.id]
    assert written.articles == len(corpus) and written.duplicates == 1
    assert len(read_csv(written.folder / "articles.csv")) == len(corpus)


def test_export_command_writes_the_folder_from_a_run(
    corpus: list[Extraction], tmp_path: Path
) -> None:
    source = tmp_path / "extraction.jsonl"
    with source.open("w", encoding="utf-8") as stream:
        write_extractions(corpus, stream)
    out = tmp_path / "import"
    result = CliRunner().invoke(
        app, ["export", "--format", "neo4j-import", "--from", str(tmp_path), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    manifest = ImportFolder.read(out)
    assert manifest.articles == len(corpus)
    assert {f.name for f in manifest.files} <= {p.name for p in out.glob("*.csv")}


def test_import_refuses_to_overwrite_a_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "databases" / "neo4j").mkdir(parents=True)
    (tmp_path / "csv").mkdir()
    result = CliRunner().invoke(
        app, ["neo4j", "import", str(tmp_path / "csv"), "--data", str(data)]
    )
    assert result.exit_code == 1
    assert "a database exists already" in result.output
    assert "never overwrites" in result.output
    assert existing_database(data) == data / "databases" / "neo4j"
    assert existing_database(tmp_path / "empty") is None


# --- the real importer and the real Neo4j -------------------------------------------------


def summary(snap: tuple[list[Any], list[Any]]) -> dict[str, Counter[str]]:
    """Node, relationship and property counts per label set / type."""
    nodes, rels = snap
    found: dict[str, Counter[str]] = {"nodes": Counter(), "rels": Counter(), "props": Counter()}
    for labels, props in nodes:
        key = ":".join(labels)
        found["nodes"][key] += 1
        found["props"][key] += len(props)
    for _a, kind, _b, props in rels:
        found["rels"][kind] += 1
        found["props"][kind] += len(props)
    return found


@pytest.fixture(scope="module")
def imported(
    corpus: list[Extraction], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Driver, Path]]:
    """The corpus exported, imported into a new data dir and served by the launcher (one
    start), with the schema and fix-ups applied."""
    folder = tmp_path_factory.mktemp("bulk")
    written = write_import_csvs(iter(corpus), folder / "csv")
    paths = ServerPaths.from_env(os.environ, state_dir=folder / "state")
    data = folder / "data"
    run_import(written.folder, data, paths)
    state = start_server(paths, ServerOptions(port=0, data_dir=data, apoc=False))
    try:
        with connect(Neo4jSettings(uri=state.uri)) as driver:
            assert apply_schema(driver, "neo4j", written.folder) == written.restore == 3
            yield driver, data
    finally:
        stop_server(paths)


@pytest.mark.neo4j
def test_the_import_equals_the_load_and_a_reload_creates_nothing(
    corpus: list[Extraction],
    imported: tuple[Driver, Path],
    neo4j_db: Driver,
    neo4j_settings: Neo4jSettings,
    tmp_path: Path,
) -> None:
    db = neo4j_settings.database
    ensure_schema(neo4j_db, db)
    loaded = load_extractions(neo4j_db, corpus, db, on_error="raise")
    assert loaded.ok
    expected = snapshot(neo4j_db, db)
    driver, data = imported
    got = snapshot(driver, "neo4j")
    counts = summary(got)
    assert counts == summary(expected)
    assert counts["rels"]["REPORTED_IN"] == sum(len(x.events) for x in corpus)
    assert counts["nodes"]["Event"] == loaded.events > 0
    # every node and relationship, property by property (dates, points, [] roles)
    assert got == expected
    schema = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name", database_="neo4j")
    assert {"event_id", "actor_id", "article_id"} <= {r["name"] for r in schema.records}
    again = load_extractions(driver, corpus, "neo4j", on_error="raise")
    assert again.counts.nodes_created == 0
    assert again.counts.relationships_created == 0
    assert again.counts.properties_set == 0
    assert snapshot(driver, "neo4j") == expected
    with pytest.raises(Exception, match="never overwrites"):
        run_import(tmp_path, data, ServerPaths.from_env(os.environ, state_dir=tmp_path))

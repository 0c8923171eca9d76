"""`polgraph load | query | neo4j …` through Typer's CliRunner and the real entry point."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from graph.cli import app
from graph.store.connection import Neo4jSettings
from ingest.jsonl import write_extractions
from tests.plugins.neo4j_server import Neo4jSession, injection_extraction, political_extractions

pytestmark = pytest.mark.neo4j

REPO = Path(__file__).resolve().parents[2]


def env_for(settings: Neo4jSettings, **changes: str) -> dict[str, str]:
    return {**settings.to_env(), **changes}


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "extraction.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        write_extractions([*political_extractions(), injection_extraction()], stream)
    return path


def count_nodes(driver: Driver, settings: Neo4jSettings) -> int:
    records = driver.execute_query(
        "MATCH (n) RETURN count(n) AS n", database_=settings.database
    ).records
    return int(records[0]["n"])


def test_load_from_jsonl_twice(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings, jsonl: Path
) -> None:
    runner = CliRunner()
    env = env_for(neo4j_settings)
    first = runner.invoke(app, ["load", "--from", str(jsonl)], env=env)
    assert first.exit_code == 0, first.output
    assert "loaded 4 article(s), 7 report(s) of 7 event(s)" in first.stdout
    assert "nodes: 26 created, 0 already there" in first.stdout
    nodes = count_nodes(neo4j_db, neo4j_settings)
    assert nodes == 26
    again = runner.invoke(app, ["load", "--from", str(jsonl), "--batch-size", "3"], env=env)
    assert again.exit_code == 0, again.output
    assert "nodes: 0 created" in again.stdout and "relationships: 0 created" in again.stdout
    assert count_nodes(neo4j_db, neo4j_settings) == nodes


def test_load_reports_a_bad_line_and_exits_1(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings, jsonl: Path
) -> None:
    with jsonl.open("a", encoding="utf-8") as stream:
        stream.write("{not json\n")
    result = CliRunner().invoke(app, ["load", "--from", str(jsonl)], env=env_for(neo4j_settings))
    assert result.exit_code == 1
    assert f"{jsonl}:5" in result.stderr
    assert "loaded 4 article(s)" in result.stdout  # the good lines went in


def test_load_reports_a_failed_batch_and_exits_1(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    good, bad = political_extractions()[:2]
    bad_dict = bad.to_dict()
    bad_dict["places"][-1]["lat"] = 200.0  # Neo4j refuses the point; the batch rolls back
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join([json.dumps(good.to_dict()), json.dumps(bad_dict)]) + "\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["load", "--from", str(path), "--batch-size", "1"], env=env_for(neo4j_settings)
    )
    assert result.exit_code == 1
    assert "batch failed" in result.stderr and bad.article.id in result.stderr
    assert "1 batch(es) failed (1 article(s) not loaded)" in result.stdout
    assert "loaded 1 article(s)" in result.stdout


def test_load_needs_input() -> None:
    result = CliRunner().invoke(app, ["load"])
    assert result.exit_code == 2 and "--from" in result.stderr


def test_load_extracts_article_files(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    article = tmp_path / "kast-noboa.txt"
    article.write_text(
        "Kast meets Noboa in Quito\n\n"
        "Chilean President-elect José Antonio Kast met Ecuadorian President Daniel Noboa "
        "in Quito on Monday. The two leaders discussed security cooperation, migration and "
        "trade between their countries during a meeting at the Carondelet Palace. Noboa said "
        "that the talks had been productive and that both governments would work together "
        "against organized crime in the region. Kast is expected to take office in March.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["load", str(article)], env=env_for(neo4j_settings))
    assert result.exit_code == 0, result.output
    assert "loaded 1 article(s)" in result.stdout
    actors = neo4j_db.execute_query(
        "MATCH (a:Actor)-[:MENTIONED_IN]->(:Article) RETURN a.lookup AS lookup",
        database_=neo4j_settings.database,
    ).records
    assert any("kast" in r["lookup"] for r in actors)
    assert any("daniel noboa" in r["lookup"] for r in actors)


def test_query_table_json_csv(neo4j_db: Driver, neo4j_settings: Neo4jSettings, jsonl: Path) -> None:
    runner = CliRunner()
    env = env_for(neo4j_settings)
    assert runner.invoke(app, ["load", "--from", str(jsonl)], env=env).exit_code == 0
    as_json = runner.invoke(app, ["query", "meetings", "--format", "json"], env=env)
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.stdout)
    assert [(r["source"], r["target"], r["place"], r["date"]) for r in rows] == [
        ("Gustavo Petro", "Daniel Noboa", "Guayaquil", "2025-11-02"),
        ("José Antonio Kast", "Daniel Noboa", "Quito", "2025-12-15"),
    ]
    as_csv = runner.invoke(
        app,
        ["query", "dyad_balance", "-p", "actor=KAST", "-p", "min_events=2", "-f", "csv"],
        env=env,
    )
    assert as_csv.exit_code == 0, as_csv.output
    (row,) = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert (row["source"], row["target"], row["events"], row["goldstein_sum"]) == (
        "José Antonio Kast",
        "Daniel Noboa",
        "2",
        "5.0",
    )
    table = runner.invoke(app, ["query", "actor_profile", "--param", "actor=kast"], env=env)
    assert table.exit_code == 0 and "President-elect" in table.stdout


def test_query_list_needs_no_server() -> None:
    result = CliRunner().invoke(app, ["query", "--list"], env={"NEO4J_URI": "bolt://127.0.0.1:9"})
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) >= 10
    assert any(line.startswith("meetings ") and "Who met whom" in line for line in lines)


def test_query_usage_errors(neo4j_settings: Neo4jSettings) -> None:
    runner = CliRunner()
    env = env_for(neo4j_settings)
    unknown = runner.invoke(app, ["query", "meetings", "-p", "actr=kast"], env=env)
    assert unknown.exit_code == 2 and "has no parameter actr" in unknown.stderr
    malformed = runner.invoke(app, ["query", "meetings", "-p", "kast"], env=env)
    assert malformed.exit_code == 2 and "key=value" in malformed.stderr
    missing = runner.invoke(app, ["query", "actor_profile"], env=env)
    assert missing.exit_code == 2 and "needs --param actor" in missing.stderr


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"NEO4J_URI": "bolt://127.0.0.1:9"}, "cannot reach Neo4j at bolt://127.0.0.1:9"),
        ({"NEO4J_URI": "http://127.0.0.1:7474"}, "invalid Neo4j URI"),
        ({"NEO4J_DATABASE": "nope"}, "no database 'nope'"),
        ({"NEO4J_PASSWORD": "wrong-password"}, "wrong username or password"),
    ],
)
def test_connection_errors_are_one_red_line(
    neo4j_session: Neo4jSession, changes: dict[str, str], expected: str
) -> None:
    if "NEO4J_PASSWORD" in changes and neo4j_session.paths is None:
        pytest.skip("cannot tell whether the server at NEO4J_URI checks passwords")
    env = env_for(neo4j_session.settings, **changes)
    for args in (["query", "meetings"], ["load", "--from", "missing.jsonl"]):
        result = CliRunner().invoke(app, args, env=env)
        assert result.exit_code == 1
        assert result.stderr.startswith("error: ") and expected in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_neo4j_status_and_start_of_the_running_server(neo4j_session: Neo4jSession) -> None:
    if neo4j_session.paths is None:
        pytest.skip("NEO4J_URI points at an external server")
    state_dir = str(neo4j_session.paths.state_dir)
    runner = CliRunner()
    status = runner.invoke(app, ["neo4j", "status", "--state-dir", state_dir])
    assert status.exit_code == 0 and f"running at {neo4j_session.settings.uri}" in status.stdout
    start = runner.invoke(app, ["neo4j", "start", "--state-dir", state_dir])
    assert start.exit_code == 0 and "already running" in start.stderr
    assert start.stdout.splitlines()[:2] == [
        f"export NEO4J_URI={neo4j_session.settings.uri}",
        "export NEO4J_USERNAME=neo4j",
    ]


def test_neo4j_status_of_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["neo4j", "status", "--state-dir", str(tmp_path)])
    assert result.exit_code == 1 and "not running" in result.stdout
    stop = CliRunner().invoke(app, ["neo4j", "stop", "--state-dir", str(tmp_path)])
    assert stop.exit_code == 0 and "no local Neo4j is running" in stop.stderr


def polgraph_command() -> list[str]:
    installed = shutil.which("polgraph")
    if installed:
        return [installed]
    return [sys.executable, "-c", "from graph.cli import main; main()"]


def test_real_entry_point_loads_and_queries(
    neo4j_db: Driver, neo4j_settings: Neo4jSettings, jsonl: Path
) -> None:
    env = {**os.environ, **env_for(neo4j_settings), "PYTHONPATH": str(REPO)}
    command = polgraph_command()
    load = subprocess.run(
        [*command, "load", "--from", str(jsonl)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert load.returncode == 0, load.stderr
    assert "loaded 4 article(s)" in load.stdout
    query = subprocess.run(
        [*command, "query", "evidence", "-p", "actor_a=kast", "-p", "actor_b=noboa", "-f", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert query.returncode == 0, query.stderr
    sentences = {row["sentence"] for row in json.loads(query.stdout)}
    assert "Noboa praised Kast." in sentences and len(sentences) == 3
    down = subprocess.run(
        [*command, "query", "meetings", "--neo4j", "bolt://127.0.0.1:9"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert down.returncode == 1 and "Traceback" not in down.stderr
    assert down.stderr.startswith("error: cannot reach Neo4j")

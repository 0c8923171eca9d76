"""Query parameters checked against the headers: types, bounds, `requires:`, names looked up
in the database, and the columns of an empty result (library and `polgraph query`)."""

from __future__ import annotations

import csv
import io
import math
from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from graph.cli import app
from graph.store.connection import Neo4jSettings
from graph.store.load import load_extractions
from graph.store.queries import (
    QueryUsageError,
    UnknownNameError,
    bind_params,
    get_query,
    list_queries,
    parse_query,
    query_result,
)
from graph.store.queries.params import Bounds, parse_bounds
from graph.store.writer import ensure_schema
from ingest.errors import ConfigError
from tests.graph.test_cli_database import env_for
from tests.plugins.neo4j_server import political_extractions

NOWHERE = {"NEO4J_URI": "bolt://127.0.0.1:9"}  # usage errors must be found before connecting


def test_bounds_read_like_intervals() -> None:
    assert parse_bounds("[1, 100]") == Bounds(1, 100)
    km = parse_bounds("(0, 20040]")
    assert (0 in km, 0.001 in km, 20040 in km, 20040.5 in km) == (False, True, True, False)
    assert str(km) == "(0, 20040]" and km.words() == "greater than 0 and at most 20,040"
    at_least_one = parse_bounds("[1, ]")
    assert (0 in at_least_one, 10**12 in at_least_one) == (False, True)
    assert at_least_one.words() == "at least 1"
    for bad in ("1..100", "[5, 1]", "[a, b]"):
        with pytest.raises(ValueError):
            parse_bounds(bad)


def test_every_limit_is_bounded_and_every_name_parameter_is_looked_up() -> None:
    for query in list_queries():
        for param in query.params:
            if param.name == "limit":
                assert param.bounds == Bounds(1, 1_000_000), query.name
            if param.name.startswith("actor"):
                assert param.type == "actor", query.name


@pytest.mark.parametrize(
    ("query", "params", "message"),
    [
        ("meetings", {"limit": "-1"}, "limit=-1 is not allowed (limit takes an integer from 1"),
        ("most_connected", {"limit": "99999999999999999999"}, "limit takes an integer from 1"),
        ("meetings", {"limit": "1.5"}, "limit=1.5 is not allowed"),
        ("events_near", {"place": "Quito", "km": "nan"}, "km takes a finite number greater than 0"),
        ("events_near", {"place": "Quito", "km": "inf"}, "km=inf is not allowed"),
        ("events_near", {"place": "Quito", "km": "0"}, "km=0 is not allowed"),
        ("ego_network", {"actor": "kast", "hops": "7"}, "hops takes an integer from 1 to 4"),
        ("meetings", {"since": "2025-13-01"}, "since takes a date YYYY-MM-DD"),
        ("meetings", {"since": "20251201"}, "since takes a date YYYY-MM-DD"),
        ("meetings", {"include_negated": "maybe"}, "include_negated takes true or false"),
        ("meetings", {"actr": "kast"}, "has no parameter actr (known: actor, since"),
        ("actor_profile", {}, "needs --param actor=…"),
        ("evidence", {}, "needs --param event=… or --param actor_a=… --param actor_b=…"),
        ("evidence", {"actor_a": "kast"}, "needs --param event=… or"),
        ("drop_everything", {}, "no query named 'drop_everything'"),
    ],
)
def test_bad_parameters_are_usage_errors_naming_what_is_allowed(
    query: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryUsageError) as caught:
        bind_params(get_query(query), params)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_values_from_python_are_checked_like_strings() -> None:
    meetings = get_query("meetings")
    assert bind_params(meetings, {"limit": 5, "since": date(2025, 1, 2)})["limit"] == 5
    for bad in (True, 0, 2**70, math.nan):
        with pytest.raises(QueryUsageError, match="limit"):
            bind_params(meetings, {"limit": bad})
    near = get_query("events_near")
    assert bind_params(near, {"place": "Quito", "km": 12})["km"] == 12.0
    evidence = bind_params(get_query("evidence"), {"event": " e1 "})
    assert evidence["event"] == "e1" and evidence["actor_a"] is None


def test_a_header_declares_bounds_and_alternatives(tmp_path: Path) -> None:
    path = tmp_path / "pair.cypher"
    path.write_text(
        "// name: pair\n// description: two actors or an event\n"
        "// param event: event = null — an event id\n"
        "// param a: actor = null — one actor\n// param b: actor = null — the other\n"
        "// param km: float [0.5, 10] = 2 — radius\n"
        "// requires: event | a b\n"
        "RETURN $event, $a, $b, $km\n",
        encoding="utf-8",
    )
    query = parse_query(path)
    assert query.requires == (("event",), ("a", "b"))
    assert (
        query.param("km") is not None and query.param("km").signature() == "float [0.5, 10] = 2.0"
    )  # type: ignore[union-attr]
    assert bind_params(query, {"a": "Kast", "b": "Noboa"})["km"] == 2.0
    path.write_text(path.read_text().replace("= 2 —", "= 20 —"), encoding="utf-8")
    with pytest.raises(ConfigError, match="bad default for km"):
        parse_query(path)
    path.write_text(path.read_text().replace("event | a b", "event | a c"), encoding="utf-8")
    with pytest.raises(ConfigError):
        parse_query(path)


# --- through the command line -------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["meetings", "-p", "limit=-1"],
        ["events_near", "-p", "place=Quito", "-p", "km=nan"],
        ["most_connected", "-p", "limit=99999999999999999999"],
        ["evidence"],
        ["meetings", "-p", "actr=kast"],
        ["no_such_query"],
    ],
    ids=" ".join,
)
def test_bad_parameters_exit_2_with_one_line_before_connecting(args: list[str]) -> None:
    result = CliRunner().invoke(app, ["query", *args], env=NOWHERE)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: query ") or line.startswith("error: no query named")
    assert "Traceback" not in result.output


def test_query_list_shows_parameters_types_bounds_and_defaults() -> None:
    result = CliRunner().invoke(app, ["query", "--list"], env=NOWHERE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("meetings "))
    block = lines[start : start + 6]
    assert "Who met whom" in block[0]
    assert any(line.split()[:4] == ["limit", "int", "[1,", "1000000]"] for line in block)
    assert any("= 100 — at most this many rows" in line for line in block)
    assert any(line.split()[:3] == ["actor", "actor", "="] for line in block)
    assert "(give one of: event | actor_a + actor_b)" in result.stdout
    assert any(line.split()[:3] == ["actor", "actor,", "required"] for line in lines)


@pytest.mark.neo4j
class TestOnTheDatabase:
    @pytest.fixture
    def loaded(self, neo4j_db: Driver, neo4j_settings: Neo4jSettings) -> Driver:
        ensure_schema(neo4j_db, neo4j_settings.database)
        assert load_extractions(neo4j_db, political_extractions(), neo4j_settings.database).ok
        return neo4j_db

    def test_unknown_names_are_errors_not_empty_results(
        self, loaded: Driver, neo4j_settings: Neo4jSettings
    ) -> None:
        database = neo4j_settings.database
        with pytest.raises(UnknownNameError, match=r"no actor matches 'Xyz' \(parameter actor_b"):
            query_result(loaded, "dyad_events", {"actor_a": "Kast", "actor_b": "Xyz"}, database)
        with pytest.raises(UnknownNameError, match="no place matches 'Atlantis'"):
            query_result(loaded, "events_near", {"place": "Atlantis"}, database)
        with pytest.raises(UnknownNameError, match="no event matches 'e-404'"):
            query_result(loaded, "evidence", {"event": "e-404"}, database)
        runner = CliRunner()
        result = runner.invoke(
            app, ["query", "ego_network", "-p", "actor=Xyz"], env=env_for(neo4j_settings)
        )
        assert result.exit_code == 1
        assert result.stderr.startswith("error: no actor matches 'Xyz'")
        assert "(no rows)" not in result.output

    def test_an_empty_result_keeps_its_columns(
        self, loaded: Driver, neo4j_settings: Neo4jSettings
    ) -> None:
        empty = query_result(loaded, "meetings", {"since": "2100-01-01"}, neo4j_settings.database)
        assert empty.rows == [] and empty.columns[:4] == ("date", "source", "action", "target")
        result = CliRunner().invoke(
            app,
            ["query", "meetings", "-p", "since=2100-01-01", "-f", "csv"],
            env=env_for(neo4j_settings),
        )
        assert result.exit_code == 0
        assert result.stdout.splitlines() == [",".join(empty.columns)]

    def test_a_piped_table_is_tab_separated_and_never_wrapped(
        self, loaded: Driver, neo4j_settings: Neo4jSettings
    ) -> None:
        result = CliRunner().invoke(
            app, ["query", "evidence", "-p", "actor_a=kast", "-p", "actor_b=noboa"],
            env={**env_for(neo4j_settings), "COLUMNS": "40"},
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        header, *rows = result.stdout.splitlines()
        columns = header.split("\t")
        assert columns[:4] == ["date", "source", "action", "target"] and len(rows) == 3
        table = list(csv.reader(io.StringIO(result.stdout), delimiter="\t"))
        assert all(len(row) == len(columns) for row in table)
        sentences = {row[columns.index("sentence")] for row in table[1:]}
        assert "Kast will meet Noboa again in January, Reuters reported." in sentences

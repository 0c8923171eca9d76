"""The Cypher library, graph.store.readback and connection errors, on a real Neo4j."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from neo4j import Driver

from graph.store.connection import (
    Neo4jAuthError,
    Neo4jDatabaseError,
    Neo4jSettings,
    Neo4jUnavailableError,
    connect,
)
from graph.store.load import load_extractions
from graph.store.queries import (
    UnknownNameError,
    bind_params,
    get_query,
    list_queries,
    run_query,
)
from graph.store.readback import result_to_graph
from graph.store.writer import ensure_schema
from ingest.errors import ConfigError
from tests.plugins.neo4j_server import political_extractions

pytestmark = pytest.mark.neo4j

KAST, NOBOA = "José Antonio Kast", "Daniel Noboa"
PETRO, MADURO = "Gustavo Petro", "Nicolás Maduro"


@pytest.fixture
def loaded(neo4j_db: Driver, neo4j_settings: Neo4jSettings) -> Driver:
    ensure_schema(neo4j_db, neo4j_settings.database)
    report = load_extractions(neo4j_db, political_extractions(), neo4j_settings.database)
    assert report.ok
    return neo4j_db


def run(driver: Driver, settings: Neo4jSettings, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(driver, name, params, settings.database)


def test_library_has_documented_queries() -> None:
    queries = list_queries()
    assert len(queries) >= 10
    for query in queries:
        assert query.description and query.cypher.lstrip().startswith("// name:")
        assert all(param.help for param in query.params), query.name
    assert {q.name for q in queries} >= {
        "actor_profile",
        "meetings",
        "ego_network",
        "dyad_events",
        "dyad_balance",
        "events_in_country",
        "events_near",
        "cameo_timeline",
        "most_connected",
        "shortest_path",
        "evidence",
    }


def test_params_are_coerced_defaulted_and_checked() -> None:
    meetings = get_query("meetings")
    bound = bind_params(meetings, {"actor": "  JOSÉ Antonio KAST ", "since": "2025-12-01"})
    assert bound == {
        "actor": "jose antonio kast",
        "since": date(2025, 12, 1),
        "until": None,
        "include_negated": False,
        "limit": 100,
    }
    assert bind_params(meetings, {"limit": "7", "include_negated": "yes"})["limit"] == 7
    with pytest.raises(ConfigError, match="no parameter actr"):
        bind_params(meetings, {"actr": "x"})
    with pytest.raises(ConfigError, match="since takes a date YYYY-MM-DD"):
        bind_params(meetings, {"since": "last week"})
    with pytest.raises(ConfigError, match="needs --param actor"):
        bind_params(get_query("actor_profile"), {})
    with pytest.raises(ConfigError, match="no query named"):
        get_query("drop_everything")


def test_actor_profile_by_alias_case_and_accents(
    loaded: Driver, neo4j_settings: Neo4jSettings
) -> None:
    (row,) = run(loaded, neo4j_settings, "actor_profile", actor="jose antonio KAST")
    assert row["name"] == KAST and row["country"] == "CHL" and row["kind"] == "person"
    assert row["roles"] == ["President-elect", "Republican leader"]
    assert row["as_source"] == 2 and row["as_target"] == 1  # 040, 036 (not the negated 040); 051
    assert row["by_root"] == ["03:1", "04:1", "05:1"] and row["reports"] == 3
    assert row["articles"] == 2
    assert row["first_seen"] == date(2025, 12, 15) and row["last_seen"] == date(2025, 12, 21)
    assert run(loaded, neo4j_settings, "actor_profile", actor="person:jose-antonio-kast")
    with pytest.raises(UnknownNameError, match="no actor matches 'Nobody'"):
        run(loaded, neo4j_settings, "actor_profile", actor="Nobody")


def test_meetings_with_place_and_date(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    rows = run(loaded, neo4j_settings, "meetings")
    assert [(r["date"], r["source"], r["target"], r["place"]) for r in rows] == [
        (date(2025, 11, 2), PETRO, NOBOA, "Guayaquil"),
        (date(2025, 12, 15), KAST, NOBOA, "Quito"),
    ]
    with_negated = run(loaded, neo4j_settings, "meetings", actor="kast", include_negated=True)
    assert [(r["source"], r["target"]) for r in with_negated] == [(KAST, NOBOA), (KAST, MADURO)]
    assert run(loaded, neo4j_settings, "meetings", since="2025-12-01", until="2025-12-31") == [
        rows[1]
    ]


def test_ego_network_respects_hops(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    one = run(loaded, neo4j_settings, "ego_network", actor="Gustavo Petro", hops=1)
    assert [(r["actor"], r["hops"]) for r in one] == [(NOBOA, 1)]
    two = run(loaded, neo4j_settings, "ego_network", actor="Gustavo PETRO", hops=2)
    assert [(r["actor"], r["hops"]) for r in two] == [(NOBOA, 1), (KAST, 2)]
    assert two[-1]["via"] == [PETRO, NOBOA, KAST]
    # Kast and Maduro are linked only by a meeting reported as not happening: no hop
    three = run(loaded, neo4j_settings, "ego_network", actor="Gustavo PETRO", hops=3)
    assert [(r["actor"], r["hops"]) for r in three] == [(NOBOA, 1), (KAST, 2)]


def test_dyad_events_both_directions(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    rows = run(loaded, neo4j_settings, "dyad_events", actor_a="Noboa", actor_b="Kast")
    assert sorted((r["source"], r["cameo"]) for r in rows) == [
        (NOBOA, "051"),
        (KAST, "036"),
        (KAST, "040"),
    ]
    assert all(r["reports"] == 1 and r["outlets"] == ["Example Wire"] for r in rows)


def test_dyad_balance(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    rows = run(loaded, neo4j_settings, "dyad_balance")
    by_pair = {(r["source"], r["target"]): r for r in rows}
    assert (KAST, MADURO) not in by_pair  # negated
    kast_noboa = by_pair[(KAST, NOBOA)]
    assert (kast_noboa["events"], kast_noboa["reports"], kast_noboa["goldstein_sum"]) == (2, 2, 5.0)
    assert (kast_noboa["cooperation"], kast_noboa["conflict"]) == (2, 0)
    chile = by_pair[("Chile", "Venezuela")]
    assert (chile["events"], chile["goldstein_sum"], chile["conflict"]) == (1, -4.0, 1)
    assert rows[0]["source"] == KAST  # most events first
    assert run(loaded, neo4j_settings, "dyad_balance", min_events=2) == [kast_noboa]


def test_events_in_country_and_near_a_place(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    in_ecuador = run(loaded, neo4j_settings, "events_in_country", country="ecu")
    assert [(r["place"], r["source"]) for r in in_ecuador] == [
        ("Guayaquil", PETRO),
        ("Quito", KAST),
    ]
    near = run(loaded, neo4j_settings, "events_near", place="quito", km=50)
    assert [(r["place"], r["km"]) for r in near] == [("Quito", 0.0)]
    wider = run(loaded, neo4j_settings, "events_near", place="Quito", km=400)
    assert [r["place"] for r in wider] == ["Quito", "Guayaquil"]
    assert 250 < wider[1]["km"] < 300


def test_cameo_timeline(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    conflict = run(loaded, neo4j_settings, "cameo_timeline", root="16")
    assert [(r["source"], r["cameo"], r["target"]) for r in conflict] == [
        ("Chile", "161", "Venezuela")
    ]
    december = run(
        loaded, neo4j_settings, "cameo_timeline", root="040", since="2025-12-01", until="2025-12-31"
    )
    assert [(r["date"], r["target"], r["negated"]) for r in december] == [
        (date(2025, 12, 15), NOBOA, False),
        (date(2025, 12, 19), MADURO, True),
    ]


def test_most_connected(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    rows = run(loaded, neo4j_settings, "most_connected", limit=2)
    assert [(r["actor"], r["counterparts"], r["events"], r["reports"]) for r in rows] == [
        (NOBOA, 2, 4, 4),
        (KAST, 1, 3, 3),  # not Maduro: that meeting is reported as not happening
    ]


def test_shortest_path(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    (row,) = run(loaded, neo4j_settings, "shortest_path", actor_a="gustavo petro", actor_b="kast")
    assert row["hops"] == 2
    assert row["steps"][::2] == [PETRO, NOBOA, KAST]
    assert (
        run(loaded, neo4j_settings, "shortest_path", actor_a="gustavo petro", actor_b="chile") == []
    )
    # a negated meeting links no one
    assert (
        run(loaded, neo4j_settings, "shortest_path", actor_a="kast", actor_b="nicolas maduro") == []
    )


def test_evidence_for_a_pair_and_for_an_event(
    loaded: Driver, neo4j_settings: Neo4jSettings
) -> None:
    pair = run(loaded, neo4j_settings, "evidence", actor_a="kast", actor_b="noboa")
    assert len(pair) == 3
    assert {r["title"] for r in pair} == {"Kast meets Noboa in Quito"}
    planned = [r for r in pair if r["reported_by"]]
    assert [(r["reported_by"], r["sentence"]) for r in planned] == [
        ("Reuters", "Kast will meet Noboa again in January, Reuters reported.")
    ]
    assert all(r["outlet"] == "Example Wire" and r["reports"] == 1 for r in pair)
    (one,) = run(loaded, neo4j_settings, "evidence", event=pair[0]["event"])
    assert one == pair[0]


MINIMAL_PARAMS: dict[str, dict[str, str]] = {
    "actor_profile": {"actor": "kast"},
    "meetings": {},
    "ego_network": {"actor": "kast"},
    "dyad_events": {"actor_a": "kast", "actor_b": "noboa"},
    "dyad_balance": {},
    "events_in_country": {"country": "ECU"},
    "events_near": {"place": "quito"},
    "cameo_timeline": {"root": "04"},
    "most_connected": {},
    "shortest_path": {"actor_a": "kast", "actor_b": "noboa"},
    "evidence": {"actor_a": "kast", "actor_b": "noboa"},
}


def test_every_query_runs_and_finds_rows(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    assert {q.name for q in list_queries()} == set(MINIMAL_PARAMS)
    for name, params in MINIMAL_PARAMS.items():
        assert run(loaded, neo4j_settings, name, **params), name


def test_result_to_graph_mirrors_build(loaded: Driver, neo4j_settings: Neo4jSettings) -> None:
    result = loaded.execute_query(
        "MATCH p = (s:Actor)-[:SOURCE_OF]->(e:Event {cameo: '040'})-[:TARGETS]->(t:Actor) "
        "WHERE NOT e.negated "
        "MATCH (e)-[r:OCCURRED_IN]->(place:Place) RETURN p, [r] AS rels, {at: place} AS m",
        database_=neo4j_settings.database,
    )
    graph = result_to_graph(result)
    kast = "person:jose-antonio-kast"
    assert graph.nodes[kast]["node_type"] == "actor"
    assert graph.nodes[kast]["labels"] == ["Actor", "Person"]
    assert graph.nodes[kast]["name"] == KAST
    quito = "place:city:ECU:quito"
    assert graph.nodes[quito]["node_type"] == "place"
    assert graph.nodes[quito]["location"] == pytest.approx([-78.5249, -0.2299])
    (event,) = [
        n
        for n, a in graph.nodes(data=True)
        if a["node_type"] == "event" and graph.has_edge(kast, n, key="SOURCE_OF")
    ]
    assert graph.nodes[event]["date"] == "2025-12-15"
    assert graph.has_edge(event, "person:daniel-noboa", key="TARGETS")
    assert graph.has_edge(event, quito, key="OCCURRED_IN")
    assert graph.number_of_edges() == 6  # two meetings x (SOURCE_OF, TARGETS, OCCURRED_IN)


def test_result_to_graph_of_bare_relationships(
    loaded: Driver, neo4j_settings: Neo4jSettings
) -> None:
    result = loaded.execute_query(
        "MATCH (:Place)-[r:WITHIN]->(:Place) RETURN r", database_=neo4j_settings.database
    )
    graph = result_to_graph(result.records)
    assert graph.number_of_edges() == 3 and graph.number_of_nodes() == 5
    assert all(key == "WITHIN" for _, _, key in graph.edges(keys=True))


def test_connect_errors_are_one_clear_line(neo4j_settings: Neo4jSettings) -> None:
    with pytest.raises(Neo4jUnavailableError, match=r"cannot reach Neo4j at bolt://127\.0\.0\.1:9"):
        connect(Neo4jSettings(uri="bolt://127.0.0.1:9"))
    with pytest.raises(Neo4jUnavailableError, match="invalid Neo4j URI"):
        connect(Neo4jSettings(uri="http://127.0.0.1:7474"))
    with pytest.raises(Neo4jDatabaseError, match="no database 'nope'"):
        connect(Neo4jSettings(**{**_as_dict(neo4j_settings), "database": "nope"}))
    wrong = Neo4jSettings(**{**_as_dict(neo4j_settings), "password": "not-the-password"})
    try:
        connect(wrong).close()
    except Neo4jAuthError as exc:
        assert "wrong username or password" in str(exc) and "\n" not in str(exc)
    else:
        pytest.skip("the server at NEO4J_URI has authentication disabled")


def _as_dict(settings: Neo4jSettings) -> dict[str, str]:
    return {
        "uri": settings.uri,
        "username": settings.username,
        "password": settings.password,
        "database": settings.database,
    }

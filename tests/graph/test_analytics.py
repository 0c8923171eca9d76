"""Centrality, communities, dyads and timelines on a small graph whose answers are known."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from graph.analytics import (
    CENTRALITY_COLUMNS,
    COMMUNITY_COLUMNS,
    DYAD_COLUMNS,
    TIMELINE_COLUMNS,
    UnknownActorError,
    actor_timeline,
    centrality,
    communities,
    dyads,
)
from graph.build import build_graph
from tests.graph.test_export import CHILE, KAST, MILEI, NOBOA, PETRO, VENEZUELA, andes_extractions


def one_row(table: pd.DataFrame, **where: str) -> dict[str, Any]:
    """The only row of `table` whose columns equal the given values, as a dict."""
    rows = [
        row for row in table.to_dict(orient="records") if all(row[k] == v for k, v in where.items())
    ]
    assert len(rows) == 1, where
    return {str(key): value for key, value in rows[0].items()}


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return build_graph(andes_extractions())


def test_centrality_ranks_the_hub_first() -> None:
    table = centrality(build_graph(andes_extractions()[:1]))  # Kast with four presidents
    assert list(table.columns) == list(CENTRALITY_COLUMNS)
    assert table.iloc[0]["actor_id"] == KAST.id
    assert table.iloc[0]["pagerank"] > 1.5 * table.iloc[1]["pagerank"]
    kast = one_row(table, actor_id=KAST.id)
    assert kast["name"] == "José Antonio Kast"
    assert (kast["kind"], kast["country"]) == ("person", "CHL")
    assert kast["degree"] == 5  # to Noboa, Petro, Milei; from Noboa, Petro
    assert kast["weighted_degree"] == 5
    assert kast["betweenness"] == table["betweenness"].max() > 0
    assert table["pagerank"].sum() == pytest.approx(1.0)
    assert table["pagerank"].is_monotonic_decreasing


def test_centrality_of_two_clusters(graph: nx.MultiDiGraph) -> None:
    table = centrality(graph)
    for measure in ("degree", "betweenness"):
        top = table.sort_values(measure, ascending=False, kind="stable")
        assert top["actor_id"].iloc[0] == KAST.id
        assert top[measure].iloc[0] > top[measure].iloc[1]
    # PageRank rewards the closed Chile–Venezuela loop over Kast, who also points at Milei.
    assert set(table["actor_id"][:2]) == {CHILE.id, VENEZUELA.id}


def test_centrality_weights_degree_by_events(graph: nx.MultiDiGraph) -> None:
    table = centrality(graph)
    chile = one_row(table, actor_id=CHILE.id)
    assert chile["degree"] == 2  # one edge each way
    assert chile["weighted_degree"] == 3  # two events out, one in
    assert (
        one_row(table, actor_id="country:ECU")["degree"] == 0
    )  # known only through Noboa's affiliation


def test_communities_split_disconnected_clusters(graph: nx.MultiDiGraph) -> None:
    table = communities(graph, seed=3)
    assert list(table.columns) == list(COMMUNITY_COLUMNS)
    community = dict(zip(table["actor_id"], table["community"], strict=True))
    andes = {community[actor.id] for actor in (KAST, NOBOA, PETRO, MILEI)}
    assert andes == {0}  # the largest cluster gets id 0
    assert community[CHILE.id] == community[VENEZUELA.id] == 1
    assert one_row(table, actor_id=KAST.id)["community_size"] == 4
    assert table["actor_id"].is_unique
    assert communities(graph, seed=3).equals(table)


def test_dyad_shares_and_goldstein(graph: nx.MultiDiGraph) -> None:
    table = dyads(graph)
    assert list(table.columns) == list(DYAD_COLUMNS)
    assert len(table) == 7
    chile = table.iloc[0].to_dict()
    assert (chile["source_name"], chile["target_name"]) == ("Chile", "Venezuela")
    assert chile["events"] == 2
    assert chile["cooperation_share"] == pytest.approx(0.5)  # 057 signed a pact
    assert chile["conflict_share"] == pytest.approx(0.5)  # 161 broke relations
    assert chile["goldstein_mean"] == pytest.approx(2.0)
    petro = one_row(table, source_id=PETRO.id, target_id=KAST.id)
    assert (petro["cooperation_share"], petro["conflict_share"]) == (0.0, 1.0)
    assert petro["goldstein_sum"] == pytest.approx(-2.0)
    assert (petro["first_date"], petro["last_date"]) == ("2025-12-17", "2025-12-17")
    noboa = one_row(table, source_id=NOBOA.id, target_id=KAST.id)
    assert (noboa["cooperation_share"], noboa["conflict_share"]) == (1.0, 0.0)


def test_actor_timeline_by_name_lists_roles_in_date_order(graph: nx.MultiDiGraph) -> None:
    timeline = actor_timeline(graph, "jose antonio KAST")
    assert list(timeline.columns) == list(TIMELINE_COLUMNS)
    assert timeline["date"].is_monotonic_increasing
    assert sorted(
        zip(timeline["cameo"], timeline["role"], timeline["counterpart_name"], strict=True)
    ) == [
        ("020", "source", "Gustavo Petro"),
        ("036", "source", "Javier Milei"),
        ("040", "source", "Daniel Noboa"),
        ("051", "target", "Daniel Noboa"),
        ("111", "target", "Gustavo Petro"),
    ]
    assert timeline.iloc[-1]["date"] == pd.Timestamp("2025-12-17")
    assert actor_timeline(graph, KAST.id).equals(timeline)
    assert actor_timeline(graph, "Kast").equals(timeline)  # an alias


def test_actor_timeline_of_unknown_actor_raises(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownActorError, match="Lula"):
        actor_timeline(graph, "Lula")


@pytest.mark.parametrize(
    ("measure", "columns"),
    [
        (centrality, CENTRALITY_COLUMNS),
        (communities, COMMUNITY_COLUMNS),
        (dyads, DYAD_COLUMNS),
    ],
)
def test_empty_graph_gives_empty_frames_with_columns(
    measure: Callable[[nx.MultiDiGraph], pd.DataFrame], columns: tuple[str, ...]
) -> None:
    table = measure(nx.MultiDiGraph())
    assert table.empty and list(table.columns) == list(columns)


def test_analytics_count_events_with_reports_beside() -> None:
    """Four Kast–Noboa meetings told in nine reports, one more reported as not happening, and
    a hypothetical Petro–Noboa meeting (tests/graph/event_corpus.py)."""
    from tests.graph.event_corpus import KAST as KAST_
    from tests.graph.event_corpus import NOBOA as NOBOA_
    from tests.graph.event_corpus import PETRO as PETRO_
    from tests.graph.event_corpus import event_corpus

    graph = build_graph(event_corpus())
    pair = one_row(dyads(graph), source_id=KAST_.id, target_id=NOBOA_.id)
    assert (pair["events"], pair["reports"]) == (4, 9)
    assert PETRO_.id not in set(dyads(graph)["source_id"])  # a hypothetical meeting is none
    ranking = centrality(graph)
    kast = one_row(ranking, actor_id=KAST_.id)
    assert (kast["weighted_degree"], kast["reports"]) == (4, 9)
    petro = one_row(ranking, actor_id=PETRO_.id)
    assert (petro["degree"], petro["weighted_degree"]) == (0, 0)
    timeline = actor_timeline(graph, "Kast")
    assert list(timeline.columns) == list(TIMELINE_COLUMNS)
    assert len(timeline) == 5  # every event, the negated one too, flagged
    assert timeline["negated"].sum() == 1
    assert sorted(timeline["reports"]) == [1, 1, 1, 2, 5]

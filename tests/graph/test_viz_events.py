"""What the maps make of events told many times, and of events that did not happen: an edge
counts events and its tooltip carries every report; negated and hypothetical events are no
relation, and the events view draws them dashed and says so."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graph.build import build_graph
from graph.maps.network import MapOptions, build_network
from graph.maps.style import load_style
from graph.relations import relation_graph
from tests.graph.event_corpus import KAST, NOBOA, PETRO, event_corpus


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph(event_corpus())


def _relation(info: dict[str, Any], source: str, target: str) -> dict[str, Any]:
    (edge,) = [
        e
        for e in info["edges"].values()
        if e["type"] == "relation" and (e["source"], e["target"]) == (source, target)
    ]
    return edge


def test_a_relation_edge_counts_events_and_carries_every_report(graph: nx.MultiDiGraph) -> None:
    network, info = build_network(graph, MapOptions())
    edge = _relation(info, KAST.name, NOBOA.name)
    assert (edge["count"], edge["reports"]) == (4, 9)  # four meetings, nine reports
    reports = [report for event in edge["shown"] for report in event["reports"]]
    assert len(reports) == 9 and all(event["reportCount"] for event in edge["shown"])
    assert {r["outlet"] for r in reports} == {
        "Andes Wire", "Pacific Daily", "El Observador", "Northern Courier", "Coastal Herald",
    }  # fmt: skip
    first = edge["shown"][0]["reports"][0]
    assert set(first) == {"outlet", "published", "sentence", "url", "title"}
    assert all(r["sentence"] and r["url"].startswith("https://") for r in reports)
    # the edge is drawn as wide as four events, not nine reports
    (vis_id,) = [key for key, value in info["edges"].items() if value is edge]
    (drawn,) = [e for e in network.edges if e["id"] == vis_id]
    style = load_style()
    assert drawn["width"] == style.edge_width_for(4) != style.edge_width_for(9)


def test_negated_and_hypothetical_events_are_no_relation(graph: nx.MultiDiGraph) -> None:
    relations = relation_graph(graph)
    assert not relations.has_edge(PETRO.id, NOBOA.id)  # "Petro could meet Noboa"
    assert relations.edges[KAST.id, NOBOA.id]["count"] == 4  # not the negated fifth
    _, info = build_network(graph, MapOptions())
    pairs = {(e["source"], e["target"]) for e in info["edges"].values()}
    assert (PETRO.name, NOBOA.name) not in pairs


def test_the_events_view_draws_them_dashed_and_says_so(graph: nx.MultiDiGraph) -> None:
    network, info = build_network(graph, MapOptions(view="events"))
    by_id = {node["id"]: node for node in network.nodes}
    marked = {
        by_id[vis_id]["label"]: by_id[vis_id]
        for vis_id, item in info["nodes"].items()
        if item["type"] == "event" and not item["interaction"]
    }
    assert set(marked) == {"not met 2025-12-15", "hypothetical: met 2025-12-20"}
    assert all(node["shapeProperties"] == {"borderDashes": [4, 3]} for node in marked.values())
    plain = [n for n in network.nodes if n["label"].startswith("met ")]
    assert plain and all("shapeProperties" not in n for n in plain)
    marked_ids = {node["id"] for node in marked.values()}
    event_edges = [e for e in network.edges if {e["from"], e["to"]} & marked_ids]
    assert event_edges and all(e["dashes"] for e in event_edges)

"""Network measures researchers ask of an event graph, each returned as a pandas DataFrame.

All functions take the MultiDiGraph from `graph.build.build_graph` and work on its
relationship view (`graph.build.relation_graph`: actors, one edge per ordered pair
weighted by event count). An empty graph gives an empty frame with the same columns.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from graph.build import UnknownActorError, find_actors
from graph.relations import dyad_fields, event_dyads, relation_graph
from graph.tables import event_table

CENTRALITY_COLUMNS = (
    "actor_id",
    "name",
    "kind",
    "country",
    "degree",
    "weighted_degree",
    "reports",
    "betweenness",
    "pagerank",
)
COMMUNITY_COLUMNS = ("actor_id", "name", "kind", "country", "community", "community_size")
DYAD_COLUMNS = (
    "source_id",
    "source_name",
    "target_id",
    "target_name",
    "events",
    "reports",
    "goldstein_sum",
    "goldstein_mean",
    "cooperation_share",
    "conflict_share",
    "first_date",
    "last_date",
)
TIMELINE_COLUMNS = (
    "date",
    "event_id",
    "role",
    "counterpart_id",
    "counterpart_name",
    "cameo",
    "label",
    "quad_class",
    "goldstein",
    "negated",
    "modality",
    "reports",
    "place_name",
    "sentence",
    "url",
)


def _actor_fields(relations: nx.DiGraph, node: str) -> dict[str, Any]:
    attrs = relations.nodes[node]
    return {
        "actor_id": node,
        "name": attrs.get("name", node),
        "kind": attrs.get("kind"),
        "country": attrs.get("country"),
    }


def _inverse_count(_u: str, _v: str, attrs: dict[str, Any]) -> float:
    return 1.0 / float(attrs.get("count") or 1)


def centrality(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Per actor: partners (degree), events (weighted degree), the reports of those
    events, betweenness and PageRank.

    Events are interactions (not negated, not hypothetical), each counted once however
    many articles report it. PageRank is weighted by event counts. Betweenness treats many
    events as a short distance (1 / count), so it follows the busiest channels. Sorted by
    PageRank.
    """
    relations = relation_graph(graph)
    if relations.number_of_nodes() == 0:
        return pd.DataFrame(columns=list(CENTRALITY_COLUMNS))
    betweenness = nx.betweenness_centrality(relations, weight=_inverse_count)
    pagerank = nx.pagerank(relations, weight="count")
    rows = [
        {
            **_actor_fields(relations, node),
            "degree": relations.degree(node),
            "weighted_degree": relations.degree(node, weight="count"),
            "reports": relations.degree(node, weight="reports"),
            "betweenness": betweenness[node],
            "pagerank": pagerank[node],
        }
        for node in relations.nodes
    ]
    frame = pd.DataFrame(rows, columns=list(CENTRALITY_COLUMNS))
    frame = frame.sort_values(["pagerank", "actor_id"], ascending=[False, True])
    return frame.reset_index(drop=True)


def undirected_relations(graph: nx.MultiDiGraph) -> nx.Graph:
    """Actors with one undirected edge per pair; `count` sums both directions."""
    relations = relation_graph(graph)
    undirected = nx.Graph()
    undirected.add_nodes_from(relations.nodes(data=True))
    for source, target, attrs in relations.edges(data=True):
        previous = undirected.get_edge_data(source, target, default={"count": 0})["count"]
        undirected.add_edge(source, target, count=previous + attrs["count"])
    return undirected


def communities(graph: nx.MultiDiGraph, seed: int = 7) -> pd.DataFrame:
    """Louvain communities of the undirected relationship view, weighted by event count.

    Deterministic for a given `seed`; community 0 is the largest (ties: smallest actor id).
    Actors without events each form their own community.
    """
    undirected = undirected_relations(graph)
    if undirected.number_of_nodes() == 0:
        return pd.DataFrame(columns=list(COMMUNITY_COLUMNS))
    found = nx.community.louvain_communities(undirected, weight="count", seed=seed)
    ordered = sorted((sorted(members) for members in found), key=lambda m: (-len(m), m[0]))
    rows = [
        {
            **_actor_fields(undirected, node),
            "community": number,
            "community_size": len(members),
        }
        for number, members in enumerate(ordered)
        for node in members
    ]
    return pd.DataFrame(rows, columns=list(COMMUNITY_COLUMNS))


def dyads(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Per ordered actor pair: events, their reports, Goldstein sum/mean,
    cooperation/conflict shares, dates.

    Events are interactions, each counted once however many articles report it (`reports`
    counts the reports). Cooperation share is the fraction of the pair's events in quad
    classes 1–2 (verbal and material cooperation), conflict share in 3–4. Sorted by number
    of events.
    """
    rows = []
    for (source, target), summary in event_dyads(graph).items():
        quads = [int(graph.nodes[event].get("quad_class") or 0) for event in summary.events]
        rows.append(
            {
                **dyad_fields(graph, source, target, summary),
                "events": summary.count,
                "cooperation_share": sum(q in (1, 2) for q in quads) / summary.count,
                "conflict_share": sum(q in (3, 4) for q in quads) / summary.count,
            }
        )
    frame = pd.DataFrame(rows, columns=list(DYAD_COLUMNS))
    frame = frame.sort_values(["events", "source_id", "target_id"], ascending=[False, True, True])
    return frame.reset_index(drop=True)


def actor_timeline(graph: nx.MultiDiGraph, actor: str) -> pd.DataFrame:
    """Every event of one actor (id, name or alias) in date order, with its role in it.

    `role` is "source" or "target"; an event an actor directs at itself appears twice.
    Negated and hypothetical events are listed too, flagged; `reports` counts each event's
    reports.
    Where a name fits several actors, the first by id; none raises UnknownActorError.
    """
    node = find_actors(graph, actor)[0]
    events = event_table(graph)
    parts = []
    for role, other in (("source", "target"), ("target", "source")):
        mine = events[events[f"{role}_id"] == node]
        parts.append(
            mine.assign(
                role=role,
                counterpart_id=mine[f"{other}_id"],
                counterpart_name=mine[f"{other}_name"],
            )
        )
    timeline = pd.concat(parts, ignore_index=True)[list(TIMELINE_COLUMNS)]
    timeline = timeline.sort_values(["date", "event_id", "role"], na_position="last")
    return timeline.reset_index(drop=True)


__all__ = [
    "CENTRALITY_COLUMNS",
    "COMMUNITY_COLUMNS",
    "DYAD_COLUMNS",
    "TIMELINE_COLUMNS",
    "UnknownActorError",
    "actor_timeline",
    "centrality",
    "communities",
    "dyads",
    "undirected_relations",
]

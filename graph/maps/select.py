"""Which actors a map shows: everyone, an actor's neighbourhood (ego view) or the most central.

The ego view's centres are the actors `graph.build.find_actors` finds by id, name or alias.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx


def ego_actors(relations: nx.DiGraph, centres: Iterable[str], hops: int) -> set[str]:
    """Actors at most `hops` relations away from any centre, whichever the direction."""
    undirected = relations.to_undirected(as_view=True)
    selected: set[str] = set()
    for centre in centres:
        if centre in undirected:
            reach = nx.single_source_shortest_path_length(undirected, centre, cutoff=hops)
            selected.update(reach)
    return selected


def weighted_degrees(relations: nx.DiGraph) -> dict[str, float]:
    """Events each actor takes part in, as source or target (the relation edges' counts)."""
    degrees = dict.fromkeys(relations.nodes, 0.0)
    for source, target, count in relations.edges(data="count", default=1):
        degrees[source] += count
        degrees[target] += count
    return degrees


def central_actors(relations: nx.DiGraph, limit: int) -> set[str]:
    """The `limit` actors with the highest weighted degree (ties broken by id, so stable)."""
    degrees = weighted_degrees(relations)
    ranked = sorted(degrees, key=lambda node: (-degrees[node], node))
    return set(ranked[: max(limit, 0)])

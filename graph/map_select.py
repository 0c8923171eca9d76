"""Which actors a map shows: everyone, an actor's neighbourhood (ego view) or the most central."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ingest.errors import PolgraphError
from ingest.model import fold


class ActorNotFoundError(PolgraphError):
    """No actor's name or alias matches the one asked for."""


def matching_actors(graph: nx.Graph, name: str) -> list[str]:
    """Ids of actors whose name or any alias equals `name`, ignoring case and accents.

    Several actors can match ("Kast" may be an alias of two people); all of them become
    centres of the ego view. Raises ActorNotFoundError, with suggestions, when none does.
    """
    wanted = fold(name)
    found = [
        node
        for node, attrs in graph.nodes(data=True)
        if attrs.get("node_type") == "actor" and wanted in _folded_names(attrs)
    ]
    if found:
        return sorted(found)
    suggestions = sorted(
        str(attrs.get("name"))
        for _, attrs in graph.nodes(data=True)
        if attrs.get("node_type") == "actor"
        and wanted
        and any(wanted in alias for alias in _folded_names(attrs))
    )[:5]
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise ActorNotFoundError(f"no actor named {name!r} in the graph{hint}")


def _folded_names(attrs: dict[str, object]) -> set[str]:
    aliases = attrs.get("aliases") or []
    names = [attrs.get("name"), *(aliases if isinstance(aliases, list | tuple) else [])]
    return {fold(str(n)) for n in names if n}


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

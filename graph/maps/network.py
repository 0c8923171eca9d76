"""Interactive, self-contained HTML maps of the graph: the relationship map and the event view.

pyvis builds the network (nodes, edges, vis-network options); `graph.maps.page` renders it
into polgraph's own template, because pyvis's templates fetch Bootstrap from a CDN and
turn tooltips containing `href` into live HTML. Node ids in the page are numbers, never
names, and all article text travels as JSON and reaches the DOM only as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import networkx as nx
from pyvis.network import Network

from graph.build import find_actors
from graph.events import is_interaction
from graph.maps.layout import LayoutMode, network_options, precomputed_positions, use_physics
from graph.maps.page import render_page
from graph.maps.select import central_actors, ego_actors, weighted_degrees
from graph.maps.style import MapStyle, load_style
from graph.relations import event_reports, relation_graph
from graph.schema import ACTOR_LABELS

View = Literal["relations", "events"]
KINDS_BY_LABEL = {label: kind for kind, label in ACTOR_LABELS.items()}


@dataclass(frozen=True, slots=True)
class MapOptions:
    """What to draw. `max_nodes` keeps the most central actors (events view: their events
    and places come along); `actor` + `hops` draws one actor's neighbourhood."""

    view: View = "relations"
    title: str | None = None
    show_places: bool = True
    actor: str | None = None
    hops: int = 1
    max_nodes: int | None = None
    layout: LayoutMode = "auto"


def render_map(
    graph: nx.MultiDiGraph,
    path: Path | str,
    *,
    view: View = "relations",
    title: str | None = None,
    show_places: bool = True,
    actor: str | None = None,
    hops: int = 1,
    max_nodes: int | None = None,
    layout: LayoutMode = "auto",
) -> Path:
    """Write the map of `graph` to `path` (one HTML file that works offline) and return it."""
    options = MapOptions(view, title, show_places, actor, hops, max_nodes, layout)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(map_html(graph, options), encoding="utf-8")
    return path


def map_html(graph: nx.MultiDiGraph, options: MapOptions | None = None) -> str:
    """The map page as a string (what render_map writes)."""
    options = options or MapOptions()
    style = load_style()
    network, info = build_network(graph, options, style)
    title = options.title or (
        "polgraph relationship map" if options.view == "relations" else "polgraph event map"
    )
    return render_page(network, info, title=title, view=options.view, style=style)


def build_network(
    graph: nx.MultiDiGraph, options: MapOptions, style: MapStyle | None = None
) -> tuple[Network, dict[str, Any]]:
    """The pyvis Network for `options.view`, plus tooltip and filter data keyed by vis id."""
    style = style or load_style()
    relations = relation_graph(graph)
    actors = selected_actors(graph, relations, options)
    if options.view == "relations":
        network, info = _relations_network(graph, relations, actors, style)
    elif options.view == "events":
        network, info = _events_network(graph, actors, options.show_places, style)
    else:
        raise ValueError(f"unknown map view {options.view!r}")
    physics = use_physics(options.layout)
    if not physics:
        _place_nodes(network)
    network.set_options(network_options(len(network.nodes), len(network.edges), physics))
    return network, info


def selected_actors(graph: nx.MultiDiGraph, relations: nx.DiGraph, options: MapOptions) -> set[str]:
    """Actor ids to draw: the ego view if `actor` is given, then the top `max_nodes`."""
    actors = set(relations.nodes)
    if options.actor:
        actors = ego_actors(relations, find_actors(graph, options.actor), options.hops)
    if options.max_nodes is not None and len(actors) > options.max_nodes:
        actors = central_actors(relations.subgraph(actors), options.max_nodes)
    return actors


def _relations_network(
    graph: nx.MultiDiGraph, relations: nx.DiGraph, actors: set[str], style: MapStyle
) -> tuple[Network, dict[str, Any]]:
    shown = relations.subgraph(actors)
    degrees = weighted_degrees(shown)
    network = Network(directed=True)
    ids = {node: index for index, node in enumerate(sorted(shown.nodes))}
    node_info: dict[int, dict[str, Any]] = {}
    for node, index in ids.items():
        attrs = shown.nodes[node]
        kind = _actor_kind(attrs)
        look = style.kind(kind)
        network.add_node(
            index,
            label=str(attrs.get("name") or node),
            shape=look.shape,
            color=look.color,
            size=style.node_size_for(degrees[node]),
        )
        node_info[index] = _actor_info(attrs, kind)
    edge_info: dict[int, dict[str, Any]] = {}
    for index, (source, target, attrs) in enumerate(sorted(shown.edges(data=True))):
        mean = float(attrs.get("goldstein_mean") or 0.0)
        network.add_edge(
            ids[source],
            ids[target],
            id=index,
            width=style.edge_width_for(int(attrs["count"])),
            color=style.goldstein_color(mean),
        )
        edge_info[index] = _relation_info(graph, relations, (source, target), attrs, style)
    return network, {"nodes": node_info, "edges": edge_info}


def _events_network(
    graph: nx.MultiDiGraph, actors: set[str], show_places: bool, style: MapStyle
) -> tuple[Network, dict[str, Any]]:
    events = [
        node
        for node, attrs in graph.nodes(data=True)
        if attrs.get("node_type") == "event" and _event_actors(graph, node) <= actors
    ]
    members = set(actors) | set(events)
    if show_places:
        members |= _places_with_ancestors(graph, events)
    kept_types = {"SOURCE_OF", "TARGETS", "AFFILIATED_WITH", "OCCURRED_IN", "WITHIN"}
    shown = [(u, v, k) for u, v, k in graph.subgraph(members).edges(keys=True) if k in kept_types]
    degree = dict.fromkeys(members, 0)
    for u, v, _ in shown:
        degree[u] += 1
        degree[v] += 1
    network = Network(directed=True)
    ids = {node: index for index, node in enumerate(sorted(members))}
    node_info: dict[int, dict[str, Any]] = {}
    for node, index in ids.items():
        attrs = graph.nodes[node]
        node_type = attrs.get("node_type")
        kind = _actor_kind(attrs) if node_type == "actor" else str(node_type)
        look = style.kind(kind)
        marked: dict[str, Any] = {}
        if node_type == "event":
            info = _event_info(graph, node, style)
            label = f"{_event_label(info)} {info['date'] or ''}".strip()
            if not info["interaction"]:  # drawn, but visibly not an interaction
                marked = {"borderWidth": 2, "shapeProperties": {"borderDashes": [4, 3]}}
        else:
            info = _actor_info(attrs, kind) if node_type == "actor" else _place_info(attrs)
            label = str(attrs.get("name") or node)
        network.add_node(
            index, label=label, shape=look.shape, color=look.color,
            size=style.node_size_for(degree[node]), **marked,
        )  # fmt: skip
        node_info[index] = info
    edge_info: dict[int, dict[str, Any]] = {}
    for index, (u, v, key) in enumerate(sorted(shown)):
        event = v if key == "SOURCE_OF" else (u if key in ("TARGETS", "OCCURRED_IN") else None)
        attrs = graph.nodes[event] if event else {}
        color = (
            style.goldstein_color(float(attrs.get("goldstein") or 0.0))
            if event
            else style.structural_edge_color
        )
        dashed = event is None or not is_interaction(attrs.get("negated"), attrs.get("modality"))
        network.add_edge(ids[u], ids[v], id=index, width=1, color=color, dashes=dashed)
        edge_info[index] = {"type": key}
    return network, {"nodes": node_info, "edges": edge_info}


def _event_label(info: dict[str, Any]) -> str:
    """The verb an event node shows: "met", "not met", "hypothetical: met"."""
    if info["negated"]:
        return f"not {info['label']}"
    if info["modality"] == "hypothetical":
        return f"hypothetical: {info['label']}"
    return str(info["label"])


def _places_with_ancestors(graph: nx.MultiDiGraph, events: list[str]) -> set[str]:
    """Places where the events occurred, and the places containing those (WITHIN)."""
    todo = [v for e in events for _, v, k in graph.out_edges(e, keys=True) if k == "OCCURRED_IN"]
    places: set[str] = set()
    while todo:
        place = todo.pop()
        if place not in places and graph.nodes[place].get("node_type") == "place":
            places.add(place)
            todo.extend(v for _, v, k in graph.out_edges(place, keys=True) if k == "WITHIN")
    return places


def _event_actors(graph: nx.MultiDiGraph, event: str) -> set[str]:
    sources = {u for u, _, k in graph.in_edges(event, keys=True) if k == "SOURCE_OF"}
    targets = {v for _, v, k in graph.out_edges(event, keys=True) if k == "TARGETS"}
    return sources | targets


def _actor_kind(attrs: dict[str, Any]) -> str:
    """`kind`, or for a node read back from Neo4j, its :Person/:Country/… label."""
    kind = attrs.get("kind")
    if kind:
        return str(kind)
    labels = attrs.get("labels") or []
    return next((KINDS_BY_LABEL[label] for label in labels if label in KINDS_BY_LABEL), "other")


def _actor_info(attrs: dict[str, Any], kind: str) -> dict[str, Any]:
    return {
        "type": "actor",
        "name": str(attrs.get("name") or ""),
        "kind": kind,
        "country": attrs.get("country"),
        "roles": [str(r) for r in attrs.get("roles") or []],
        "aliases": [str(a) for a in attrs.get("aliases") or []],
    }


def _place_info(attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "place",
        "name": str(attrs.get("name") or ""),
        "kind": attrs.get("kind"),
        "country": attrs.get("country"),
    }


def _event_info(graph: nx.MultiDiGraph, event: str, style: MapStyle) -> dict[str, Any]:
    """What a tooltip and the filters need about one event, with every report (outlet,
    publication date, sentence, article link); `sentence`, `url` and `title` are the first
    report's, or, for a graph read back from Neo4j without its REPORTED_IN edges, the
    event's own."""
    attrs = graph.nodes[event]
    reports = [_report_info(graph, report) for report in event_reports(graph, event)]
    first = reports[0] if reports else {}
    cameo = str(attrs.get("cameo") or "")
    date = attrs.get("date")
    return {
        "type": "event",
        "cameo": cameo,
        "root": cameo[:2],
        "rootLabel": style.root_label(cameo[:2]),
        "quad": int(attrs.get("quad_class") or 0),
        "goldstein": float(attrs.get("goldstein") or 0.0),
        "label": str(attrs.get("label") or cameo),
        "date": str(date)[:10] if date else None,
        "negated": bool(attrs.get("negated")),
        "modality": attrs.get("modality"),
        "interaction": is_interaction(attrs.get("negated"), attrs.get("modality")),
        "reportCount": int(attrs.get("reports") or len(reports)),
        "reports": reports,
        "sentence": str(first.get("sentence") or attrs.get("sentence") or ""),
        "url": first.get("url") or attrs.get("url"),
        "title": first.get("title") or attrs.get("title"),
    }


def _report_info(graph: nx.MultiDiGraph, report: dict[str, Any]) -> dict[str, Any]:
    article = graph.nodes[report["article"]]
    published = article.get("published")
    return {
        "outlet": article.get("source"),
        "published": str(published)[:10] if published else None,
        "sentence": str(report.get("sentence") or ""),
        "url": article.get("url"),
        "title": article.get("title"),
    }


def _relation_info(
    graph: nx.MultiDiGraph,
    relations: nx.DiGraph,
    pair: tuple[str, str],
    attrs: dict[str, Any],
    style: MapStyle,
) -> dict[str, Any]:
    """Tooltip and filter data for one relation edge: summary, every event's [root, quad,
    date] for the filters, and every event with every report for the tooltip (the hover
    shows the first few reports, the side panel all of them)."""
    source, target = pair
    events = [_event_info(graph, event, style) for event in attrs["events"]]
    return {
        "type": "relation",
        "source": str(relations.nodes[source].get("name") or source),
        "target": str(relations.nodes[target].get("name") or target),
        "count": int(attrs["count"]),
        "reports": int(attrs.get("reports") or 0),
        "goldsteinSum": round(float(attrs.get("goldstein_sum") or 0.0), 2),
        "goldsteinMean": round(float(attrs.get("goldstein_mean") or 0.0), 2),
        "first": attrs.get("first_date"),
        "last": attrs.get("last_date"),
        "roots": {root: [style.root_label(root), n] for root, n in attrs["roots"].items()},
        "events": [[e["root"], e["quad"], e["date"]] for e in events],
        "shown": events,
    }


def _place_nodes(network: Network) -> None:
    """Give every node x/y from a layout computed in Python (big graphs, physics off)."""
    positions = precomputed_positions(
        [node["id"] for node in network.nodes], [(e["from"], e["to"]) for e in network.edges]
    )
    for node in network.nodes:
        x, y = positions[node["id"]]
        node["x"], node["y"] = x, y


__all__ = ["MapOptions", "build_network", "map_html", "render_map", "selected_actors"]

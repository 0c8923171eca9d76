"""Reading Neo4j back: any Cypher result as a networkx MultiDiGraph shaped like graph.build's
(node ids = `id` property, `node_type`, edges keyed by type), and driver values as Python's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

import networkx as nx
from neo4j import EagerResult, Record, Result, RoutingControl
from neo4j.exceptions import Neo4jError as DriverNeo4jError
from neo4j.graph import Entity, Graph, Node, Path
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.schema import NODE_LABELS, edge_key
from graph.store.connection import Neo4jError, Neo4jSettings, connect

NODE_TYPES_BY_LABEL = {label: node_type for node_type, label in NODE_LABELS.items()}


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def native_value(value: Any, iso_dates: bool = False) -> Any:
    """A driver value as plain Python, also inside lists and maps: Neo4j dates and times as
    `datetime` values (or, with `iso_dates`, ISO strings, so a graph serializes as JSON),
    durations as ISO strings, points as `[x, y]` lists."""
    if type(value) in _PLAIN_TYPES:  # most values: checked first, as the loader reads many
        return value
    if type(value) is dict:
        return {key: native_value(item, iso_dates) for key, item in value.items()}
    if isinstance(value, Date | DateTime | Time):
        value = value.to_native()
    if isinstance(value, date | datetime | time):
        return value.isoformat() if iso_dates else value
    if isinstance(value, Duration):
        return value.iso_format()
    if isinstance(value, Point):
        return list(value)
    if isinstance(value, list):
        return [native_value(item, iso_dates) for item in value]
    if isinstance(value, Mapping):
        return {key: native_value(item, iso_dates) for key, item in value.items()}
    return value


def graph_from_cypher(settings: Neo4jSettings, query: str) -> nx.MultiDiGraph:
    """Run `query` (read-only routing) and fold the nodes, relationships and paths it returns
    into one graph (`result_to_graph`); a failing query is a Neo4jError naming the reason."""
    with connect(settings) as driver:
        try:
            found = driver.execute_query(
                query,
                database_=settings.database,
                routing_=RoutingControl.READ,
                result_transformer_=Result.graph,
            )
        except DriverNeo4jError as exc:
            raise Neo4jError(f"the Cypher query failed: {exc.message or exc}") from exc
    return result_to_graph(found)


def result_to_graph(
    result: Graph | EagerResult | Iterable[Record] | Iterable[Mapping[str, Any]],
) -> nx.MultiDiGraph:
    """Every node, relationship and path of a result (also inside lists and maps) as one
    MultiDiGraph with all properties.

    The driver collects a result's entities in a `neo4j.graph.Graph` (`Result.graph()`, or
    `result_transformer_=Result.graph`), merging a node seen as a relationship's end with
    the same node returned in full; given records instead, the graph their entities belong
    to is used. Node keys are the `id` property (else the element id); attributes are the
    other properties plus `labels` and `node_type` (actor/event/place/article, as in
    graph.build). Edges carry `type` and their properties and are keyed as graph.build
    keys them (graph.schema.edge_key: by type, a REPORTED_IN by its mention id).
    Dates become ISO strings and points `[x, y]` lists, so the graph serializes as JSON.
    """
    graphs = [result] if isinstance(result, Graph) else _entity_graphs(result)
    nodes = {node.element_id: node for found in graphs for node in found.nodes}
    keys = {element_id: _node_key(node) for element_id, node in nodes.items()}
    graph = nx.MultiDiGraph()
    for element_id, node in nodes.items():
        graph.add_node(keys[element_id], **_node_attrs(node))
    for found in graphs:
        for relationship in found.relationships:
            start, end = relationship.start_node, relationship.end_node
            if start is None or end is None:
                continue
            props = native_value(dict(relationship), iso_dates=True)
            graph.add_edge(
                keys[start.element_id],
                keys[end.element_id],
                key=edge_key(relationship.type, props),
                type=relationship.type,
                **props,
            )
    return graph


def _entity_graphs(
    result: EagerResult | Iterable[Record] | Iterable[Mapping[str, Any]],
) -> list[Graph]:
    """The graphs the driver filled while reading these records (one per result)."""
    records = result.records if isinstance(result, EagerResult) else result
    graphs: dict[int, Graph] = {}
    todo: list[Any] = [list(record.values()) for record in records]
    while todo:
        value = todo.pop()
        if isinstance(value, Entity | Path):
            graphs.setdefault(id(value.graph), value.graph)
        elif isinstance(value, list | tuple):
            todo.extend(value)
        elif isinstance(value, Mapping):
            todo.extend(value.values())
    return list(graphs.values())


def _node_key(node: Node) -> str:
    node_id = node.get("id")
    return str(node_id) if node_id is not None else node.element_id


def _node_attrs(node: Node) -> dict[str, Any]:
    labels = sorted(node.labels)
    node_type = next((NODE_TYPES_BY_LABEL[x] for x in labels if x in NODE_TYPES_BY_LABEL), None)
    attrs = native_value({name: value for name, value in node.items() if name != "id"}, True)
    attrs["labels"] = labels
    attrs["node_type"] = node_type or (labels[0].lower() if labels else None)
    return attrs

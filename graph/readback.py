"""Reading Neo4j back: a checked connection, and any Cypher result as a networkx MultiDiGraph
shaped like graph.build's (node ids = `id` property, `node_type`, edges keyed by type).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import networkx as nx
from neo4j import Driver, EagerResult, GraphDatabase, Record
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DatabaseUnavailable,
    ServiceUnavailable,
)
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.settings import (
    Neo4jAuthError,
    Neo4jDatabaseError,
    Neo4jError,
    Neo4jSettings,
    Neo4jUnavailableError,
)

BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
NODE_TYPES_BY_LABEL = {
    "Actor": "actor",
    "Event": "event",
    "Place": "place",
    "Article": "article",
}


def connect(settings: Neo4jSettings, timeout: float = 10.0) -> Driver:
    """A driver that has reached the server, logged in and found the database.

    Checks run once without the driver's retry loop, so a dead server fails in
    milliseconds; failures become one-line PolgraphErrors saying what failed, where, and
    what to check.
    """
    scheme = settings.uri.split("://", 1)[0] if "://" in settings.uri else ""
    if scheme not in BOLT_SCHEMES:
        raise Neo4jUnavailableError(
            f"invalid Neo4j URI {settings.uri!r}: expected bolt:// or neo4j:// "
            "(e.g. bolt://localhost:7687); check NEO4J_URI / --neo4j"
        )
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=timeout,
            notifications_min_severity="OFF",  # the CLI shows rows, not planner hints
        )
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailableError(
            f"invalid Neo4j URI {settings.uri!r} ({_first_line(exc)}); check NEO4J_URI / --neo4j"
        ) from exc
    try:
        driver.verify_connectivity()
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except Exception as exc:
        driver.close()
        translated = _connection_error(exc, settings)
        if translated is None:
            raise
        raise translated from exc
    return driver


def _connection_error(exc: Exception, settings: Neo4jSettings) -> Neo4jError | None:
    """The one-line error for a failed first query, or None for an unexpected failure."""
    where = f"{settings.uri} (database {settings.database!r})"
    if isinstance(exc, AuthError):
        return Neo4jAuthError(
            f"Neo4j at {settings.uri} refused user {settings.username!r}: wrong username or "
            "password; check NEO4J_USERNAME / NEO4J_PASSWORD"
        )
    if isinstance(exc, ClientError) and "DatabaseNotFound" in (exc.code or ""):
        return Neo4jDatabaseError(
            f"Neo4j at {settings.uri} has no database {settings.database!r}; "
            "check NEO4J_DATABASE (Community edition has only 'neo4j')"
        )
    if isinstance(exc, DatabaseUnavailable):
        return Neo4jDatabaseError(f"database at {where} is unavailable: {_first_line(exc)}")
    if isinstance(exc, ServiceUnavailable | OSError):
        return Neo4jUnavailableError(
            f"cannot reach Neo4j at {settings.uri}: is it running? Start one with "
            '`docker compose up -d` or `eval "$(polgraph neo4j start)"`, or set NEO4J_URI'
        )
    if isinstance(exc, ClientError | ConfigurationError):
        return Neo4jError(f"Neo4j at {where} refused the connection: {_first_line(exc)}")
    return None


def result_to_graph(
    result: EagerResult | Iterable[Record] | Iterable[Mapping[str, Any]],
) -> nx.MultiDiGraph:
    """Every node, relationship and path found anywhere in the result's values (also
    inside lists and maps) as one MultiDiGraph with all properties.

    Node keys are the `id` property (else the element id); attributes are the other
    properties plus `labels` and `node_type` (actor/event/place/article, as in
    graph.build). Edges are keyed by relationship type and carry `type` and properties.
    Dates become ISO strings and points `[x, y]` lists, so the graph serializes as JSON.
    """
    records = result.records if isinstance(result, EagerResult) else result
    nodes: dict[str, Node] = {}
    relationships: dict[str, Relationship] = {}
    for record in records:
        values = record.values() if isinstance(record, Record) else list(record.values())
        for value in values:
            _collect(value, nodes, relationships)
    for relationship in relationships.values():
        for end in (relationship.start_node, relationship.end_node):
            if end is not None and end.element_id not in nodes:
                nodes[end.element_id] = end
    graph = nx.MultiDiGraph()
    keys = {element_id: _node_key(node) for element_id, node in nodes.items()}
    for element_id, node in nodes.items():
        graph.add_node(keys[element_id], **_node_attrs(node))
    for relationship in relationships.values():
        start, end = relationship.start_node, relationship.end_node
        if start is None or end is None:
            continue
        props = {name: _plain(value) for name, value in relationship.items()}
        graph.add_edge(
            keys[start.element_id],
            keys[end.element_id],
            key=relationship.type,
            type=relationship.type,
            **props,
        )
    return graph


def _collect(value: Any, nodes: dict[str, Node], relationships: dict[str, Relationship]) -> None:
    if isinstance(value, Node):
        if value.element_id not in nodes or value.labels:
            nodes[value.element_id] = value
    elif isinstance(value, Relationship):
        relationships[value.element_id] = value
    elif isinstance(value, Path):
        for node in value.nodes:
            _collect(node, nodes, relationships)
        for relationship in value.relationships:
            _collect(relationship, nodes, relationships)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, nodes, relationships)
    elif isinstance(value, Mapping):
        for item in value.values():
            _collect(item, nodes, relationships)


def _node_key(node: Node) -> str:
    node_id = node.get("id")
    return str(node_id) if node_id is not None else node.element_id


def _node_attrs(node: Node) -> dict[str, Any]:
    labels = sorted(node.labels)
    node_type = next((NODE_TYPES_BY_LABEL[x] for x in labels if x in NODE_TYPES_BY_LABEL), None)
    attrs = {name: _plain(value) for name, value in node.items() if name != "id"}
    attrs["labels"] = labels
    attrs["node_type"] = node_type or (labels[0].lower() if labels else None)
    return attrs


def _plain(value: Any) -> Any:
    """Driver value types as JSON-friendly Python values."""
    if isinstance(value, Date | DateTime | Time | date | datetime):
        return value.isoformat()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, Point):
        return list(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _first_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(message).strip().splitlines()[0]

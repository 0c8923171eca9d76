"""Everything downstream of extraction: networkx graph, Neo4j store, queries, maps, CLI.

The names below are the public API (notebooks and other programs import them from here).
They load on first use, so `import graph` (and `polgraph --help`) stays fast: networkx,
pandas, pyvis and the Neo4j driver are imported only by what needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.analytics import actor_timeline, centrality, communities, dyads
    from graph.build import UnknownActorError, build_graph, find_actors, relation_graph
    from graph.export import (
        event_table,
        export_run,
        plover_records,
        relation_table,
        write_edge_list_csv,
        write_events_csv,
        write_events_parquet,
        write_gexf,
        write_graphml,
        write_node_link_json,
        write_plover_jsonl,
    )
    from graph.job import graph_from_folder, run_job, write_job
    from graph.maps.network import MapOptions, map_html, render_map
    from graph.store.connection import Neo4jSettings, connect
    from graph.store.load import load_extractions
    from graph.store.queries import list_queries, run_query
    from graph.store.readback import graph_from_cypher, result_to_graph
    from graph.store.writer import ensure_schema

_HOMES = {
    "actor_timeline": "graph.analytics",
    "centrality": "graph.analytics",
    "communities": "graph.analytics",
    "dyads": "graph.analytics",
    "UnknownActorError": "graph.build",
    "build_graph": "graph.build",
    "find_actors": "graph.build",
    "relation_graph": "graph.build",
    "event_table": "graph.export",
    "export_run": "graph.export",
    "plover_records": "graph.export",
    "relation_table": "graph.export",
    "write_edge_list_csv": "graph.export",
    "write_events_csv": "graph.export",
    "write_events_parquet": "graph.export",
    "write_gexf": "graph.export",
    "write_graphml": "graph.export",
    "write_node_link_json": "graph.export",
    "write_plover_jsonl": "graph.export",
    "graph_from_folder": "graph.job",
    "run_job": "graph.job",
    "write_job": "graph.job",
    "MapOptions": "graph.maps.network",
    "map_html": "graph.maps.network",
    "render_map": "graph.maps.network",
    "Neo4jSettings": "graph.store.connection",
    "connect": "graph.store.connection",
    "load_extractions": "graph.store.load",
    "list_queries": "graph.store.queries",
    "run_query": "graph.store.queries",
    "graph_from_cypher": "graph.store.readback",
    "result_to_graph": "graph.store.readback",
    "ensure_schema": "graph.store.writer",
}

__all__ = [
    "MapOptions",
    "Neo4jSettings",
    "UnknownActorError",
    "actor_timeline",
    "build_graph",
    "centrality",
    "communities",
    "connect",
    "dyads",
    "ensure_schema",
    "event_table",
    "export_run",
    "find_actors",
    "graph_from_cypher",
    "graph_from_folder",
    "list_queries",
    "load_extractions",
    "map_html",
    "plover_records",
    "relation_graph",
    "relation_table",
    "render_map",
    "result_to_graph",
    "run_job",
    "run_query",
    "write_edge_list_csv",
    "write_events_csv",
    "write_events_parquet",
    "write_gexf",
    "write_graphml",
    "write_job",
    "write_node_link_json",
    "write_plover_jsonl",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(import_module(home), name)

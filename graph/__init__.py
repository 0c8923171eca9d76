"""Everything downstream of extraction: networkx graph, Neo4j store, queries, maps, CLI.

The names below are the public API (notebooks and other programs import them from here).
They load on first use, so `import graph` (and `polgraph --help`) stays fast: networkx,
pandas, pyvis and the Neo4j driver are imported only by what needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, for type checkers and editors
    from graph.analytics import actor_timeline as actor_timeline
    from graph.analytics import centrality as centrality
    from graph.analytics import communities as communities
    from graph.analytics import dyads as dyads
    from graph.build import UnknownActorError as UnknownActorError
    from graph.build import build_graph as build_graph
    from graph.build import find_actors as find_actors
    from graph.events import group_mentions as group_mentions
    from graph.export import export_run as export_run
    from graph.export import write_events_parquet as write_events_parquet
    from graph.export import write_gexf as write_gexf
    from graph.export import write_graphml as write_graphml
    from graph.export import write_plover_jsonl as write_plover_jsonl
    from graph.job import graph_from_folder as graph_from_folder
    from graph.job import run_job as run_job
    from graph.maps.network import MapOptions as MapOptions
    from graph.maps.network import map_html as map_html
    from graph.maps.network import render_map as render_map
    from graph.relations import graph_summary as graph_summary
    from graph.relations import relation_graph as relation_graph
    from graph.safe_csv import csv_safe as csv_safe
    from graph.store.connection import Neo4jSettings as Neo4jSettings
    from graph.store.connection import connect as connect
    from graph.store.load import load_extractions as load_extractions
    from graph.store.queries import list_queries as list_queries
    from graph.store.queries import run_query as run_query
    from graph.store.readback import graph_from_cypher as graph_from_cypher
    from graph.store.readback import result_to_graph as result_to_graph
    from graph.store.writer import ensure_schema as ensure_schema
    from graph.tables import event_table as event_table
    from graph.tables import mention_table as mention_table

_API: dict[str, tuple[str, ...]] = {
    "graph.analytics": ("actor_timeline", "centrality", "communities", "dyads"),
    "graph.build": ("UnknownActorError", "build_graph", "find_actors"),
    "graph.events": ("group_mentions",),
    "graph.export": (
        "export_run",
        "write_events_parquet",
        "write_gexf",
        "write_graphml",
        "write_plover_jsonl",
    ),
    "graph.job": ("graph_from_folder", "run_job"),
    "graph.maps.network": ("MapOptions", "map_html", "render_map"),
    "graph.relations": ("graph_summary", "relation_graph"),
    "graph.safe_csv": ("csv_safe",),
    "graph.store.connection": ("Neo4jSettings", "connect"),
    "graph.store.load": ("load_extractions",),
    "graph.store.queries": ("list_queries", "run_query"),
    "graph.store.readback": ("graph_from_cypher", "result_to_graph"),
    "graph.store.writer": ("ensure_schema",),
    "graph.tables": ("event_table", "mention_table"),
}
_HOMES = {name: home for home, names in _API.items() for name in names}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)

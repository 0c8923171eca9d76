"""Where nodes go: vis-network physics tuned to settle fast, or a layout computed in Python.

Measured in headless Chromium (benchmarks/viz_scale.py): vis-network's default physics
with curved edges took 74 s to settle 1,000 nodes. The page instead runs Barnes-Hut with
a capped number of stabilization iterations, draws straight edges once the graph is big,
and switches physics off as soon as stabilization ends, so the map stops moving.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import Any, Literal

import networkx as nx

LayoutMode = Literal["auto", "physics", "precomputed"]

CURVED_EDGE_LIMIT = 300  # above this many edges, straight edges (curves cost per frame)
IMPROVED_LAYOUT_LIMIT = 100  # vis clusters bigger graphs for its initial layout: slow


def use_physics(mode: LayoutMode) -> bool:
    """Whether the page simulates the layout (True) or gets fixed x/y from Python.

    "auto" means physics at every size: the capped Barnes-Hut run settled 1,000 nodes in
    2.6 s and 5,000 in 5.6 s, while networkx's spring layout needs ~4 s and ~22 s for the
    same graphs in Python. "precomputed" is for reproducible positions (e.g. screenshots).
    """
    return mode != "precomputed"


def stabilization_iterations(node_count: int) -> int:
    """Fewer simulation steps for bigger graphs: each step costs O(n log n)."""
    if node_count <= 200:
        return 400
    if node_count <= 1000:
        return 200
    return max(60, int(200 * math.sqrt(1000 / node_count)))


def network_options(node_count: int, edge_count: int, physics: bool) -> str:
    """The vis-network options object (as JSON text, which pyvis's set_options expects)."""
    import json

    smooth: dict[str, Any] | bool = (
        {"enabled": True, "type": "curvedCW", "roundness": 0.15}
        if edge_count <= CURVED_EDGE_LIMIT
        else False
    )
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {
            "smooth": smooth,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": node_count > 500,
            "navigationButtons": False,
        },
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= IMPROVED_LAYOUT_LIMIT},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -3000,
                "centralGravity": 0.3,
                "springLength": 120,
                "springConstant": 0.04,
                "damping": 0.3,
                "avoidOverlap": 0.1,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": physics,
                "iterations": stabilization_iterations(node_count),
                "updateInterval": 50,
                "fit": True,
            },
        },
    }
    return json.dumps(options)


def precomputed_positions(
    nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]]
) -> dict[Hashable, tuple[float, float]]:
    """x/y in vis pixels for every node, from networkx's spring layout (seeded: stable)."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    if graph.number_of_nodes() == 0:
        return {}
    scale = 40.0 * math.sqrt(graph.number_of_nodes())
    layout = nx.spring_layout(graph, seed=7, iterations=30, scale=scale)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in layout.items()}

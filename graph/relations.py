"""The event graph folded into actor pairs, and the counts a run reports, from one graph.

`relation_graph` is the view researchers look at first and the relationship map draws: actors,
and one edge per ordered actor pair that counts its events (interactions only: an event
reported as not happening or as merely possible is not one, graph.events.is_interaction) with
their reports beside. `graph_summary` counts what that same graph holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.events import is_interaction


@dataclass
class DyadSummary:
    """Aggregate of the events from one actor to another (the relationship map's edge)."""

    count: int = 0
    reports: int = 0
    goldstein_sum: float = 0.0
    first_date: str | None = None
    last_date: str | None = None
    roots: dict[str, int] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)

    @property
    def goldstein_mean(self) -> float:
        return self.goldstein_sum / self.count if self.count else 0.0


def is_interaction_node(attrs: dict[str, Any]) -> bool:
    """An event node that counts as an interaction (see graph.events.is_interaction)."""
    return attrs.get("node_type") == "event" and is_interaction(
        attrs.get("negated"), attrs.get("modality")
    )


def event_dyads(graph: nx.MultiDiGraph) -> dict[tuple[str, str], DyadSummary]:
    """Every (source, target) actor pair with the interactions between them, in date order.

    `count` counts events; `reports` their reports (an event read back from Neo4j without
    its `reports` property counts one).
    """
    dyads: dict[tuple[str, str], DyadSummary] = {}
    for node, attrs in graph.nodes(data=True):
        if not is_interaction_node(attrs):
            continue
        sources = [u for u, _, k in graph.in_edges(node, keys=True) if k == "SOURCE_OF"]
        targets = [v for _, v, k in graph.out_edges(node, keys=True) if k == "TARGETS"]
        for source in sources:
            for target in targets:
                summary = dyads.setdefault((source, target), DyadSummary())
                summary.count += 1
                summary.reports += int(attrs.get("reports") or 1)
                summary.goldstein_sum += float(attrs.get("goldstein") or 0.0)
                root = str(attrs.get("cameo", ""))[:2]
                summary.roots[root] = summary.roots.get(root, 0) + 1
                summary.events.append(node)
                day = attrs.get("date")
                if day:
                    summary.first_date = min(filter(None, [summary.first_date, day]))
                    summary.last_date = max(filter(None, [summary.last_date, day]))
    for summary in dyads.values():
        summary.events.sort(key=lambda e: (graph.nodes[e].get("date") or "", e))
    return dyads


def dyad_fields(
    graph: nx.MultiDiGraph, source: str, target: str, summary: DyadSummary
) -> dict[str, Any]:
    """The columns every per-pair table shares: both actors by id and name, the report
    count, the Goldstein sum and mean, and the first and last date (analytics.dyads,
    tables.relation_table)."""
    return {
        "source_id": source,
        "source_name": graph.nodes[source].get("name", source),
        "target_id": target,
        "target_name": graph.nodes[target].get("name", target),
        "reports": summary.reports,
        "goldstein_sum": summary.goldstein_sum,
        "goldstein_mean": summary.goldstein_mean,
        "first_date": summary.first_date,
        "last_date": summary.last_date,
    }


def relation_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Actors as nodes, one edge per ordered actor pair aggregating its interactions:
    `count` events, `reports`, Goldstein sum and mean, dates, CAMEO roots, event ids."""
    relations = nx.DiGraph()
    for node, attrs in graph.nodes(data=True):
        if attrs.get("node_type") == "actor":
            relations.add_node(node, **attrs)
    for (source, target), summary in event_dyads(graph).items():
        relations.add_edge(
            source,
            target,
            count=summary.count,
            reports=summary.reports,
            goldstein_sum=summary.goldstein_sum,
            goldstein_mean=summary.goldstein_mean,
            first_date=summary.first_date,
            last_date=summary.last_date,
            roots=dict(sorted(summary.roots.items())),
            events=list(summary.events),
        )
    return relations


def graph_summary(graph: nx.MultiDiGraph) -> list[tuple[str, int]]:
    """The end-of-run counts, taken from the graph the map draws (so they agree with it):
    articles; actors by kind (country actors an affiliation adds included); events by
    CAMEO root; all events, those that are no interaction (negated or hypothetical) and
    their reports; places."""
    types: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    roots: Counter[str] = Counter()
    reports = not_interactions = 0
    for attrs in graph.nodes.values():
        node_type = str(attrs.get("node_type"))
        types[node_type] += 1
        if node_type == "actor":
            kinds[str(attrs.get("kind") or "other")] += 1
        elif node_type == "event":
            roots[str(attrs.get("cameo", ""))[:2]] += 1
            reports += int(attrs.get("reports") or 1)
            not_interactions += not is_interaction_node(attrs)
    return [
        ("articles", types["article"]),
        *((f"actors: {kind}", n) for kind, n in sorted(kinds.items())),
        *((f"events: CAMEO {root}", n) for root, n in sorted(roots.items())),
        ("events (all)", types["event"]),
        ("events negated or hypothetical", not_interactions),
        ("reports of events", reports),
        ("places", types["place"]),
    ]


def event_reports(graph: nx.MultiDiGraph, event: str) -> list[dict[str, Any]]:
    """An event's reports, earliest first (as graph.events orders them): the fields of each
    REPORTED_IN edge (its mention) with the reporting `article`'s id."""
    reports = [
        {**attrs, "article": article}
        for _, article, attrs in graph.out_edges(event, data=True)
        if attrs.get("type") == "REPORTED_IN"
    ]

    def order(report: dict[str, Any]) -> tuple[bool, str, str]:
        day = report.get("date") or graph.nodes[report["article"]].get("published")
        return (day is None, str(day or "")[:10], str(report.get("mention") or ""))

    return sorted(reports, key=order)

"""The event graph as tables: one row per event, per report, per actor pair; CSV made safe.

`event_table` has one row per event (GDELT's event table: who did what to whom, where, when)
with its report count; `mention_table` one row per report (GDELT's Mentions table: which
article said it, in which sentence); `relation_table` one row per ordered actor pair. Every
CSV polgraph writes passes its text cells through `csv_safe`, so a spreadsheet opening it
runs no formula an article smuggled in (graph.safe_csv).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graph.build import build_graph
from graph.relations import dyad_fields, event_dyads, event_reports
from graph.safe_csv import csv_safe
from ingest.model import Extraction

EVENT_COLUMNS = (
    "event_id",
    "date",
    "source_name",
    "source_id",
    "source_country",
    "source_kind",
    "target_name",
    "target_id",
    "target_country",
    "target_kind",
    "cameo",
    "root",
    "label",
    "quad_class",
    "goldstein",
    "negated",
    "modality",
    "modalities",
    "reports",
    "articles",
    "first_reported",
    "last_reported",
    "place_name",
    "place_country",
    "lat",
    "lon",
    "article_id",
    "url",
    "title",
    "sentence",
)
MENTION_COLUMNS = (
    "event_id",
    "mention_id",
    "event_date",
    "date",
    "date_text",
    "article_id",
    "url",
    "title",
    "outlet",
    "published",
    "sentence",
    "start",
    "end",
    "trigger",
    "cameo",
    "label",
    "source_id",
    "target_id",
    "place_id",
    "reporter_id",
    "confidence",
    "modality",
    "negated",
)
RELATION_COLUMNS = (
    "source_id",
    "source_name",
    "target_id",
    "target_name",
    "count",
    "reports",
    "goldstein_sum",
    "goldstein_mean",
    "first_date",
    "last_date",
    "roots",
)


def parent_made(path: Path) -> Path:
    """`path`, its parent folder created if missing (every writer's first step)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_csv(frame: pd.DataFrame, path: Path, **options: Any) -> Path:
    """`frame` as CSV with every text cell made safe (`csv_safe`); the parent folder made."""
    target = parent_made(path)
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column].dtype):
            safe[column] = safe[column].map(csv_safe, na_action="ignore")
    safe.to_csv(target, index=False, **options)
    return target


def as_graph(source: nx.MultiDiGraph | Iterable[Extraction]) -> nx.MultiDiGraph:
    """The event graph itself, or one built from extractions."""
    if isinstance(source, nx.Graph):
        return source
    return build_graph(source)


def _roots_text(roots: Mapping[str, int]) -> str:
    return "; ".join(f"{root}:{count}" for root, count in sorted(roots.items()))


def relation_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per ordered actor pair: events (`count`) and their reports, Goldstein sum
    and mean, dates, CAMEO roots (interactions only, as the relationship map)."""
    rows = [
        {
            **dyad_fields(graph, source, target, summary),
            "count": summary.count,
            "roots": _roots_text(summary.roots),
        }
        for (source, target), summary in event_dyads(graph).items()
    ]
    frame = pd.DataFrame(rows, columns=list(RELATION_COLUMNS))
    return frame.sort_values(["count", "source_id", "target_id"], ascending=[False, True, True])


def _neighbour(graph: nx.MultiDiGraph, event: str, relationship: str) -> str | None:
    if relationship == "SOURCE_OF":
        found = [u for u, _, key in graph.in_edges(event, keys=True) if key == relationship]
    else:
        found = [v for _, v, key in graph.out_edges(event, keys=True) if key == relationship]
    return found[0] if found else None


def _actor_columns(graph: nx.MultiDiGraph, prefix: str, actor: str | None) -> dict[str, Any]:
    attrs = graph.nodes[actor] if actor is not None else {}
    return {
        f"{prefix}_name": attrs.get("name"),
        f"{prefix}_id": actor,
        f"{prefix}_country": attrs.get("country"),
        f"{prefix}_kind": attrs.get("kind"),
    }


def _event_row(graph: nx.MultiDiGraph, event: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    place = _neighbour(graph, event, "OCCURRED_IN")
    place_attrs = graph.nodes[place] if place is not None else {}
    reports = event_reports(graph, event)
    first = reports[0] if reports else {}
    article = graph.nodes[first["article"]] if first else {}
    cameo = str(attrs.get("cameo", ""))
    modalities = attrs.get("modalities") or [attrs.get("modality")]
    return {
        "event_id": event,
        "date": attrs.get("date"),
        **_actor_columns(graph, "source", _neighbour(graph, event, "SOURCE_OF")),
        **_actor_columns(graph, "target", _neighbour(graph, event, "TARGETS")),
        "cameo": cameo,
        "root": cameo[:2],
        "label": attrs.get("label"),
        "quad_class": attrs.get("quad_class"),
        "goldstein": attrs.get("goldstein"),
        "negated": bool(attrs.get("negated", False)),
        "modality": attrs.get("modality"),
        "modalities": "; ".join(str(m) for m in modalities if m),
        "reports": int(attrs.get("reports") or len(reports)),
        "articles": int(attrs.get("articles") or len({r["article"] for r in reports})),
        "first_reported": attrs.get("first_reported"),
        "last_reported": attrs.get("last_reported"),
        "place_name": place_attrs.get("name"),
        "place_country": place_attrs.get("country"),
        "lat": place_attrs.get("lat"),
        "lon": place_attrs.get("lon"),
        "article_id": first.get("article"),
        "url": article.get("url"),
        "title": article.get("title"),
        "sentence": first.get("sentence"),
    }


def event_table(source: nx.MultiDiGraph | Iterable[Extraction]) -> pd.DataFrame:
    """One row per event, GDELT-like (who did what to whom, where, when), with its number
    of reports and articles; the article, URL, title and sentence are its first report's
    (`mention_table` has them all). Negated and hypothetical events are rows too, flagged.

    `date` is a pandas datetime (NaT when unknown); rows are in date order, then by id.
    """
    graph = as_graph(source)
    rows = [
        _event_row(graph, node, attrs)
        for node, attrs in graph.nodes(data=True)
        if attrs.get("node_type") == "event"
    ]
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    for column in ("quad_class", "reports", "articles"):
        frame[column] = frame[column].astype("Int64")
    for column in ("goldstein", "lat", "lon"):
        frame[column] = frame[column].astype("float64")
    frame["negated"] = frame["negated"].astype(bool)
    frame = frame.sort_values(["date", "event_id"], na_position="last")
    return frame.reset_index(drop=True)


def mention_table(source: nx.MultiDiGraph | Iterable[Extraction]) -> pd.DataFrame:
    """One row per report of an event, like GDELT's Mentions table: the event, the mention
    (its own id, code, date, sentence and character offsets, trigger, confidence, modality)
    and the article that carries it (id, URL, title, outlet, publication date). In event
    order, then each event's reports earliest first."""
    graph = as_graph(source)
    rows = []
    for event in event_table(graph)["event_id"]:
        attrs = graph.nodes[event]
        for report in event_reports(graph, event):
            article = graph.nodes[report["article"]]
            rows.append(
                {
                    "event_id": event,
                    "mention_id": report.get("mention"),
                    "event_date": attrs.get("date"),
                    "date": report.get("date"),
                    "date_text": report.get("date_text"),
                    "article_id": report["article"],
                    "url": article.get("url"),
                    "title": article.get("title"),
                    "outlet": article.get("source"),
                    "published": article.get("published"),
                    "sentence": report.get("sentence"),
                    "start": report.get("start"),
                    "end": report.get("end"),
                    "trigger": report.get("trigger"),
                    "cameo": report.get("cameo"),
                    "label": report.get("label"),
                    "source_id": report.get("source"),
                    "target_id": report.get("target"),
                    "place_id": report.get("place"),
                    "reporter_id": report.get("reporter"),
                    "confidence": report.get("confidence"),
                    "modality": report.get("modality"),
                    "negated": bool(report.get("negated", False)),
                }
            )
    frame = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    for column in ("event_date", "date", "published"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    for column in ("start", "end"):
        frame[column] = frame[column].astype("Int64")
    frame["confidence"] = frame["confidence"].astype("float64")
    frame["negated"] = frame["negated"].astype(bool)
    return frame

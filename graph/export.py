"""The event graph as files other tools read: GraphML, GEXF, node-link JSON, CSV, Parquet, PLOVER.

Graph formats (`write_graphml`, `write_gexf`, `write_node_link_json`) hold the whole
MultiDiGraph from `graph.build.build_graph`. GraphML and GEXF only know scalar
attributes, so lists are joined with "; " (roles, aliases), dicts become JSON strings
and `None` values are left out; node-link JSON keeps lists and dicts as they are.
Table formats (graph.tables) are one row per actor pair (`relation_table`), per event
(`event_table`, GDELT-like columns, with its report count) or per report (`mention_table`,
like GDELT's Mentions); their CSV cells are made formula-safe (`graph.tables.csv_safe`).
`plover_records` recodes events to PLOVER types with the Open Event Data Alliance's
CAMEO→PLOVER table (`graph/data/cameo2plover.txt`). Every writer creates the parent folder
of its output.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import networkx as nx
import pandas as pd

from graph.tables import event_table, mention_table, parent_made, relation_table, write_csv
from ingest.model import Extraction

PLOVER_TABLE = Path(__file__).parent / "data" / "cameo2plover.txt"


def scalar_value(value: Any) -> str | int | float | bool | None:
    """A value GraphML/GEXF can hold: lists joined with "; ", dicts as JSON, None kept None."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple | set):
        return "; ".join(str(item) for item in value if item is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _scalar_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    flat = {key: scalar_value(value) for key, value in attrs.items()}
    return {key: value for key, value in flat.items() if value is not None}


def scalar_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of `graph` whose attributes are all scalars (see `scalar_value`), None dropped."""
    flat = graph.__class__()
    flat.graph.update(_scalar_attrs(graph.graph))
    flat.add_nodes_from((node, _scalar_attrs(attrs)) for node, attrs in graph.nodes(data=True))
    if graph.is_multigraph():
        flat.add_edges_from(
            (u, v, key, _scalar_attrs(attrs))
            for u, v, key, attrs in graph.edges(keys=True, data=True)
        )
    else:
        flat.add_edges_from((u, v, _scalar_attrs(attrs)) for u, v, attrs in graph.edges(data=True))
    return flat


def write_graphml(graph: nx.Graph, path: Path) -> Path:
    """GraphML for yEd, Cytoscape, igraph; lists become "; "-joined text, None is omitted."""
    target = parent_made(path)
    nx.write_graphml(scalar_graph(graph), target, infer_numeric_types=True)
    return target


DISPLAY_FIELD = {"actor": "name", "place": "name", "article": "title", "event": "cameo_label"}


def _display_label(node: str, attrs: Mapping[str, Any]) -> str:
    """Actor and place names, article titles, event verbs; the id when that is missing."""
    return str(attrs.get(DISPLAY_FIELD.get(attrs.get("node_type", ""), "name")) or node)


def gexf_graph(graph: nx.Graph) -> nx.Graph:
    """Scalar copy with GEXF's reserved names avoided: `label` shown in Gephi, no spells.

    GEXF reads `start`/`end` as time spells and an edge `type` as directed/undirected, so
    a report's offsets become `char_start`/`char_end`, an event's or report's verb
    `cameo_label`, and the relationship type `relationship` (also the edge label).
    """
    flat = scalar_graph(graph)
    for node, attrs in flat.nodes(data=True):
        _rename_reserved(attrs)
        attrs["label"] = _display_label(node, attrs)
    for *_, attrs in flat.edges(data=True):
        _rename_reserved(attrs)  # a REPORTED_IN edge holds its mention's fields
        if "type" in attrs:
            attrs["relationship"] = attrs.pop("type")
            attrs["label"] = attrs["relationship"]
        attrs.pop("key", None)
    return flat


def _rename_reserved(attrs: dict[str, Any]) -> None:
    for old, new in (("label", "cameo_label"), ("start", "char_start"), ("end", "char_end")):
        if old in attrs:
            attrs[new] = attrs.pop(old)


def write_gexf(graph: nx.Graph, path: Path) -> Path:
    """GEXF for Gephi; node labels are actor/place names, article titles, event verbs."""
    target = parent_made(path)
    nx.write_gexf(gexf_graph(graph), target)
    return target


def _json_default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_node_link_json(graph: nx.Graph, path: Path) -> Path:
    """networkx node-link JSON (`nodes`, `edges`); lists and dicts are kept as JSON values."""
    target = parent_made(path)
    data = nx.node_link_data(graph, edges="edges")
    with target.open("w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False, indent=1, default=_json_default)
        stream.write("\n")
    return target


def write_edge_list_csv(graph: nx.MultiDiGraph, path: Path) -> Path:
    """The relationship view as CSV (`relation_table`); roots read "04:2; 16:1"."""
    return write_csv(relation_table(graph), path)


def write_events_csv(source: nx.MultiDiGraph | Iterable[Extraction], path: Path) -> Path:
    """`event_table` as CSV (dates as YYYY-MM-DD), one row per event."""
    return write_csv(event_table(source), path, date_format="%Y-%m-%d")


def write_mentions_csv(source: nx.MultiDiGraph | Iterable[Extraction], path: Path) -> Path:
    """`mention_table` as CSV (dates as YYYY-MM-DD), one row per report of an event."""
    return write_csv(mention_table(source), path, date_format="%Y-%m-%d")


def write_events_parquet(source: nx.MultiDiGraph | Iterable[Extraction], path: Path) -> Path:
    """`event_table` as Parquet (typed columns: datetime, Int64, float, bool)."""
    target = parent_made(path)
    event_table(source).to_parquet(target, index=False)
    return target


@dataclass(frozen=True, slots=True)
class PloverCode:
    """One row of the CAMEO→PLOVER table: event type, mode and contexts."""

    event: str
    mode: str | None
    context: tuple[str, ...]
    description: str


def parse_plover_line(line: str) -> tuple[str, PloverCode] | None:
    """`"161: SANCTION, withdraw, diplomatic # Reduce…"` → ("161", PloverCode(...))."""
    body, _, description = line.partition("#")
    code, colon, rest = body.partition(":")
    code = code.strip()
    if not colon or not code.isdigit():
        return None
    fields = [part.strip() for part in rest.split(",")]
    event = fields[0]
    if not event:
        return None
    mode = fields[1] if len(fields) > 1 and fields[1] else None
    context_text = ",".join(fields[2:])
    context = tuple(part.strip() for part in context_text.split(";") if part.strip())
    return code, PloverCode(event, mode, context, description.strip())


@lru_cache(maxsize=4)
def load_cameo_to_plover(path: Path = PLOVER_TABLE) -> Mapping[str, PloverCode]:
    """CAMEO code → PLOVER code from the table; where a code repeats, its first line wins."""
    table: dict[str, PloverCode] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            continue
        parsed = parse_plover_line(line)
        if parsed is not None:
            table.setdefault(*parsed)
    return MappingProxyType(table)


def plover_code(cameo: str, table: Mapping[str, PloverCode] | None = None) -> PloverCode | None:
    """The PLOVER code of the most specific entry matching `cameo` ("0421" → "042" → "04").

    None where the table has no entry (it maps no CAMEO 01 statements or 02 appeals).
    """
    table = load_cameo_to_plover() if table is None else table
    for length in range(len(cameo), 1, -1):
        found = table.get(cameo[:length])
        if found is not None:
            return found
    return None


def _plover_actor(row: Mapping[Hashable, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_id"] is None:
        return None
    return {
        "actorText": row[f"{prefix}_name"],
        "id": row[f"{prefix}_id"],
        "code": row[f"{prefix}_country"],
        "kind": row[f"{prefix}_kind"],
    }


def _clean(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def plover_records(source: nx.MultiDiGraph | Iterable[Extraction]) -> Iterator[dict[str, Any]]:
    """Events as PLOVER-style JSON records (`event`, `mode`, `context`, actors, location).

    One record per event. Field names follow the PLOVER gold-standard records; `cameo`,
    `goldstein`, `negated` and `modality` are kept so nothing from the CAMEO coding is
    lost, and `reports`/`articles` count the event's reports. `text` and the article are
    its first report's. `event` is None for CAMEO codes the table does not map.
    """
    frame = event_table(source).astype(object).where(lambda f: f.notna(), None)
    for row in frame.to_dict(orient="records"):
        code = plover_code(str(row["cameo"]))
        day = row["date"]
        yield {
            "id": row["event_id"],
            "date": day.date().isoformat() if day is not None else None,
            "event": code.event if code else None,
            "mode": code.mode if code else None,
            "context": list(code.context) if code else [],
            "source": _plover_actor(row, "source"),
            "target": _plover_actor(row, "target"),
            "eventText": row["label"],
            "text": row["sentence"],
            "cameo": row["cameo"],
            "quad_class": _clean(row["quad_class"]),
            "goldstein": _clean(row["goldstein"]),
            "negated": bool(row["negated"]),
            "modality": row["modality"],
            "reports": _clean(row["reports"]),
            "articles": _clean(row["articles"]),
            "location": None
            if row["place_name"] is None
            else {
                "name": row["place_name"],
                "country": row["place_country"],
                "lat": _clean(row["lat"]),
                "lon": _clean(row["lon"]),
            },
            "article": row["article_id"],
            "url": row["url"],
            "title": row["title"],
        }


def write_plover_jsonl(source: nx.MultiDiGraph | Iterable[Extraction], path: Path) -> Path:
    """PLOVER-style JSON Lines, one event per line (see `plover_records`)."""
    target = parent_made(path)
    with target.open("w", encoding="utf-8") as stream:
        for record in plover_records(source):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


Writer = Callable[[nx.MultiDiGraph, Path], Path]

# format name → its writer and the file it writes beside the extraction file by default
EXPORT_FORMATS: dict[str, tuple[Writer, str]] = {
    "graphml": (write_graphml, "graph.graphml"),
    "gexf": (write_gexf, "graph.gexf"),
    "json": (write_node_link_json, "graph.json"),
    "csv": (write_edge_list_csv, "relations.csv"),
    "events-csv": (write_events_csv, "events.csv"),
    "events-parquet": (write_events_parquet, "events.parquet"),
    "mentions-csv": (write_mentions_csv, "mentions.csv"),
    "plover": (write_plover_jsonl, "events.plover.jsonl"),
}


def export_run(source: Path, export_format: str, output: Path | None = None) -> Path:
    """Write the graph of a run folder (or an extraction .jsonl file) in one of
    EXPORT_FORMATS, by default to that format's file beside the extraction file."""
    from graph.job import extraction_file, graph_from_folder

    writer, default_name = EXPORT_FORMATS[export_format]
    target = output if output is not None else extraction_file(source).parent / default_name
    return writer(graph_from_folder(source), target)

"""Exports read back with the tools researchers use (networkx, pandas, json); values checked."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from graph.build import build_graph
from graph.export import (
    load_cameo_to_plover,
    plover_code,
    plover_records,
    write_edge_list_csv,
    write_events_csv,
    write_events_parquet,
    write_gexf,
    write_graphml,
    write_mentions_csv,
    write_node_link_json,
    write_plover_jsonl,
)
from graph.safe_csv import csv_safe
from graph.tables import EVENT_COLUMNS, MENTION_COLUMNS, event_table, mention_table, relation_table
from ingest.jsonl import dump_extraction
from ingest.model import Actor, Article, Event, Extraction, Place, article_id, mention_id

KAST = Actor(
    "person:jose-antonio-kast",
    "José Antonio Kast",
    "person",
    "CHL",
    ("President-elect",),
    ("Kast", "Jose Antonio Kast"),
)
NOBOA = Actor("person:daniel-noboa", "Daniel Noboa", "person", "ECU", ("President",), ("Noboa",))
PETRO = Actor("person:gustavo-petro", "Gustavo Petro", "person", "COL", ("President",), ("Petro",))
MILEI = Actor("person:javier-milei", "Javier Milei", "person", "ARG", ("President",), ("Milei",))
CHILE = Actor("country:CHL", "Chile", "country", "CHL", (), ("Chile",))
VENEZUELA = Actor("country:VEN", "Venezuela", "country", "VEN", (), ("Venezuela",))

ECUADOR_PLACE = Place("place:ECU", "Ecuador", "country", "ECU", -1.25, -78.25)
QUITO = Place("place:city:ECU:quito", "Quito", "city", "ECU", -0.22985, -78.52495, "place:ECU")
VENEZUELA_PLACE = Place("place:VEN", "Venezuela", "country", "VEN", 8.0, -66.0)
CARACAS = Place("place:city:VEN:caracas", "Caracas", "city", "VEN", 10.488, -66.879, "place:VEN")

CODES = {  # cameo: (label, quad class, Goldstein)
    "040": ("met", 1, 1.0),
    "051": ("praised", 1, 3.4),
    "020": ("appealed", 1, 3.0),
    "111": ("criticized", 3, -2.0),
    "036": ("plans to meet", 1, 4.0),
    "161": ("broke relations", 4, -4.0),
    "057": ("signed an agreement", 1, 8.0),
}


def coded_event(
    article: Article,
    start: int,
    cameo: str,
    source: Actor,
    target: Actor,
    sentence: str,
    day: date,
    place: Place | None = None,
    modality: str = "asserted",
) -> Event:
    label, quad, goldstein = CODES[cameo]
    return Event.from_dict(
        {
            "id": mention_id(article.id, start, cameo, source.id, target.id),
            "cameo": cameo,
            "label": label,
            "quad_class": quad,
            "goldstein": goldstein,
            "source": source.id,
            "target": target.id,
            "place": place.id if place else None,
            "date": day.isoformat(),
            "date_text": "on Tuesday" if start == 0 else None,
            "modality": modality,
            "sentence": sentence,
            "start": start,
            "end": start + len(sentence),
        }
    )


def andes_extractions() -> list[Extraction]:
    """Two articles: Kast as the hub of one cluster; Chile and Venezuela a separate one."""
    url = "https://colombiaone.com/2025/12/16/kast-noboa-quito/"
    first = Article(
        article_id(url, ""),
        "Kast meets Noboa in Quito",
        url,
        date(2025, 12, 16),
        "Colombia One",
        "",
    )
    monday, tuesday = date(2025, 12, 16), date(2025, 12, 17)
    first_events = (
        coded_event(first, 0, "040", KAST, NOBOA, "Kast met Noboa in Quito.", monday, QUITO),
        coded_event(first, 30, "051", NOBOA, KAST, "Noboa praised Kast.", monday),
        coded_event(first, 60, "020", KAST, PETRO, "Kast appealed to Petro.", monday),
        coded_event(first, 90, "111", PETRO, KAST, "Petro criticized Kast.", tuesday),
        coded_event(
            first, 120, "036", KAST, MILEI, "Kast will meet Milei.", tuesday, modality="planned"
        ),
    )
    url2 = "https://example.org/2025/12/20/chile-venezuela/"
    second = Article(
        article_id(url2, ""), "Chile and Venezuela", url2, date(2025, 12, 20), None, ""
    )
    day = date(2025, 12, 20)
    second_events = (
        coded_event(second, 0, "161", CHILE, VENEZUELA, "Chile broke relations.", day, CARACAS),
        coded_event(second, 40, "111", VENEZUELA, CHILE, "Venezuela criticized Chile.", day),
        coded_event(second, 80, "057", CHILE, VENEZUELA, "Chile signed a pact.", day),
    )
    return [
        Extraction(first, (KAST, NOBOA, PETRO, MILEI), (ECUADOR_PLACE, QUITO), first_events),
        Extraction(second, (CHILE, VENEZUELA), (VENEZUELA_PLACE, CARACAS), second_events),
    ]


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return build_graph(andes_extractions())


def _event_node(graph: nx.MultiDiGraph, cameo: str, source: Actor) -> str:
    return next(
        node
        for node, attrs in graph.nodes(data=True)
        if attrs.get("cameo") == cameo and graph.has_edge(source.id, node, key="SOURCE_OF")
    )


def _report(graph: nx.MultiDiGraph, event: str, type_field: str = "type") -> dict[str, Any]:
    """The attributes of the (only) REPORTED_IN edge of an event."""
    (report,) = [
        attrs
        for _, _, attrs in graph.out_edges(event, data=True)
        if attrs.get(type_field) == "REPORTED_IN"
    ]
    return report


def test_graphml_round_trips_with_lists_joined_and_none_dropped(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = write_graphml(graph, tmp_path / "nested" / "graph.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    kast = back.nodes[KAST.id]
    assert kast["aliases"] == "Jose Antonio Kast; Kast"  # sorted; the canonical name is no alias
    assert kast["roles"] == "President-elect"
    quito = back.nodes[QUITO.id]
    assert quito["lat"] == pytest.approx(-0.22985)
    met = _event_node(graph, "040", KAST)
    assert back.nodes[met]["goldstein"] == pytest.approx(1.0)
    assert back.nodes[met]["reports"] == 1
    assert _report(back, met)["date_text"] == "on Tuesday"  # the mention, on REPORTED_IN
    praised = _event_node(graph, "051", NOBOA)
    assert "date_text" not in _report(back, praised)  # None is left out, not "None"
    assert back.has_edge(met, QUITO.id, key="OCCURRED_IN")
    assert back.has_edge(KAST.id, "country:CHL", key="AFFILIATED_WITH")


def test_gexf_labels_nodes_and_avoids_reserved_names(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = write_gexf(graph, tmp_path / "graph.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes[KAST.id]["label"] == "José Antonio Kast"
    met = _event_node(graph, "040", KAST)
    assert back.nodes[met]["label"] == "met"
    assert back.nodes[met]["cameo_label"] == "met"
    report = _report(back, met, "relationship")
    assert int(report["char_start"]) == 0 and report["cameo_label"] == "met"
    relationships = {attrs["relationship"] for *_, attrs in back.edges(data=True)}
    assert relationships == {
        "SOURCE_OF",
        "TARGETS",
        "OCCURRED_IN",
        "WITHIN",
        "REPORTED_IN",
        "MENTIONED_IN",
        "AFFILIATED_WITH",
    }


def test_node_link_json_keeps_lists(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_node_link_json(graph, tmp_path / "graph.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "edges" in data
    back = nx.node_link_graph(data, edges="edges")
    assert back.is_multigraph() and back.is_directed()
    assert back.nodes[KAST.id]["aliases"] == ["Jose Antonio Kast", "Kast"]
    assert back.nodes[QUITO.id]["lon"] == pytest.approx(-78.52495)
    assert back.number_of_edges() == graph.number_of_edges()


def test_relation_csv_aggregates_each_ordered_pair(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_edge_list_csv(graph, tmp_path / "relations.csv")
    table = pd.read_csv(path)
    assert len(table) == 7  # Kast↔Noboa, Kast↔Petro, Kast→Milei, Chile↔Venezuela
    chile = table[(table.source_id == "country:CHL") & (table.target_id == "country:VEN")]
    row = chile.iloc[0]
    assert (row["source_name"], row["target_name"]) == ("Chile", "Venezuela")
    assert row["count"] == 2
    assert row["goldstein_sum"] == pytest.approx(4.0)
    assert row["goldstein_mean"] == pytest.approx(2.0)
    assert row["roots"] == "05:1; 16:1"
    assert (row["first_date"], row["last_date"]) == ("2025-12-20", "2025-12-20")
    assert table.iloc[0]["count"] == 2  # most active pair first


def test_event_table_one_row_per_event_with_actor_and_place_columns(
    graph: nx.MultiDiGraph,
) -> None:
    table = event_table(graph)
    assert list(table.columns) == list(EVENT_COLUMNS)
    assert len(table) == 8
    assert table["date"].is_monotonic_increasing
    met = table[table.cameo == "040"].iloc[0]
    assert met["source_name"] == "José Antonio Kast"
    assert (met["source_country"], met["source_kind"]) == ("CHL", "person")
    assert (met["target_id"], met["target_country"]) == (NOBOA.id, "ECU")
    assert (met["place_name"], met["place_country"]) == ("Quito", "ECU")
    assert met["lat"] == pytest.approx(-0.22985)
    assert (met["root"], met["quad_class"], met["goldstein"]) == ("04", 1, 1.0)
    assert met["title"] == "Kast meets Noboa in Quito"
    assert met["sentence"] == "Kast met Noboa in Quito."
    planned = table[table.cameo == "036"].iloc[0]
    assert planned["modality"] == "planned"
    assert pd.isna(planned["place_name"]) and pd.isna(planned["lat"])
    assert event_table(andes_extractions()).equals(table)  # extractions or graph alike


def test_event_table_of_empty_input_has_the_columns() -> None:
    table = event_table([])
    assert table.empty and list(table.columns) == list(EVENT_COLUMNS)


def test_events_csv_and_parquet_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    csv_table = pd.read_csv(write_events_csv(graph, tmp_path / "out" / "events.csv"))
    parquet = pd.read_parquet(write_events_parquet(graph, tmp_path / "out" / "events.parquet"))
    for table in (csv_table, parquet):
        assert len(table) == 8
        sanction = table[table.cameo.astype(str).str.zfill(3) == "161"].iloc[0]
        assert (sanction["source_name"], sanction["target_name"]) == ("Chile", "Venezuela")
        assert sanction["place_name"] == "Caracas"
        assert sanction["goldstein"] == pytest.approx(-4.0)
    assert csv_table["date"].iloc[0] == "2025-12-16"
    assert parquet["date"].iloc[0] == pd.Timestamp("2025-12-16")
    assert parquet["cameo"].tolist() == event_table(graph)["cameo"].tolist()  # "040" stays text


@pytest.mark.parametrize(
    ("cameo", "event", "mode", "context"),
    [
        ("040", "CONSULT", None, ()),
        ("042", "CONSULT", "visit", ()),
        ("0421", "CONSULT", "visit", ()),  # unknown sub-code: falls back to 042
        ("161", "SANCTION", "withdraw", ("diplomatic",)),
        ("163", "COERCE", "restrict", ("diplomatic",)),
        ("171", "COERCE", "seize", ("human_security",)),
        ("1712", "ASSAULT", "seize", ("human_security",)),  # the specific code wins
        ("091", "ACCUSE", "investigate", ("crime", "corruption")),
        ("084", "RETREAT", None, ()),
        ("0813", "RETREAT", None, ("legal",)),
        ("089", "CONCEDE", None, ()),  # root 08 listed twice: the first heading wins
        ("2041", "ASSAULT", "unconventional", ("cbrn",)),
    ],
)
def test_plover_code_most_specific_entry_wins(
    cameo: str, event: str, mode: str | None, context: tuple[str, ...]
) -> None:
    code = plover_code(cameo)
    assert code is not None
    assert (code.event, code.mode, code.context) == (event, mode, context)


@pytest.mark.parametrize("cameo", ["010", "020", "0211", "999"])
def test_plover_code_is_none_where_the_table_has_no_entry(cameo: str) -> None:
    assert plover_code(cameo) is None


def test_plover_table_parses_every_coded_line() -> None:
    table = load_cameo_to_plover()
    assert table["0833"].description == "Accede to demands for rights"
    assert {code.event for code in table.values()} == {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "COOPERATE",
        "AID",
        "CONCEDE",
        "RETREAT",
        "ACCUSE",
        "REQUEST",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "MOBILIZE",
        "SANCTION",
        "COERCE",
        "ASSAULT",
    }
    assert len(table) > 250


def test_plover_jsonl_records(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_plover_jsonl(graph, tmp_path / "events.plover.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert records == list(plover_records(graph))
    assert len(records) == 8
    by_cameo = {(r["cameo"], r["source"]["id"]): r for r in records}
    met = by_cameo[("040", KAST.id)]
    assert (met["event"], met["date"], met["eventText"]) == ("CONSULT", "2025-12-16", "met")
    assert met["source"] == {
        "actorText": "José Antonio Kast",
        "id": KAST.id,
        "code": "CHL",
        "kind": "person",
    }
    assert met["target"]["actorText"] == "Daniel Noboa"
    assert met["location"] == {"name": "Quito", "country": "ECU", "lat": -0.22985, "lon": -78.52495}
    sanction = by_cameo[("161", CHILE.id)]
    assert (sanction["event"], sanction["mode"], sanction["context"]) == (
        "SANCTION",
        "withdraw",
        ["diplomatic"],
    )
    assert (sanction["quad_class"], sanction["goldstein"]) == (4, -4.0)
    appeal = by_cameo[("020", KAST.id)]
    assert appeal["event"] is None and appeal["location"] is None


def test_relation_table_of_empty_graph() -> None:
    assert relation_table(nx.MultiDiGraph()).empty


@pytest.fixture
def run_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    lines = [dump_extraction(extraction) + "\n" for extraction in andes_extractions()]
    (folder / "extraction.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


def _invoke(*args: str) -> tuple[int, str, str]:
    from graph.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("graphml", "graph.graphml"),
        ("gexf", "graph.gexf"),
        ("json", "graph.json"),
        ("csv", "relations.csv"),
        ("events-csv", "events.csv"),
        ("events-parquet", "events.parquet"),
        ("plover", "events.plover.jsonl"),
    ],
)
def test_cli_export_writes_each_format_into_the_run_folder(
    run_folder: Path, fmt: str, name: str
) -> None:
    code, out, err = _invoke("export", "--from", str(run_folder), "--format", fmt)
    assert code == 0, err
    written = run_folder / name
    assert f"wrote {written}" in out
    expected = build_graph(andes_extractions())
    if fmt == "graphml":
        assert nx.read_graphml(written).number_of_nodes() == expected.number_of_nodes()
    elif fmt == "gexf":
        assert nx.read_gexf(written).number_of_nodes() == expected.number_of_nodes()
    elif fmt == "json":
        assert len(json.loads(written.read_text(encoding="utf-8"))["nodes"]) == len(expected)
    elif fmt == "csv":
        assert len(pd.read_csv(written)) == 7
    elif fmt == "events-csv":
        assert len(pd.read_csv(written)) == 8
    elif fmt == "events-parquet":
        assert pd.read_parquet(written)["event_id"].is_unique
    else:
        assert len(written.read_text(encoding="utf-8").splitlines()) == 8


def test_cli_export_to_a_chosen_file(run_folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "events.csv"
    code, _, err = _invoke(
        "export", "--from", str(run_folder), "-f", "events-csv", "-o", str(target)
    )
    assert code == 0, err
    assert len(pd.read_csv(target)) == 8


def test_cli_export_without_extraction_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _invoke("export", "--from", str(tmp_path / "nothing-here"))
    assert code == 2
    assert "extraction.jsonl: not found" in err
    assert "Traceback" not in err


def test_cli_export_of_a_broken_extraction_file_fails_in_one_line(run_folder: Path) -> None:
    with (run_folder / "extraction.jsonl").open("a", encoding="utf-8") as stream:
        stream.write('{"article": {}}\n')
    code, _, err = _invoke("export", "--from", str(run_folder), "--format", "json")
    assert code == 1
    assert "extraction.jsonl:3" in err and "not an extraction record" in err
    assert "Traceback" not in err


def test_the_cli_offers_every_export_format() -> None:
    from graph.cli.exports import ExportFormat
    from graph.export import EXPORT_FORMATS

    # the graph writers, then the bulk-import folder, which streams from the extractions
    # (graph.bulk) instead of writing the built graph
    assert [choice.value for choice in ExportFormat] == [*EXPORT_FORMATS, "neo4j-import"]


def test_graph_files_carry_the_reporter_as_neo4j_does(tmp_path: Path) -> None:
    """Issue 11 item 3: REPORTED_BY edges in GraphML, GEXF and node-link JSON."""
    from tests.plugins.neo4j_server import political_extractions

    graph = build_graph(political_extractions())
    reuters = "organization:reuters"
    (planned,) = [n for n, a in graph.nodes(data=True) if a.get("cameo") == "036"]
    assert graph.has_edge(planned, reuters, key="REPORTED_BY")
    graphml = nx.read_graphml(write_graphml(graph, tmp_path / "g.graphml"), force_multigraph=True)
    assert graphml.has_edge(planned, reuters, key="REPORTED_BY")
    gexf = nx.read_gexf(write_gexf(graph, tmp_path / "g.gexf"))
    assert any(a.get("relationship") == "REPORTED_BY" for *_, a in gexf.edges(planned, data=True))
    data = json.loads(write_node_link_json(graph, tmp_path / "g.json").read_text("utf-8"))
    assert {"source": planned, "target": reuters, "key": "REPORTED_BY", "type": "REPORTED_BY"} in [
        {k: e[k] for k in ("source", "target", "key", "type")} for e in data["edges"]
    ]


def test_mentions_table_has_one_row_per_report() -> None:
    from tests.graph.event_corpus import REPORTS, event_corpus

    corpus = event_corpus()
    graph = build_graph(corpus)
    mentions = mention_table(graph)
    assert list(mentions.columns) == list(MENTION_COLUMNS)
    assert len(mentions) == REPORTS
    assert set(mentions["mention_id"]) == {e.id for x in corpus for e in x.events}
    events = event_table(graph)
    assert mentions.groupby("event_id").size().to_dict() == dict(
        zip(events["event_id"], events["reports"], strict=True)
    )
    (first,) = [x for x in corpus if x.article.title == "Kast visits Noboa"]
    row = mentions[mentions["mention_id"] == first.events[0].id].iloc[0]
    assert (row["outlet"], row["url"], row["title"]) == (
        "Andes Wire",
        first.article.url,
        "Kast visits Noboa",
    )
    assert (row["sentence"], row["start"], row["end"]) == (
        first.events[0].sentence,
        0,
        len(first.events[0].sentence),
    )
    assert (row["cameo"], row["trigger"], row["modality"]) == ("040", "met", "asserted")
    assert row["published"] == pd.Timestamp("2025-12-16")
    assert row["event_date"] == row["date"] == pd.Timestamp("2025-12-15")


def test_event_exports_have_one_row_per_event_with_its_reports(tmp_path: Path) -> None:
    from tests.graph.event_corpus import EVENTS, QUITO_MEETING_REPORTS, event_corpus

    graph = build_graph(event_corpus())
    for table in (
        pd.read_csv(write_events_csv(graph, tmp_path / "events.csv")),
        pd.read_parquet(write_events_parquet(graph, tmp_path / "events.parquet")),
    ):
        assert len(table) == EVENTS
        assert table["reports"].max() == QUITO_MEETING_REPORTS
        assert sorted(table["negated"]) == [False] * (EVENTS - 1) + [True]
    plover = [json.loads(line) for line in write_plover_jsonl(graph, tmp_path / "p.jsonl").open()]
    assert len(plover) == EVENTS and max(r["reports"] for r in plover) == QUITO_MEETING_REPORTS
    mentions = pd.read_csv(write_mentions_csv(graph, tmp_path / "mentions.csv"))
    assert len(mentions) == sum(table["reports"])


FORMULAS = ('=HYPERLINK("https://attacker.invalid")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx")


def test_csv_cells_that_start_a_formula_are_neutralised(tmp_path: Path) -> None:
    """Issue 11 item 12 (OWASP CSV injection): every CSV export writes such cells as text."""
    for text in FORMULAS:
        assert csv_safe(text) == "'" + text
    assert csv_safe("Kast met Noboa") == "Kast met Noboa"
    assert csv_safe(-4.0) == -4.0 and csv_safe(None) is None
    first, second = andes_extractions()
    hostile = replace(
        first,
        article=replace(first.article, title=FORMULAS[0], source=FORMULAS[3]),
        actors=tuple(replace(a, name=FORMULAS[1]) if a.id == KAST.id else a for a in first.actors),
        events=tuple(replace(e, sentence=FORMULAS[2], trigger=FORMULAS[4]) for e in first.events),
    )
    graph = build_graph([hostile, second])
    written = {
        "events": write_events_csv(graph, tmp_path / "events.csv"),
        "relations": write_edge_list_csv(graph, tmp_path / "relations.csv"),
        "mentions": write_mentions_csv(graph, tmp_path / "mentions.csv"),
    }
    for name, path in written.items():
        cells = [cell for row in csv.reader(path.open(encoding="utf-8")) for cell in row]
        risky = [c for c in cells if c in FORMULAS or c.startswith(("=", "+", "@", "\t", "\r"))]
        assert not risky, (name, risky)
        assert any(cell.startswith("'") for cell in cells), name
    events = pd.read_csv(written["events"])
    assert set(events["title"].dropna()) >= {"'" + FORMULAS[0]}
    assert events["goldstein"].min() == -4.0  # numbers stay numbers

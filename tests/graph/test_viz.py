"""The map pages: both views' contents, selection (ego, top-N), escaping, offline-ness, CLI."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.build import UnknownActorError as ActorNotFoundError
from graph.build import build_graph
from graph.cli import app
from graph.maps.network import MapOptions, build_network, map_html, render_map
from graph.maps.page import script_json
from ingest.jsonl import dump_extraction
from ingest.model import (
    Actor,
    Article,
    Event,
    Extraction,
    Place,
    actor_id,
    article_id,
    mention_id,
    place_id,
)

KAST = actor_id("person", "José Antonio Kast")
NOBOA = actor_id("person", "Daniel Noboa")
GBR = actor_id("country", "United Kingdom", "GBR")
RUS = actor_id("country", "Russia", "RUS")
PROTESTERS = actor_id("group", "protesters")
QUITO = place_id("city", "Quito", "ECU")
ECUADOR = place_id("country", "Ecuador", "ECU")
TEHRAN = place_id("city", "Tehran", "IRN")

HOSTILE_TITLE = "</script><script>window.__pwned = 1</script> Minister <b>quits</b>"
HOSTILE_NAME = '<img src=x onerror="window.__pwned = 1">'
HOSTILE_SENTENCE = (
    '<script>window.__pwned = 1</script> <img src="https://attacker.invalid/p.png" '
    'onerror="window.__pwned = 1"> met ' + "a & b \u2028 end."
)


def _event(
    article: Article, offset: int, cameo: str, quad: int, goldstein: float,
    source: str, target: str | None, sentence: str, day: date | None,
    place: str | None = None, label: str = "met",
) -> Event:  # fmt: skip
    return Event(
        id=mention_id(article.id, offset, cameo, source, target),
        cameo=cameo, label=label, quad_class=quad, goldstein=goldstein,
        source=source, target=target, sentence=sentence, start=offset,
        end=offset + len(sentence), place=place, date=day,
    )  # fmt: skip


def sample_extractions() -> list[Extraction]:
    """Kast–Noboa in Quito (3 events), UK–Russia expulsions (2), protesters in Tehran (1)."""
    url = "https://colombiaone.com/2025/12/16/kast-noboa-quito/"
    andes = Article(article_id(url, ""), "Kast meets Noboa", url, date(2025, 12, 16), "c1", "")
    kast = Actor(KAST, "José Antonio Kast", "person", "CHL", ("President-elect",), ("Kast",))
    noboa = Actor(NOBOA, "Daniel Noboa", "person", "ECU", ("President",), ("Noboa",))
    # the country actors of the people's countries, as extraction names them
    chile = Actor(actor_id("country", "CHL", "CHL"), "Chile", "country", "CHL")
    ecuador_actor = Actor(actor_id("country", "ECU", "ECU"), "Ecuador", "country", "ECU")
    quito = Place(QUITO, "Quito", "city", "ECU", -0.22, -78.51, within=ECUADOR)
    ecuador = Place(ECUADOR, "Ecuador", "country", "ECU")
    andes_events = (
        _event(andes, 0, "040", 1, 1.0, KAST, NOBOA, "Kast met Noboa in Quito.",
               date(2025, 12, 16), QUITO),
        _event(andes, 40, "036", 1, 4.0, KAST, NOBOA, "Kast had said he would meet Noboa.",
               date(2025, 12, 10), label="expressed intent to meet"),
        _event(andes, 80, "051", 1, 3.4, NOBOA, KAST, "Noboa praised Kast.",
               date(2025, 12, 16), QUITO, label="praised"),
    )  # fmt: skip
    url = "https://example.org/uk-expels-russian-diplomats"
    uk = Article(article_id(url, ""), "UK expels diplomats", url, date(2018, 3, 14), "x", "")
    gbr = Actor(GBR, "United Kingdom", "country", "GBR", (), ("UK", "Britain"))
    rus = Actor(RUS, "Russia", "country", "RUS", (), ("Moscow",))
    uk_events = (
        _event(uk, 0, "166", 4, -7.0, GBR, RUS, "Britain expelled 23 Russian diplomats.",
               date(2018, 3, 14), label="expelled"),
        _event(uk, 50, "111", 3, -2.0, RUS, GBR, "Moscow criticized the decision.",
               date(2018, 3, 15), label="criticized"),
    )  # fmt: skip
    url = "https://example.org/tehran-protests"
    iran = Article(article_id(url, ""), "Protests in Tehran", url, None, "x", "")
    protesters = Actor(PROTESTERS, "protesters", "group", "IRN", (), ("protesters",))
    iran_actor = Actor(actor_id("country", "IRN", "IRN"), "Iran", "country", "IRN")
    tehran = Place(TEHRAN, "Tehran", "city", "IRN")
    protest = _event(iran, 0, "141", 3, -6.5, PROTESTERS, None, "Protesters demonstrated.",
                     None, TEHRAN, label="demonstrated")  # fmt: skip
    return [
        # Ecuador before Quito: graph.build ignores a place first seen as another's `within`
        Extraction(andes, (kast, noboa, chile, ecuador_actor), (ecuador, quito), andes_events),
        Extraction(uk, (gbr, rus), (), uk_events),
        Extraction(iran, (protesters, iran_actor), (tehran,), (protest,)),
    ]


def hostile_extraction() -> Extraction:
    """Markup and script in every free-text field an attacker controls."""
    url = "javascript:window.__pwned=1"
    article = Article(article_id(url, ""), HOSTILE_TITLE, url, date(2024, 5, 1), "x", "")
    villain = Actor(actor_id("person", "villain"), HOSTILE_NAME, "person", None,
                    ("<b>Minister</b>",), (HOSTILE_NAME,))  # fmt: skip
    victim = Actor(actor_id("organization", "Ministry"), "Ministry", "organization")
    event = _event(article, 0, "040", 1, 1.0, villain.id, victim.id, HOSTILE_SENTENCE,
                   date(2024, 5, 1))  # fmt: skip
    return Extraction(article, (villain, victim), (), (event,))


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return build_graph(sample_extractions())


def page_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


class TagCounter(HTMLParser):
    """Start tags of a page as a browser's tokenizer sees them (script bodies are text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.attributes.extend((tag, name, value) for name, value in attrs)


def parsed(html: str) -> TagCounter:
    counter = TagCounter()
    counter.feed(html)
    return counter


def names(data: dict[str, Any]) -> set[str]:
    return {data["info"]["nodes"][str(n["id"])].get("name", "") for n in data["nodes"]}


# ---- the two views ------------------------------------------------------------------------


def test_relations_view_has_one_edge_per_ordered_actor_pair(graph: nx.MultiDiGraph) -> None:
    data = page_data(map_html(graph))
    # 5 actors in the articles + Chile, Ecuador and Iran, added as affiliations
    assert len(data["nodes"]) == 8
    assert len(data["edges"]) == 4  # Kast→Noboa, Noboa→Kast, UK→Russia, Russia→UK
    by_pair = {(e["source"], e["target"]): e for e in data["info"]["edges"].values()}
    kast_noboa = by_pair[("José Antonio Kast", "Daniel Noboa")]
    assert kast_noboa["count"] == 2
    assert kast_noboa["goldsteinMean"] == 2.5
    assert (kast_noboa["first"], kast_noboa["last"]) == ("2025-12-10", "2025-12-16")
    assert sorted(kast_noboa["roots"]) == ["03", "04"]
    assert kast_noboa["shown"][0]["sentence"] == "Kast had said he would meet Noboa."


def test_edge_colour_runs_from_conflict_to_cooperation(graph: nx.MultiDiGraph) -> None:
    data = page_data(map_html(graph))
    colours = {data["info"]["edges"][str(e["id"])]["source"]: e["color"] for e in data["edges"]}
    red, green = (int(colours["United Kingdom"][i : i + 2], 16) for i in (1, 3))
    assert red > green  # expulsion, Goldstein −7
    red, green = (int(colours["Daniel Noboa"][i : i + 2], 16) for i in (1, 3))
    assert green > red  # praise, Goldstein +3.4


def test_events_view_shows_actors_events_and_places(graph: nx.MultiDiGraph) -> None:
    data = page_data(map_html(graph, MapOptions(view="events")))
    types = [data["info"]["nodes"][str(n["id"])]["type"] for n in data["nodes"]]
    assert (types.count("actor"), types.count("event"), types.count("place")) == (8, 6, 3)
    kinds = sorted(data["info"]["edges"][str(e["id"])]["type"] for e in data["edges"])
    assert kinds.count("SOURCE_OF") == 6
    assert kinds.count("TARGETS") == 5  # the protest has no target
    assert kinds.count("OCCURRED_IN") == 3
    assert kinds.count("WITHIN") == 1  # Quito → Ecuador
    assert kinds.count("AFFILIATED_WITH") == 3  # Kast → Chile, Noboa → Ecuador, protesters → Iran
    assert len(kinds) == 18


def test_events_view_without_places(graph: nx.MultiDiGraph) -> None:
    data = page_data(map_html(graph, MapOptions(view="events", show_places=False)))
    types = [data["info"]["nodes"][str(n["id"])]["type"] for n in data["nodes"]]
    assert "place" not in types and len(types) == 14
    assert len(data["edges"]) == 14


def test_nodes_have_numeric_ids_and_style_by_kind(graph: nx.MultiDiGraph) -> None:
    data = page_data(map_html(graph))
    assert sorted(n["id"] for n in data["nodes"]) == list(range(8))
    shapes = {data["info"]["nodes"][str(n["id"])]["kind"]: n["shape"] for n in data["nodes"]}
    assert shapes["person"] != shapes["country"] != shapes["group"]
    sizes = {data["info"]["nodes"][str(n["id"])]["name"]: n["size"] for n in data["nodes"]}
    assert sizes["José Antonio Kast"] > sizes["Chile"]  # 3 events against none


def test_legend_lists_the_kinds_drawn(graph: nx.MultiDiGraph) -> None:
    legend = map_html(graph).split('id="pg-legend"')[1].split("</section>")[0]
    for label in ("Person", "Country", "Group", "conflict", "cooperation"):
        assert label in legend
    assert "Place" not in legend and "Event" not in legend
    legend = map_html(graph, MapOptions(view="events")).split('id="pg-legend"')[1]
    assert "Place" in legend.split("</section>")[0] and "Event" in legend


def test_filters_offer_the_cameo_roots_and_quad_classes_present(graph: nx.MultiDiGraph) -> None:
    html = map_html(graph)
    roots = re.findall(r'class="pg-root" value="(\d\d)"', html)
    assert roots == ["03", "04", "05", "11", "16"]  # the protest has no relation edge
    assert re.findall(r'class="pg-quad" value="(\d)"', html) == ["1", "3", "4"]
    assert 'id="pg-from" type="date" value="2018-03-14"' in html


# ---- selection ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hops", "expected"),
    [
        ("jose antonio KAST", 1, {"José Antonio Kast", "Daniel Noboa"}),
        ("Kast", 0, {"José Antonio Kast"}),
        ("britain", 1, {"United Kingdom", "Russia"}),
    ],
)
def test_ego_view_matches_names_and_aliases(
    graph: nx.MultiDiGraph, name: str, hops: int, expected: set[str]
) -> None:
    assert names(page_data(map_html(graph, MapOptions(actor=name, hops=hops)))) == expected


def test_ego_view_in_the_events_view_keeps_the_events_among_the_selection(
    graph: nx.MultiDiGraph,
) -> None:
    data = page_data(map_html(graph, MapOptions(view="events", actor="Noboa", show_places=False)))
    types = sorted(data["info"]["nodes"][str(n["id"])]["type"] for n in data["nodes"])
    assert types == ["actor", "actor", "event", "event", "event"]


def test_unknown_actor_is_an_error_with_suggestions(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(ActorNotFoundError, match="did you mean José Antonio Kast"):
        map_html(graph, MapOptions(actor="Antonio"))


def test_max_nodes_keeps_the_most_central_actors(graph: nx.MultiDiGraph) -> None:
    data = page_data(map_html(graph, MapOptions(max_nodes=2)))
    assert names(data) == {"José Antonio Kast", "Daniel Noboa"}
    assert len(data["edges"]) == 2
    data = page_data(map_html(graph, MapOptions(max_nodes=4)))
    assert names(data) == {"José Antonio Kast", "Daniel Noboa", "United Kingdom", "Russia"}


# ---- safety -------------------------------------------------------------------------------


def test_page_references_nothing_outside_itself(graph: nx.MultiDiGraph) -> None:
    html = map_html(graph)
    outside_data = re.sub(r'<script type="application/json".*?</script>', "", html, flags=re.S)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", outside_data, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", outside_data, re.I)
    assert "@import" not in outside_data
    tags = parsed(html)
    assert tags.tags.get("link", 0) == 0
    assert all(name != "src" for tag, name, _ in tags.attributes if tag == "script")
    assert "https://colombiaone.com/2025/12/16/kast-noboa-quito/" in html  # data, not a ref
    assert "default-src 'none'" in html


def test_hostile_text_stays_data(graph: nx.MultiDiGraph) -> None:
    graph = build_graph([hostile_extraction()])
    html = map_html(graph, MapOptions(title=HOSTILE_TITLE))
    tags = parsed(html)
    assert tags.tags["script"] == 3  # the data block, vis-network, the page's own
    assert "img" not in tags.tags and "b" not in tags.tags
    assert "<title>&lt;/script&gt;&lt;script&gt;window.__pwned = 1" in html
    data = page_data(html)
    villain = next(v for v in data["info"]["nodes"].values() if v["kind"] == "person")
    assert villain["name"] == HOSTILE_NAME  # raw: the page shows it as text, not as &lt;
    edge = next(iter(data["info"]["edges"].values()))
    assert edge["shown"][0]["sentence"] == HOSTILE_SENTENCE
    assert edge["shown"][0]["title"] == HOSTILE_TITLE


def test_script_json_cannot_end_its_element() -> None:
    text = script_json({"s": "</script><!-- & \u2028\u2029 >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"s": "</script><!-- & \u2028\u2029 >"}


# ---- files and the command line -----------------------------------------------------------


def test_render_map_writes_the_page(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = render_map(graph, tmp_path / "maps" / "map.html", view="events", title="Andes")
    assert path == tmp_path / "maps" / "map.html"
    html = path.read_text(encoding="utf-8")
    assert "<title>Andes</title>" in html
    network, _ = build_network(graph, MapOptions(view="events"))
    assert len(page_data(html)["nodes"]) == len(network.nodes) == 17


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    lines = [dump_extraction(e) + "\n" for e in sample_extractions()]
    (folder / "extraction.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


def test_cli_viz_from_folder(out_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "noboa.html"
    result = CliRunner().invoke(
        app,
        ["viz", "--from", str(out_dir), "-o", str(target), "--view", "events",
         "--actor", "NOBOA", "--hops", "1", "--no-places"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output
    assert len(page_data(target.read_text(encoding="utf-8"))["nodes"]) == 5


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 2, "exactly one of --from"),
        (["--from", "x", "--cypher", "MATCH (n) RETURN n"], 2, "exactly one of --from"),
        (["--from", "{out}", "--neo4j", "bolt://localhost:1"], 2, "--neo4j only applies"),
        (["--from", "{missing}"], 1, "cannot open"),
        (["--from", "{out}", "--actor", "Nobody"], 1, "no actor named 'Nobody'"),
    ],
)
def test_cli_viz_errors(
    out_dir: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    args = [a.format(out=out_dir, missing=tmp_path / "missing") for a in args]
    result = CliRunner().invoke(app, ["viz", *args, "-o", str(tmp_path / "m.html")])
    assert result.exit_code == code
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


@pytest.mark.neo4j
def test_cli_viz_from_cypher(neo4j_db: Any, neo4j_settings: Any, tmp_path: Path) -> None:
    from graph.store.load import load_extractions
    from graph.store.writer import ensure_schema

    ensure_schema(neo4j_db, neo4j_settings.database)
    load_extractions(neo4j_db, sample_extractions(), neo4j_settings.database)
    target = tmp_path / "neo4j.html"
    query = (
        "MATCH p=(:Actor)-[:SOURCE_OF]->(e:Event)-[:TARGETS]->(:Actor) "
        "OPTIONAL MATCH r=(e)-[:REPORTED_IN]->(:Article) RETURN p, r"
    )
    env = {"NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_USERNAME": neo4j_settings.username}
    result = CliRunner().invoke(
        app, ["viz", "--cypher", query, "--neo4j", neo4j_settings.uri, "-o", str(target)], env=env
    )
    assert result.exit_code == 0, result.output
    data = page_data(target.read_text(encoding="utf-8"))
    assert names(data) == {"José Antonio Kast", "Daniel Noboa", "United Kingdom", "Russia"}
    kinds = {v["name"]: v["kind"] for v in data["info"]["nodes"].values()}
    assert kinds["Russia"] == "country" and kinds["Daniel Noboa"] == "person"
    first = min(data["info"]["edges"].values(), key=lambda e: e["first"])
    assert first["shown"][0]["url"] == "https://example.org/uk-expels-russian-diplomats"

    bad = CliRunner().invoke(
        app, ["viz", "--cypher", "MATCH (n RETURN n", "--neo4j", neo4j_settings.uri], env=env
    )
    assert bad.exit_code == 1 and "Cypher query failed" in bad.output

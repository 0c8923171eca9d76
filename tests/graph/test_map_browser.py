"""The map in a real headless Chromium, offline: it draws, filters, finds, and stays inert."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from graph.build import build_graph
from graph.maps.network import MapOptions, build_network, render_map
from tests.graph.event_corpus import event_corpus
from tests.graph.test_viz import (
    HOSTILE_NAME,
    HOSTILE_SENTENCE,
    HOSTILE_TITLE,
    hostile_extraction,
    sample_extractions,
)
from tests.plugins.browser import Chromium, file_url

pytestmark = pytest.mark.browser

SETTLED = "window.polgraphMap !== undefined && window.polgraphMap.stabilized"
PAINTED_PIXELS = """(() => {
  const canvas = document.querySelector('#pg-map canvas');
  const ctx = canvas.getContext('2d');
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const ink = pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240;
    if (pixels[i + 3] > 0 && ink) painted++;
  }
  return {width: canvas.width, height: canvas.height, painted};
})()"""
NODE_POINT = """(() => {
  const map = window.polgraphMap, id = %s;
  const p = map.network.canvasToDOM(map.network.getPositions([id])[id]);
  const box = document.getElementById('pg-map').getBoundingClientRect();
  return {x: box.left + p.x, y: box.top + p.y};
})()"""
EDGE_POINT = """(() => {
  const map = window.polgraphMap, id = %s;
  const p = map.network.canvasToDOM(map.network.body.edges[id].edgeType.getPoint(0.5));
  const box = document.getElementById('pg-map').getBoundingClientRect();
  return {x: box.left + p.x, y: box.top + p.y};
})()"""
TOOLTIP = """(() => {
  const tip = document.querySelector('div.vis-tooltip');
  if (!tip || tip.style.visibility !== 'visible') return null;
  return {text: tip.textContent, elements: tip.querySelectorAll('*').length,
          bad: tip.querySelectorAll('img, script, b').length,
          links: Array.from(tip.querySelectorAll('a')).map(a => a.href)};
})()"""


def open_map(browser: Chromium, path: Path) -> None:
    browser.open(file_url(path))
    browser.wait_for(SETTLED, timeout=60)


def hover_tooltip(browser: Chromium, point_script: str, vis_id: int) -> dict[str, Any]:
    """Move the mouse away, then onto the item, and return the tooltip vis-network shows."""
    browser.mouse_move(2, 2)
    time.sleep(0.2)
    point = browser.evaluate(point_script % vis_id)
    browser.mouse_move(point["x"], point["y"])
    tooltip: dict[str, Any] = browser.wait_for(TOOLTIP, timeout=10)
    return tooltip


def set_checkboxes(browser: Chromium, selector: str, checked: bool) -> None:
    browser.evaluate(
        f"document.querySelectorAll({selector!r}).forEach(box => "
        f"{{ if (box.checked !== {str(checked).lower()}) box.click(); }})"
    )


@pytest.fixture(scope="module")
def sample_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("maps")
    return render_map(build_graph(sample_extractions()), folder / "sample.html")


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    graph = build_graph([hostile_extraction()])
    return render_map(graph, folder / "hostile.html", title=HOSTILE_TITLE)


def test_map_draws_offline_with_every_node(browser: Chromium, sample_map: Path) -> None:
    open_map(browser, sample_map)
    canvas = browser.evaluate(PAINTED_PIXELS)
    assert canvas["width"] > 300 and canvas["height"] > 300
    assert canvas["painted"] > 2000, canvas
    network, _ = build_network(build_graph(sample_extractions()), MapOptions())
    assert browser.evaluate("polgraphMap.nodes.length") == len(network.nodes) == 8
    assert browser.evaluate("polgraphMap.visibleNodeCount()") == 8
    assert browser.evaluate("polgraphMap.stabilizedMs") > 0
    assert browser.evaluate("polgraphMap.network.physics.physicsEnabled") is False
    assert browser.external_requests() == []
    assert browser.requests == [file_url(sample_map)]
    assert browser.console_errors == []


def test_filters_hide_and_show(browser: Chromium, sample_map: Path) -> None:
    open_map(browser, sample_map)
    visible = "[polgraphMap.visibleNodeCount(), polgraphMap.visibleEdgeCount()]"
    assert browser.evaluate(visible) == [8, 4]
    set_checkboxes(browser, "input.pg-quad[value='4']", False)  # the expulsion
    assert browser.evaluate(visible) == [8, 3]  # Russia→UK (quad 3) keeps both countries
    set_checkboxes(browser, "input.pg-quad[value='3']", False)
    assert browser.evaluate(visible) == [6, 2]
    assert browser.evaluate("document.getElementById('pg-visible').textContent") == "6"
    browser.evaluate("document.getElementById('pg-reset').click()")
    assert browser.evaluate(visible) == [8, 4]
    browser.evaluate(
        "const from = document.getElementById('pg-from'); from.value = '2025-12-12';"
        "from.dispatchEvent(new Event('change'))"
    )
    assert browser.evaluate(visible) == [6, 2]  # only the Quito meeting and the praise remain
    set_checkboxes(browser, "input.pg-root", False)
    assert browser.evaluate(visible) == [4, 0]  # actors without any relation stay


def test_search_focuses_an_actor(browser: Chromium, sample_map: Path) -> None:
    open_map(browser, sample_map)
    browser.evaluate(
        "const s = document.getElementById('pg-search'); s.value = 'jose antonio kast';"
        "s.dispatchEvent(new Event('change'))"
    )
    selected = browser.evaluate("polgraphMap.network.getSelectedNodes()")
    assert len(selected) == 1
    assert browser.evaluate(f"polgraphMap.nodes.get({selected[0]}).label") == "José Antonio Kast"
    assert "Showing José Antonio Kast" in browser.evaluate(
        "document.getElementById('pg-search-result').textContent"
    )


def test_edge_tooltip_lists_events_with_article_links(browser: Chromium, sample_map: Path) -> None:
    open_map(browser, sample_map)
    edge = browser.evaluate(
        "polgraphMap.edges.getIds().find(id => polgraphMap.edges.get(id).width > 1)"
    )
    tooltip = hover_tooltip(browser, EDGE_POINT, edge)
    assert "José Antonio Kast → Daniel Noboa" in tooltip["text"]
    assert "Kast had said he would meet Noboa." in tooltip["text"]
    assert "2025-12-10 · 036 expressed intent to meet" in tooltip["text"]
    assert tooltip["links"] == ["https://colombiaone.com/2025/12/16/kast-noboa-quito/"] * 2


def test_hostile_article_stays_text(browser: Chromium, hostile_map: Path) -> None:
    open_map(browser, hostile_map)
    page = browser.evaluate(
        "({pwned: typeof window.__pwned, title: document.title,"
        " h1: document.getElementById('pg-title').textContent,"
        " h1Children: document.getElementById('pg-title').children.length,"
        " scripts: document.scripts.length,"
        " stray: document.querySelectorAll('img, b, iframe, object, embed').length})"
    )
    assert page == {
        "pwned": "undefined",
        "title": HOSTILE_TITLE,
        "h1": HOSTILE_TITLE,
        "h1Children": 0,
        "scripts": 3,
        "stray": 0,
    }
    villain = browser.evaluate(
        "polgraphMap.nodes.getIds()"
        f".find(id => polgraphMap.nodes.get(id).label === {HOSTILE_NAME!r})"
    )
    node_tip = hover_tooltip(browser, NODE_POINT, villain)
    assert HOSTILE_NAME in node_tip["text"]
    assert "<b>Minister</b>" in node_tip["text"]
    assert node_tip["bad"] == 0
    edge_tip = hover_tooltip(browser, EDGE_POINT, 0)
    assert HOSTILE_SENTENCE in edge_tip["text"]
    assert "<script>window.__pwned = 1</script>" in edge_tip["text"]
    assert HOSTILE_TITLE in edge_tip["text"]
    assert edge_tip["bad"] == 0
    assert edge_tip["links"] == []  # a javascript: URL never becomes a link
    assert browser.evaluate("window.__pwned") is None
    assert browser.external_requests() == []
    assert browser.requests == [file_url(hostile_map)]


def test_events_view_filters_events_and_what_hangs_on_them(
    browser: Chromium, tmp_path: Path
) -> None:
    path = render_map(build_graph(sample_extractions()), tmp_path / "events.html", view="events")
    open_map(browser, path)
    assert browser.evaluate("polgraphMap.visibleNodeCount()") == 17
    set_checkboxes(browser, "input.pg-quad[value='4']", False)
    assert browser.evaluate("polgraphMap.visibleNodeCount()") == 16  # the expulsion
    set_checkboxes(browser, "input.pg-quad[value='3']", False)
    # also the criticism and the protest, the UK, Russia, the protesters and Tehran
    assert browser.evaluate("polgraphMap.visibleNodeCount()") == 10
    hidden = browser.evaluate(
        "polgraphMap.nodes.get({filter: n => n.hidden}).map(n => n.label).sort()"
    )
    assert [h for h in hidden if not h.startswith(("expelled", "criticized", "demonstrated"))] == [
        "Russia", "Tehran", "United Kingdom", "protesters",
    ]  # fmt: skip
    assert browser.external_requests() == []


def test_the_recorder_sees_and_blocks_external_requests(browser: Chromium, tmp_path: Path) -> None:
    """Guards the tests above: a page that does reach out is caught (and never connects)."""
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><img src="https://attacker.invalid/pixel.png">', encoding="utf-8"
    )
    browser.open(file_url(page))
    browser.wait_for("document.images[0].complete")
    assert browser.external_requests() == ["https://attacker.invalid/pixel.png"]


def test_precomputed_layout_draws_without_physics(browser: Chromium, tmp_path: Path) -> None:
    graph = build_graph(sample_extractions())
    path = render_map(graph, tmp_path / "fixed.html", layout="precomputed")
    open_map(browser, path)
    assert browser.evaluate("polgraphMap.network.physics.physicsEnabled") is False
    assert browser.evaluate(PAINTED_PIXELS)["painted"] > 2000
    positions = browser.evaluate("Object.values(polgraphMap.network.getPositions())")
    assert len({(round(p["x"]), round(p["y"])) for p in positions}) == 8  # none stacked


def test_clicking_an_edge_shows_its_events_in_the_panel(
    browser: Chromium, hostile_map: Path
) -> None:
    open_map(browser, hostile_map)
    browser.mouse_move(2, 2)
    point = browser.evaluate(EDGE_POINT % 0)
    for kind in ("mousePressed", "mouseReleased"):
        browser.call(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": point["x"], "y": point["y"], "button": "left", "clickCount": 1},
        )
    text = browser.wait_for(
        "document.getElementById('pg-details').querySelector('.pg-tip')?.textContent"
    )
    assert HOSTILE_SENTENCE in text
    assert (
        browser.evaluate("document.querySelectorAll('#pg-details img, #pg-details b').length") == 0
    )
    assert browser.evaluate("typeof window.__pwned") == "undefined"


@pytest.fixture(scope="module")
def corpus_graph() -> Any:
    return build_graph(event_corpus())


def test_an_edge_tooltip_lists_every_report(
    browser: Chromium, corpus_graph: Any, tmp_path: Path
) -> None:
    open_map(browser, render_map(corpus_graph, tmp_path / "reports.html"))
    edge = browser.evaluate(
        "polgraphMap.edges.getIds().reduce((a, b) => "
        "polgraphMap.edges.get(a).width >= polgraphMap.edges.get(b).width ? a : b)"
    )
    tooltip = hover_tooltip(browser, EDGE_POINT, edge)
    assert "José Antonio Kast → Daniel Noboa" in tooltip["text"]
    assert "events: 4 (9 reports)" in tooltip["text"]
    for outlet in ("Andes Wire", "Pacific Daily", "El Observador", "Northern Courier"):
        assert outlet in tooltip["text"]
    assert "Chile's Kast met Noboa at Carondelet Palace on Monday." in tooltip["text"]
    assert len(tooltip["links"]) == 9 and all(u.startswith("https://") for u in tooltip["links"])
    assert tooltip["bad"] == 0
    assert browser.external_requests() == []


def test_the_events_view_marks_what_did_not_happen(
    browser: Chromium, corpus_graph: Any, tmp_path: Path
) -> None:
    open_map(browser, render_map(corpus_graph, tmp_path / "events.html", view="events"))
    marked = browser.evaluate(
        "polgraphMap.nodes.get({filter: n => n.shapeProperties && n.shapeProperties.borderDashes})"
        ".map(n => [n.id, n.label]).sort((a, b) => a[1] < b[1] ? -1 : 1)"
    )
    assert [label for _, label in marked] == [
        "hypothetical: met 2025-12-20",
        "not met 2025-12-15",
    ]
    tooltip = hover_tooltip(browser, NODE_POINT, marked[1][0])
    assert "reported as not happening" in tooltip["text"]
    assert "Kast did not meet Noboa in Quito on Monday, an aide said." in tooltip["text"]
    assert "Radio Sur" in tooltip["text"]
    negated = marked[1][0]
    dashed = browser.evaluate(
        f"polgraphMap.edges.get({{filter: e => e.from === {negated} || e.to === {negated}}})"
        ".map(e => e.dashes)"
    )
    assert dashed and all(dashed)

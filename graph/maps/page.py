"""The map's HTML page: polgraph's template with vis-network, CSS, JS and data all inline.

Safety by construction: Jinja autoescapes every value placed in markup; the graph travels
as JSON in a `<script type="application/json">` block with `<`, `>`, `&`, U+2028 and
U+2029 written as \\u escapes (so no text can close the block); the page's JS builds
tooltips with textContent. A Content-Security-Policy allows only the page's own two
scripts (by hash) and no network at all, as a second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.network import Network

from graph.maps.style import TEMPLATES, MapStyle

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
PAGE_TEMPLATE = "map.html"
JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: nothing in it can end the element."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: JSON_ESCAPES[m.group(0)], text)


def inline_asset(text: str, closing: str) -> Markup:
    """Trusted JS/CSS to paste inside <script>/<style>; refuses text that would close it."""
    if closing in text.lower() or "<!--" in text:
        raise ValueError(f"asset contains {closing!r} or '<!--' and cannot be inlined")
    return Markup(text)


def csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def filter_choices(info: dict[str, Any], style: MapStyle) -> dict[str, Any]:
    """CAMEO roots and quad classes present in the map (with event counts), and the dates."""
    triples: list[tuple[str, int, str | None]] = []
    for item in [*info["nodes"].values(), *info["edges"].values()]:
        if item["type"] == "event":
            triples.append((item["root"], item["quad"], item["date"]))
        elif item["type"] == "relation":
            triples.extend((r, q, d) for r, q, d in item["events"])
    roots = Counter(root for root, _, _ in triples)
    quads = Counter(quad for _, quad, _ in triples)
    dates = sorted(d for _, _, d in triples if d)
    return {
        "roots": [(root, style.root_label(root), n) for root, n in sorted(roots.items())],
        "quads": [
            (quad, style.quad_classes.get(str(quad), f"Quad class {quad}"), n)
            for quad, n in sorted(quads.items())
        ],
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "undated": sum(1 for _, _, d in triples if not d),
    }


def render_page(
    network: Network, info: dict[str, Any], *, title: str, view: str, style: MapStyle
) -> str:
    """The complete, self-contained HTML page for a built pyvis network."""
    nodes, edges, _heading, _height, _width, options = network.get_network_data()
    choices = filter_choices(info, style)
    data = {
        "view": view,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "info": info,
        "filters": {"first": choices["first"], "last": choices["last"]},
        "quadLabels": style.quad_classes,
        "tooltipReports": style.tooltip_reports,
    }
    vis_js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    map_js = (TEMPLATES / "map.js").read_text(encoding="utf-8")
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    page = env.get_template(PAGE_TEMPLATE).render(
        title=title,
        view=view,
        kinds=_legend_kinds(info, style),
        gradient=style.legend_gradient(),
        choices=choices,
        node_count=len(nodes),
        edge_count=len(edges),
        data_json=Markup(script_json(data)),
        vis_css=inline_asset((VIS_DIR / "vis-network.css").read_text(encoding="utf-8"), "</style"),
        map_css=inline_asset((TEMPLATES / "map.css").read_text(encoding="utf-8"), "</style"),
        vis_js=inline_asset(vis_js, "</script"),
        map_js=inline_asset(map_js, "</script"),
        script_hashes=Markup(f"{csp_hash(vis_js)} {csp_hash(map_js)}"),
    )
    return page


def _legend_kinds(info: dict[str, Any], style: MapStyle) -> list[tuple[str, str, str]]:
    """(label, colour, shape) for every kind drawn on this map, in the style file's order."""
    present = {item.get("kind") if item["type"] == "actor" else item["type"]
               for item in info["nodes"].values()}  # fmt: skip
    return [
        (look.label, look.color, look.shape)
        for name, look in style.kinds.items()
        if name in present
    ]

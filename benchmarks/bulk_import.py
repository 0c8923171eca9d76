"""`benchmarks/neo4j_load.py --import`: the Neo4j bulk path against the Bolt loader on the same
reports, each path on its own server started by the launcher, every step a process of its own
so its peak RSS is its own (os.wait4's ru_maxrss; a server's from /proc/PID/status VmHWM).

Steps of the bulk path: CSV writing (`polgraph export --format neo4j-import`), the import
(`neo4j-admin database import full`, graph.store.server.importer.run_import), the schema and
fix-ups on the launcher's server (apply_schema; the server's start is shown apart). The Bolt
path: `polgraph load --from FILE` into an empty database (its schema included).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLI = "from graph.cli import main; main()"


def _run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run a command to its end: (seconds, peak RSS in bytes of it and its waited children)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    out = (process.stdout.read() if process.stdout else b"").decode(errors="replace")
    err = (process.stderr.read() if process.stderr else b"").decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[:4])} … failed:\n{out}\n{err}")
    return elapsed, usage.ru_maxrss * 1024


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def import_benchmark(
    events: int,
    work: Path | None,
    corpus: Callable[[int], list[Any]],
    bolt_events: int | None = None,
) -> int:
    """Both paths on `events` reports; with `bolt_events`, the Bolt loader on the first
    articles holding that many reports only, its time for all of them extrapolated from its
    rate (at 1,000,000 reports the Bolt load alone takes the better part of an hour here)."""
    from graph.store.connection import Neo4jSettings, connect
    from graph.store.server.importer import apply_schema
    from graph.store.server.launcher import (
        ServerOptions,
        ServerPaths,
        resolve_jars,
        start_server,
        stop_server,
    )
    from ingest.jsonl import write_extractions

    folder = Path(work or tempfile.mkdtemp(prefix="polgraph-bulk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in ("csv", "import-data", "bolt-data", "import-state", "bolt-state"):
        shutil.rmtree(folder / leftover, ignore_errors=True)
    source = folder / "extraction.jsonl"
    extractions = corpus(events)
    with source.open("w", encoding="utf-8") as stream:
        write_extractions(extractions, stream)
    articles = len(extractions)
    del extractions
    paths = ServerPaths.from_env(os.environ, state_dir=folder / "import-state")
    resolve_jars(paths.cache_dir)
    python = [sys.executable, "-c", CLI]
    env = {"PYTHONPATH": str(ROOT)}

    # the bulk path
    csv_time, csv_rss = _run(
        [*python, "export", "--format", "neo4j-import", "--from", str(source), "-o",
         str(folder / "csv")], env,
    )  # fmt: skip
    data = folder / "import-data"
    importer = (
        "import sys; from pathlib import Path; "
        "from graph.store.server.importer import run_import; "
        "from graph.store.server.launcher import ServerPaths; "
        "run_import(Path(sys.argv[1]), Path(sys.argv[2]), "
        "ServerPaths(Path(sys.argv[3]), Path(sys.argv[4])))"
    )
    import_time, import_rss = _run(
        [sys.executable, "-c", importer, str(folder / "csv"), str(data), str(paths.state_dir),
         str(paths.cache_dir)], env,
    )  # fmt: skip
    started = time.perf_counter()
    state = start_server(paths, ServerOptions(port=0, data_dir=data, apoc=False))
    start_time = time.perf_counter() - started
    try:
        started = time.perf_counter()
        with connect(Neo4jSettings(uri=state.uri)) as driver:
            apply_schema(driver, "neo4j")
            counted = driver.execute_query(
                "MATCH (:Event)-[r:REPORTED_IN]->() RETURN count(r) AS n", database_="neo4j"
            ).records[0]["n"]
        schema_time = time.perf_counter() - started
        import_server_rss = _peak_rss(state.pid)
    finally:
        stop_server(paths)
    import_store = _size(data)
    csv_size = _size(folder / "csv")

    # the Bolt loader
    bolt_source, bolt_share = source, 1.0
    if bolt_events is not None and bolt_events < events:
        bolt_share = bolt_events / events
        bolt_source = folder / "bolt-sample.jsonl"
        with source.open(encoding="utf-8") as lines, bolt_source.open("w") as sample:
            for _ in range(max(1, round(articles * bolt_share))):
                sample.write(next(lines))
    bolt_paths = ServerPaths(folder / "bolt-state", paths.cache_dir)
    bolt_data = folder / "bolt-data"
    state = start_server(bolt_paths, ServerOptions(port=0, data_dir=bolt_data, apoc=False))
    try:
        load_env = {**env, "NEO4J_URI": state.uri}
        bolt_time, bolt_rss = _run([*python, "load", "--from", str(bolt_source)], load_env)
        bolt_time /= bolt_share  # the whole corpus's time, extrapolated from a sample
        bolt_server_rss = _peak_rss(state.pid)
    finally:
        stop_server(bolt_paths)
    bolt_store = _size(bolt_data)

    bulk_time = csv_time + import_time + schema_time
    lines = [
        f"corpus    : {events:,} reports of distinct events in {articles:,} articles "
        f"({_mb(source.stat().st_size)} JSON Lines), {os.cpu_count()} CPUs shared with "
        f"other work (load average {os.getloadavg()[0]:.1f} at the end)",
        f"csv       : {csv_time:7.1f} s  {events / csv_time:10,.0f} reports/s  "
        f"peak RSS {_mb(csv_rss)}  ({_mb(csv_size)} of CSV)",
        f"import    : {import_time:7.1f} s  {events / import_time:10,.0f} reports/s  "
        f"peak RSS {_mb(import_rss)} (target >= 30,000 reports/s)",
        f"schema    : {schema_time:7.1f} s  (constraints, indexes online, fix-ups; the "
        f"server's start, {start_time:.1f} s, apart)  server peak RSS {_mb(import_server_rss)}",
        f"bulk      : {bulk_time:7.1f} s  {events / bulk_time:10,.0f} reports/s end to end, "
        f"store {_mb(import_store)}; {counted:,} REPORTED_IN",
        f"bolt load : {bolt_time:7.1f} s  {events / bolt_time:10,.0f} reports/s"
        + (f" (a sample of {bolt_events:,} reports, extrapolated), " if bolt_share < 1 else ", ")
        + f"client peak RSS {_mb(bolt_rss)}, server peak RSS {_mb(bolt_server_rss)}, "
        f"store {_mb(bolt_store)}" + (" (the sample's)" if bolt_share < 1 else ""),
        f"ratio     : bulk end to end is {bolt_time / bulk_time:.2f}x the Bolt loader "
        "(target >= 3x)",
    ]
    print("\n".join(lines))
    return 0

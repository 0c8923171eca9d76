"""Extraction throughput against raw spaCy, on the same texts in one run; and peak memory.

    python benchmarks/extract_throughput.py [--articles 300] [--workers 2] [--memory 5000]
        [--dask local:2 | --dask tcp://host:8786]

Prints words/s for raw `nlp.pipe` (the baseline: spaCy alone, same batch size) and for
full extraction (parse + actors, places, dates, events, with the packaged layered
lexicon), their ratio (target ≥ 0.85), the speed-up of `--workers N` over one worker
(target ≥ 1.7× for 2), and, with `--memory N`, the peak resident memory of extracting N
articles in a fresh process (target < 1.5 GB for 5,000).

With `--dask ADDRESS` the same articles (written to a JSON Lines file) are also extracted
by `extract_sharded` on that cluster, and the run prints Dask's words/s against
`--workers N` and serial, with the ratio Dask / `--workers N` (target ≥ 0.9 for
`local:2` against `--workers 2`). A `local:N` cluster is started before the clock starts
(its start-up is printed apart), and its workers load the model on a few articles before
the clock starts, as the serial runs are warmed (`--workers N` processes are forked from
this one and inherit its loaded model).

Single-process figures are given twice: by the wall clock and by the CPU time of this
process. On a machine other jobs share, the wall clock counts their time too and the two
timed runs do not get the same share of the cores; CPU time does not, so its ratio is
the one to compare across runs there. Raw and full runs alternate `--rounds` times and
each ratio is the median. Caches are warmed first on articles numbered apart from the
measured ones (every text of examples/ once, and the date parser's one-time set-up).
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.dates import resolve_date  # noqa: E402
from ingest.errors import InputError  # noqa: E402
from ingest.model import Article, article_id  # noqa: E402
from ingest.nlp import DEFAULT_BATCH_SIZE, load_pipeline  # noqa: E402
from ingest.pipeline import ExtractOptions, extract_articles  # noqa: E402
from ingest.sources import read_sources  # noqa: E402


def base_articles() -> list[Article]:
    return [a for a in read_sources([str(ROOT / "examples")]) if not isinstance(a, InputError)]


def stream(count: int, first: int = 0) -> Iterator[Article]:
    """`count` articles cycled from examples/, each made distinct by a numbered lead line."""
    base = base_articles()
    for i in range(first, first + count):
        src = base[i % len(base)]
        text = f"Dispatch {i}.\n\n{src.text}"
        yield Article(article_id(None, text), src.title, None, src.published, src.source, text)


def corpus(count: int, first: int = 0) -> list[Article]:
    return list(stream(count, first))


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def time_raw(articles: list[Article], model: str | None) -> tuple[float, float]:
    """Wall and CPU seconds of parsing `articles` with spaCy alone."""
    nlp = load_pipeline(model)
    wall, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe((a.text for a in articles), batch_size=DEFAULT_BATCH_SIZE):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def time_full(articles: list[Article], options: ExtractOptions) -> tuple[float, float]:
    """Wall and CPU seconds of extracting `articles` (CPU of this process only)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _extraction in extract_articles(articles, options):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def spread(ratios: list[float]) -> str:
    """The median ratio of the rounds (each round times raw and full back to back), and
    their range: a wide range means the machine was busy."""
    return f"{statistics.median(ratios):10.2f}   (rounds {min(ratios):.2f}-{max(ratios):.2f})"


def warm_up(options: ExtractOptions) -> None:
    """Load the model and every cache once, on articles numbered apart from the measured
    ones, and do the date parser's one-time set-up (its time-zone tables)."""
    time_full(corpus(len(base_articles()), first=10**6), options)
    resolve_date("the 14th of last month", date(2024, 6, 3))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_pool(articles: list[Article], options: ExtractOptions) -> tuple[float, float]:
    """Wall and CPU seconds of `--workers N`: this process and its worker processes (the
    pool is joined when the stream ends, so their CPU time is in RUSAGE_CHILDREN)."""
    children = children_cpu()
    wall, cpu = time_full(articles, options)
    return wall, cpu + children_cpu() - children


def workers_cpu(client: Any) -> float:
    """CPU seconds the cluster's worker processes have used so far."""

    def used() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    return float(sum(client.run(used).values()))


def time_dask(
    articles: list[Article], address: str, shard_articles: int, model: str | None
) -> tuple[float, float, int]:
    """Extract `articles` on the Dask cluster at `address` (a LocalCluster is started
    first for local:N, its start-up printed apart): wall and CPU seconds (this process,
    which holds a local scheduler and nannies, and the workers), and the shard count."""
    from ingest.cluster import dask_client, extract_sharded

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "articles.jsonl"
        with feed.open("w", encoding="utf-8") as stream:
            for a in articles:
                published = a.published.isoformat() if a.published else None
                record = {"title": a.title, "published": published, "text": a.text}
                stream.write(json.dumps(record) + "\n")
        started = time.perf_counter()
        with dask_client(address) as client:
            client.wait_for_workers(1)
            print(f"dask cluster start-up  : {time.perf_counter() - started:10.1f} s (not timed)")
            scheduler = str(client.scheduler_info()["address"])
            # Each worker imports spaCy and loads the model once for its lifetime (forked
            # --workers processes inherit this process's): set up before the clock, as
            # the serial runs are warmed.
            setup = time.perf_counter()
            warm = Path(tmp) / "warm.jsonl"
            warm.write_text("".join(feed.read_text().splitlines(True)[:4]), encoding="utf-8")
            extract_sharded(
                [str(warm)],
                Path(tmp) / "warm",
                ExtractOptions(model=model),
                scheduler,
                shard_articles=1,
            )
            print(f"dask worker set-up     : {time.perf_counter() - setup:10.1f} s (not timed)")
            before = workers_cpu(client)
            wall, cpu = time.perf_counter(), time.process_time()
            result = extract_sharded(
                [str(feed)],
                Path(tmp) / "out",
                ExtractOptions(model=model),
                scheduler,
                shard_articles=shard_articles,
            )
            seconds = time.perf_counter() - wall
            cpu = time.process_time() - cpu + workers_cpu(client) - before
    return seconds, cpu, result.shards


def memory_child(count: int) -> None:
    events = 0
    for extraction in extract_articles(stream(count), ExtractOptions()):
        events += len(extraction.events)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count} articles, {events} events, peak RSS {peak_mb:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="raw/full runs, alternating")
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--memory", type=int, default=0, help="also measure peak RSS for N articles"
    )
    parser.add_argument("--memory-child", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--dask", default=None, metavar="ADDRESS", help="also time extraction on Dask"
    )
    parser.add_argument(
        "--shard-size", type=int, default=0, help="articles per Dask shard (default: 4 per core)"
    )
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    articles = corpus(args.articles)
    n_words = words(articles)
    options = ExtractOptions(model=args.model)
    warm_up(options)
    raws, fulls = [], []
    for _ in range(args.rounds):
        raws.append(time_raw(articles, args.model))
        fulls.append(time_full(articles, options))
    raw_wall, raw_cpu = (statistics.median(r[k] for r in raws) for k in (0, 1))
    full_wall, full_cpu = (statistics.median(f[k] for f in fulls) for k in (0, 1))
    wall_ratios = [r[0] / f[0] for r, f in zip(raws, fulls, strict=True)]
    cpu_ratios = [r[1] / f[1] for r, f in zip(raws, fulls, strict=True)]
    print(f"articles: {len(articles)}, words: {n_words}, rounds: {args.rounds}")
    print(f"raw spaCy nlp.pipe     : {n_words / raw_wall:10.0f} words/s wall ({raw_wall:.1f} s)")
    print(f"full extraction (1 w.) : {n_words / full_wall:10.0f} words/s wall ({full_wall:.1f} s)")
    print(f"ratio full/raw, wall   : {spread(wall_ratios)}   (target >= 0.85)")
    print(f"raw spaCy, CPU         : {n_words / raw_cpu:10.0f} words/CPU-s ({raw_cpu:.1f} s)")
    print(f"full extraction, CPU   : {n_words / full_cpu:10.0f} words/CPU-s ({full_cpu:.1f} s)")
    print(f"ratio full/raw, CPU    : {spread(cpu_ratios)}   (target >= 0.85)")
    multi = multi_cpu = 0.0
    if args.workers > 1 or args.dask:
        multi, multi_cpu = time_pool(
            articles, ExtractOptions(model=args.model, workers=args.workers)
        )
        print(
            f"full extraction ({args.workers} w.) : {n_words / multi:10.0f} words/s "
            f"({multi:.1f} s), {n_words / multi_cpu:.0f} words/CPU-s"
        )
        print(
            f"speed-up {args.workers} workers vs 1 : "
            f"{full_wall / multi:10.2f}x  (target >= 1.7x for 2)"
        )
    if args.dask:
        shard = args.shard_size or math.ceil(len(articles) / (4 * args.workers))
        dask_wall, dask_cpu, shards = time_dask(articles, args.dask, shard, args.model)
        print(
            f"dask {args.dask} ({shards} shards) : {n_words / dask_wall:10.0f} words/s "
            f"({dask_wall:.1f} s), {n_words / dask_cpu:.0f} words/CPU-s"
        )
        print(f"dask vs serial (1 w.)  : {full_wall / dask_wall:10.2f}x wall")
        print(
            f"dask vs --workers {args.workers}    : {multi / dask_wall:10.2f}x wall, "
            f"{multi_cpu / dask_cpu:.2f}x CPU  (target >= 0.9x; CPU is the figure to "
            "trust on a shared machine)"
        )
    if args.memory:
        child = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(args.memory)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"memory: {child.stdout.strip()}   (target < 1500 MB for 5000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction throughput against raw spaCy, on the same texts in one run; and peak memory.

    python benchmarks/extract_throughput.py [--articles 300] [--workers 2] [--memory 5000]

Prints words/s for raw `nlp.pipe` (the baseline: spaCy alone, same batch size) and for
full extraction (parse + actors, places, dates, events), their ratio (target ≥ 0.9),
the speed-up of `--workers N` over one worker (target ≥ 1.7× for 2), and, with
`--memory N`, the peak resident memory of extracting N articles in a fresh process
(target < 1.5 GB for 5,000).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.errors import InputError  # noqa: E402
from ingest.model import Article, article_id  # noqa: E402
from ingest.nlp import DEFAULT_BATCH_SIZE, load_pipeline  # noqa: E402
from ingest.pipeline import ExtractOptions, extract_articles  # noqa: E402
from ingest.sources import read_sources  # noqa: E402


def stream(count: int) -> Iterator[Article]:
    """`count` articles cycled from examples/, each made distinct by a numbered lead line."""
    base = [a for a in read_sources([str(ROOT / "examples")]) if not isinstance(a, InputError)]
    for i in range(count):
        src = base[i % len(base)]
        text = f"Dispatch {i}.\n\n{src.text}"
        yield Article(article_id(None, text), src.title, None, src.published, src.source, text)


def corpus(count: int) -> list[Article]:
    return list(stream(count))


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def time_raw(articles: list[Article], model: str | None) -> float:
    nlp = load_pipeline(model)
    start = time.perf_counter()
    for _doc in nlp.pipe((a.text for a in articles), batch_size=DEFAULT_BATCH_SIZE):
        pass
    return time.perf_counter() - start


def time_full(articles: list[Article], options: ExtractOptions) -> float:
    start = time.perf_counter()
    for _extraction in extract_articles(articles, options):
        pass
    return time.perf_counter() - start


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
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--memory", type=int, default=0, help="also measure peak RSS for N articles"
    )
    parser.add_argument("--memory-child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    articles = corpus(args.articles)
    n_words = words(articles)
    load_pipeline(args.model)
    time_full(articles[:8], ExtractOptions(model=args.model))  # warm caches (gazetteer, lexicon)
    raw = time_raw(articles, args.model)
    full = time_full(articles, ExtractOptions(model=args.model))
    print(f"articles: {len(articles)}, words: {n_words}")
    print(f"raw spaCy nlp.pipe     : {n_words / raw:10.0f} words/s ({raw:.1f} s)")
    print(f"full extraction (1 w.) : {n_words / full:10.0f} words/s ({full:.1f} s)")
    print(f"ratio full/raw         : {raw / full:10.2f}   (target >= 0.90)")
    if args.workers > 1:
        multi = time_full(articles, ExtractOptions(model=args.model, workers=args.workers))
        print(
            f"full extraction ({args.workers} w.) : {n_words / multi:10.0f} words/s ({multi:.1f} s)"
        )
        print(
            f"speed-up {args.workers} workers vs 1 : {full / multi:10.2f}x  (target >= 1.7x for 2)"
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

"""Benchmark: batched loading (graph.store.load) vs one transaction per row, and loading reports of
known events (deduplication) vs reports of distinct ones, same server, same run.

    python benchmarks/neo4j_load.py --clear [--events 10000] [--per-row-events 500]
        [--batch-size N] [--writers N] [--repeat 3] [--copies 5] [--baseline-src DIR]

Connects with NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD (start one with
`eval "$(polgraph neo4j start)"`). Prints reports/s (a report is one extracted mention) for:
  batched  load_extractions, the median of --repeat runs into an empty database;
  reload   the same load again (everything stored: a no-op);
  new      as many new articles about the same, now stored, actors and places;
  distinct the --events reports, five articles' worth of distinct events per edition;
  copies   as many reports, each event told --copies times by different articles (same
           dyad, code, date and place; other words): 1/--copies the events, same reports;
           its ratio to `distinct` is the cost of deduplication;
  per-row  one transaction per actor, place and edge row and per article (a smaller
           sample, its rate extrapolated): the baseline of the batched ratio;
  ceiling  the same articles and events written by one create-only statement, with the
           actors and places already stored: what this server can do at best, which no
           idempotent loader reaches.
With --baseline-src DIR (a checkout of the loader to compare with, e.g. git main before
event identity), the `distinct` and `copies` loads run again with that checkout's
graph.store in a subprocess against the same server, and the ratios new/baseline print.
The database must be empty, or pass --clear to empty it first (it is emptied between runs).

    python benchmarks/neo4j_load.py --import [--events 1000000] [--work DIR]

compares instead the bulk path with the Bolt loader on the same --events reports (written
once to a JSON Lines file, which both paths read): `polgraph export --format neo4j-import`
(CSV writing), `neo4j-admin database import full` (the import) and the schema with its
fix-ups, each timed, against `polgraph load` into an empty database; each path on its own
server started by the launcher in --work (no NEO4J_URI needed). Prints the times, the
end-to-end ratio (target >= 3x the loader), the import step's reports/s (target >= 30,000),
the peak RSS of each process and the store size on disk of each path.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

from neo4j import Driver, ManagedTransaction

import ingest.model as model
from graph.store.connection import DEFAULT_LOAD_BATCH, DEFAULT_WRITERS, Neo4jSettings, connect
from graph.store.cypher import SHARED_WRITES
from graph.store.load import load_extractions
from graph.store.rows import batch_rows, batched_extractions
from graph.store.writer import ensure_schema
from ingest.model import Actor, Article, Event, Extraction, Place, actor_id, article_id
from ingest.model import place_id as make_place_id

COUNTRIES = ("CHL", "ECU", "COL", "VEN", "PER", "ARG", "BRA", "BOL", "URY", "PRY")
CODES = (("040", "met", 1, 1.0), ("051", "praised", 1, 3.4), ("161", "cut ties", 4, -4.0))
# (the id function is `mention_id` since event identity, `event_id` in a baseline before it)
MENTION_ID: Callable[..., str] = getattr(model, "mention_id", None) or model.event_id
PEOPLE = [
    Actor(
        actor_id("person", f"Person {i}"),
        f"Person {i}",
        "person",
        COUNTRIES[i % 10],
        ("Minister",),
        (f"P{i}",),
    )
    for i in range(2000)
]
COUNTRY_PLACES = [Place(make_place_id("country", c, c), c, "country", c) for c in COUNTRIES]
CITIES = [
    Place(
        make_place_id("city", f"City {i}", COUNTRIES[i % 10]),
        f"City {i}",
        "city",
        COUNTRIES[i % 10],
        lat=-30 + i * 0.2,
        lon=-75 + (i % 10),
        within=COUNTRY_PLACES[i % 10].id,
    )
    for i in range(200)
]


def synthetic_extractions(
    events: int, per_article: int = 10, seed: int = 7, first: int = 0
) -> list[Extraction]:
    """`events` reports of distinct random events over articles of `per_article` reports,
    among 2,000 people in 10 countries and 200 cities: realistic reuse of actors and places
    across articles. Articles are numbered from `first`."""
    rng = random.Random(seed)
    facts = []
    for _ in range(events):
        source, target = rng.sample(PEOPLE, 2)
        facts.append((source, target, rng.choice(CITIES), rng.choice(CODES), rng.randrange(365)))
    return _articles(facts, per_article, first, edition=0)


def told_again(events: int, copies: int, per_article: int = 10, seed: int = 7) -> list[Extraction]:
    """`events` reports of `events // copies` events, each told by `copies` different
    articles (one edition of the news after another, each in its own order)."""
    rng = random.Random(seed)
    pairs = rng.sample([(a, b) for a in range(300) for b in range(a + 1, 300)], events // copies)
    facts = [
        (PEOPLE[a], PEOPLE[b], rng.choice(CITIES), rng.choice(CODES), rng.randrange(365))
        for a, b in pairs
    ]
    out: list[Extraction] = []
    for edition in range(copies):
        order = random.Random(seed + edition).sample(facts, len(facts))
        out.extend(_articles(order, per_article, len(out), edition))
    return out


Fact = tuple[Actor, Actor, Place, tuple[str, str, int, float], int]


def _articles(facts: list[Fact], per_article: int, first: int, edition: int) -> list[Extraction]:
    out = []
    for number in range(0, len(facts), per_article):
        url = f"https://bench.example/{edition}/{first + number // per_article}"
        article = Article(
            article_id(url, ""), f"Article {number}", url, date(2025, 1, 1), "Bench", ""
        )
        actors: dict[str, Actor] = {}
        places: dict[str, Place] = {}
        reports = []
        for offset, (source, target, city, code, day) in enumerate(
            facts[number : number + per_article]
        ):
            cameo, label, quad, goldstein = code
            actors[source.id], actors[target.id] = source, target
            places[city.id] = city
            places[city.within or ""] = COUNTRY_PLACES[COUNTRIES.index(city.country or "CHL")]
            reports.append(
                Event(
                    id=MENTION_ID(article.id, offset, cameo, source.id, target.id),
                    cameo=cameo,
                    label=label,
                    quad_class=quad,
                    goldstein=goldstein,
                    source=source.id,
                    target=target.id,
                    sentence=f"Sentence {offset} of edition {edition}.",
                    start=offset * 100,
                    end=offset * 100 + 50,
                    place=city.id,
                    date=date(2025, 1, 1) + timedelta(days=day),
                )
            )
        out.append(
            Extraction(article, tuple(actors.values()), tuple(places.values()), tuple(reports))
        )
    return out


def clear(driver: Driver, database: str) -> None:
    """Empty the database in chunks (CALL … IN TRANSACTIONS needs an auto-commit query)."""
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def batched_rate(
    driver: Driver, database: str, extractions: list[Extraction], size: int, writers: int
) -> float:
    """Reports loaded per second."""
    reports = sum(len(x.events) for x in extractions)
    started = time.perf_counter()
    report = load_extractions(
        driver, extractions, database, batch_size=size, on_error="raise", writers=writers
    )
    elapsed = time.perf_counter() - started
    assert report.ok and report.articles == len(extractions)
    return reports / elapsed


def stored_counts(driver: Driver, database: str) -> tuple[int, int]:
    """(events, REPORTED_IN relationships) in the database."""
    record = driver.execute_query(
        "CALL () { MATCH (e:Event) RETURN count(e) AS events } "
        "CALL () { MATCH (:Event)-[r:REPORTED_IN]->() RETURN count(r) AS reports } "
        "RETURN events, reports",
        database_=database,
    ).records[0]
    return int(record["events"]), int(record["reports"])


def dedup_rates(
    driver: Driver, database: str, events: int, copies: int, size: int, writers: int, repeat: int
) -> dict[str, object]:
    """Median reports/s of the distinct and the told-again corpora, and what each stored."""
    corpora = {
        "distinct": synthetic_extractions(events, seed=21),
        "copies": told_again(events, copies),
    }
    result: dict[str, object] = {}
    for name, corpus in corpora.items():
        rates = []
        for _ in range(repeat):
            clear(driver, database)
            rates.append(batched_rate(driver, database, corpus, size, writers))
            result[f"{name}_stored"] = stored_counts(driver, database)
        result[name] = statistics.median(rates)
        result[f"{name}_runs"] = rates
    clear(driver, database)
    return result


# The ceiling's one statement: each article created with its MENTIONED_IN edges and its
# events, each with its REPORTED_IN edge (nested in the article's row, so no event looks its
# article up), with no check of what is stored. The fastest create-only form found for this
# schema; not a loader.
CREATE_ONLY = """
UNWIND $rows AS row
CREATE (a:Article)
SET a = row.props
WITH a, row
CALL (a, row) {
    UNWIND row.actors AS actor
    MATCH (x:Actor {id: actor.id})
    CREATE (x)-[:MENTIONED_IN {record: actor.record}]->(a)
    RETURN count(*) AS mentions
}
CALL (a, row) {
    UNWIND row.events AS ev
    OPTIONAL MATCH (source:Actor {id: ev.source})
    OPTIONAL MATCH (target:Actor {id: ev.target})
    OPTIONAL MATCH (place:Place {id: ev.place})
    CREATE (e:Event)-[r:REPORTED_IN]->(a)
    SET e = ev.props, r = ev.reports[0].props
    FOREACH (_ IN CASE WHEN source IS NULL THEN [] ELSE [1] END |
        CREATE (source)-[:SOURCE_OF]->(e))
    FOREACH (_ IN CASE WHEN target IS NULL THEN [] ELSE [1] END |
        CREATE (e)-[:TARGETS]->(target))
    FOREACH (_ IN CASE WHEN place IS NULL THEN [] ELSE [1] END |
        CREATE (e)-[:OCCURRED_IN]->(place))
    RETURN count(*) AS events
}
RETURN sum(mentions) AS mentions, sum(events) AS events
"""


def ceiling_rate(
    driver: Driver, database: str, extractions: list[Extraction], size: int, sessions: int
) -> float:
    """What this server can do at best: the articles, mentions and events of the same
    batches written by one create-only statement (CREATE_ONLY), from `sessions` concurrent
    sessions, into a database that already holds every actor and place (written before the
    clock starts), with no check for what is stored, no merge and no affiliation or place
    edges. Not idempotent; a bound that any loader of this schema stays under."""
    from graph.events import Report, group_mentions
    from graph.store.rows import event_row

    reports = sum(len(x.events) for x in extractions)
    everything = batch_rows(extractions)
    with driver.session(database=database) as session:
        for name, statement in SHARED_WRITES.items():
            session.execute_write(_run_rows, statement, everything.rows[name])
    batches = []
    for batch in batched_extractions(extractions, size):
        rows = batch_rows(batch).rows
        by_article: dict[str, list[dict[str, object]]] = {}
        for extraction in batch:
            article = extraction.article
            told = [Report(m, article.id, article.published) for m in extraction.events]
            by_article[article.id] = [event_row(e) for e in group_mentions(told, {})]
        batches.append(
            [{**row, "events": by_article.get(row["id"], [])} for row in rows["articles"]]
        )

    def write(articles: list[dict[str, object]]) -> None:
        with driver.session(database=database) as session:
            session.execute_write(_run_rows, CREATE_ONLY, articles)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        list(pool.map(write, batches))
    return reports / (time.perf_counter() - started)


def _run_rows(tx: ManagedTransaction, statement: str, rows: list[dict[str, object]]) -> None:
    tx.run(statement, rows=rows).consume()


def per_row_rate(driver: Driver, database: str, extractions: list[Extraction]) -> float:
    """The naive loader: each actor, place and edge row in a transaction of its own, then
    each article with its reports (graph.store.writer.write_batch)."""
    from graph.store.writer import write_batch

    reports = sum(len(x.events) for x in extractions)
    started = time.perf_counter()
    with driver.session(database=database) as session:
        for extraction in extractions:
            rows = batch_rows([extraction])
            for name in ("actors", "places", "within", "affiliations"):
                for row in rows.rows[name]:
                    one = {key: [row] if key == name else [] for key in rows.rows}
                    session.execute_write(write_batch, type(rows)(rows=one))
            articles = {key: found if key == "articles" else [] for key, found in rows.rows.items()}
            session.execute_write(
                write_batch,
                type(rows)(rows=articles, families=rows.families, reports=rows.reports),
            )
    return reports / (time.perf_counter() - started)


def baseline_rates(source: Path, args: argparse.Namespace) -> dict[str, object]:
    """The `distinct` and `copies` loads run by the loader in `source` (a subprocess with
    that checkout first on the path, against the same server)."""
    command = [
        sys.executable, str(Path(__file__).resolve()), "--baseline-only",
        "--events", str(args.events), "--copies", str(args.copies),
        "--batch-size", str(args.batch_size), "--writers", str(args.writers),
        "--repeat", str(args.repeat),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="reports per corpus")
    parser.add_argument("--per-row-events", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_LOAD_BATCH)
    parser.add_argument("--writers", type=int, default=DEFAULT_WRITERS)
    parser.add_argument("--ceiling-batch", type=int, default=2000, help="records per batch")
    parser.add_argument("--repeat", type=int, default=3, help="timed batched runs (median)")
    parser.add_argument("--copies", type=int, default=5, help="reports of each event in `copies`")
    parser.add_argument("--baseline-src", type=Path, help="a checkout whose loader to compare")
    parser.add_argument("--baseline-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--clear", action="store_true", help="empty the database first")
    parser.add_argument(
        "--import", dest="bulk", action="store_true", help="the bulk import vs the loader"
    )
    parser.add_argument("--work", type=Path, help="--import: where files and stores go")
    parser.add_argument(
        "--bolt-events",
        type=int,
        help="--import: run the Bolt loader on this many of the reports, extrapolated",
    )
    args = parser.parse_args()
    if args.bulk:
        from bulk_import import import_benchmark

        return import_benchmark(args.events, args.work, synthetic_extractions, args.bolt_events)
    settings = Neo4jSettings.from_env(os.environ)
    driver = connect(settings)
    db = settings.database
    with driver:
        if args.baseline_only:  # run by baseline_rates, with another checkout's graph.store
            ensure_schema(driver, db)
            found = dedup_rates(
                driver, db, args.events, args.copies, args.batch_size, args.writers, args.repeat
            )
            print(json.dumps(found))
            return 0
        existing = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=db)
        if existing.records[0]["n"] and not args.clear:
            print(f"{settings.uri} ({db}) is not empty; pass --clear to empty it", file=sys.stderr)
            return 2
        clear(driver, db)
        ensure_schema(driver, db)
        big = synthetic_extractions(args.events)
        small = synthetic_extractions(args.per_row_events, seed=11)
        # warm-up: one untimed pass of each path, so query plans are compiled and JIT-ed
        batched_rate(driver, db, big, args.batch_size, args.writers)
        batched_rate(driver, db, big, args.batch_size, args.writers)
        batched_rate(driver, db, synthetic_extractions(500, seed=5, first=10**9), 2000, 1)
        clear(driver, db)
        ceiling_rate(driver, db, big, args.batch_size, 1)
        clear(driver, db)
        more = synthetic_extractions(args.events, seed=13, first=args.events)
        runs, reloads, increments = [], [], []
        for _ in range(args.repeat):
            runs.append(batched_rate(driver, db, big, args.batch_size, args.writers))
            reloads.append(batched_rate(driver, db, big, args.batch_size, args.writers))
            increments.append(batched_rate(driver, db, more, args.batch_size, args.writers))
            clear(driver, db)
        dedup = dedup_rates(
            driver, db, args.events, args.copies, args.batch_size, args.writers, args.repeat
        )
        ceilings = {}
        for sessions in (1, 2):
            ceilings[sessions] = ceiling_rate(driver, db, big, args.ceiling_batch, sessions)
            clear(driver, db)
        per_row = per_row_rate(driver, db, small)
        clear(driver, db)
    baseline = baseline_rates(args.baseline_src, args) if args.baseline_src else None
    _print(settings, args, runs, reloads, increments, dedup, ceilings, per_row, baseline)
    return 0


def _median(label: str, rates: list[float]) -> str:
    return (
        f"{statistics.median(rates):,.0f} reports/s "
        f"(median of {len(rates)}: {', '.join(f'{r:,.0f}' for r in rates)}){label}"
    )


def _print(
    settings: Neo4jSettings,
    args: argparse.Namespace,
    runs: list[float],
    reloads: list[float],
    increments: list[float],
    dedup: dict[str, object],
    ceilings: dict[int, float],
    per_row: float,
    baseline: dict[str, object] | None,
) -> None:
    batched = statistics.median(runs)
    n = f"{args.events:>6}"
    lines = [
        f"server    : {settings.uri} ({settings.database}), "
        f"{os.cpu_count()} CPUs shared with this client",
        f"batched   : {n} reports, batch size {args.batch_size}, {args.writers} writer(s): "
        + _median("", runs),
        f"reload    : {n} reports already stored (a no-op): " + _median("", reloads),
        f"new       : {n} more reports, new articles about the stored actors: "
        + _median("", increments),
    ]
    told = {
        "distinct": "reports of distinct events",
        "copies": f"reports, each event {args.copies}x",
    }
    for name, what in told.items():
        events, reports = dedup[f"{name}_stored"]  # type: ignore[misc]
        rates: list[float] = dedup[f"{name}_runs"]  # type: ignore[assignment]
        lines.append(
            f"{name:<10}: {n} {what}: {_median('', rates)} → {events} events, {reports} reports"
        )
    ratio = float(dedup["copies"]) / float(dedup["distinct"])  # type: ignore[arg-type]
    lines.append(f"dedup     : copies / distinct = {ratio:.2f} (target >= 0.8)")
    for name in ("distinct", "copies") if baseline is not None else ():
        old = float(baseline[name])  # type: ignore[arg-type,index]
        new = float(dedup[name])  # type: ignore[arg-type]
        lines.append(
            f"baseline  : {name:<8} {old:,.0f} reports/s with {args.baseline_src}; "
            f"this loader / baseline = {new / old:.2f}"
        )
    lines.append(
        f"per-row   : {args.per_row_events:>6} reports, 1 transaction per row: "
        f"{per_row:,.0f} reports/s (rate from the smaller sample, extrapolated)"
    )
    for sessions, rate in ceilings.items():
        lines.append(
            f"ceiling   : {n} reports, create-only (no checks, actors and places pre-loaded), "
            f"batch size {args.ceiling_batch}, {sessions} session(s): {rate:,.0f} reports/s"
        )
    best = max(ceilings.values())
    lines += [
        f"ratio     : {batched / per_row:,.1f}x (targets: >=20x and >=20,000 reports/s batched)",
        f"of ceiling: batched {batched / best:.0%}, new {statistics.median(increments) / best:.0%}"
        " (the ceiling's actors and places are stored, as for `new`)",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())

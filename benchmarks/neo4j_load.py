"""Benchmark: batched loading (graph.store.load) vs one transaction per row, same server, same run.

    python benchmarks/neo4j_load.py --clear [--events 10000] [--per-row-events 500]
        [--batch-size N] [--writers N] [--repeat 3]

Connects with NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD (start one with
`eval "$(polgraph neo4j start)"`). Prints events/s for:
  batched  load_extractions, the median of --repeat runs into an empty database;
  reload   the same load again (everything stored: a no-op);
  new      as many new articles about the same, now stored, actors and places;
  per-row  the store's merge statements, one row per transaction (a smaller sample,
           its rate extrapolated): the baseline of the ratio;
  ceiling  the same articles and events written by one create-only statement, with the
           actors and places already stored: what this server can do at best, which no
           idempotent loader reaches.
The database must be empty, or pass --clear to empty it first (it is emptied between runs).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from neo4j import Driver, ManagedTransaction

from graph.store.connection import DEFAULT_LOAD_BATCH, DEFAULT_WRITERS, Neo4jSettings, connect
from graph.store.cypher import EDGE_WRITES, MERGE_WRITES, SHARED_WRITES
from graph.store.load import load_extractions
from graph.store.rows import batch_rows, batched_extractions
from graph.store.writer import ensure_schema
from ingest.model import Actor, Article, Event, Extraction, Place, actor_id, article_id, mention_id
from ingest.model import place_id as make_place_id

COUNTRIES = ("CHL", "ECU", "COL", "VEN", "PER", "ARG", "BRA", "BOL", "URY", "PRY")
CODES = (("040", "met", 1, 1.0), ("051", "praised", 1, 3.4), ("161", "cut ties", 4, -4.0))


def synthetic_extractions(
    events: int, per_article: int = 10, seed: int = 7, first: int = 0
) -> list[Extraction]:
    """`events` events over articles of `per_article` events, among 2,000 people in
    10 countries and 200 cities: realistic reuse of actors and places across articles.
    Articles are numbered from `first`; the people and places are the same for any seed."""
    rng = random.Random(seed)
    people = [
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
    countries = [Place(make_place_id("country", c, c), c, "country", c) for c in COUNTRIES]
    cities = [
        Place(
            make_place_id("city", f"City {i}", COUNTRIES[i % 10]),
            f"City {i}",
            "city",
            COUNTRIES[i % 10],
            lat=-30 + i * 0.2,
            lon=-75 + (i % 10),
            within=countries[i % 10].id,
        )
        for i in range(200)
    ]
    out = []
    for number in range(first, first + events, per_article):
        url = f"https://bench.example/{number}"
        article = Article(
            article_id(url, ""),
            f"Article {number}",
            url,
            date(2025, 1, 1) + timedelta(days=number % 365),
            "Bench",
            "",
        )
        actors: dict[str, Actor] = {}
        places: dict[str, Place] = {}
        evs = []
        for offset in range(min(per_article, first + events - number)):
            source, target = rng.sample(people, 2)
            city = rng.choice(cities)
            cameo, label, quad, goldstein = rng.choice(CODES)
            actors[source.id], actors[target.id] = source, target
            places[city.id] = city
            places[city.within or ""] = countries[COUNTRIES.index(city.country or "CHL")]
            evs.append(
                Event(
                    id=mention_id(article.id, offset, cameo, source.id, target.id),
                    cameo=cameo,
                    label=label,
                    quad_class=quad,
                    goldstein=goldstein,
                    source=source.id,
                    target=target.id,
                    sentence=f"Sentence {offset}.",
                    start=offset * 100,
                    end=offset * 100 + 50,
                    place=city.id,
                    date=article.published,
                )
            )
        out.append(Extraction(article, tuple(actors.values()), tuple(places.values()), tuple(evs)))
    return out


def clear(driver: Driver, database: str) -> None:
    """Empty the database in chunks (CALL … IN TRANSACTIONS needs an auto-commit query)."""
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def batched_rate(
    driver: Driver, database: str, extractions: list[Extraction], size: int, writers: int
) -> float:
    events = sum(len(x.events) for x in extractions)
    started = time.perf_counter()
    report = load_extractions(
        driver, extractions, database, batch_size=size, on_error="raise", writers=writers
    )
    elapsed = time.perf_counter() - started
    assert report.events == events and report.ok
    return events / elapsed


# The ceiling's one statement: each article created with its MENTIONED_IN edges and its
# events (nested in the article's row, so no event looks its article up), with no check of
# what is stored. The fastest create-only form found for this schema; not a loader.
CREATE_ONLY = """
UNWIND $rows AS row
CREATE (a:Article)
SET a = row.props
WITH a, row
CALL (a, row) {
    UNWIND row.actors AS actor_id
    MATCH (x:Actor {id: actor_id})
    CREATE (x)-[:MENTIONED_IN]->(a)
    RETURN count(*) AS mentions
}
CALL (a, row) {
    UNWIND row.events AS ev
    OPTIONAL MATCH (source:Actor {id: ev.source})
    OPTIONAL MATCH (target:Actor {id: ev.target})
    OPTIONAL MATCH (place:Place {id: ev.place})
    OPTIONAL MATCH (reporter:Actor {id: ev.reporter})
    CREATE (e:Event)-[:REPORTED_IN]->(a)
    SET e = ev.props, e.root = ev.root
    FOREACH (_ IN CASE WHEN source IS NULL THEN [] ELSE [1] END |
        CREATE (source)-[:SOURCE_OF]->(e))
    FOREACH (_ IN CASE WHEN target IS NULL THEN [] ELSE [1] END |
        CREATE (e)-[:TARGETS]->(target))
    FOREACH (_ IN CASE WHEN place IS NULL THEN [] ELSE [1] END |
        CREATE (e)-[:OCCURRED_IN]->(place))
    FOREACH (_ IN CASE WHEN reporter IS NULL THEN [] ELSE [1] END |
        CREATE (e)-[:REPORTED_BY]->(reporter))
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
    events = sum(len(x.events) for x in extractions)
    everything = batch_rows(extractions)
    with driver.session(database=database) as session:
        for name, statement in SHARED_WRITES.items():
            session.execute_write(_run_rows, statement, everything.rows[name])
    batches = []
    for batch in batched_extractions(extractions, size):
        rows = batch_rows(batch).rows
        by_article: dict[object, list[dict[str, object]]] = {}
        for event in rows["events"]:
            by_article.setdefault(event["article"], []).append(event)
        batches.append(
            [{**row, "events": by_article.get(row["id"], [])} for row in rows["articles"]]
        )

    def write(articles: list[dict[str, object]]) -> None:
        with driver.session(database=database) as session:
            session.execute_write(_run_rows, CREATE_ONLY, articles)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        list(pool.map(write, batches))
    return events / (time.perf_counter() - started)


def _run_rows(tx: ManagedTransaction, statement: str, rows: list[dict[str, object]]) -> None:
    tx.run(statement, rows=rows).consume()


def per_row_rate(driver: Driver, database: str, extractions: list[Extraction]) -> float:
    """The store's merge statements, one row per managed transaction (the naive loader)."""
    events = sum(len(x.events) for x in extractions)
    writes = {**SHARED_WRITES, **MERGE_WRITES, **EDGE_WRITES}
    started = time.perf_counter()
    with driver.session(database=database) as session:
        for extraction in extractions:
            rows = batch_rows([extraction]).rows
            for name, statement in writes.items():
                for row in rows[name]:
                    session.execute_write(_run_rows, statement, [row])
    return events / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--per-row-events", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_LOAD_BATCH)
    parser.add_argument("--writers", type=int, default=DEFAULT_WRITERS)
    parser.add_argument("--ceiling-batch", type=int, default=2000, help="records per batch")
    parser.add_argument("--repeat", type=int, default=3, help="timed batched runs (median)")
    parser.add_argument("--clear", action="store_true", help="empty the database first")
    args = parser.parse_args()
    settings = Neo4jSettings.from_env(os.environ)
    driver = connect(settings)
    db = settings.database
    with driver:
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
        ceilings = {}
        for sessions in (1, 2):
            ceilings[sessions] = ceiling_rate(driver, db, big, args.ceiling_batch, sessions)
            clear(driver, db)
        per_row = per_row_rate(driver, db, small)
        clear(driver, db)
    batched = statistics.median(runs)
    print(f"server    : {settings.uri} ({db}), {os.cpu_count()} CPUs shared with this client")
    print(
        f"batched   : {args.events:>6} events, batch size {args.batch_size}, "
        f"{args.writers} writer(s): {batched:,.0f} events/s "
        f"(median of {args.repeat}: {', '.join(f'{r:,.0f}' for r in runs)})"
    )
    print(
        f"reload    : {args.events:>6} events already stored (a no-op, right after the load): "
        f"{statistics.median(reloads):,.0f} events/s "
        f"(median of {args.repeat}: {', '.join(f'{r:,.0f}' for r in reloads)})"
    )
    print(
        f"new       : {args.events:>6} more events, new articles about the stored actors: "
        f"{statistics.median(increments):,.0f} events/s "
        f"(median of {args.repeat}: {', '.join(f'{r:,.0f}' for r in increments)})"
    )
    print(
        f"per-row   : {args.per_row_events:>6} events, 1 transaction per row: "
        f"{per_row:,.0f} events/s (rate from the smaller sample, extrapolated)"
    )
    for sessions, rate in ceilings.items():
        print(
            f"ceiling   : {args.events:>6} events, create-only (no checks, actors and places "
            f"pre-loaded), batch size {args.ceiling_batch}, {sessions} session(s): "
            f"{rate:,.0f} events/s"
        )
    print(f"ratio     : {batched / per_row:,.1f}x (targets: >=20x and >=20,000 events/s batched)")
    best = max(ceilings.values())
    print(
        f"of ceiling: batched {batched / best:.0%}, new {statistics.median(increments) / best:.0%}"
        " (the ceiling's actors and places are stored, as for `new`)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

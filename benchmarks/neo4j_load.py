"""Benchmark: batched UNWIND loading (graph.store) vs one transaction per row, same server.

    PYTHONPATH=. python benchmarks/neo4j_load.py [--events 10000] [--per-row-events 500] [--clear]

Connects with NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD (start one with
`eval "$(polgraph neo4j start)"`). Both paths send the same constant Cypher from
graph.store_cypher; the per-row path runs a smaller sample and its rate is extrapolated.
The database must be empty, or pass --clear to empty it first (it is emptied between runs).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta

from neo4j import Driver, ManagedTransaction

from graph.readback import connect
from graph.settings import Neo4jSettings
from graph.store import batch_rows, ensure_schema, load_extractions
from graph.store_cypher import NODE_WRITES, RELATIONSHIP_WRITES
from ingest.model import Actor, Article, Event, Extraction, Place, actor_id, article_id, event_id
from ingest.model import place_id as make_place_id

COUNTRIES = ("CHL", "ECU", "COL", "VEN", "PER", "ARG", "BRA", "BOL", "URY", "PRY")
CODES = (("040", "met", 1, 1.0), ("051", "praised", 1, 3.4), ("161", "cut ties", 4, -4.0))


def synthetic_extractions(events: int, per_article: int = 10, seed: int = 7) -> list[Extraction]:
    """`events` events over articles of `per_article` events, among 2,000 people in
    10 countries and 200 cities: realistic reuse of actors and places across articles."""
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
    for number in range(0, events, per_article):
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
        for offset in range(min(per_article, events - number)):
            source, target = rng.sample(people, 2)
            city = rng.choice(cities)
            cameo, label, quad, goldstein = rng.choice(CODES)
            actors[source.id], actors[target.id] = source, target
            places[city.id] = city
            places[city.within or ""] = countries[COUNTRIES.index(city.country or "CHL")]
            evs.append(
                Event(
                    event_id(article.id, offset, cameo, source.id, target.id),
                    cameo,
                    label,
                    quad,
                    goldstein,
                    source.id,
                    target.id,
                    f"Sentence {offset}.",
                    offset * 100,
                    offset * 100 + 50,
                    city.id,
                    article.published,
                )
            )
        out.append(Extraction(article, tuple(actors.values()), tuple(places.values()), tuple(evs)))
    return out


def clear(driver: Driver, database: str) -> None:
    """Empty the database in chunks (CALL … IN TRANSACTIONS needs an auto-commit query)."""
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def batched_rate(driver: Driver, database: str, extractions: list[Extraction], size: int) -> float:
    events = sum(len(x.events) for x in extractions)
    started = time.perf_counter()
    report = load_extractions(driver, extractions, database, batch_size=size, on_error="raise")
    elapsed = time.perf_counter() - started
    assert report.events == events
    return events / elapsed


def per_row_rate(driver: Driver, database: str, extractions: list[Extraction]) -> float:
    """The same statements, one row per managed transaction (the naive loader)."""
    events = sum(len(x.events) for x in extractions)
    started = time.perf_counter()
    with driver.session(database=database) as session:
        for extraction in extractions:
            rows = batch_rows([extraction])
            for name, statement in (*NODE_WRITES.items(), *RELATIONSHIP_WRITES.items()):
                for row in rows[name]:
                    session.execute_write(_run_one, statement, row)
    return events / (time.perf_counter() - started)


def _run_one(tx: ManagedTransaction, statement: str, row: dict[str, object]) -> None:
    tx.run(statement, rows=[row]).consume()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--per-row-events", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=2000)
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
        # warm-up: query plans compiled and JIT-ed before either path is timed
        load_extractions(driver, synthetic_extractions(200, seed=3), db, on_error="raise")
        clear(driver, db)
        big = synthetic_extractions(args.events)
        small = synthetic_extractions(args.per_row_events, seed=11)
        batched = batched_rate(driver, db, big, args.batch_size)
        clear(driver, db)
        per_row = per_row_rate(driver, db, small)
        clear(driver, db)
    print(f"server: {settings.uri} ({db})")
    print(
        f"batched   : {args.events:>6} events, batch size {args.batch_size}: "
        f"{batched:,.0f} events/s"
    )
    print(
        f"per-row   : {args.per_row_events:>6} events, 1 transaction per row: "
        f"{per_row:,.0f} events/s (rate from the smaller sample, extrapolated)"
    )
    print(f"ratio     : {batched / per_row:,.1f}x (targets: >=20x and >=20,000 events/s batched)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

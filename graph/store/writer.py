"""The only Neo4j writer: the schema, and one batch of rows as one write transaction.

Every statement is constant Cypher text (graph.store.cypher and graph.store.event_cypher:
labels and relationship types fixed there, never taken from input; values travel only as
parameters). In a transaction, shared actors and places are merged first (in id order);
then what the database holds of the batch's articles is read, and each article is created,
or, if stored, replaced: its MENTIONED_IN edges and their records become what it says now.
Then the events of the families its mentions change are recomputed (graph.store.families),
and actors and places that lost something are merged anew or removed (graph.store.cleanup).
A batch that changes nothing writes nothing. Each statement reports the rows it matched, so
the counts tell created from found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from neo4j import Driver, ManagedTransaction, Transaction
from neo4j.exceptions import ConstraintError

from graph.store.cleanup import remove_orphans, replaced, reset_actors
from graph.store.cypher import (
    CREATE_ARTICLES,
    FIND_STORED,
    MERGE_AFFILIATIONS,
    MERGE_ARTICLES,
    SCHEMA,
    SHARED_WRITES,
)
from graph.store.families import StaleReadError, changed_families, read_stored, write_events
from graph.store.rows import BatchRows, Row, WriteCounts
from graph.store.statements import run_write, run_write_record

# A batch is run again after a uniqueness clash or a stale read (another transaction wrote
# one of its articles meanwhile) at most this many times.
RERUNS = 3


class StaleRowsError(Exception):
    """The batch left out an actor or place this load had committed, and it is gone: some
    transaction removed it since. The load builds the batch's rows again, in full."""


@dataclass(frozen=True, slots=True)
class BatchResult:
    """A committed batch's counts, and the actors and places it removed or merged anew
    (which the load must send again rather than take as known)."""

    counts: WriteCounts = field(default_factory=WriteCounts)
    changed: frozenset[str] = field(default=frozenset())


def ensure_schema(driver: Driver, database: str) -> None:
    """Create the uniqueness constraints and indexes if missing (idempotent), then wait
    until every index is online so the first load can use them."""
    for statement in SCHEMA:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def write_batch_in_session(driver: Driver, database: str, rows: BatchRows) -> BatchResult:
    """Write one batch in its own session (sessions are not shared between threads).

    A batch decides what to create from what is stored when it starts; if another
    transaction commits one of the same articles meanwhile (the same article twice in the
    input, or two loads at once), the create breaks a uniqueness constraint, or the stored
    articles read again under the family locks differ, and the whole batch rolls back. Run
    once more, it finds those articles stored and replaces them.
    """
    with driver.session(database=database) as session:
        for _ in range(RERUNS):
            try:
                return session.execute_write(write_batch, rows)
            except (ConstraintError, StaleReadError):
                continue
        return session.execute_write(write_batch, rows)


def write_batch(tx: ManagedTransaction | Transaction, batch: BatchRows) -> BatchResult:
    """One batch in one transaction (see the module docstring)."""
    counts = WriteCounts()
    for name, statement in SHARED_WRITES.items():
        counts += run_write(
            tx, statement, _link_count(name, batch.rows[name]), rows=batch.rows[name]
        )
    stored = read_stored(tx, FIND_STORED, batch.article_ids)
    missing: set[str] = set()
    for statement, rows in (
        (CREATE_ARTICLES, [row for row in batch.rows["articles"] if row["id"] not in stored]),
        (MERGE_ARTICLES, [row for row in batch.rows["articles"] if row["id"] in stored]),
    ):
        done, record = run_write_record(tx, statement, _mention_count(rows), rows=rows)
        counts += done
        missing.update(record["missing"] if record else ())
    if missing & batch.skipped:
        raise StaleRowsError(f"{len(missing & batch.skipped)} committed node(s) gone")
    links = batch.rows["affiliations"]
    counts += run_write(tx, MERGE_AFFILIATIONS, len(links), rows=links)
    families = changed_families(batch, stored)
    events = write_events(tx, batch, stored, families, FIND_STORED) if families else None
    let_go = replaced(batch, stored)
    changed: set[str] = set(let_go.reset)
    if let_go.reset:
        done, dropped = reset_actors(tx, let_go.reset)
        counts += done
    else:
        dropped = set()
    actors = {*let_go.actors, *dropped, *(events.actors if events else ())}
    places = {*let_go.places, *(events.places if events else ())}
    if events is not None:
        counts += events.counts
    if actors or places:
        done, removed = remove_orphans(tx, actors, places)
        counts += done
        changed |= removed
    return BatchResult(counts, frozenset(changed))


def _link_count(name: str, rows: list[Row]) -> int:
    return len(rows) if name == "within" else 0


def _mention_count(rows: list[Row]) -> int:
    return sum(len(row["actors"]) + len(row["places"]) for row in rows)

"""The only Neo4j writer: the schema, and one batch of rows as one write transaction.

Every statement is constant Cypher text (graph.store.cypher: labels and relationship types
fixed there, never taken from input; values travel only as parameters). In a transaction,
shared actors and places are merged first; articles and events the database already holds
are merged, new ones created with their edges (the same transaction checked they are
absent, and the uniqueness constraints stand behind that check); then the edges between
shared nodes. Each statement reports the rows it matched, so the counts tell created from
found.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver, ManagedTransaction, Transaction
from neo4j.exceptions import ConstraintError

from graph.store.cypher import (
    CREATE_WRITES,
    EDGE_WRITES,
    FIND_EXISTING,
    MERGE_WRITES,
    SCHEMA,
    SHARED_WRITES,
)
from graph.store.rows import BatchRows, WriteCounts


def ensure_schema(driver: Driver, database: str) -> None:
    """Create the uniqueness constraints and indexes if missing (idempotent), then wait
    until every index is online so the first load can use them."""
    for statement in SCHEMA:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def write_batch_in_session(driver: Driver, database: str, rows: BatchRows) -> WriteCounts:
    """Write one batch in its own session (sessions are not shared between threads).

    A batch decides what to create from what is stored when it starts; if another
    transaction commits one of the same articles meanwhile (the same article twice in the
    input, or two loads at once), the create breaks a uniqueness constraint and the whole
    batch rolls back. Run once more, it finds those articles stored and merges them.
    """
    with driver.session(database=database) as session:
        try:
            return session.execute_write(write_batch, rows)
        except ConstraintError:
            return session.execute_write(write_batch, rows)


def write_batch(tx: ManagedTransaction | Transaction, batch: BatchRows) -> WriteCounts:
    """One batch in one transaction: shared nodes, then new articles and events created and
    stored ones merged, then the edges between shared nodes."""
    counts = WriteCounts()
    for name, statement in SHARED_WRITES.items():
        counts += _run_write(tx, statement, batch.rows[name], links=0)
    found = tx.run(
        FIND_EXISTING,
        articles=[row["id"] for row in batch.rows["articles"]],
        events=[row["id"] for row in batch.rows["events"]],
    ).single(strict=True)
    for name in CREATE_WRITES:  # "articles", "events": also FIND_EXISTING's columns
        stored = set(found[name])
        new = [row for row in batch.rows[name] if row["id"] not in stored]
        old = [row for row in batch.rows[name] if row["id"] in stored]
        links = _mention_count if name == "articles" else _event_end_count
        counts += _run_write(tx, CREATE_WRITES[name], new, sum(map(links, new)))
        counts += _run_write(tx, MERGE_WRITES[name], old, sum(map(links, old)))
    for name, statement in EDGE_WRITES.items():
        counts += _run_write(tx, statement, batch.rows[name], links=len(batch.rows[name]))
    return counts


def _mention_count(row: dict[str, Any]) -> int:
    return len(row["actors"])


def _event_end_count(row: dict[str, Any]) -> int:
    return sum(1 for end in ("source", "article", "target", "place", "reporter") if row[end])


def _run_write(
    tx: ManagedTransaction | Transaction, statement: str, rows: list[dict[str, Any]], links: int
) -> WriteCounts:
    if not rows:
        return WriteCounts()
    result = tx.run(statement, rows=rows)
    record = result.single(strict=True)
    nodes, found = int(record["nodes"]), int(record["links"])
    summary = result.consume().counters
    return WriteCounts(
        nodes_created=summary.nodes_created,
        nodes_matched=nodes - summary.nodes_created,
        relationships_created=summary.relationships_created,
        relationships_matched=found - summary.relationships_created,
        relationships_skipped=links - found,
        properties_set=summary.properties_set,
    )

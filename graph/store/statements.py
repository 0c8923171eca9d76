"""Running one constant write statement of the store and counting what it did."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction, Record, Transaction

from graph.store.rows import WriteCounts


def run_write(
    tx: ManagedTransaction | Transaction, statement: str, links: int = 0, **params: Any
) -> WriteCounts:
    """Run `statement` with `params` (nothing when its list parameter is empty) and count it.

    The statement returns `nodes` (rows it merged or matched) and `links` (edges whose
    endpoints it found); `links` here is how many edges its rows asked for, so the
    difference counts edges skipped for a missing endpoint.
    """
    return run_write_record(tx, statement, links, **params)[0]


def run_write_record(
    tx: ManagedTransaction | Transaction, statement: str, links: int = 0, **params: Any
) -> tuple[WriteCounts, Record | None]:
    """`run_write`, also returning the statement's one result record (None if it was not
    run, or no row matched)."""
    if not any(params.values()):
        return WriteCounts(), None
    result = tx.run(statement, **params)
    # (no record when no row matched and the statement returns a constant, a grouping key)
    record = result.single(strict=False)
    nodes, found = (int(record["nodes"]), int(record["links"])) if record else (0, 0)
    summary = result.consume().counters
    counts = WriteCounts(
        nodes_created=summary.nodes_created,
        nodes_matched=max(nodes - summary.nodes_created - summary.nodes_deleted, 0),
        relationships_created=summary.relationships_created,
        relationships_matched=max(found - summary.relationships_created, 0),
        relationships_skipped=max(links - found, 0),
        properties_set=summary.properties_set,
        nodes_deleted=summary.nodes_deleted,
        relationships_deleted=summary.relationships_deleted,
    )
    return counts, record

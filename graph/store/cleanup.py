"""After a batch replaces stored articles: actors merged anew from what the articles still say of
them, then the actors and places nothing holds any more removed.

A stored actor is the merge of the records its articles hold of it (each MENTIONED_IN keeps
one article's record: name, country, roles, aliases). Merging a new record in only ever adds
(graph.store.cypher.MERGE_ACTORS), so when an article that said more of an actor is replaced,
the actor is merged anew from the records left: its name, country, roles, aliases and
affiliations are what the stored articles say, as if the replaced version had never been
loaded. Only those properties are written; whatever else a node holds stays. An actor or place
that no article mentions, no event has as an end, and nothing is affiliated with or lies
within is removed, and then what it pointed at is checked in turn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from neo4j import ManagedTransaction, Transaction

from graph.store.event_cypher import (
    ACTOR_RECORDS,
    DELETE_ORPHAN_ACTORS,
    DELETE_ORPHAN_PLACES,
    RESET_ACTORS,
)
from graph.store.families import StoredArticle
from graph.store.rows import (
    BatchRows,
    Row,
    WriteCounts,
    joined_actor_row,
    read_record,
    record_row,
)
from graph.store.statements import run_write_record
from ingest.model import actor_id

Tx = ManagedTransaction | Transaction


@dataclass(frozen=True, slots=True)
class Replaced:
    """What replacing a batch's stored articles let go: actors whose merged values may shrink
    (`reset`), and the actors and places the articles no longer name."""

    reset: frozenset[str] = field(default=frozenset())
    actors: frozenset[str] = field(default=frozenset())
    places: frozenset[str] = field(default=frozenset())


def replaced(batch: BatchRows, stored: Mapping[str, StoredArticle]) -> Replaced:
    """Compare each stored article's records with the batch's version of the article."""
    reset: set[str] = set()
    actors: set[str] = set()
    places: set[str] = set()
    for row in batch.rows["articles"]:
        old = stored.get(row["id"])
        if old is None:
            continue
        new = {actor["id"]: read_record(actor["record"]) for actor in row["actors"]}
        for actor, record in old.actors.items():
            if actor not in new:
                actors.add(actor)
                reset.add(actor)
            elif not _adds_nothing(actor, record, new[actor]):
                reset.add(actor)
        places |= old.places - set(row["places"])
    return Replaced(frozenset(reset), frozenset(actors), frozenset(places))


def _adds_nothing(actor: str, old: Row, new: Row) -> bool:
    """Whether the old record is part of the new one (merging it in changes nothing)."""
    new_row = record_row(actor, "person", new)
    return joined_actor_row(new_row, record_row(actor, "person", old)) == new_row


def reset_actors(tx: Tx, ids: Iterable[str]) -> tuple[WriteCounts, set[str]]:
    """Merge these actors anew from their records (module docstring); returns the counts
    and the country actors an affiliation was dropped to."""
    rows = []
    for found in tx.run(ACTOR_RECORDS, ids=sorted(ids)):
        records = [read_record(record) for record in found["records"]]
        if records:
            rows.append(_reset_row(found["id"], found["kind"], records))
    counts, result = run_write_record(tx, RESET_ACTORS, rows=rows)
    return counts, set(result["dropped"]) if result else set()


def _reset_row(actor: str, kind: str, records: list[Row]) -> Row:
    merged = reduce(joined_actor_row, (record_row(actor, kind, r) for r in records))
    roles: dict[str, set[str]] = {}
    for record in records if kind != "country" else []:
        if record.get("country"):
            first = record.get("roles") or []
            roles.setdefault(record["country"], set()).update(first[:1])
    affiliations = [
        {"to": actor_id("country", country, country), "role": min(found, default=None)}
        for country, found in sorted(roles.items())
    ]
    return {**merged, "affiliations": affiliations}


def remove_orphans(
    tx: Tx, actors: Iterable[str], places: Iterable[str]
) -> tuple[WriteCounts, set[str]]:
    """Remove the given actors and places where nothing holds them, then what they pointed
    at, until nothing more goes; returns the counts and the ids removed."""
    counts = WriteCounts()
    removed: set[str] = set()
    todo: dict[str, set[str]] = {
        DELETE_ORPHAN_ACTORS: set(actors),
        DELETE_ORPHAN_PLACES: set(places),
    }
    while any(todo.values()):
        for statement, ids in list(todo.items()):
            done, result = run_write_record(tx, statement, ids=sorted(ids))
            counts += done
            todo[statement] = set(_ids(result, "next")) if result else set()
            removed.update(_ids(result, "deleted") if result else ())
    return counts, removed


def _ids(result: Any, column: str) -> list[str]:
    return [str(value) for value in result[column]]

"""The events of one batch in Neo4j: the families its articles change, locked, read, regrouped
with graph.events and written as the difference from what is stored.

An event is a function of its family's mentions (graph.events), so a transaction that changes
a family's mentions recomputes that whole family: it locks the family (in key order, so two
writers wait rather than deadlock), reads every stored mention of it, groups them with the
batch's own, and deletes, creates or updates events until the stored ones equal the groups.
Whatever the order in which articles arrive, and however they are batched, each family ends
up as the grouping of all its mentions: the same events and ids as graph.build gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from neo4j import ManagedTransaction, Transaction

from graph.events import Report, family_key, group_mentions
from graph.schema import REPORT_ID
from graph.store.event_cypher import (
    CREATE_EVENTS,
    DELETE_EVENTS,
    LOCK_FAMILIES,
    PLACE_CHAINS,
    READ_FAMILIES,
    UNLOCK_FAMILIES,
    UPDATE_EVENTS,
)
from graph.store.readback import native_value
from graph.store.rows import BatchRows, Row, WriteCounts, event_row
from graph.store.statements import run_write
from ingest.model import Event

Tx = ManagedTransaction | Transaction


class StaleReadError(Exception):
    """Another transaction changed this batch's stored articles between the batch's first
    read and its family locks; the batch is run again from the start."""


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What the database holds of one article before a batch replaces it."""

    id: str
    published: date | None
    actors: dict[str, Row]  # actor id → the article's record of it (MENTIONED_IN)
    places: frozenset[str]
    reports: dict[str, tuple[str, Row]]  # mention id → (event family, mention fields)
    broken: frozenset[str] = frozenset()  # families of its events that lost an edge since


@dataclass(frozen=True, slots=True)
class EventWrite:
    """What the event writes did, and the actors and places they unhooked from an event."""

    counts: WriteCounts = field(default_factory=WriteCounts)
    actors: frozenset[str] = field(default=frozenset())
    places: frozenset[str] = field(default=frozenset())


def read_stored(tx: Tx, statement: str, ids: list[str]) -> dict[str, StoredArticle]:
    """The batch's articles the database already holds (graph.store.cypher.FIND_STORED)."""
    if not ids:
        return {}
    stored = {}
    for record in tx.run(statement, articles=ids):
        reports = {
            str(report["props"][REPORT_ID]): (report["family"], native_value(report["props"]))
            for report in record["reports"]
        }
        stored[record["id"]] = StoredArticle(
            id=record["id"],
            published=native_value(record["published"]),
            actors={actor["id"]: native_value(actor["record"]) for actor in record["actors"]},
            places=frozenset(record["places"]),
            reports=reports,
            broken=frozenset(
                report["family"]
                for report in record["reports"]
                if not _event_intact(report["props"], report["event"])
            ),
        )
    return stored


def _event_intact(mention: Mapping[str, Any], event: Mapping[str, Any]) -> bool:
    """Whether a stored event still has the edges one of its mentions implies: one source
    and (if the mention has one) one target among the mention's actors, a place if the
    mention names one, the mention's reporter, and as many reports as it counts. A reload
    recomputes the family of an event that lost one (deleted by hand, say)."""
    ends = {mention.get("source"), mention.get("target")}
    targets = event["targets"]
    return (
        len(event["sources"]) == 1
        and event["sources"][0] in ends
        and (len(targets) == 1 and targets[0] in ends if mention.get("target") else not targets)
        and (len(event["places"]) == 1 or not mention.get("place"))
        and (not mention.get("reporter") or mention["reporter"] in event["reporters"])
        and event["reports"] == event["reported"]
    )


def changed_families(batch: BatchRows, stored: Mapping[str, StoredArticle]) -> set[str]:
    """Families whose mentions this batch changes: of mentions it adds, drops or alters,
    of all its mentions of an article whose publication date (a mention's date when its
    sentence gives none) changed, and of its stored events that lost an edge. None: the
    batch's events are stored as they are."""
    changed: set[str] = set()
    for row in batch.rows["articles"]:
        old = stored.get(row["id"])
        before = old.reports if old else {}
        after = {report["id"]: (report["family"], report["props"]) for report in row["reports"]}
        moved = old is not None and old.published != row["props"].get("published")
        changed |= old.broken if old else set()
        for mention in after.keys() | before.keys():
            if moved or after.get(mention) != before.get(mention):
                changed.update(
                    found[0] for found in (after.get(mention), before.get(mention)) if found
                )
    return changed


def write_events(
    tx: Tx,
    batch: BatchRows,
    stored: Mapping[str, StoredArticle],
    families: set[str],
    find_stored: str,
) -> EventWrite:
    """Recompute the events of `families` from every mention they hold once this batch's
    articles replace theirs, and write the difference (see the module docstring)."""
    keys = sorted(families)
    run_write(tx, LOCK_FAMILIES, keys=keys)  # bookkeeping: not counted as a write
    if stored and _reports(read_stored(tx, find_stored, list(stored))) != _reports(stored):
        raise StaleReadError("the batch's stored reports changed while it waited")
    current = {record["id"]: record for record in tx.run(READ_FAMILIES, keys=keys)}
    batch_articles = set(batch.article_ids)
    reports = [report for report in batch.reports if family_key(report.mention) in families]
    for record in current.values():
        reports.extend(
            _stored_report(report)
            for report in record["reports"]
            if report["article"] not in batch_articles
        )
    events = group_mentions(reports, _place_chains(tx, reports))
    wanted = {event.id: event_row(event) for event in events}
    gone = [event for event in current if event not in wanted]
    new = [row for event, row in wanted.items() if event not in current]
    changed = [
        update
        for event, row in wanted.items()
        if event in current and (update := _update_row(current[event], row)) is not None
    ]
    counts = run_write(tx, DELETE_EVENTS, ids=gone)
    counts += run_write(tx, CREATE_EVENTS, _edge_count(new), rows=new)
    counts += run_write(tx, UPDATE_EVENTS, _edge_count(changed), rows=changed)
    run_write(tx, UNLOCK_FAMILIES, keys=keys)
    unhooked = [_ends(current[event]) for event in gone] + [
        _ends(current[row["id"]]) - _ends(row["ends"][0]) for row in changed if row["ends"]
    ]
    return EventWrite(
        counts=counts,
        actors=frozenset(end for ends in unhooked for role, end in ends if role != "place"),
        places=frozenset(end for ends in unhooked for role, end in ends if role == "place"),
    )


def _update_row(stored: Mapping[str, Any], row: Row) -> Row | None:
    """What UPDATE_EVENTS must do to make a stored event (a READ_FAMILIES record) what its
    row says, or None if it is that already: properties, ends if they changed, reports lost
    and reports new (a report whose fields changed is both)."""
    props = native_value(stored["props"])
    same_props = all(props.get(key) == value for key, value in row["props"].items())
    ends = {key: row[key] for key in ("source", "target", "place", "reporters")}
    old = {str(r["props"][REPORT_ID]): r for r in stored["reports"]}
    new = {str(r["props"][REPORT_ID]): r for r in row["reports"]}
    drop = [m for m in old if m not in new or _report_key(old[m]) != _report_key(new[m])]
    add = [new[m] for m in new if m not in old or m in drop]
    if same_props and _ends(stored) == _ends(ends) and not drop and not add:
        return None
    return {
        "id": row["id"],
        "props": row["props"],
        "ends": [] if _ends(stored) == _ends(ends) else [ends],
        "drop": drop,
        "add": add,
    }


# where a READ_FAMILIES record (lists) and an event row (single ids) keep an event's ends
_END_ROLES = {
    "sources": "source", "source": "source", "targets": "target", "target": "target",
    "places": "place", "place": "place", "reporters": "reporter",
}  # fmt: skip


def _ends(event: Mapping[str, Any]) -> frozenset[tuple[str, str]]:
    """An event's ends as (role, id) pairs: source, target, place, reporter."""
    found = set()
    for key, role in _END_ROLES.items():
        value = event.get(key)
        for end in value if isinstance(value, list) else [value]:
            if end:
                found.add((role, str(end)))
    return frozenset(found)


def _report_key(report: Mapping[str, Any]) -> tuple[str, str]:
    """A report as compared: its article and its mention's fields."""
    return str(report["article"]), repr(sorted(native_value(dict(report["props"])).items()))


def _reports(stored: Mapping[str, StoredArticle]) -> dict[str, dict[str, tuple[str, Row]]]:
    return {article: found.reports for article, found in stored.items()}


def _stored_report(report: Mapping[str, Any]) -> Report:
    """A REPORTED_IN read back as the mention it records."""
    fields = native_value(dict(report["props"]))
    fields["id"] = fields.pop(REPORT_ID)
    return Report(Event.from_dict(fields), report["article"], native_value(report["published"]))


def _place_chains(tx: Tx, reports: Iterable[Report]) -> dict[str, frozenset[str]]:
    places = sorted({report.mention.place for report in reports if report.mention.place})
    if not places:
        return {}
    return {
        record["id"]: frozenset(record["chain"]) for record in tx.run(PLACE_CHAINS, places=places)
    }


def _edge_count(rows: list[Row]) -> int:
    """The edges event rows (CREATE_EVENTS) or update rows (UPDATE_EVENTS) ask for: ends,
    reporters, reports."""
    total = 0
    for row in rows:
        ends: list[Row] = row.get("ends", [row])
        reports: list[Row] = row["add"] if "add" in row else row["reports"]
        total += sum(len(_ends(found)) for found in ends) + len(reports)
    return total

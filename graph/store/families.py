"""The events of one batch in Neo4j: the families its articles change, locked, read, regrouped
with graph.events and written as the difference from what is stored.

An event is a function of its family's mentions (graph.events), so a transaction that changes
a family's mentions recomputes that whole family: it locks the family (in key order, so two
writers wait rather than deadlock), reads every stored mention of it, groups them with the
batch's own, and deletes, creates or updates events until the stored ones equal the groups
(graph.store.event_diff plans those writes; the stored events themselves need not be read,
being the grouping of the stored mentions).
Whatever the order in which articles arrive, and however they are batched, each family ends
up as the grouping of all its mentions: the same events and ids as graph.build gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from neo4j import ManagedTransaction, Transaction

from graph.events import Report, group_mentions
from graph.schema import REPORT_ID
from graph.store.event_cypher import (
    PLACE_CHAINS,
    READ_FAMILIES,
    REPORT_PROPS,
    WRITE_EVENTS,
)
from graph.store.event_diff import EventWrites, StoredReport, plan_event_writes
from graph.store.readback import native_value
from graph.store.rows import BatchRows, Row, WriteCounts, read_record
from graph.store.statements import run_write_record
from ingest.model import Event

Tx = ManagedTransaction | Transaction

# The columns of a report as READ_FAMILIES reads it: the mention's id, its article's id and
# publication date, and the mention's fields an event is grouped and described by.
REPORT_COLUMNS = (
    "id", "article", "published", "cameo", "label", "quad_class", "goldstein", "source",
    "target", "place", "date", "negated", "modality", "reporter", "confidence",
)  # fmt: skip


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
            actors={actor["id"]: read_record(actor["record"]) for actor in record["actors"]},
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
    records = list(tx.run(READ_FAMILIES, keys=keys))  # locks the families, then reads them
    if stored and _reports(read_stored(tx, find_stored, list(stored))) != _reports(stored):
        raise StaleReadError("the batch's stored reports changed while it waited")
    batch_articles = set(batch.article_ids)
    before = [
        _stored_report(record["event"], report, stored)
        for record in records
        for report in record["reports"]
    ]
    fresh = {
        report["id"]: report["props"]
        for row in batch.rows["articles"]
        for report in row["reports"]
        if report["family"] in families
    }
    kept = frozenset(
        mention
        for article in stored.values()
        for mention, (_, props) in article.reports.items()
        if fresh.get(mention) == props
    )
    reports = [report for report in batch.reports if report.mention.id in fresh]
    reports += [found.report for found in before if found.report.article not in batch_articles]
    chains = _place_chains(tx, [*reports, *(found.report for found in before)])
    bare = {record["event"] for record in records if not record["reports"]}
    wanted = group_mentions(reports, chains)
    broken = frozenset(family for article in stored.values() for family in article.broken)
    writes = plan_event_writes(before, wanted, fresh, kept, chains, bare, broken)
    if writes.unread:
        _read_moved(tx, writes)
    counts, written = run_write_record(
        tx,
        WRITE_EVENTS,
        _edge_count(writes.create) + _edge_count(writes.update),
        delete=writes.delete,
        create=writes.create,
        update=writes.update,
        keys=keys,
    )
    unlocked = int(written["unlocked"]) if written else 0
    counts = replace(counts, nodes_deleted=counts.nodes_deleted - unlocked)
    unhooked = {str(end) for end in (written["unhooked"] if written else ())}
    return EventWrite(
        counts=counts,
        actors=frozenset(end for end in unhooked if not end.startswith("place:")),
        places=frozenset(end for end in unhooked if end.startswith("place:")),
    )


def _read_moved(tx: Tx, writes: EventWrites) -> None:
    """Fill in the properties of the stored reports that move to another event (the family
    read left out their text), from where they hang now."""
    asked = [
        {"event": found.event, "article": found.report.article, "mention": found.report.mention.id}
        for found, _ in writes.unread
    ]
    props = {record["mention"]: record["props"] for record in tx.run(REPORT_PROPS, reports=asked)}
    for found, row in writes.unread:
        row["props"] = props[found.report.mention.id]


def _reports(stored: Mapping[str, StoredArticle]) -> dict[str, dict[str, tuple[str, Row]]]:
    return {article: found.reports for article, found in stored.items()}


def _stored_report(
    event: str, columns: list[Any], stored: Mapping[str, StoredArticle]
) -> StoredReport:
    """A report READ_FAMILIES read (REPORT_COLUMNS), as the mention it stores, without the
    text fields it was read without. A report of one of the batch's articles is dated from
    the article as it was stored (the batch has updated it since)."""
    (mention_id, article, published, cameo, label, quad_class, goldstein, source, target,
     place, day, negated, modality, reporter, confidence) = columns  # REPORT_COLUMNS  # fmt: skip
    mention = Event(
        id=mention_id,
        cameo=cameo,
        label=label,
        quad_class=quad_class,
        goldstein=goldstein,
        source=source,
        target=target,
        place=place,
        date=_day(day),
        negated=bool(negated),
        modality=modality or "asserted",
        reporter=reporter,
        sentence="",
        start=0,
        end=0,
        confidence=0.5 if confidence is None else confidence,
    )
    if article in stored:
        return StoredReport(event, Report(mention, article, stored[article].published), None)
    return StoredReport(event, Report(mention, article, _day(published)), None)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


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
        for found in ends:
            total += sum(1 for end in ("source", "target", "place") if found[end])
            total += len(found["reporters"])
        total += len(reports)
    return total

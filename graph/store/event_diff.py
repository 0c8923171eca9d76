"""The writes that turn a family's stored events into the events its mentions now make.

Pure Python (graph.store.families does the reading and writing). The stored events are known
from their reports alone: each stored event is the grouping of its reports (graph.events),
so the events those reports made are regrouped here to learn their properties and ends
without reading them. Where a stored event does not match its regrouping (written by
another version, or edited by hand), it is written in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graph.events import EventGroup, Report, group_mentions
from graph.schema import EVENT_LINKS
from graph.store.rows import Row, event_ends, node_props


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A report as stored: the event it hangs on and its mention's fields."""

    event: str
    report: Report
    props: Row | None  # the REPORTED_IN's properties; None if read without its text


@dataclass
class EventWrites:
    """Events to create (with their reports), to update (changed properties, ends rewritten
    if they changed, reports dropped and added) and to delete."""

    create: list[Row] = field(default_factory=list)
    update: list[Row] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    # report rows (`{article, props}`) of stored reports that move to another event, whose
    # properties were read without their text: the caller fills in `props` before writing
    unread: list[tuple[StoredReport, Row]] = field(default_factory=list)


def plan_event_writes(
    stored: Iterable[StoredReport],
    wanted: Iterable[EventGroup],
    fresh: Mapping[str, Row],
    kept: frozenset[str],
    chains: Mapping[str, frozenset[str]],
    bare: Iterable[str] = (),
    broken: frozenset[str] = frozenset(),
) -> EventWrites:
    """The writes from the `stored` reports of some families to the `wanted` events.

    `fresh` holds the REPORTED_IN properties of the batch's mentions (the new version of
    their articles); `kept` names those among them stored already, unchanged, which can
    stay where they hang if their event keeps its id. `bare` are stored events of these
    families that have no report (their reports were deleted by hand); the events of the
    `broken` families (some lost an edge) are written in full.
    """
    stored = list(stored)
    where = {found.report.mention.id: found for found in stored}
    actual: dict[str, set[str]] = {event: set() for event in bare}
    for found in stored:
        actual.setdefault(found.event, set()).add(found.report.mention.id)
    before = {e.id: e for e in group_mentions([found.report for found in stored], chains)}
    writes = EventWrites()
    wanted_ids = set()
    for event in wanted:
        wanted_ids.add(event.id)
        mentions = {report.mention.id: report for report in event.mentions}
        add = [
            _report_row(writes, report.article, fresh.get(mention), where.get(mention))
            for mention, report in mentions.items()
            if not (where.get(mention) and where[mention].event == event.id)
            or (mention in fresh and mention not in kept)
        ]
        props = node_props(event, EVENT_LINKS)
        ends = event_ends(event)
        if event.id not in actual:
            writes.create.append({"id": event.id, "props": props, **ends, "reports": add})
            continue
        drop = sorted(
            mention
            for mention in actual[event.id]
            if mention not in mentions or (mention in fresh and mention not in kept)
        )
        old = before.get(event.id)
        trusted = (
            old is not None
            and event.family not in broken
            and {r.mention.id for r in old.mentions} == actual[event.id]
        )
        if old is not None and trusted:
            old_props = node_props(old, EVENT_LINKS)
            props = {key: value for key, value in props.items() if old_props.get(key) != value}
        new_ends = [] if trusted and old is not None and event_ends(old) == ends else [ends]
        if props or new_ends or drop or add:
            writes.update.append(
                {"id": event.id, "props": props, "ends": new_ends, "drop": drop, "add": add}
            )
    writes.delete = sorted(event for event in actual if event not in wanted_ids)
    return writes


def _report_row(
    writes: EventWrites, article: str, fresh: Row | None, stored: StoredReport | None
) -> Row:
    """A REPORTED_IN row: the batch's version of the mention, else the stored one (listed in
    `writes.unread` if its properties are still to be read)."""
    row: Row = {"article": article, "props": fresh or (stored.props if stored else None)}
    if row["props"] is None and stored is not None:
        writes.unread.append((stored, row))
    return row

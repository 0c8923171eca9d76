"""graph.store.event_diff without a server: the writes from a family's stored reports to its
regrouped events are the fewest that make them equal."""

from __future__ import annotations

from datetime import date

from graph.events import Report, group_mentions
from graph.schema import report_fields
from graph.store.event_diff import StoredReport, plan_event_writes
from graph.store.rows import edge_props
from ingest.model import Event


def _mention(day: int, suffix: str = "") -> Event:
    return Event(
        id=f"mention:{day:02d}{suffix}",
        cameo="040",
        label="met",
        quad_class=1,
        goldstein=1.0,
        source="person:a",
        target="person:b",
        date=date(2025, 1, day),
        sentence=f"A met B on day {day}.",
        start=0,
        end=20,
    )


def _stored(*mentions: Event) -> list[StoredReport]:
    """Mentions as the database holds them: grouped into events, each on its event."""
    reports = [Report(m, f"article:{m.id}", None) for m in mentions]
    return [
        StoredReport(event.id, report, edge_props(report_fields(report.mention)))
        for event in group_mentions(reports, {})
        for report in event.mentions
    ]


def _fresh(*mentions: Event) -> dict[str, dict[str, object]]:
    return {m.id: edge_props(report_fields(m)) for m in mentions}


def _wanted(*mentions: Event) -> list[object]:
    return list(group_mentions([Report(m, f"article:{m.id}", None) for m in mentions], {}))


def test_a_report_of_a_known_event_adds_one_report_and_changes_its_counts() -> None:
    first, later = _mention(1), _mention(2)
    stored = _stored(first)
    writes = plan_event_writes(stored, _wanted(first, later), _fresh(later), frozenset(), {})
    assert writes.create == [] and writes.delete == []
    (update,) = writes.update
    assert update["id"] == stored[0].event
    assert [report["props"]["mention"] for report in update["add"]] == [later.id]
    assert update["drop"] == [] and update["ends"] == []  # same actors and place
    assert set(update["props"]) == {"reports", "articles"}  # only what changed


def test_a_report_between_two_events_joins_them() -> None:
    jan1, jan3, jan2 = _mention(1), _mention(3), _mention(2)
    stored = _stored(jan1, jan3)
    first = stored[0].event  # the event of Jan 1
    (last,) = {found.event for found in stored} - {first}
    writes = plan_event_writes(stored, _wanted(jan1, jan2, jan3), _fresh(jan2), frozenset(), {})
    assert writes.delete == [last] and writes.create == []
    (update,) = writes.update
    assert update["id"] == first
    # the report of the deleted event moves over, with its stored fields, and the new one
    assert sorted(report["props"]["mention"] for report in update["add"]) == [jan2.id, jan3.id]


def test_nothing_changed_writes_nothing() -> None:
    one = _mention(1)
    stored = _stored(one)
    writes = plan_event_writes(stored, _wanted(one), _fresh(one), frozenset({one.id}), {})
    assert (writes.create, writes.update, writes.delete) == ([], [], [])

"""Extractions → the parameter rows of one write transaction, derived from the model's fields.

A node row is `{"id", "props", …}`: `props` holds the record's dataclass fields (every field
but the links to other records and the article text), so a field added to the model reaches
Neo4j with no edit here or in the Cypher. Values stay typed (dates go as DATE values); a
field that is None travels as null, which `SET n += props` removes, while properties other
programs or researchers added to a node stay. Relationship properties (a mention's fields on
REPORTED_IN, an article's record of an actor on MENTIONED_IN) leave None out, since Neo4j
stores no null and the writer compares stored relationships with their rows as maps.
Values derived from the fields (a mention's event family, the `lookup` keys) travel beside
`props`, and the ids of linked records by name.

Pure Python: nothing here talks to the server.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, field, fields
from functools import cache
from typing import Any

from graph.events import EventGroup, Report, family_key
from graph.schema import (
    ARTICLE_UNSTORED,
    EVENT_LINKS,
    PLACE_LINKS,
    REPORT_ID,
    affiliations,
    field_names,
    report_fields,
)
from ingest.model import Actor, Event, Extraction, Place, fold, preferred_name

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class WriteCounts:
    """Rows sent vs what the server created; `matched` rows found an existing node/edge."""

    nodes_created: int = 0
    nodes_matched: int = 0
    relationships_created: int = 0
    relationships_matched: int = 0
    relationships_skipped: int = 0  # an endpoint was not in the database
    properties_set: int = 0
    nodes_deleted: int = 0  # events, actors and places no report or article holds any more
    relationships_deleted: int = 0

    def __add__(self, other: WriteCounts) -> WriteCounts:
        return WriteCounts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


@dataclass(frozen=True, slots=True)
class BatchRows:
    """The parameter rows of one transaction, per statement name in graph.store.cypher.

    `known` counts the actor, place and edge rows left out because this load already
    committed them (they match), and `skipped` names those actors and places; `actors` are
    the batch's distinct Actor records, all in the database once the batch commits.
    `reports` are the articles' mentions (graph.events.Report) and `families` their event
    families, which the transaction regroups (graph.store.families).
    """

    rows: dict[str, list[Row]]
    known: WriteCounts = WriteCounts()
    actors: frozenset[Actor] = frozenset()
    skipped: frozenset[str] = frozenset()
    families: frozenset[str] = field(default=frozenset())
    reports: tuple[Report, ...] = ()

    @property
    def article_ids(self) -> list[str]:
        return [row["id"] for row in self.rows["articles"]]


def node_props(record: Any, leave_out: tuple[str, ...] = ()) -> Row:
    """A record's fields as Neo4j properties: tuples as lists, dates as dates, None as null."""
    record_type: Any = type(record)
    return {name: _stored(getattr(record, name)) for name in _kept(record_type, leave_out)}


@cache
def _kept(record_type: Any, leave_out: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of a record type but `leave_out` (cached: asked for every record loaded)."""
    return tuple(f.name for f in fields(record_type) if f.name not in leave_out)


def edge_props(values: Row) -> Row:
    """Relationship properties: None left out, tuples as lists."""
    return {key: _stored(value) for key, value in values.items() if value is not None}


def _stored(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def actor_record(actor: Actor) -> str:
    """What one article says of an actor (name, country, roles in its order, aliases) as
    JSON, the `record` of its MENTIONED_IN: the actor node is the merge of these records.
    (One text property, not four: an article mentions tens of actors, loads write millions.)"""
    return json.dumps(edge_props(node_props(actor, ("id", "kind"))), ensure_ascii=False)


def read_record(record: str | None) -> Row:
    """An `actor_record` read back (an empty record for a missing one)."""
    found: Row = json.loads(record) if record else {}
    return found


def article_row(extraction: Extraction, records: dict[Actor, str] | None = None) -> Row:
    """An article's properties; the actors it mentions with its record of each, and the
    places it names (MENTIONED_IN); its mentions of events (`report_row`). `records` caches
    `actor_record` across calls (news names the same actors in article after article)."""
    article = extraction.article
    records = {} if records is None else records
    for actor in extraction.actors:
        if actor not in records:
            records[actor] = actor_record(actor)
    return {
        "id": article.id,
        "props": node_props(article, ARTICLE_UNSTORED),
        "actors": [{"id": a.id, "record": records[a]} for a in extraction.actors],
        "places": sorted({place.id for place in extraction.places}),
        "reports": [report_row(mention) for mention in extraction.events],
    }


def report_row(mention: Event) -> Row:
    """One mention: its id, its event family (graph.events.family_key) and its fields as its
    REPORTED_IN relationship holds them."""
    return {
        "id": mention.id,
        "family": family_key(mention),
        "props": {
            REPORT_ID if name == "id" else name: _stored(value)
            for name in field_names(mention)
            if (value := getattr(mention, name)) is not None
        },  # edge_props(report_fields(mention)), built in one pass
    }


def event_ends(event: EventGroup) -> Row:
    """The ids of an event's ends: source, target, place and reporters."""
    return {
        "source": event.source,
        "target": event.target,
        "place": event.place,
        "reporters": list(event.reporters),
    }


def event_row(event: EventGroup) -> Row:
    """An event's properties (nulls included, so an update removes what became None), the
    ids of its ends, and one REPORTED_IN row per mention (article id and mention fields)."""
    return {
        "id": event.id,
        "props": node_props(event, EVENT_LINKS),
        **event_ends(event),
        "reports": [
            {"article": report.article, "props": edge_props(report_fields(report.mention))}
            for report in event.mentions
        ],
    }


def place_row(place: Place) -> Row:
    """A place's properties and lookup keys (the statement adds the `location` point)."""
    return {
        "id": place.id,
        "props": node_props(place, PLACE_LINKS),
        "lookup": sorted({fold(place.id), fold(place.name)}),
    }


def actor_row(actor: Actor) -> Row:
    """An actor's parameters; `lookup` holds folded name, aliases and id so queries can
    find an actor by any of them regardless of case and accents. Each value has its own
    merge rule in MERGE_ACTORS, so actor rows are flat."""
    aliases = sorted({actor.name, *actor.aliases})
    return {
        **actor.to_dict(),
        "roles": sorted(set(actor.roles)),
        "aliases": aliases,
        "lookup": sorted({fold(actor.id), *(fold(alias) for alias in aliases)}),
    }


def record_row(actor: str, kind: str, record: Row) -> Row:
    """The actor row (`actor_row`) of one article's record of an actor (`actor_record`)."""
    return actor_row(
        Actor(
            id=actor,
            name=str(record["name"]),
            kind=kind,  # type: ignore[arg-type]  # read back from the database
            country=record.get("country"),
            roles=tuple(record.get("roles") or ()),
            aliases=tuple(record.get("aliases") or ()),
        )
    )


def joined_actor_row(seen: Row, row: Row) -> Row:
    """Two rows of one actor merged as MERGE_ACTORS merges a row into a node."""
    countries = [c for c in (seen["country"], row["country"]) if c]
    return {
        "id": seen["id"],
        "name": preferred_name([seen["name"], row["name"]]),
        "kind": row["kind"],
        "country": min(countries) if countries else None,
        "roles": _sorted_union(seen["roles"], row["roles"]),
        "aliases": _sorted_union(seen["aliases"], row["aliases"]),
        "lookup": _sorted_union(seen["lookup"], row["lookup"]),
    }


def _sorted_union(first: list[str], second: list[str]) -> list[str]:
    return first if set(second) <= set(first) else sorted({*first, *second})


class CommittedRows:
    """What one load has committed so far, so later batches need not send it again.

    Actor and place merges are joins (preferred name, smallest country, sorted unions; place
    rows are fixed by their id), so a row already merged once cannot change the node again:
    an actor row is sent only if it adds to what this load committed for that id. News
    reuses the same few actors and places in article after article; this keeps each
    transaction to the article's own rows.
    """

    def __init__(self) -> None:
        self.actor_records: set[Actor] = set()
        self.records: dict[Actor, str] = {}  # actor_record of each record seen (a pure cache)
        self.actors: dict[str, Row] = {}
        self.places: dict[str, Row] = {}
        self.affiliations: set[tuple[str, str, str | None]] = set()
        self.within: set[tuple[str, str]] = set()

    def actor_is_known(self, row: Row) -> bool:
        seen = self.actors.get(row["id"])
        return seen is not None and joined_actor_row(seen, row) == seen

    def forget(self, ids: Iterable[str]) -> None:
        """Drop what is known of these actors and places: a batch has removed them or
        shrunk them to what the articles still say, so the next batch sends them again."""
        gone = set(ids)
        if not gone:
            return
        self.actor_records = {actor for actor in self.actor_records if actor.id not in gone}
        for known in (self.actors, self.places):
            for key in gone & known.keys():
                del known[key]
        self.affiliations = {link for link in self.affiliations if gone.isdisjoint(link[:2])}
        self.within = {link for link in self.within if gone.isdisjoint(link)}

    def add(self, batch: BatchRows) -> None:
        self.actor_records.update(batch.actors)
        for row in batch.rows["actors"]:
            seen = self.actors.get(row["id"])
            self.actors[row["id"]] = row if seen is None else joined_actor_row(seen, row)
        for row in batch.rows["places"]:
            self.places[row["id"]] = row
        self.affiliations.update(
            (row["from"], row["to"], row["role"]) for row in batch.rows["affiliations"]
        )
        self.within.update((row["from"], row["to"]) for row in batch.rows["within"])


def batched_extractions(
    extractions: Iterable[Extraction], batch_size: int
) -> Iterator[list[Extraction]]:
    """Whole articles grouped until a group holds at least `batch_size` records."""
    batch: list[Extraction] = []
    size = 0
    for extraction in extractions:
        batch.append(extraction)
        size += 1 + len(extraction.actors) + len(extraction.places) + len(extraction.events)
        if size >= batch_size:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def batch_rows(batch: list[Extraction], committed: CommittedRows | None = None) -> BatchRows:
    """Parameter rows per statement (see graph.store.cypher) for one batch of articles,
    without the rows `committed` says this load already wrote."""
    committed = committed or CommittedRows()
    places: dict[str, Row] = {}
    articles: dict[str, Row] = {}  # by id: an article given twice is written once, as last given
    reports: dict[str, tuple[Report, ...]] = {}
    links: dict[tuple[str, str, str | None], Row] = {}
    within: dict[tuple[str, str], Row] = {}
    distinct: dict[Actor, None] = {}  # an ordered set: equal records are merged once
    for extraction in batch:
        distinct.update(dict.fromkeys(extraction.actors))
        for link in affiliations(extraction):
            distinct[link.country] = None
            key = (link.actor, link.country.id, link.role)
            links[key] = {"from": link.actor, "to": link.country.id, "role": link.role}
        for place in extraction.places:
            if place.id not in places:  # (a place's row depends on its id alone)
                places[place.id] = place_row(place)
            if place.within:
                within[(place.id, place.within)] = {"from": place.id, "to": place.within}
        article = extraction.article
        articles[article.id] = article_row(extraction, committed.records)
        reports[article.id] = tuple(
            Report(mention, article.id, article.published) for mention in extraction.events
        )
    actors: dict[str, Row] = {}
    for actor in distinct:
        if actor not in committed.actor_records:
            row = actor_row(actor)
            seen = actors.get(actor.id)
            actors[actor.id] = row if seen is None else joined_actor_row(seen, row)
    # sorted by id: concurrent batches lock shared nodes in the same order, so they can
    # wait on each other but not deadlock
    actor_rows = sorted(
        (row for row in actors.values() if not committed.actor_is_known(row)),
        key=lambda row: row["id"],
    )
    place_rows = sorted(
        (row for key, row in places.items() if committed.places.get(key) != row),
        key=lambda row: row["id"],
    )
    link_rows = [row for key, row in links.items() if key not in committed.affiliations]
    within_rows = [row for key, row in within.items() if key not in committed.within]
    actor_ids = {actor.id for actor in distinct}
    skipped = (actor_ids - {row["id"] for row in actor_rows}) | (
        places.keys() - {row["id"] for row in place_rows}
    )
    known_links = len(links) - len(link_rows) + len(within) - len(within_rows)
    return BatchRows(
        rows={
            "actors": actor_rows,
            "places": place_rows,
            "within": within_rows,
            "articles": list(articles.values()),
            "affiliations": link_rows,
        },
        known=WriteCounts(nodes_matched=len(skipped), relationships_matched=known_links),
        actors=frozenset(distinct),
        skipped=frozenset(skipped),
        families=frozenset(
            report["family"] for row in articles.values() for report in row["reports"]
        ),
        reports=tuple(report for found in reports.values() for report in found),
    )

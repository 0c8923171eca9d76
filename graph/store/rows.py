"""Extractions → the parameter rows of one write transaction, derived from the model's fields.

A node row is `{"id", "props", …}`: `props` holds the record's dataclass fields (every field
but the links to other records and the article text), so a field added to the model reaches
Neo4j with no edit here or in the Cypher (`SET e = row.props`). Values stay typed (dates go
as DATE values); fields that are None are left out, because Neo4j stores no null property
and the statements compare a stored node with its row as one map. Values derived from the
fields (an event's CAMEO `root`, the `lookup` keys) travel beside `props`, and the ids of
linked records as `source`, `target`, `place`, `reporter`, `article`.

Pure Python: nothing here talks to the server.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, fields
from typing import Any

from graph.schema import ARTICLE_UNSTORED, EVENT_LINKS, PLACE_LINKS, affiliations
from ingest.model import Actor, Article, Event, Extraction, Place, fold, preferred_name

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

    def __add__(self, other: WriteCounts) -> WriteCounts:
        return WriteCounts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


@dataclass(frozen=True, slots=True)
class BatchRows:
    """The parameter rows of one transaction, per statement name in graph.store.cypher.

    `known` counts the actor, place and edge rows left out because this load already
    committed them (they match); `actors` are the batch's distinct Actor records, all in
    the database once the batch commits.
    """

    rows: dict[str, list[Row]]
    known: WriteCounts = WriteCounts()
    actors: frozenset[Actor] = frozenset()


def node_props(record: Article | Place | Event, leave_out: tuple[str, ...] = ()) -> Row:
    """The record's fields as Neo4j properties: None left out, tuples as lists, dates as dates."""
    props = {}
    for field in fields(record):
        value = getattr(record, field.name)
        if field.name not in leave_out and value is not None:
            props[field.name] = list(value) if isinstance(value, tuple) else value
    return props


def article_row(extraction: Extraction) -> Row:
    """An article's properties and the ids of the actors it mentions (MENTIONED_IN)."""
    article = extraction.article
    return {
        "id": article.id,
        "props": node_props(article, ARTICLE_UNSTORED),
        "actors": [actor.id for actor in extraction.actors],
    }


def event_row(event: Event, article: str) -> Row:
    """An event's properties, its CAMEO root (indexed), and the ids of its ends (`source`,
    `target`, `place`, `reporter`, `article`), which the event statement links."""
    return {
        "id": event.id,
        "props": node_props(event, EVENT_LINKS),
        "root": event.root,
        **{link: getattr(event, link) for link in EVENT_LINKS},
        "article": article,
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
        self.actors: dict[str, Row] = {}
        self.places: dict[str, Row] = {}
        self.affiliations: set[tuple[str, str, str | None]] = set()
        self.within: set[tuple[str, str]] = set()

    def actor_is_known(self, row: Row) -> bool:
        seen = self.actors.get(row["id"])
        return seen is not None and joined_actor_row(seen, row) == seen

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
    articles: dict[str, Row] = {}  # by id: an article given twice is written once
    events: dict[str, Row] = {}
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
            places[place.id] = place_row(place)
            if place.within:
                within[(place.id, place.within)] = {"from": place.id, "to": place.within}
        articles.setdefault(extraction.article.id, article_row(extraction))
        for event in extraction.events:
            events.setdefault(event.id, event_row(event, extraction.article.id))
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
    known_nodes = len(actor_ids) - len(actor_rows) + len(places) - len(place_rows)
    known_links = len(links) - len(link_rows) + len(within) - len(within_rows)
    return BatchRows(
        rows={
            "actors": actor_rows,
            "places": place_rows,
            "articles": list(articles.values()),
            "events": list(events.values()),
            "affiliations": link_rows,
            "within": within_rows,
        },
        known=WriteCounts(nodes_matched=known_nodes, relationships_matched=known_links),
        actors=frozenset(distinct),
    )

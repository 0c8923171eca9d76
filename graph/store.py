"""The only Neo4j writer: schema, then Extractions as batched `UNWIND $rows …` writes.

Every statement is constant Cypher text (labels and relationship types are fixed here,
never taken from input; values travel only as parameters). A batch of whole articles is
one managed write transaction (`session.execute_write`, retried by the driver on transient
errors), so a failing batch rolls back alone. In a transaction, shared actors and places
are merged first; articles and events the database already holds are merged, new ones
created with their edges (the same transaction checked they are absent, and the
uniqueness constraints stand behind that check). Merges are idempotent and
order-independent: names keep the longest form (ties: alphabetical), roles and aliases
become sorted set unions, so loading the same input twice, or in another order, leaves the
same graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from neo4j import Driver, ManagedTransaction, Transaction
from neo4j.exceptions import AuthError, ConstraintError, ServiceUnavailable, SessionExpired
from neo4j.exceptions import Neo4jError as DriverNeo4jError

from graph.settings import LoadError, Neo4jAuthError, Neo4jUnavailableError
from graph.store_cypher import (
    CREATE_WRITES,
    EDGE_WRITES,
    FIND_EXISTING,
    MERGE_WRITES,
    SCHEMA,
    SHARED_WRITES,
)
from ingest.model import Actor, Event, Extraction, Place, actor_id, fold

OnError = Literal["skip", "raise"]

# records (article + actors + places + events) per write transaction
DEFAULT_LOAD_BATCH = 2_000
# transactions in flight at once; each batch only merges the actors and places it shares
# with another, so two writers rarely wait on each other's locks
DEFAULT_WRITERS = 2


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
        return WriteCounts(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """One transaction's result, passed to the progress callback."""

    article_ids: tuple[str, ...]
    events: int
    counts: WriteCounts
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FailedBatch:
    article_ids: tuple[str, ...]
    error: str


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What `load_extractions` did: loaded articles/events, counters, failed batches."""

    articles: int = 0
    events: int = 0
    batches: int = 0
    counts: WriteCounts = field(default_factory=WriteCounts)
    failed: tuple[FailedBatch, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failed


def ensure_schema(driver: Driver, database: str) -> None:
    """Create the uniqueness constraints and indexes if missing (idempotent), then wait
    until every index is online so the first load can use them."""
    for statement in SCHEMA:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def load_extractions(
    driver: Driver,
    extractions: Iterable[Extraction],
    database: str,
    batch_size: int = DEFAULT_LOAD_BATCH,
    on_error: OnError = "skip",
    progress: Callable[[BatchOutcome], None] | None = None,
    writers: int = DEFAULT_WRITERS,
) -> LoadReport:
    """Write articles with their actors, places and events; return what was created.

    A batch closes once it holds `batch_size` records (article + actors + places +
    events; whole articles only) and is one transaction. Up to `writers` transactions run
    at once, each in its own session, while the next batch's rows are built; results are
    reported in input order. With on_error="skip" a failed batch is rolled back, recorded
    with its article ids and the rest still load; "raise" raises LoadError (batches already
    in flight still finish). Call `ensure_schema` first: MERGE without the constraints is
    slow and unsafe.
    """
    report = LoadReport()
    committed = CommittedRows()
    pending: deque[_PendingBatch] = deque()
    in_flight = max(writers, 1)
    with ThreadPoolExecutor(max_workers=in_flight, thread_name_prefix="load") as pool:
        try:
            for batch in batched_extractions(extractions, batch_size):
                rows = batch_rows(batch, committed)
                future = pool.submit(write_batch_in_session, driver, database, rows)
                pending.append(_PendingBatch(batch, rows, future))
                while len(pending) > in_flight:
                    report = _settle(pending.popleft(), report, committed, on_error, progress)
            while pending:
                report = _settle(pending.popleft(), report, committed, on_error, progress)
        finally:
            for waiting in pending:
                waiting.future.cancel()
    return report


@dataclass(frozen=True, slots=True)
class _PendingBatch:
    batch: list[Extraction]
    rows: BatchRows
    future: Future[WriteCounts]


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


def _settle(
    pending: _PendingBatch,
    report: LoadReport,
    committed: CommittedRows,
    on_error: OnError,
    progress: Callable[[BatchOutcome], None] | None,
) -> LoadReport:
    """Wait for one batch's transaction and fold its outcome into the report."""
    ids = tuple(extraction.article.id for extraction in pending.batch)
    events = sum(len(extraction.events) for extraction in pending.batch)
    try:
        counts = pending.future.result()
    except AuthError as exc:
        raise Neo4jAuthError(f"Neo4j refused the credentials: {_reason(exc)}") from exc
    except (ServiceUnavailable, SessionExpired) as exc:
        raise Neo4jUnavailableError(f"lost the Neo4j connection: {_reason(exc)}") from exc
    except DriverNeo4jError as exc:
        if on_error == "raise":
            raise LoadError(ids, _reason(exc)) from exc
        outcome = BatchOutcome(ids, events, WriteCounts(), _reason(exc))
        report = _with_failure(report, outcome)
    else:
        committed.add(pending.rows)
        outcome = BatchOutcome(ids, events, counts + pending.rows.known)
        report = _with_success(report, outcome)
    if progress is not None:
        progress(outcome)
    return report


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


@dataclass(frozen=True, slots=True)
class BatchRows:
    """The parameter rows of one transaction, per statement name in graph.store_cypher.

    `known` counts the actor, place and edge rows left out because this load already
    committed them (they match); `actors` are the batch's distinct Actor records, all in
    the database once the batch commits.
    """

    rows: dict[str, list[dict[str, Any]]]
    known: WriteCounts = WriteCounts()
    actors: frozenset[Actor] = frozenset()


class CommittedRows:
    """What one load has committed so far, so later batches need not send it again.

    Actor and place merges are joins (longest name, smallest country, sorted unions; place
    rows are fixed by their id), so a row already merged once cannot change the node again:
    an actor row is sent only if it adds to what this load committed for that id. News
    reuses the same few actors and places in article after article; this keeps each
    transaction to the article's own rows.
    """

    def __init__(self) -> None:
        self.actor_records: set[Actor] = set()
        self.actors: dict[str, dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.affiliations: set[tuple[str, str, str | None]] = set()
        self.within: set[tuple[str, str]] = set()

    def actor_is_known(self, row: dict[str, Any]) -> bool:
        seen = self.actors.get(row["id"])
        return seen is not None and _joined_actor_row(seen, row) == seen

    def add(self, batch: BatchRows) -> None:
        self.actor_records.update(batch.actors)
        for row in batch.rows["actors"]:
            seen = self.actors.get(row["id"])
            self.actors[row["id"]] = row if seen is None else _joined_actor_row(seen, row)
        for row in batch.rows["places"]:
            self.places[row["id"]] = row
        self.affiliations.update(
            (row["from"], row["to"], row["role"]) for row in batch.rows["affiliations"]
        )
        self.within.update((row["from"], row["to"]) for row in batch.rows["within"])


def batch_rows(batch: list[Extraction], committed: CommittedRows | None = None) -> BatchRows:
    """Parameter rows per statement (see store_cypher.WRITES) for one batch of articles,
    without the rows `committed` says this load already wrote."""
    committed = committed or CommittedRows()
    actors: dict[str, dict[str, Any]] = {}
    places: dict[str, dict[str, Any]] = {}
    articles: dict[str, dict[str, Any]] = {}  # by id: an article given twice is written once
    events: dict[str, dict[str, Any]] = {}
    affiliations: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    within: dict[tuple[str, str], dict[str, Any]] = {}
    distinct: dict[Actor, None] = {}  # an ordered set: equal records are merged once
    for extraction in batch:
        article = extraction.article
        for actor in extraction.actors:
            distinct[actor] = None
            if actor.kind != "country" and actor.country:
                country = country_actor(actor.country)
                distinct[country] = None
                role = min(actor.roles) if actor.roles else None
                affiliations[(actor.id, country.id, role)] = {
                    "from": actor.id,
                    "to": country.id,
                    "role": role,
                }
        for place in extraction.places:
            places[place.id] = place_row(place)
            if place.within:
                within[(place.id, place.within)] = {"from": place.id, "to": place.within}
        articles.setdefault(
            article.id,
            {
                "id": article.id,
                "title": article.title,
                "url": article.url,
                "published": article.published,
                "source": article.source,
                "actors": [actor.id for actor in extraction.actors],
            },
        )
        for event in extraction.events:
            events.setdefault(event.id, event_row(event, article.id))
    for actor in distinct:
        if actor not in committed.actor_records:
            _merge_actor_row(actors, actor_row(actor))
    # sorted by id: concurrent batches lock shared nodes in the same order, so they can
    # wait on each other but not deadlock
    actor_rows = sorted(
        (row for row in actors.values() if not committed.actor_is_known(row)),
        key=lambda row: row["id"],
    )
    actor_ids = {actor.id for actor in distinct}
    place_rows = sorted(
        (row for key, row in places.items() if committed.places.get(key) != row),
        key=lambda row: row["id"],
    )
    affiliation_rows = [
        row for key, row in affiliations.items() if key not in committed.affiliations
    ]
    within_rows = [row for key, row in within.items() if key not in committed.within]
    known_nodes = len(actor_ids) - len(actor_rows) + len(places) - len(place_rows)
    known_links = len(affiliations) - len(affiliation_rows) + len(within) - len(within_rows)
    return BatchRows(
        rows={
            "actors": actor_rows,
            "places": place_rows,
            "articles": list(articles.values()),
            "events": list(events.values()),
            "affiliations": affiliation_rows,
            "within": within_rows,
        },
        known=WriteCounts(nodes_matched=known_nodes, relationships_matched=known_links),
        actors=frozenset(distinct),
    )


def event_row(event: Event, article: str) -> dict[str, Any]:
    """An event's properties plus the ids of its ends (`source`, `target`, `place`,
    `reporter`, `article`), which the event statement links."""
    return {
        "id": event.id,
        "cameo": event.cameo,
        "root": event.root,
        "label": event.label,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "date": event.date,
        "date_text": event.date_text,
        "negated": event.negated,
        "modality": event.modality,
        "sentence": event.sentence,
        "start": event.start,
        "end": event.end,
        "confidence": event.confidence,
        "trigger": event.trigger,
        "source": event.source,
        "target": event.target,
        "place": event.place,
        "reporter": event.reporter,
        "article": article,
    }


def actor_row(actor: Actor) -> dict[str, Any]:
    """An actor's parameters; `lookup` holds folded name, aliases and id so queries can
    find an actor by any of them regardless of case and accents."""
    aliases = sorted({actor.name, *actor.aliases})
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "roles": sorted(set(actor.roles)),
        "aliases": aliases,
        "lookup": sorted({fold(actor.id), *(fold(alias) for alias in aliases)}),
    }


def place_row(place: Place) -> dict[str, Any]:
    row = place.to_dict()
    row.pop("within")
    row["lookup"] = sorted({fold(place.id), fold(place.name)})
    return row


@lru_cache(maxsize=512)
def country_actor(iso3: str) -> Actor:
    """The country actor an affiliated actor points to, named from ISO 3166."""
    import pycountry

    record = pycountry.countries.get(alpha_3=iso3)
    name = getattr(record, "common_name", None) or getattr(record, "name", None) or iso3
    name = name.split(", ")[0]  # "Venezuela, Bolivarian Republic of" → "Venezuela"
    return Actor(id=actor_id("country", name, iso3), name=name, kind="country", country=iso3)


def _merge_actor_row(actors: dict[str, dict[str, Any]], row: dict[str, Any]) -> None:
    """Merge within a batch with the same rule the Cypher applies across batches."""
    seen = actors.get(row["id"])
    if seen is None or seen == row:
        actors[row["id"]] = row
    else:
        actors[row["id"]] = _joined_actor_row(seen, row)


def _joined_actor_row(seen: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """Two rows of one actor merged as MERGE_ACTORS merges a row into a node."""
    countries = [c for c in (seen["country"], row["country"]) if c]
    return {
        "id": seen["id"],
        "name": min(seen["name"], row["name"], key=_name_preference),
        "kind": row["kind"],
        "country": min(countries) if countries else None,
        "roles": _sorted_union(seen["roles"], row["roles"]),
        "aliases": _sorted_union(seen["aliases"], row["aliases"]),
        "lookup": _sorted_union(seen["lookup"], row["lookup"]),
    }


def _sorted_union(first: list[str], second: list[str]) -> list[str]:
    return first if set(second) <= set(first) else sorted({*first, *second})


def _name_preference(name: str) -> tuple[int, str]:
    """Sort key of the preferred name: most characters, most accented, then alphabetical
    (the same rule as MERGE_ACTORS, so batch-internal and cross-batch merges agree)."""
    rank = len(name) * 1000 + sum(1 for char in name if char > "~")
    return -rank, name


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


def _with_success(report: LoadReport, outcome: BatchOutcome) -> LoadReport:
    return LoadReport(
        articles=report.articles + len(outcome.article_ids),
        events=report.events + outcome.events,
        batches=report.batches + 1,
        counts=report.counts + outcome.counts,
        failed=report.failed,
    )


def _with_failure(report: LoadReport, outcome: BatchOutcome) -> LoadReport:
    failure = FailedBatch(outcome.article_ids, outcome.error or "unknown error")
    return LoadReport(
        articles=report.articles,
        events=report.events,
        batches=report.batches + 1,
        counts=report.counts,
        failed=(*report.failed, failure),
    )


def _reason(exc: Exception) -> str:
    message = getattr(exc, "message", None) or str(exc)
    return " ".join(str(message).split())


def _fields(counts: WriteCounts) -> tuple[int, ...]:
    return (
        counts.nodes_created,
        counts.nodes_matched,
        counts.relationships_created,
        counts.relationships_matched,
        counts.relationships_skipped,
        counts.properties_set,
    )

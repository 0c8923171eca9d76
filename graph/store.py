"""The only Neo4j writer: schema, then Extractions as batched `UNWIND $rows … MERGE` writes.

Every statement is constant Cypher text (labels and relationship types are fixed here,
never taken from input; values travel only as parameters). A batch of whole articles is
one managed write transaction (`session.execute_write`, retried by the driver on transient
errors), nodes before relationships, so a failing batch rolls back alone. Merges are
idempotent and order-independent: names keep the longest form (ties: alphabetical),
roles/aliases become sorted set unions, so loading the same input twice, or in another
order, leaves the same graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from neo4j.exceptions import Neo4jError as DriverNeo4jError

from graph.settings import LoadError, Neo4jAuthError, Neo4jUnavailableError
from graph.store_cypher import NODE_WRITES, RELATIONSHIP_WRITES, SCHEMA
from ingest.model import Actor, Extraction, Place, actor_id, fold

OnError = Literal["skip", "raise"]


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
    batch_size: int = 2000,
    on_error: OnError = "skip",
    progress: Callable[[BatchOutcome], None] | None = None,
) -> LoadReport:
    """Write articles with their actors, places and events; return what was created.

    A batch closes once it holds `batch_size` records (article + actors + places +
    events; whole articles only). With on_error="skip" a failed batch is rolled back,
    recorded with its article ids and the rest still load; "raise" raises LoadError.
    Call `ensure_schema` first: MERGE without the constraints is slow and unsafe.
    """
    report = LoadReport()
    with driver.session(database=database) as session:
        for batch in batched_extractions(extractions, batch_size):
            ids = tuple(extraction.article.id for extraction in batch)
            events = sum(len(extraction.events) for extraction in batch)
            rows = batch_rows(batch)
            try:
                counts = session.execute_write(_write_batch, rows)
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
                outcome = BatchOutcome(ids, events, counts)
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


def batch_rows(batch: list[Extraction]) -> dict[str, list[dict[str, Any]]]:
    """Parameter rows per statement name (see store_cypher) for one batch of articles."""
    rows: dict[str, list[dict[str, Any]]] = {
        name: [] for name in (*NODE_WRITES, *RELATIONSHIP_WRITES)
    }
    actors: dict[str, dict[str, Any]] = {}
    places: dict[str, dict[str, Any]] = {}
    for extraction in batch:
        article = extraction.article
        rows["articles"].append(
            {
                "id": article.id,
                "title": article.title,
                "url": article.url,
                "published": article.published,
                "source": article.source,
            }
        )
        for actor in extraction.actors:
            _merge_actor_row(actors, actor_row(actor))
            rows["mentioned_in"].append({"from": actor.id, "to": article.id})
            if actor.kind != "country" and actor.country:
                country = country_actor(actor.country)
                _merge_actor_row(actors, actor_row(country))
                role = min(actor.roles) if actor.roles else None
                rows["affiliated_with"].append({"from": actor.id, "to": country.id, "role": role})
        for place in extraction.places:
            places[place.id] = place_row(place)
            if place.within:
                rows["within"].append({"from": place.id, "to": place.within})
        for event in extraction.events:
            props = event.to_dict()
            for key in ("source", "target", "place", "reporter"):
                props.pop(key)
            props["date"] = event.date
            props["root"] = event.root
            rows["events"].append(props)
            rows["source_of"].append({"from": event.source, "to": event.id})
            rows["reported_in"].append({"from": event.id, "to": article.id})
            if event.target:
                rows["targets"].append({"from": event.id, "to": event.target})
            if event.place:
                rows["occurred_in"].append({"from": event.id, "to": event.place})
            if event.reporter:
                rows["reported_by"].append({"from": event.id, "to": event.reporter})
    rows["actors"] = list(actors.values())
    rows["places"] = list(places.values())
    return rows


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
    if seen is None:
        actors[row["id"]] = row
        return
    seen["name"] = min(seen["name"], row["name"], key=_name_preference)
    countries = [c for c in (seen["country"], row["country"]) if c]
    seen["country"] = min(countries) if countries else None
    for key in ("roles", "aliases", "lookup"):
        seen[key] = sorted({*seen[key], *row[key]})


def _name_preference(name: str) -> tuple[int, str]:
    """Sort key of the preferred name: most characters, most accented, then alphabetical
    (the same rule as MERGE_ACTORS, so batch-internal and cross-batch merges agree)."""
    rank = len(name) * 1000 + sum(1 for char in name if char > "~")
    return -rank, name


def _write_batch(tx: ManagedTransaction, rows: dict[str, list[dict[str, Any]]]) -> WriteCounts:
    counts = WriteCounts()
    for name, statement in NODE_WRITES.items():
        if rows[name]:
            counts += _run_write(tx, statement, rows[name], nodes=True)
    for name, statement in RELATIONSHIP_WRITES.items():
        if rows[name]:
            counts += _run_write(tx, statement, rows[name], nodes=False)
    return counts


def _run_write(
    tx: ManagedTransaction, statement: str, rows: list[dict[str, Any]], nodes: bool
) -> WriteCounts:
    result = tx.run(statement, rows=rows)
    record = result.single(strict=True)
    written = int(record["written"])
    summary = result.consume().counters
    if nodes:
        return WriteCounts(
            nodes_created=summary.nodes_created,
            nodes_matched=written - summary.nodes_created,
            properties_set=summary.properties_set,
        )
    return WriteCounts(
        relationships_created=summary.relationships_created,
        relationships_matched=written - summary.relationships_created,
        relationships_skipped=len(rows) - written,
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

"""Loading Extractions into Neo4j: batches of whole articles, a few write transactions in
flight while the next batch's rows are built, failures reported per batch.

A batch of whole articles is one managed write transaction (`session.execute_write`,
retried by the driver on transient errors), so a failing batch rolls back alone. Merges
are idempotent and order-independent, an article loaded again replaces what it said, and
events are regrouped by family (graph.store.families), so loading the same input twice, in
another order or in other batches leaves the same graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Literal

from neo4j import Driver
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from neo4j.exceptions import Neo4jError as DriverNeo4jError

from graph.store.connection import (
    DEFAULT_LOAD_BATCH,
    DEFAULT_WRITERS,
    LoadError,
    Neo4jAuthError,
    Neo4jUnavailableError,
)
from graph.store.event_cypher import EVENTS_REPORTED
from graph.store.rows import BatchRows, CommittedRows, WriteCounts, batch_rows, batched_extractions
from graph.store.writer import BatchResult, StaleRowsError, write_batch_in_session
from ingest.model import Extraction

OnError = Literal["skip", "raise"]
Write = Callable[[BatchRows], BatchResult]
EVENT_COUNT_CHUNK = 10_000  # article ids per query counting the loaded articles' events


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """One transaction's result, passed to the progress callback: its articles, their
    reports of events (mentions), and what was written."""

    article_ids: tuple[str, ...]
    reports: int
    counts: WriteCounts
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FailedBatch:
    article_ids: tuple[str, ...]
    error: str


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What `load_extractions` did: loaded articles, their reports (mentions) and the
    distinct events these report once loaded, counters, failed batches."""

    articles: int = 0
    reports: int = 0
    events: int = 0
    batches: int = 0
    counts: WriteCounts = field(default_factory=WriteCounts)
    failed: tuple[FailedBatch, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failed


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
    mentions; whole articles only) and is one transaction. Up to `writers` transactions run
    at once, each in its own session, while the next batch's rows are built; a batch that
    shares an article or an event family with one in flight waits for it, so the two do not
    queue on each other's locks. Results are reported in input order. With on_error="skip"
    a failed batch is rolled back, recorded with its article ids and the rest still load;
    "raise" raises LoadError (batches already in flight still finish). Call `ensure_schema`
    first: MERGE without the constraints is slow and unsafe.
    """
    report = LoadReport()
    committed = CommittedRows()
    pending: deque[_PendingBatch] = deque()
    in_flight = max(writers, 1)
    loaded: list[str] = []
    write: Write = partial(write_batch_in_session, driver, database)
    with ThreadPoolExecutor(max_workers=in_flight, thread_name_prefix="load") as pool:
        try:
            for batch in batched_extractions(extractions, batch_size):
                rows = batch_rows(batch, committed)
                keys = rows.families | frozenset(rows.article_ids)
                while pending and (
                    len(pending) >= in_flight or any(keys & p.keys for p in pending)
                ):
                    report = _settle(pending, report, committed, write, on_error, progress, loaded)
                future = pool.submit(write, rows)
                pending.append(_PendingBatch(batch, rows, keys, future))
            while pending:
                report = _settle(pending, report, committed, write, on_error, progress, loaded)
        finally:
            for waiting in pending:
                waiting.future.cancel()
    if loaded:
        report = replace(report, events=_events_reported(driver, database, loaded))
    return report


@dataclass(slots=True)
class _PendingBatch:
    batch: list[Extraction]
    rows: BatchRows
    keys: frozenset[str]
    future: Future[BatchResult]
    repair: bool = False  # a batch settled before it removed or shrank a node it left out


def _settle(
    pending: deque[_PendingBatch],
    report: LoadReport,
    committed: CommittedRows,
    write: Write,
    on_error: OnError,
    progress: Callable[[BatchOutcome], None] | None,
    loaded: list[str],
) -> LoadReport:
    """Wait for the oldest batch's transaction and fold its outcome into the report."""
    done = pending.popleft()
    ids = tuple(extraction.article.id for extraction in done.batch)
    reports = sum(len(extraction.events) for extraction in done.batch)
    try:
        try:
            result = done.future.result()
        except StaleRowsError:  # a node it took as known is gone: send everything
            result = write(batch_rows(done.batch))
        if done.repair:  # merge the actors and places it left out into what is stored now
            repair = batch_rows(done.batch)
            result = _merged(result, write(replace(repair, rows=_shared(repair))))
    except AuthError as exc:
        raise Neo4jAuthError(f"Neo4j refused the credentials: {_reason(exc)}") from exc
    except (ServiceUnavailable, SessionExpired) as exc:
        raise Neo4jUnavailableError(f"lost the Neo4j connection: {_reason(exc)}") from exc
    except DriverNeo4jError as exc:
        if on_error == "raise":
            raise LoadError(ids, _reason(exc)) from exc
        outcome = BatchOutcome(ids, reports, WriteCounts(), _reason(exc))
        report = _with_failure(report, outcome)
    else:
        committed.forget(result.changed)
        committed.add(done.rows)
        for later in pending:
            later.repair = later.repair or bool(later.rows.skipped & result.changed)
        loaded.extend(ids)
        outcome = BatchOutcome(ids, reports, result.counts + done.rows.known)
        report = _with_success(report, outcome)
    if progress is not None:
        progress(outcome)
    return report


def _shared(rows: BatchRows) -> dict[str, list[dict[str, Any]]]:
    """Only the rows of actors, places and their edges (no article, no event)."""
    kept = ("actors", "places", "within", "affiliations")
    return {name: (found if name in kept else []) for name, found in rows.rows.items()}


def _merged(first: BatchResult, second: BatchResult) -> BatchResult:
    return BatchResult(first.counts + second.counts, first.changed | second.changed)


def _events_reported(driver: Driver, database: str, articles: list[str]) -> int:
    """How many distinct events the loaded articles report, as stored now."""
    events: set[str] = set()
    for start in range(0, len(articles), EVENT_COUNT_CHUNK):
        records, _, _ = driver.execute_query(
            EVENTS_REPORTED, articles=articles[start : start + EVENT_COUNT_CHUNK],
            database_=database,
        )  # fmt: skip
        events.update(records[0]["events"])
    return len(events)


def _with_success(report: LoadReport, outcome: BatchOutcome) -> LoadReport:
    return replace(
        report,
        articles=report.articles + len(outcome.article_ids),
        reports=report.reports + outcome.reports,
        batches=report.batches + 1,
        counts=report.counts + outcome.counts,
    )


def _with_failure(report: LoadReport, outcome: BatchOutcome) -> LoadReport:
    failure = FailedBatch(outcome.article_ids, outcome.error or "unknown error")
    return replace(report, batches=report.batches + 1, failed=(*report.failed, failure))


def _reason(exc: Exception) -> str:
    message = getattr(exc, "message", None) or str(exc)
    return " ".join(str(message).split())

"""Loading Extractions into Neo4j: batches of whole articles, a few write transactions in
flight while the next batch's rows are built, failures reported per batch.

A batch of whole articles is one managed write transaction (`session.execute_write`,
retried by the driver on transient errors), so a failing batch rolls back alone. Merges
are idempotent and order-independent (graph.store.cypher), so loading the same input
twice, or in another order, leaves the same graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

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
from graph.store.rows import BatchRows, CommittedRows, WriteCounts, batch_rows, batched_extractions
from graph.store.writer import write_batch_in_session
from ingest.model import Extraction

OnError = Literal["skip", "raise"]


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

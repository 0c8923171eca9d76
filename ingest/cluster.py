"""Extraction mapped over shards on a Dask cluster, one part per shard, resumable.

`extract_sharded` plans the shards (ingest/shards.py), skips those the folder's manifest
records as complete for the same input bytes and options, and maps the rest over a Dask
cluster: a scheduler address (`tcp://host:8786`, e.g. a SLURMCluster's or a Kubernetes
one's) or `local` / `local:N`, a LocalCluster of N single-threaded worker processes. Workers
read the inputs (so they must see the same paths: a shared file system) and send each
part's bytes back; this process writes every part atomically and keeps the manifest.

Per worker, a plugin loads the spaCy pipeline and the extraction resources once, when
the worker starts, and holds them on the worker for its lifetime. Memory stays bounded by
parsing every shard inside spaCy's `memory_zone()`: the strings and vocabulary entries a
shard adds are freed when it ends, so a worker that lives for thousands of shards does not
grow with the vocabulary of the corpus, and no worker is restarted (a restart would pay
the model's load again and lose the shard in flight).

Dask's defaults are tuned for array work; for this one, two cost 10-15 % of CPU and are
turned off in code (`worker_config`): the statistical profiler, which samples every
thread's stack 100 times a second, and the `MALLOC_TRIM_THRESHOLD_` the nanny exports to
its workers, which makes glibc hand memory back (and fetch it again) on spaCy's churn.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed import Client, WorkerPlugin, as_completed, get_worker

from ingest.errors import ConfigError, InputError
from ingest.parts import (
    PART_FORMATS,
    encode_part,
    load_manifest,
    part_files,
    part_name,
    save_manifest,
    write_atomically,
)
from ingest.pipeline import ExtractionResources, ExtractOptions, extract_with, load_resources
from ingest.shards import DEFAULT_SHARD_ARTICLES, Shard, options_fingerprint, plan_shards
from ingest.sources import InputNote, NoteSink, log_note

if TYPE_CHECKING:
    from distributed import Future, Worker
    from spacy.language import Language

PLUGIN_NAME = "polgraph-extractor"
MANIFEST_VERSION = 1
_MANIFEST_EVERY = 2.0  # seconds between manifest saves while parts complete


def worker_config() -> dict[str, Any]:
    """Dask settings for extraction workers: no profiler, and the nanny's environment
    without `MALLOC_TRIM_THRESHOLD_` (None is Dask's "unset"; it survives the merge of
    environment-variable config into the defaults; the thread-count settings are kept)."""
    import dask

    environ = dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {}
    return {
        "distributed.worker.profile.enabled": False,
        "distributed.nanny.pre-spawn-environ": {**environ, "MALLOC_TRIM_THRESHOLD_": None},
        # Book-keeping that wakes an idle worker 50 times a second by default (event-loop
        # tick, memory and system monitors): a shard takes seconds, once a second will do.
        "distributed.admin.tick.interval": "1s",
        "distributed.admin.system-monitor.interval": "1s",
        "distributed.worker.memory.monitor-interval": "1s",
    }


def worker_environment() -> dict[str, str]:
    """`worker_config` as the environment variables Dask reads at start-up, for workers a
    launcher starts (a SLURM job script, a Kubernetes pod spec)."""
    return {
        "DASK_" + key.upper().replace(".", "__").replace("-", "_"): repr(value)
        for key, value in worker_config().items()
    }


def local_workers(address: str) -> int | None:
    """N for `local:N`, one per core for `local`, None for a scheduler address."""
    if address == "local":
        return os.cpu_count() or 1
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(f"--dask {address}: expected local:N with N a number of workers")
        return int(count)
    if "://" not in address and ":" not in address:
        raise ConfigError(f"--dask {address}: expected tcp://host:8786, local or local:N")
    return None


@contextmanager
def dask_client(address: str) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a LocalCluster started for the run
    (N workers x 1 thread, processes, tuned by `worker_config`) and closed after it."""
    workers = local_workers(address)
    if workers is None:
        try:
            client = Client(address, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {address} ({exc})") from exc
        with client:
            yield client
        return
    import dask
    from distributed import LocalCluster

    with (
        dask.config.set(worker_config()),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


class ExtractorPlugin(WorkerPlugin):
    """What a worker holds for its lifetime: the spaCy pipeline and the resources, loaded
    once at set-up (about 2 s and 300 MB for en_core_web_sm) and used by every shard."""

    name = PLUGIN_NAME

    def __init__(self, options: ExtractOptions) -> None:
        self.options = options
        self.nlp: Language | None = None
        self.resources: ExtractionResources | None = None

    def setup(self, worker: Worker) -> None:
        from ingest.nlp import load_pipeline

        self.nlp = load_pipeline(self.options.model)
        self.resources = load_resources(self.options)
        # On a cluster started elsewhere (SLURM, Kubernetes), `worker_config` was not in
        # force: stop the sampling profiler here all the same.
        for name in ("profile", "profile-cycle"):
            callback = worker.periodic_callbacks.get(name)
            if callback is not None:
                callback.stop()


@dataclass(frozen=True, slots=True)
class ShardOutcome:
    """What a worker sends back for one shard: the part's bytes, how many articles it
    holds, and the inputs that failed (path, reason) and notes, to report here."""

    index: int
    data: bytes
    articles: int
    errors: tuple[tuple[str, str], ...]
    notes: tuple[InputNote, ...]


def extract_shard(shard: Shard, fmt: str) -> ShardOutcome:
    """The Dask task: one shard read, parsed inside a memory zone, encoded as a part."""
    from ingest.shards import read_shard

    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, ExtractorPlugin) and plugin.nlp and plugin.resources
    errors: list[tuple[str, str]] = []
    notes: list[InputNote] = []

    def articles() -> Iterator[Any]:
        for item in read_shard(shard, plugin.options.max_bytes, notes.append):
            if isinstance(item, InputError):
                errors.append((item.path, item.reason))
            else:
                yield item

    with plugin.nlp.memory_zone():
        extractions = list(extract_with(plugin.nlp, plugin.resources, articles()))
    data = encode_part(extractions, fmt)
    return ShardOutcome(shard.index, data, len(extractions), tuple(errors), tuple(notes))


@dataclass(frozen=True, slots=True)
class ShardedResult:
    """What a sharded run did: shards planned, skipped as complete, written, failed."""

    folder: Path
    shards: int
    skipped: int
    written: int
    failed: int
    articles: int  # extracted in this run

    def summary(self) -> str:
        line = f"{self.written:,} of {self.shards:,} shard(s) written"
        if self.skipped:
            line += f", {self.skipped:,} already complete"
        if self.failed:
            line += f", {self.failed:,} failed (a rerun retries them)"
        return line


def extract_sharded(
    paths: Sequence[str],
    folder: Path,
    options: ExtractOptions,
    address: str,
    *,
    fmt: str = "jsonl",
    shard_articles: int = DEFAULT_SHARD_ARTICLES,
    on_error: Callable[[InputError], None] | None = None,
    on_note: NoteSink = log_note,
    on_part: Callable[[int], None] | None = None,
    on_resume: Callable[[int], None] | None = None,
) -> ShardedResult:
    """Extract `paths` into the sharded folder `folder` (parts and manifest.json).

    A shard is skipped when its part is complete, its inputs hash as recorded and the
    options are the same; any other part there (stale, of the other format, of inputs no
    longer given) is removed first. Bad inputs go to `on_error` and leave their shard
    marked failed, so a rerun tries it again; `on_part` gets the article count of each
    part written, `on_resume` the articles of the shards skipped.
    """
    if fmt not in PART_FORMATS:
        raise ConfigError(f"unknown part format {fmt!r} (expected {', '.join(PART_FORMATS)})")
    local_workers(address)  # a malformed address fails before anything is read
    report = on_error or _raise
    folder = Path(folder)
    shards = plan_shards(paths, shard_articles)
    fingerprint = _fingerprint(options, fmt)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = load_manifest(folder) or {}
    same = manifest.get("options") == fingerprint and manifest.get("format") == fmt
    previous: dict[str, Any] = manifest.get("parts", {}) if same else {}
    records: dict[str, Any] = {}
    todo: list[Shard] = []
    for shard in shards:
        name = part_name(shard.index, fmt)
        if _is_complete(previous.get(name), shard, folder / name):
            records[name] = previous[name]
        else:
            todo.append(shard)
    for part in part_files(folder):
        if part.name not in records:
            part.unlink()
    journal = _Journal(folder, {"version": MANIFEST_VERSION, "format": fmt, "options": fingerprint})
    journal.parts.update(records)
    journal.save()
    if on_resume is not None and records:
        on_resume(sum(int(r.get("articles", 0)) for r in records.values()))
    run = _Settler(folder, fmt, previous, journal, report, on_note, on_part)
    try:
        if todo:
            with dask_client(address) as client:
                plugin = ExtractorPlugin(replace(options, workers=1))
                client.register_plugin(plugin, name=PLUGIN_NAME)
                for shard, outcome in _map_bounded(client, todo, fmt):
                    run.settle(shard, outcome)
    finally:
        journal.save()  # Ctrl-C or a lost scheduler: the parts written so far count
    return ShardedResult(folder, len(shards), len(records), run.written, run.failed, run.articles)


@dataclass
class _Settler:
    """Each shard's outcome, as it arrives: its part written, its manifest record, its
    failures reported, the counts kept."""

    folder: Path
    fmt: str
    previous: dict[str, Any]
    journal: _Journal
    report: Callable[[InputError], None]
    on_note: NoteSink
    on_part: Callable[[int], None] | None
    written: int = 0
    failed: int = 0
    articles: int = 0

    def settle(self, shard: Shard, outcome: ShardOutcome | BaseException) -> None:
        name = part_name(shard.index, self.fmt)
        record: dict[str, Any] = {
            "inputs": [item.describe() for item in shard.inputs],
            "digest": shard.digest,
            "attempts": int(self.previous.get(name, {}).get("attempts", 0)) + 1,
        }
        if isinstance(outcome, BaseException):
            self.failed += 1
            reason = f"shard failed ({type(outcome).__name__}: {outcome})"
            self.journal.record(name, {**record, "status": "failed", "errors": [reason]})
            self.report(InputError(shard.label(), reason))
            return
        for note in outcome.notes:
            self.on_note(note)
        write_atomically(self.folder / name, outcome.data)
        complete = not outcome.errors and shard.digest is not None
        self.failed += not complete
        self.written += 1
        self.articles += outcome.articles
        record.update(
            status="complete" if complete else "failed",
            articles=outcome.articles,
            bytes=len(outcome.data),
            errors=[f"{where}: {reason}" for where, reason in outcome.errors],
        )
        self.journal.record(name, record)
        for where, reason in outcome.errors:
            self.report(InputError(where, reason))
        if self.on_part is not None:
            self.on_part(outcome.articles)


def _raise(error: InputError) -> None:
    raise error


def _fingerprint(options: ExtractOptions, fmt: str) -> dict[str, Any]:
    values = {
        "model": options.model,
        "lexicon_layers": list(options.lexicon_layers),
        "max_bytes": options.max_bytes,
        "format": fmt,
    }
    files = {"lexicon": options.lexicon, "actors": options.actor_dictionary}
    return options_fingerprint(values, files)


def _is_complete(record: Any, shard: Shard, part: Path) -> bool:
    """The manifest says the part is complete for these very input bytes, and the part on
    disk has the size it had when written."""
    if not isinstance(record, dict) or shard.digest is None:
        return False
    inputs = [item.describe() for item in shard.inputs]
    try:
        size = part.stat().st_size
    except OSError:
        return False
    return (
        record.get("status") == "complete"
        and record.get("digest") == shard.digest
        and record.get("inputs") == inputs
        and record.get("bytes") == size
    )


class _Journal:
    """The manifest as the run goes: saved at most every few seconds while parts complete
    (and at the end), so thousands of shards do not rewrite it thousands of times. A part
    written but not yet recorded when the run dies is simply redone."""

    def __init__(self, folder: Path, head: dict[str, Any]) -> None:
        self.folder = folder
        self.head = head
        self.parts: dict[str, Any] = {}
        self.saved = time.monotonic()

    def record(self, name: str, record: dict[str, Any]) -> None:
        self.parts[name] = record
        if time.monotonic() - self.saved >= _MANIFEST_EVERY:
            self.save()

    def save(self) -> None:
        save_manifest(self.folder, {**self.head, "parts": dict(sorted(self.parts.items()))})
        self.saved = time.monotonic()


def _map_bounded(
    client: Client, shards: Sequence[Shard], fmt: str
) -> Iterator[tuple[Shard, ShardOutcome | BaseException]]:
    """Each shard with its outcome (or the exception its task raised), as they complete.

    At most twice as many shards as the cluster has threads are in flight, so the parts
    waiting here stay few however many shards there are; the window follows the cluster
    as it scales (SLURM jobs starting, say).
    """
    queue = iter(shards)
    running: dict[Future, Shard] = {}
    done = as_completed()

    def top_up() -> None:
        window = max(2 * sum(client.nthreads().values()), 2)
        while len(running) < window:
            shard = next(queue, None)
            if shard is None:
                return
            future = client.submit(extract_shard, shard, fmt, pure=False)
            running[future] = shard
            done.add(future)

    top_up()
    for future in done:
        shard = running.pop(future)
        try:
            outcome: ShardOutcome | BaseException = future.result()
        except Exception as exc:  # the task's own error, raised again here
            outcome = exc
        future.release()
        yield shard, outcome
        top_up()

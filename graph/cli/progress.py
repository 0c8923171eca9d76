"""Progress of `extract`, `run` and `load` on stderr, and the tally their summary line reads.

On a terminal: a Rich bar with the total and an ETA (a spinner and counts when the total
is unknown). Anywhere else (a log file, CI, a pipe): one plain line every few seconds
(`POLGRAPH_PROGRESS_INTERVAL`, default 10), so a long batch job shows it is alive and
how far it got without filling the log with redraws.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from graph.cli.app import stderr_console, warn

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from ingest.errors import InputError
    from ingest.model import Extraction
    from ingest.sources import InputNote

INTERVAL_ENV = "POLGRAPH_PROGRESS_INTERVAL"
DEFAULT_INTERVAL = 10.0


@dataclass(slots=True)
class Tally:
    """What a command has done so far. `read` counts articles extracted (extract, run) or
    handed to the loader (load); `skipped` inputs that failed with a reason; `committed`
    and `failed` what the database confirmed or rolled back (load only)."""

    read: int = 0
    skipped: int = 0
    committed: int = 0
    failed: int = 0

    @property
    def done(self) -> int:
        """Inputs dealt with, the count the total and the ETA refer to."""
        return self.read + self.skipped


def progress_interval(env: Mapping[str, str] = os.environ) -> float:
    """Seconds between two progress lines when stderr is not a terminal."""
    raw = env.get(INTERVAL_ENV, "")
    try:
        seconds = float(raw) if raw else DEFAULT_INTERVAL
    except ValueError:
        return DEFAULT_INTERVAL
    return seconds if 0 < seconds < float("inf") else DEFAULT_INTERVAL


class ProgressDisplay:
    """Shows a `Tally` while a command runs; a context manager (the display stops on exit).

    `loading` adds the committed and failed counts. Callers change the tally through the
    methods below, which hold a lock: the line printer reads it from its own thread.
    """

    def __init__(self, verb: str, total: int | None, *, loading: bool = False) -> None:
        self.verb = verb
        self.total = total
        self.loading = loading
        self.tally = Tally()
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._printer: threading.Thread | None = None
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    # --- counting -------------------------------------------------------------------

    def read(self, count: int = 1) -> None:
        self._change(read=count)

    def skipped(self, count: int = 1) -> None:
        self._change(skipped=count)

    def committed(self, count: int) -> None:
        self._change(committed=count)

    def failed(self, count: int) -> None:
        self._change(failed=count)

    def _change(self, **counts: int) -> None:
        with self._lock:
            for name, count in counts.items():
                setattr(self.tally, name, getattr(self.tally, name) + count)
            done, detail = self.tally.done, self._detail()
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, detail=detail)

    # --- text -----------------------------------------------------------------------

    def _detail(self) -> str:
        parts = []
        if self.loading:
            parts += [f"{self.tally.committed:,} committed", f"{self.tally.failed:,} failed"]
        if self.tally.skipped:
            parts.append(f"{self.tally.skipped:,} skipped")
        return ", ".join(parts)

    def elapsed(self) -> str:
        return format_seconds(time.monotonic() - self.started)

    def line(self) -> str:
        """One line: how far, what failed, the rate and, with a total, what is left."""
        with self._lock:
            done, detail = self.tally.done, self._detail()
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = done / elapsed
        what = "read" if self.loading else "done"
        if self.total:
            shown = max(self.total, done)
            head = f"{self.verb}: {done:,} of {shown:,} articles {what} ({done / shown:.0%})"
        else:
            head = f"{self.verb}: {done:,} articles {what}"
        tail = f"{rate:,.1f} articles/s, {format_seconds(elapsed)} elapsed"
        if self.total and rate > 0 and done < self.total:
            tail += f", about {format_seconds((self.total - done) / rate)} left"
        return ", ".join(part for part in (head, detail, tail) if part)

    # --- display --------------------------------------------------------------------

    def __enter__(self) -> ProgressDisplay:
        console = stderr_console()
        if console.is_terminal:
            self._bar = _terminal_bar(console)
            self._bar.start()
            self._task = self._bar.add_task(self.verb, total=self.total, detail="")
        else:
            self._printer = threading.Thread(
                target=self._print_lines,
                args=(sys.stderr, progress_interval()),
                name="progress",
                daemon=True,
            )
            self._printer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._printer is not None:
            self._printer.join()
        if self._bar is not None:
            self._bar.stop()

    def _print_lines(self, stream: TextIO, interval: float) -> None:
        while not self._stop.wait(interval):
            stream.write(self.line() + "\n")
            stream.flush()


def _terminal_bar(console: Console) -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles {task.fields[detail]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


def format_seconds(seconds: float) -> str:
    """1.2 s, 42 s, 3 min 05 s, 2 h 10 min: short and exact enough for a progress line."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class InputReporter:
    """A command reading article inputs, as the user sees it: each failed input and each
    note on one stderr line, the articles and failures counted on the progress display."""

    def __init__(self, display: ProgressDisplay) -> None:
        self.display = display

    def on_error(self, error: InputError) -> None:
        self.display.skipped()
        warn(f"skipped {error}")

    def on_note(self, note: InputNote) -> None:
        """A note about an input read all the same (an encoding guessed): not a failure."""
        warn(f"note: {note}")

    def counted(self, extractions: Iterable[Extraction]) -> Iterator[Extraction]:
        for extraction in extractions:
            self.display.read()
            yield extraction

    def start(self, paths: list[str], known: int = 0) -> list[str]:
        """The paths to read: each missing one is reported now (before spaCy loads) and
        counted as a failed input. The display's total: what the others hold, where that
        is cheap to count, plus `known` articles from elsewhere."""
        from ingest.errors import InputError

        kept = []
        for path in paths:
            if path == "-" or os.path.lexists(path):
                kept.append(path)
            else:
                self.on_error(InputError(path, "no such file or directory"))
        from ingest.census import count_articles

        held = count_articles(kept) if kept else 0
        self.display.total = None if held is None else held + known + self.display.tally.skipped
        return kept

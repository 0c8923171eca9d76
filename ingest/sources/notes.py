"""Notes about inputs that were read but deserve a word: an encoding guessed, for one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

_LOG = logging.getLogger("ingest.sources")


@dataclass(frozen=True, slots=True)
class InputNote:
    """Something a user should know about an input that was read all the same.

    Not an error: the article goes through. `path` names the file (and line or record,
    as `file:N`), like `InputError.path`.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


NoteSink = Callable[[InputNote], None]


def log_note(note: InputNote) -> None:
    """The default sink: one warning line on the `ingest.sources` logger.

    Without any logging set up, Python prints it on stderr as it is ("note: file: ..."), so
    a caller that passes no sink of its own still shows every note once.
    """
    _LOG.warning("note: %s", note)

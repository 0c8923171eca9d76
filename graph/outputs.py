"""Output files written under a temporary name beside their target, then renamed into place.

A command that fails half-way (a bad option found late, a full disk, Ctrl-C) must not
leave a truncated file where a good one was: every output is written to a hidden
temporary file in the target's own folder (so the rename stays on one file system and is
atomic), and `os.replace` puts it in place only once everything staged is complete. On
failure the temporary files are removed and the previous outputs stay byte for byte.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StagedOutputs:
    """Temporary paths for several outputs, renamed over their targets together at the end.

    The renames come after every output has been written, so a failure while writing
    changes none of the targets.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def stage(self, target: Path | str) -> Path:
        """A fresh temporary path beside `target` (its folder is created), to write to.

        The name keeps the target's suffix, for writers that look at it, and starts with a
        dot, so folder walks and file browsers pass over a leftover after a hard kill.
        """
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.part{target.suffix}")
        self._staged.append((temporary, target))
        return temporary

    def commit(self) -> tuple[Path, ...]:
        """Rename every staged file over its target; return the targets."""
        for temporary, target in self._staged:
            os.replace(temporary, target)
        targets = tuple(target for _, target in self._staged)
        self._staged.clear()
        return targets

    def discard(self) -> None:
        """Remove whatever staged files exist; the targets are left as they were."""
        for temporary, _ in self._staged:
            temporary.unlink(missing_ok=True)
        self._staged.clear()


@contextmanager
def staged_outputs() -> Iterator[StagedOutputs]:
    """Outputs staged in the block are committed when it ends, discarded if it raises
    (KeyboardInterrupt and SystemExit included)."""
    staged = StagedOutputs()
    try:
        yield staged
    except BaseException:
        staged.discard()
        raise
    try:
        staged.commit()
    finally:
        staged.discard()  # a rename that failed half-way leaves no temporary file behind


@contextmanager
def replacing(target: Path | str) -> Iterator[Path]:
    """One output: write to the yielded temporary path; it replaces `target` on success."""
    with staged_outputs() as staged:
        yield staged.stage(target)

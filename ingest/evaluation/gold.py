"""Gold annotations: one JSON file per article, read and checked into frozen dataclasses.

    {"article": "NAME.txt", "title": "...", "published": "YYYY-MM-DD" | null,
     "actors": [{"names": ["José Antonio Kast", "Kast"], "country": "CHL"}],
     "events": [{"source": ["Kast"], "cameo_root": "04", "alt_roots": ["03"],
                 "target": ["Noboa"], "symmetric": true, "place": ["Quito"],
                 "core": true, "evidence": "Kast met Noboa in Quito"}]}

`source`/`target`/`place` are lists of acceptable names, or null (no target; no stated
place). `core` events are the ones every good coder must find (they count for recall);
the others are accepted when found and never count against precision. `symmetric`
events may have source and target swapped; `alt_roots` are other acceptable roots.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.errors import InputError

_ROOT = re.compile(r"^(0[1-9]|1[0-9]|20)$")


@dataclass(frozen=True, slots=True)
class GoldActor:
    """An actor the article names: its name variants and ISO3 country (None for IGOs…)."""

    names: tuple[str, ...]
    country: str | None = None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event: who did what (a CAMEO root) to whom, and where."""

    root: str
    source: tuple[str, ...] | None
    target: tuple[str, ...] | None
    core: bool
    alt_roots: tuple[str, ...] = ()
    symmetric: bool = False
    place: tuple[str, ...] | None = None
    evidence: str = ""

    @property
    def roots(self) -> frozenset[str]:
        """Every root a prediction may have to match this event."""
        return frozenset((self.root, *self.alt_roots))


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """The gold file of one article: `name` is the file's stem, `article` the article's
    file name as given in it (both pair the article with its extraction)."""

    name: str
    article: str | None
    title: str | None
    actors: tuple[GoldActor, ...]
    events: tuple[GoldEvent, ...]

    @property
    def core_events(self) -> tuple[GoldEvent, ...]:
        return tuple(event for event in self.events if event.core)


def read_gold_folder(folder: Path, on_error: Callable[[InputError], None]) -> Iterator[GoldArticle]:
    """Every `*.json` gold file in `folder`, sorted by name; a file that is not valid gold
    goes to `on_error` (naming the file and what is wrong) and the others are read."""
    for path in sorted(Path(folder).glob("*.json")):
        try:
            yield read_gold_file(path)
        except InputError as error:
            on_error(error)


def read_gold_file(path: Path) -> GoldArticle:
    """One gold file; an InputError says what in it is not in the gold format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(str(path), f"not a readable JSON file ({exc})") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "a gold file holds one JSON object")
    try:
        return GoldArticle(
            name=path.stem,
            article=_optional_text(data.get("article"), "article"),
            title=_optional_text(data.get("title"), "title"),
            actors=tuple(_actor(item) for item in _list(data.get("actors"), "actors")),
            events=tuple(
                _event(item, number)
                for number, item in enumerate(_list(data.get("events"), "events"), start=1)
            ),
        )
    except ValueError as exc:
        raise InputError(str(path), str(exc)) from exc


def _actor(item: Any) -> GoldActor:
    if not isinstance(item, dict):
        raise ValueError("each of 'actors' is an object with 'names'")
    return GoldActor(_names(item.get("names"), "actor names") or (), item.get("country") or None)


def _event(item: Any, number: int) -> GoldEvent:
    where = f"event {number}"
    if not isinstance(item, dict):
        raise ValueError(f"{where} is not an object")
    root = str(item.get("cameo_root", ""))
    alt_roots = tuple(str(alt) for alt in _list(item.get("alt_roots"), f"{where} alt_roots"))
    for code in (root, *alt_roots):
        if not _ROOT.match(code):
            raise ValueError(f"{where}: {code!r} is not a CAMEO root 01..20")
    if not isinstance(item.get("core"), bool):
        raise ValueError(f"{where}: 'core' must be true or false")
    return GoldEvent(
        root=root,
        source=_names(item.get("source"), f"{where} source"),
        target=_names(item.get("target"), f"{where} target"),
        core=item["core"],
        alt_roots=alt_roots,
        symmetric=bool(item.get("symmetric", False)),
        place=_names(item.get("place"), f"{where} place"),
        evidence=str(item.get("evidence") or ""),
    )


def _names(value: Any, what: str) -> tuple[str, ...] | None:
    """A list of names, or None for null or an empty list (nobody, nowhere)."""
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ValueError(f"{what}: expected a list of names or null")
    return tuple(value) or None


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"'{what}' must be a list")
    return value


def _optional_text(value: Any, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    raise ValueError(f"'{what}' must be text")

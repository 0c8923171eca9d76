"""Load a user's actor dictionary (YAML or CSV) whose entries override extractor guesses.

A researcher who knows that "Kast" is José Antonio Kast, a Chilean person, writes it down
once; the extractor then uses the dictionary's name, kind, country and roles for every
surface form that matches a name or alias (accent-, case- and whitespace-folded, a leading
"the" and a trailing possessive ignored).

YAML: a list of entries, or a mapping with an `actors:` list::

    actors:
      - name: José Antonio Kast
        kind: person            # person | organization | country | group
        country: CHL            # ISO 3166-1 alpha-3, optional
        roles: [President-elect]
        aliases: [Kast, Jose Kast]
        dated_roles:            # optional: offices bounded by date (inclusive; open if left out)
          - {role: President, from: 2026-03-11}

CSV: a header row with `name,kind,country,roles,aliases,dated_roles` (`name` required, the
others optional); several roles or aliases in one cell are separated by `|` or `;`; a
dated role is written `Role [ISO3] FROM..UNTIL` ("President CHL 2026-03-11..").

Dated roles say who held which office when: on an article's date a person's roles are those
holding then (and the country is theirs, else the entry's); an undated article, or an entry
without dated roles, gets `roles`.

Any problem (unknown key or kind, bad country code, an alias claimed by two entries)
raises `ConfigError` naming the file and line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

import pycountry
import yaml

from ingest.errors import ConfigError
from ingest.model import ACTOR_KINDS, ActorKind, actor_id, fold

FIELDS = ("name", "kind", "country", "roles", "aliases", "dated_roles")
ROLE_FIELDS = ("role", "country", "from", "until")
_ISO3 = re.compile(r"^[A-Z]{3}$")
# ISO 3166-1 keeps these ranges for user-assigned codes (e.g. XKX for Kosovo).
_USER_ASSIGNED = re.compile(r"^(AA[A-Z]|Q[M-Z][A-Z]|X[A-Z]{2}|ZZ[A-Z])$")
_LIST_SEPARATOR = re.compile(r"[|;]")
_LINE_KEY = "__line__"


@dataclass(frozen=True, slots=True)
class DatedRole:
    """An office held from `start` to `end` (inclusive; None = open), in `country`."""

    role: str
    country: str | None = None
    start: date | None = None
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class DictionaryEntry:
    """One actor as the user wants it named and typed."""

    name: str
    kind: ActorKind
    country: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    dated_roles: tuple[DatedRole, ...] = ()

    @property
    def id(self) -> str:
        """The same id the extractor gives this actor (`ingest.model.actor_id`)."""
        return actor_id(self.kind, self.name, self.country)

    def on(self, day: date | None) -> DictionaryEntry:
        """The entry as of `day`: the roles holding then (the newest first) and their
        country, else "former" the last role that ended before it; unchanged for an
        undated article or an entry without dated roles."""
        if day is None or not self.dated_roles:
            return self
        holding = sorted(
            (r for r in self.dated_roles if r.holds_on(day)),
            key=lambda r: r.start or date.min,
            reverse=True,
        )
        country = next((r.country for r in holding if r.country), self.country)
        roles = tuple(r.role for r in holding)
        if not roles:
            ended = [r for r in self.dated_roles if r.end is not None and r.end < day]
            if ended:
                roles = (f"former {max(ended, key=lambda r: r.end or date.min).role}",)
        return replace(self, roles=roles, country=country)


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Entries plus an index from folded name/alias to entry."""

    entries: tuple[DictionaryEntry, ...]
    index: Mapping[str, DictionaryEntry]

    def lookup(self, surface: str) -> DictionaryEntry | None:
        """The entry whose name or an alias matches `surface`, ignoring case and accents."""
        return self.index.get(match_key(surface))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[DictionaryEntry]:
        return iter(self.entries)


def match_key(surface: str) -> str:
    """The folded form used for matching: 'the  Élysée’s' → 'elysee'."""
    key = fold(surface.replace("’", "'"))
    key = re.sub(r"^the\s+", "", key)
    return re.sub(r"'s?$", "", key).strip()


def load_actor_dictionary(path: Path) -> ActorDictionary:
    """Read and validate a YAML (`.yaml`/`.yml`) or CSV (`.csv`) actor dictionary."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: actor dictionary not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read actor dictionary ({exc})") from exc
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        rows = _yaml_rows(text, path)
    elif suffix == ".csv":
        rows = _csv_rows(text, path)
    else:
        raise ConfigError(f"{path}: actor dictionary must be .yaml, .yml or .csv")
    if not rows:
        raise ConfigError(f"{path}: actor dictionary has no entries")
    return build_actor_dictionary(rows, path)


def build_actor_dictionary(
    rows: list[tuple[int, Mapping[str, Any]]], path: Path | str
) -> ActorDictionary:
    """Validate (line, row) pairs into a dictionary; a folded alias may belong to one entry."""
    entries: list[DictionaryEntry] = []
    index: dict[str, DictionaryEntry] = {}
    owner_line: dict[str, int] = {}
    for line, row in rows:
        entry = _entry(row, f"{path}:{line}")
        entries.append(entry)
        for surface in (entry.name, *entry.aliases):
            key = match_key(surface)
            if not key:
                continue
            other = index.get(key)
            if other is not None and other is not entry:
                raise ConfigError(
                    f"{path}:{line}: {surface!r} already names {other.name!r} "
                    f"(line {owner_line[key]})"
                )
            index[key] = entry
            owner_line[key] = line
    return ActorDictionary(entries=tuple(entries), index=MappingProxyType(index))


def _known_fields(row: Mapping[str, Any], fields: tuple[str, ...], where: str, what: str) -> None:
    unknown = sorted(set(row) - set(fields) - {_LINE_KEY})
    if unknown:
        raise ConfigError(
            f"{where}: unknown {what}field {unknown[0]!r} (expected {', '.join(fields)})"
        )


def _text(row: Mapping[str, Any], key: str, where: str, problem: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: {problem}")
    return " ".join(value.split())


def _entry(row: Mapping[str, Any], where: str) -> DictionaryEntry:
    _known_fields(row, FIELDS, where, "")
    name = _text(row, "name", where, "every entry needs a non-empty 'name'")
    kind = str(row.get("kind") or "").strip().lower()
    if kind not in ACTOR_KINDS:
        raise ConfigError(f"{where}: kind must be one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
    return DictionaryEntry(
        name=name,
        kind=cast(ActorKind, kind),
        country=_country(row.get("country"), where),
        roles=_strings(row.get("roles"), "roles", where),
        aliases=_strings(row.get("aliases"), "aliases", where),
        dated_roles=_dated_roles(row.get("dated_roles"), where),
    )


def _dated_roles(value: Any, where: str) -> tuple[DatedRole, ...]:
    """YAML mappings `{role, country, from, until}`, or CSV items `Role [ISO3] FROM..UNTIL`."""
    if value is None:
        return ()
    items = _LIST_SEPARATOR.split(value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ConfigError(f"{where}: dated_roles must be a list")
    return tuple(_dated_role(item, where) for item in items if item)


def _dated_role(item: Any, where: str) -> DatedRole:
    if isinstance(item, str):
        words = item.split()
        span = words.pop() if words and ".." in words[-1] else ""
        country = words.pop() if len(words) > 1 and _ISO3.match(words[-1]) else None
        first, _, last = span.partition("..")
        item = {"role": " ".join(words), "country": country, "from": first, "until": last}
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: a dated role is a mapping of {', '.join(ROLE_FIELDS)}")
    _known_fields(item, ROLE_FIELDS, where, "dated-role ")
    role = _text(item, "role", where, "every dated role needs a 'role'")
    start, end = _day(item.get("from"), where), _day(item.get("until"), where)
    if start and end and end < start:
        raise ConfigError(f"{where}: dated role {role!r} ends before it starts")
    return DatedRole(role, _country(item.get("country"), where), start, end)


def _day(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _country(value: Any, where: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = str(value).strip().upper()
    known = _ISO3.match(code) and (
        pycountry.countries.get(alpha_3=code) is not None or _USER_ASSIGNED.match(code)
    )
    if not known:
        raise ConfigError(f"{where}: country must be an ISO 3166-1 alpha-3 code, not {value!r}")
    return code


def _strings(value: Any, field: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = _LIST_SEPARATOR.split(value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ConfigError(f"{where}: {field} must be a list of strings")
    cleaned = (" ".join(i.split()) for i in items)
    return tuple(dict.fromkeys(i for i in cleaned if i))


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that records each mapping's line number under `__line__`."""


def _construct_mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    mapping[_LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping_with_line,
)


def _yaml_rows(text: str, path: Path) -> list[tuple[int, Mapping[str, Any]]]:
    try:
        document = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: invalid YAML ({problem})") from exc
    except ValueError as exc:  # a date-looking value that is no date ("2020-13-01")
        raise ConfigError(f"{path}: invalid value ({exc})") from exc
    if document is None:
        return []
    if isinstance(document, dict):
        extra = sorted(set(document) - {"actors", _LINE_KEY})
        if extra:
            raise ConfigError(f"{path}: unknown top-level key {extra[0]!r} (expected 'actors')")
        document = document.get("actors") or []
    if not isinstance(document, list):
        raise ConfigError(f"{path}: expected a list of actors (or 'actors:' holding one)")
    rows: list[tuple[int, Mapping[str, Any]]] = []
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            raise ConfigError(f"{path}: actor #{number} is not a mapping of fields")
        rows.append((int(item[_LINE_KEY]), item))
    return rows


def _csv_rows(text: str, path: Path) -> list[tuple[int, Mapping[str, Any]]]:
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    rows: list[tuple[int, Mapping[str, Any]]] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in record]
                if "name" not in header:
                    raise ConfigError(f"{path}:{reader.line_num}: CSV header needs a 'name' column")
                continue
            if len(record) > len(header):
                raise ConfigError(
                    f"{path}:{reader.line_num}: {len(record)} cells for {len(header)} columns"
                )
            cells = {key: value.strip() or None for key, value in zip(header, record, strict=False)}
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise ConfigError(f"{path}:{reader.line_num}: invalid CSV ({exc})") from exc
    return rows

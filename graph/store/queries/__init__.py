"""The researchers' Cypher library: named, parameterized queries kept as `*.cypher` files here.

Each file starts with a header of `//` lines:

    // name: meetings
    // description: Who met whom (CAMEO 04x) with place and date
    // param actor: name = null — only meetings involving this actor
    // param limit: int = 100 — at most this many rows
    // (any other comment lines are notes)

A param without `= default` is required. Types say how a value from the command line is
coerced: str, int, float, bool, date (YYYY-MM-DD) and name (case- and accent-folded, to
match an actor's or place's `lookup` keys: its name, aliases and id). Values only ever
travel as Cypher parameters; the query text is used exactly as written in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from neo4j import Driver, RoutingControl

from graph.store.readback import native_value
from ingest.errors import ConfigError
from ingest.model import fold

QUERY_DIR = Path(__file__).parent
_HEADER = re.compile(r"^//\s?(?P<text>.*)$")
_PARAM = re.compile(
    r"^param\s+(?P<name>\w+)\s*:\s*(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>[^\s—]+))?\s*(?:(?:—|--)\s*(?P<help>.*))?$"
)
_REFERENCE = re.compile(r"\$(\w+)")


@dataclass(frozen=True, slots=True)
class QueryParam:
    """One declared parameter: its type, default (None = null) and whether it is required."""

    name: str
    type: str
    required: bool
    default: Any = None
    help: str = ""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A library query: its header and the Cypher text exactly as in the file."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    cypher: str
    path: Path
    notes: str = ""

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "on"):
        return True
    if text in ("false", "no", "0", "off"):
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


COERCERS: dict[str, Callable[[Any], Any]] = {
    "str": str,
    "name": lambda value: fold(str(value)),
    "int": int,
    "float": float,
    "bool": _to_bool,
    "date": _to_date,
}


def parse_query(path: Path) -> NamedQuery:
    """Read one `.cypher` file; a malformed header or an undeclared `$param` is a ConfigError."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[QueryParam] = []
    notes: list[str] = []
    for line in text.splitlines():
        header = _HEADER.match(line.strip())
        if header is None:
            break
        content = header["text"].strip()
        if content.startswith("param "):
            params.append(_parse_param(path, content))
        elif content.startswith(("name:", "description:")):
            key, _, value = content.partition(":")
            fields[key] = value.strip()
        elif content:
            notes.append(content)
    if "name" not in fields or "description" not in fields:
        raise ConfigError(f"{path}: header needs '// name:' and '// description:' lines")
    declared = {p.name for p in params}
    used = set(_REFERENCE.findall(text))
    if used != declared:
        raise ConfigError(
            f"{path}: parameters used {sorted(used)} differ from declared {sorted(declared)}"
        )
    return NamedQuery(
        name=fields["name"],
        description=fields["description"],
        params=tuple(params),
        cypher=text,
        path=path,
        notes=" ".join(notes),
    )


def _parse_param(path: Path, content: str) -> QueryParam:
    match = _PARAM.match(content)
    if match is None or match["type"] not in COERCERS:
        raise ConfigError(f"{path}: cannot read parameter line {content!r}")
    raw_default = match["default"]
    param = QueryParam(
        name=match["name"],
        type=match["type"],
        required=raw_default is None,
        help=(match["help"] or "").strip(),
    )
    if raw_default is None or raw_default == "null":
        return param
    try:
        default = COERCERS[param.type](raw_default)
    except ValueError as exc:
        raise ConfigError(f"{path}: bad default for {param.name}: {exc}") from exc
    return QueryParam(param.name, param.type, False, default, param.help)


def list_queries() -> list[NamedQuery]:
    """Every query in the library, sorted by name."""
    return sorted((parse_query(path) for path in QUERY_DIR.glob("*.cypher")), key=lambda q: q.name)


def get_query(name: str) -> NamedQuery:
    """The query called `name`; a ConfigError lists the known names otherwise."""
    queries = {query.name: query for query in list_queries()}
    if name not in queries:
        raise ConfigError(f"no query named {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


def bind_params(query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters for `query`: unknown names rejected, values coerced by declared type
    (empty strings mean "not given"), defaults applied, missing required ones reported."""
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise ConfigError(
            f"query {query.name!r} has no parameter {', '.join(unknown)} (known: {known})"
        )
    bound: dict[str, Any] = {}
    for param in query.params:
        value = params.get(param.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if param.required:
                raise ConfigError(
                    f"query {query.name!r} needs --param {param.name}=… ({param.help})"
                )
            bound[param.name] = param.default
            continue
        try:
            bound[param.name] = COERCERS[param.type](value)
        except (ValueError, TypeError) as exc:
            raise ConfigError(
                f"query {query.name!r}: {param.name}={value!r} is not a valid {param.type}"
            ) from exc
    return bound


def run_query(
    driver: Driver, name: str, params: Mapping[str, Any], database: str
) -> list[dict[str, Any]]:
    """Run a library query (read-only routing) and return its rows as plain dicts, with
    Neo4j dates as `datetime.date` and points as `[x, y]` (`native_value`)."""
    query = get_query(name)
    bound = bind_params(query, params)
    result = driver.execute_query(
        query.cypher, parameters_=bound, database_=database, routing_=RoutingControl.READ
    )
    return [native_value(dict(record)) for record in result.records]

"""The researchers' Cypher library: named, parameterized queries kept as `*.cypher` files here.

Each file starts with a header of `//` lines:

    // name: meetings
    // description: Who met whom (CAMEO 04x) with place and date
    // param actor: actor = null — only meetings involving this actor
    // param limit: int [1, 1000000] = 100 — at most this many rows
    // requires: event | actor_a actor_b
    // (any other comment lines are notes)

A param without `= default` is required. Its type and bounds (`graph.store.queries.params`)
say how a value from the command line is checked and converted; `requires:` lists
alternatives of which at least one must be given in full (here: an event, or both actors).
Parameters that name an actor, a place or an event are looked up before the query runs,
so a name the database does not know is an `UnknownNameError`, not an empty result.
Values only ever travel as Cypher parameters; the query text is used exactly as written in
the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.store.queries.params import (
    COERCERS,
    LOOKUP_LABELS,
    QueryParam,
    QueryUsageError,
    parse_bounds,
)
from ingest.errors import ConfigError, PolgraphError

if TYPE_CHECKING:
    from neo4j import Driver

QUERY_DIR = Path(__file__).parent
_HEADER = re.compile(r"^//\s?(?P<text>.*)$")
_PARAM = re.compile(
    r"^param\s+(?P<name>\w+)\s*:\s*(?P<type>\w+)(?:\s*(?P<bounds>[\[(][^\])]*[\])]))?"
    r"(?:\s*=\s*(?P<default>[^\s—]+))?\s*(?:(?:—|--)\s*(?P<help>.*))?$"
)
_REFERENCE = re.compile(r"\$(\w+)")
# Does the database hold what a parameter names? One constant statement per label; the
# value travels as $key. Actors and places are found by any lookup key, events by id.
_LOOKUPS = {
    "Actor": "MATCH (n:Actor) WHERE $key IN n.lookup RETURN n.id AS id LIMIT 1",
    "Place": "MATCH (n:Place) WHERE $key IN n.lookup RETURN n.id AS id LIMIT 1",
    "Event": "MATCH (n:Event {id: $key}) RETURN n.id AS id LIMIT 1",
}


class UnknownNameError(PolgraphError):
    """A parameter names an actor, place or event the database does not hold."""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A library query: its header and the Cypher text exactly as in the file."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    cypher: str
    path: Path
    notes: str = ""
    requires: tuple[tuple[str, ...], ...] = ()

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A query's rows as plain dicts, and its columns in RETURN order (there even when no
    row came back, so an empty CSV still has its header)."""

    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


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
        elif content.startswith(("name:", "description:", "requires:")):
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
    requires = tuple(
        tuple(option.split()) for option in fields.get("requires", "").split("|") if option.strip()
    )
    if any(name not in declared for option in requires for name in option):
        raise ConfigError(f"{path}: 'requires:' names a parameter that is not declared")
    return NamedQuery(
        name=fields["name"],
        description=fields["description"],
        params=tuple(params),
        cypher=text,
        path=path,
        notes=" ".join(notes),
        requires=requires,
    )


def _parse_param(path: Path, content: str) -> QueryParam:
    match = _PARAM.match(content)
    if match is None or match["type"] not in COERCERS:
        raise ConfigError(f"{path}: cannot read parameter line {content!r}")
    if match["bounds"] and match["type"] not in ("int", "float"):
        raise ConfigError(f"{path}: only int and float parameters take bounds: {content!r}")
    try:
        bounds = parse_bounds(match["bounds"]) if match["bounds"] else None
    except ValueError as exc:
        raise ConfigError(f"{path}: bad bounds for {match['name']}: {exc}") from exc
    param = QueryParam(
        name=match["name"],
        type=match["type"],
        required=match["default"] is None,
        help=(match["help"] or "").strip(),
        bounds=bounds,
    )
    raw_default = match["default"]
    if raw_default is None or raw_default == "null":
        return param
    try:
        default = param.value(raw_default, path.stem)
    except QueryUsageError as exc:
        raise ConfigError(f"{path}: bad default for {param.name}: {exc}") from exc
    return QueryParam(param.name, param.type, False, default, param.help, bounds)


def list_queries() -> list[NamedQuery]:
    """Every query in the library, sorted by name."""
    return sorted((parse_query(path) for path in QUERY_DIR.glob("*.cypher")), key=lambda q: q.name)


def get_query(name: str) -> NamedQuery:
    """The query called `name`; a QueryUsageError lists the known names otherwise."""
    queries = {query.name: query for query in list_queries()}
    if name not in queries:
        raise QueryUsageError(f"no query named {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


def bind_params(query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters for `query`: unknown names rejected, values checked and converted by
    declared type and bounds (empty strings mean "not given"), defaults applied, missing
    required ones and unmet `requires:` reported — each as a QueryUsageError."""
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise QueryUsageError(
            f"query {query.name!r} has no parameter {', '.join(unknown)} (known: {known})"
        )
    bound: dict[str, Any] = {}
    for param in query.params:
        value = params.get(param.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if param.required:
                raise QueryUsageError(
                    f"query {query.name!r} needs --param {param.name}=… ({param.help})"
                )
            bound[param.name] = param.default
            continue
        bound[param.name] = param.value(value, query.name)
    if query.requires and not any(
        all(bound[name] is not None for name in option) for option in query.requires
    ):
        needed = " or ".join(
            " ".join(f"--param {name}=…" for name in option) for option in query.requires
        )
        raise QueryUsageError(f"query {query.name!r} needs {needed}")
    return bound


def check_names(
    driver: Driver,
    query: NamedQuery,
    bound: Mapping[str, Any],
    given: Mapping[str, Any],
    database: str,
) -> None:
    """Raise UnknownNameError for the first actor, place or event parameter whose value
    the database does not hold (`given` holds the values as typed, for the message)."""
    from neo4j import RoutingControl

    for param in query.params:
        label = LOOKUP_LABELS.get(param.type)
        if label is None or bound.get(param.name) is None:
            continue
        found = driver.execute_query(
            _LOOKUPS[label],
            parameters_={"key": bound[param.name]},
            database_=database,
            routing_=RoutingControl.READ,
        ).records
        if not found:
            typed = given.get(param.name, bound[param.name])
            how = "by id" if label == "Event" else "by name, alias or id, ignoring case and accents"
            raise UnknownNameError(
                f"no {label.lower()} matches {str(typed).strip()!r} "
                f"(parameter {param.name}; looked up {how})"
            )


def query_result(
    driver: Driver, name: str, params: Mapping[str, Any], database: str
) -> QueryResult:
    """Run a library query (read-only routing): parameters checked (`bind_params`), names
    looked up (`check_names`), then the rows with Neo4j dates as `datetime.date` and
    points as `[x, y]` (`native_value`), and the columns of its RETURN."""
    from neo4j import RoutingControl

    from graph.store.readback import native_value

    query = get_query(name)
    bound = bind_params(query, params)
    check_names(driver, query, bound, params, database)
    result = driver.execute_query(
        query.cypher, parameters_=bound, database_=database, routing_=RoutingControl.READ
    )
    rows = [native_value(dict(record)) for record in result.records]
    return QueryResult(tuple(result.keys), rows)


def run_query(
    driver: Driver, name: str, params: Mapping[str, Any], database: str
) -> list[dict[str, Any]]:
    """The rows of `query_result` (see there): what notebooks turn into DataFrames."""
    return query_result(driver, name, params, database).rows

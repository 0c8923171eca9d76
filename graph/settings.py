"""Neo4j connection settings (built once at the edge from flags + NEO4J_* vars) and Neo4j errors.

The defaults match `docker-compose.yml` (user `neo4j`, password `polgraph-local`, Bolt on
localhost:7687, database `neo4j`) and `polgraph neo4j start`, whose in-process server
accepts any password unless started with `--auth`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ingest.errors import PolgraphError

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_PASSWORD = "polgraph-local"
DEFAULT_DATABASE = "neo4j"


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """Where and as whom to connect; the password is kept out of repr()."""

    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    password: str = field(default=DEFAULT_PASSWORD, repr=False)
    database: str = DEFAULT_DATABASE

    @classmethod
    def from_env(cls, env: Mapping[str, str], **overrides: str | None) -> Neo4jSettings:
        """Settings from NEO4J_URI / NEO4J_USERNAME (or NEO4J_USER) / NEO4J_PASSWORD /
        NEO4J_DATABASE, then `overrides` (e.g. a `--neo4j URI` flag; None means "not given")."""
        settings = cls(
            uri=env.get("NEO4J_URI") or DEFAULT_URI,
            username=env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or DEFAULT_USERNAME,
            password=env.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD,
            database=env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        )
        given = {key: value for key, value in overrides.items() if value is not None}
        unknown = set(given) - {"uri", "username", "password", "database"}
        if unknown:
            raise TypeError(f"unknown Neo4j setting(s): {', '.join(sorted(unknown))}")
        return replace(settings, **given)


class Neo4jError(PolgraphError):
    """Root of the expected Neo4j failures (connection, server, load)."""


class Neo4jUnavailableError(Neo4jError):
    """Nothing answers Bolt at the configured URI."""


class Neo4jAuthError(Neo4jError):
    """The server refused the username/password."""


class Neo4jDatabaseError(Neo4jError):
    """The server answers but the requested database does not exist or is offline."""


class Neo4jServerError(Neo4jError):
    """The local in-process server (`polgraph neo4j start`) could not be started or stopped."""


class LoadError(Neo4jError):
    """A batch of articles could not be written (raised when on_error="raise")."""

    def __init__(self, article_ids: tuple[str, ...], reason: str) -> None:
        shown = ", ".join(article_ids[:5]) + (" …" if len(article_ids) > 5 else "")
        super().__init__(f"batch of {len(article_ids)} article(s) failed [{shown}]: {reason}")
        self.article_ids = article_ids
        self.reason = reason

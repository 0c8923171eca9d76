"""Reaching Neo4j: settings (built once at the edge from flags + NEO4J_* vars), a checked
connection, and the errors a user can act on.

The defaults match `docker-compose.yml` (user `neo4j`, password `polgraph-local`, Bolt on
localhost:7687, database `neo4j`) and `polgraph neo4j start`, whose in-process server
accepts any password unless started with `--auth`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.errors import PolgraphError

if TYPE_CHECKING:
    from neo4j import Driver

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_PASSWORD = "polgraph-local"
DEFAULT_DATABASE = "neo4j"
# How a load talks to the server: records (article + actors + places + events) per write
# transaction, and transactions in flight at once (each batch only merges the actors and
# places it shares with another, so two writers rarely wait on each other's locks).
DEFAULT_LOAD_BATCH = 2_000
DEFAULT_WRITERS = 2
# How long the driver retries a transaction through transient failures (a leader switch, a
# lock wait, a server restarting) before giving up. The driver's own default is 30 s per
# transaction, and a load has a few in flight: a server that died would keep a command
# silent for a minute. 15 s rides out a restart and bounds the wait when it does not come.
DEFAULT_RETRY_TIME = 15.0
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """Where and as whom to connect; the password is kept out of repr()."""

    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    password: str = field(default=DEFAULT_PASSWORD, repr=False)
    database: str = DEFAULT_DATABASE
    retry_time: float = DEFAULT_RETRY_TIME

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str],
        *,
        uri: str | None = None,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
        retry_time: float | None = None,
    ) -> Neo4jSettings:
        """Settings from NEO4J_URI / NEO4J_USERNAME (or NEO4J_USER) / NEO4J_PASSWORD /
        NEO4J_DATABASE, then the keywords (e.g. a `--neo4j URI` flag; None means "not
        given")."""
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            username=username
            or env.get("NEO4J_USERNAME")
            or env.get("NEO4J_USER")
            or DEFAULT_USERNAME,
            password=password or env.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD,
            database=database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
            retry_time=DEFAULT_RETRY_TIME if retry_time is None else retry_time,
        )

    def to_env(self) -> dict[str, str]:
        """The environment `from_env` reads these settings back from: for a `polgraph`
        process started with them (tests, benchmarks, scripts)."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USERNAME": self.username,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": self.database,
        }


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


def connect(settings: Neo4jSettings, timeout: float = 10.0) -> Driver:
    """A driver that has reached the server, logged in and found the database.

    Checks run once without the driver's retry loop, so a dead server fails in
    milliseconds; failures become one-line PolgraphErrors saying what failed, where, and
    what to check. Later transactions retry transient failures for at most
    `settings.retry_time` seconds. The driver is imported here, on first connect, so
    commands that never reach Neo4j (and `polgraph --help`) do not load it.
    """
    from neo4j import GraphDatabase
    from neo4j.exceptions import ConfigurationError

    scheme = settings.uri.split("://", 1)[0] if "://" in settings.uri else ""
    if scheme not in BOLT_SCHEMES:
        raise Neo4jUnavailableError(
            f"invalid Neo4j URI {settings.uri!r}: expected bolt:// or neo4j:// "
            "(e.g. bolt://localhost:7687); check NEO4J_URI / --neo4j"
        )
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=timeout,
            max_transaction_retry_time=settings.retry_time,
            notifications_min_severity="OFF",  # the CLI shows rows, not planner hints
        )
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailableError(
            f"invalid Neo4j URI {settings.uri!r} ({_first_line(exc)}); check NEO4J_URI / --neo4j"
        ) from exc
    try:
        driver.verify_connectivity()
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except Exception as exc:
        driver.close()
        translated = driver_error(exc, settings)
        if translated is None:
            raise
        raise translated from exc
    return driver


def driver_error(exc: Exception, settings: Neo4jSettings) -> Neo4jError | None:
    """The one-line error for a driver failure (unreachable server, refused login, missing
    database), or None for an unexpected failure, which should stay a traceback."""
    from neo4j.exceptions import (
        AuthError,
        ClientError,
        ConfigurationError,
        DatabaseUnavailable,
        ServiceUnavailable,
    )

    where = f"{settings.uri} (database {settings.database!r})"
    if isinstance(exc, AuthError):
        return Neo4jAuthError(
            f"Neo4j at {settings.uri} refused user {settings.username!r}: wrong username or "
            "password; check NEO4J_USERNAME / NEO4J_PASSWORD"
        )
    if isinstance(exc, ClientError) and "DatabaseNotFound" in (exc.code or ""):
        return Neo4jDatabaseError(
            f"Neo4j at {settings.uri} has no database {settings.database!r}; "
            "check NEO4J_DATABASE (Community edition has only 'neo4j')"
        )
    if isinstance(exc, DatabaseUnavailable):
        return Neo4jDatabaseError(f"database at {where} is unavailable: {_first_line(exc)}")
    if isinstance(exc, ServiceUnavailable | OSError):
        return Neo4jUnavailableError(
            f"cannot reach Neo4j at {settings.uri}: is it running? Start one with "
            '`docker compose up -d` or `eval "$(polgraph neo4j start)"`, or set NEO4J_URI'
        )
    if isinstance(exc, ClientError | ConfigurationError):
        return Neo4jError(f"Neo4j at {where} refused the connection: {_first_line(exc)}")
    return None


def _first_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(message).strip().splitlines()[0]

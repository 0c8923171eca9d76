"""`polgraph neo4j import`: a folder of import CSVs (graph.bulk) → a new Neo4j database
directory, built offline by `neo4j-admin database import full` run from the jar cache
(`org.neo4j.cli.AdminTool`), then opened once with the launcher to add what the importer
cannot: the schema (Community's importer refuses `--schema`), the fix-ups (the importer
stores no empty array, which the loader stores as `[]`) and the values whose line breaks
the CSVs turned into spaces (graph.bulk's restore file).

The importer writes `DATA/databases/neo4j` and `DATA/transactions/neo4j`, the layout the
launcher (`--data DATA`) serves, through a `neo4j.conf` whose `server.directories.data`
points at DATA. It never overwrites: a DATA that holds a database is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.bulk import RESTORE_FILE, ImportFolder
from graph.store.connection import Neo4jError, Neo4jServerError
from graph.store.server.launcher import (
    ServerOptions,
    ServerPaths,
    resolve_jars,
    start_server,
    stop_server,
)

if TYPE_CHECKING:
    from neo4j import Driver

ADMIN_TOOL = "org.neo4j.cli.AdminTool"
DATABASE = "neo4j"  # Community's one user database
# What the loader stores as an empty list and the importer leaves unset (graph.store.cypher:
# MERGE_ACTORS sets `roles` to a list, [] when no record gives a role).
FIXUPS: tuple[str, ...] = (
    "MATCH (a:Actor) WHERE a.roles IS NULL "
    "CALL (a) { SET a.roles = [] } IN TRANSACTIONS OF 10000 ROWS",
)


# Values whose line breaks the CSVs made spaces (graph.bulk.RESTORE_FILE), set back by
# target: constant statements, values only as parameters.
RESTORE_BATCH = 1_000
_RESTORE_NODE = """
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
SET n += row.props
"""
RESTORE: dict[str, str] = {
    **{
        label: _RESTORE_NODE.format(label=label) for label in ("Article", "Event", "Actor", "Place")
    },
    "REPORTED_IN": """
UNWIND $rows AS row
MATCH (:Event {id: row.start})-[r:REPORTED_IN]->()
WHERE r.mention = row.end
SET r += row.props
""",
    "AFFILIATED_WITH": """
UNWIND $rows AS row
MATCH (:Actor {id: row.start})-[r:AFFILIATED_WITH]->(:Actor {id: row.end})
SET r += row.props
""",
}


class DatabaseExistsError(Neo4jError):
    """The data directory already holds a database; the import never overwrites one."""


def existing_database(data_dir: Path) -> Path | None:
    """The database directory an import into `data_dir` would overwrite, if any."""
    for part in ("databases", "transactions"):
        found = data_dir / part / DATABASE
        if found.exists():
            return found
    return None


def import_command(
    java: str, cache: Path, folder: ImportFolder, heap: str, report: Path
) -> list[str]:
    """The java command running `neo4j-admin database import full` on the folder's files."""
    return [
        java,
        f"-Xmx{heap}",
        "-cp",
        f"{cache / 'lib'}/*",
        ADMIN_TOOL,
        "database",
        "import",
        "full",
        DATABASE,  # (first: after a file option it would be read as one more file)
        f"--report-file={report}",
        "--high-parallel-io=auto",
        *folder.arguments(),
    ]


def run_import(
    folder: Path,
    data_dir: Path,
    paths: ServerPaths,
    heap: str = "1g",
    timeout: float = 6 * 3600.0,
) -> float:
    """Build a new database in `data_dir` from the CSVs in `folder`; the seconds it took.
    Refuses (DatabaseExistsError) if `data_dir` holds a database already."""
    data_dir = data_dir.expanduser().resolve()
    found = existing_database(data_dir)
    if found is not None:
        raise DatabaseExistsError(
            f"{found}: a database exists already; the import never overwrites one "
            "(give a new --data directory, or remove this one)"
        )
    manifest = ImportFolder.read(folder)
    java = shutil.which("java")
    if java is None:
        raise Neo4jServerError("java is not on PATH; Neo4j 5.26 needs Java 17 or 21")
    cache = resolve_jars(paths.cache_dir)
    if not list((cache / "lib").glob("neo4j-import-tool-*.jar")):
        raise Neo4jServerError(
            f"{cache / 'lib'}: no neo4j-import-tool jar (remove the cache to fetch it again)"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="polgraph-import-") as home:
        conf = Path(home) / "conf"
        conf.mkdir()
        (conf / "neo4j.conf").write_text(
            f"server.directories.data={data_dir}\nserver.directories.logs={Path(home) / 'logs'}\n",
            encoding="utf-8",
        )
        report = data_dir / "import.report"
        command = import_command(java, cache, manifest, heap, report)
        env = {**os.environ, "NEO4J_HOME": home, "NEO4J_CONF": str(conf)}
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command,
                cwd=folder,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise Neo4jServerError(f"the import took over {timeout:.0f}s") from exc
        elapsed = time.perf_counter() - started
    if done.returncode != 0:
        from graph.store.server.launcher import _tail

        raise Neo4jServerError(
            f"neo4j-admin database import failed (exit {done.returncode}): "
            f"{_tail(done.stdout + done.stderr, 8)}"
        )
    return elapsed


def finish_import(
    data_dir: Path, paths: ServerPaths, folder: Path | None = None, heap: str = "768m"
) -> float:
    """Open the imported `data_dir` with the launcher (its own temporary state dir, a free
    port), create the schema, apply FIXUPS and set back the values of the import `folder`'s
    restore file, then stop it; the seconds that took."""
    from graph.store.connection import Neo4jSettings, connect

    options = ServerOptions(port=0, data_dir=data_dir.expanduser().resolve(), heap=heap, apoc=False)
    with tempfile.TemporaryDirectory(prefix="polgraph-import-server-") as state_dir:
        brief = ServerPaths(state_dir=Path(state_dir), cache_dir=paths.cache_dir)
        state = start_server(brief, options)
        try:
            started = time.perf_counter()
            with connect(Neo4jSettings(uri=state.uri)) as driver:
                apply_schema(driver, DATABASE, folder)
            return time.perf_counter() - started
        finally:
            stop_server(brief)


def apply_schema(driver: Driver, database: str, folder: Path | None = None) -> int:
    """The schema (graph.store.writer.ensure_schema), the fix-ups (auto-commit queries:
    they batch with CALL … IN TRANSACTIONS), then the values of `folder`'s restore file
    (graph.bulk.RESTORE_FILE); how many values were set back."""
    from graph.store.writer import ensure_schema

    ensure_schema(driver, database)
    with driver.session(database=database) as session:
        for statement in FIXUPS:
            session.run(statement).consume()
    return restore_values(driver, database, folder / RESTORE_FILE) if folder else 0


def restore_values(driver: Driver, database: str, path: Path) -> int:
    """Set back the values with line breaks listed in `path`, in batches per target."""
    if not path.is_file():
        return 0
    pending: dict[str, list[dict[str, Any]]] = {target: [] for target in RESTORE}
    done = 0

    def flush(target: str) -> None:
        driver.execute_query(RESTORE[target], rows=pending[target], database_=database)
        pending[target] = []

    with path.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            pending[row["target"]].append(row)
            done += 1
            if len(pending[row["target"]]) >= RESTORE_BATCH:
                flush(row["target"])
    for target, rows in pending.items():
        if rows:
            flush(target)
    return done

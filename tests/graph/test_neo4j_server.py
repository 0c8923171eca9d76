"""graph.store.server.launcher: the in-process Neo4j behind `polgraph neo4j start|status|stop`."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph.store.connection import Neo4jServerError
from graph.store.server.launcher import (
    ServerOptions,
    ServerPaths,
    resolve_jars,
    server_status,
    start_server,
    stop_server,
)
from tests.plugins.neo4j_server import Neo4jSession, neo4j_unavailable

pytestmark = pytest.mark.neo4j


@pytest.fixture
def local_session(neo4j_session: Neo4jSession) -> ServerPaths:
    """The session server's paths; these tests need the server started by the fixture."""
    if neo4j_session.paths is None:
        pytest.skip("NEO4J_URI points at an external server; nothing local to inspect")
    return neo4j_session.paths


@pytest.fixture
def fresh_paths(tmp_path: Path) -> ServerPaths:
    paths = ServerPaths.from_env(os.environ, state_dir=tmp_path / "state")
    try:
        resolve_jars(paths.cache_dir)
    except Neo4jServerError as exc:
        neo4j_unavailable(str(exc))
    return paths


def test_status_and_second_start_report_the_running_server(local_session: ServerPaths) -> None:
    state = server_status(local_session)
    assert state is not None and state.auth_user == "neo4j"
    assert _running(state.pid)
    assert Path(state.log_path).read_text().startswith("POLGRAPH_NEO4J_READY")
    again = start_server(local_session, ServerOptions(port=0))
    assert again.already_running and again.pid == state.pid and again.port == state.port


def test_data_survives_a_restart_and_stop_is_clean(
    fresh_paths: ServerPaths, tmp_path: Path
) -> None:
    data = tmp_path / "graph-data"
    options = ServerOptions(port=0, data_dir=data)
    state = start_server(fresh_paths, options)
    try:
        with GraphDatabase.driver(state.uri, auth=("neo4j", "any")) as driver:
            driver.execute_query("CREATE (:Probe {id: 'kept'})")
            (record,) = driver.execute_query("RETURN apoc.version() AS version").records
            assert record["version"].startswith("5.26")
    finally:
        stopped = stop_server(fresh_paths)
    assert stopped is not None and stopped.pid == state.pid
    assert server_status(fresh_paths) is None and not fresh_paths.state_file.exists()
    assert not _running(state.pid)
    assert "POLGRAPH_NEO4J_STOPPED" in Path(state.log_path).read_text()
    assert stop_server(fresh_paths) is None

    restarted = start_server(fresh_paths, options)
    try:
        with GraphDatabase.driver(restarted.uri, auth=("neo4j", "any")) as driver:
            records = driver.execute_query("MATCH (p:Probe) RETURN p.id AS id").records
            assert [r["id"] for r in records] == ["kept"]
    finally:
        stop_server(fresh_paths)
    assert (data / "databases").is_dir()


def test_busy_port_is_refused_before_starting(fresh_paths: ServerPaths) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with pytest.raises(Neo4jServerError, match=f"port {port} .* already in use"):
            start_server(fresh_paths, ServerOptions(port=port))
    assert server_status(fresh_paths) is None


def test_failed_start_points_to_the_log(fresh_paths: ServerPaths, tmp_path: Path) -> None:
    not_a_dir = tmp_path / "data-is-a-file"
    not_a_dir.write_text("not a directory")
    with pytest.raises(Neo4jServerError) as caught:
        start_server(fresh_paths, ServerOptions(port=0, data_dir=not_a_dir, apoc=False))
    message = str(caught.value)
    assert "exited with code" in message and str(fresh_paths.log_file) in message
    assert "Exception" in message  # the log's tail says what went wrong
    assert server_status(fresh_paths) is None


def test_short_password_is_refused_by_the_launcher(fresh_paths: ServerPaths) -> None:
    with pytest.raises(Neo4jServerError, match="8 or more characters"):
        start_server(fresh_paths, ServerOptions(port=0, auth=("neo4j", "short"), apoc=False))


def _running(pid: int) -> bool:
    """Alive and not a zombie: an exited server whose parent has not reaped it yet
    (PID 1 in a container may never do so) has stopped all the same."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] not in {"Z", "X"}

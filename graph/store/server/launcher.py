"""A local Neo4j Community 5.26 without Docker: jars from Maven Central, run in-process in the
background by `graph/store/server/java/Launcher.java`; start, status and stop.

Layout: the jar cache (`<cache>/lib`, `<cache>/plugins` for APOC) is filled once by
`mvn dependency:copy-dependencies` and shared by every server; each server has a state dir
holding `state.json` (pid, port, log path), `neo4j.log` (the JVM's output, which errors
point to), `run/` (the harness's scratch dir) and, unless `--data` says otherwise, `data/`.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.store.connection import Neo4jServerError

NEO4J_VERSION = "5.26.31"
LAUNCHER_DIR = Path(__file__).parent / "java"
READY_MARK = "POLGRAPH_NEO4J_READY"
COMPLETE_MARK = ".complete"
# what the mark says of a cache holding every jar the POM lists; a cache filled before the
# importer's jars were added holds "5.26.31" and gets them on its next use
CACHE_CONTENT = f"{NEO4J_VERSION} import"
IMPORT_JARS = ("neo4j-import-tool", "neo4j-command-line")


@dataclass(frozen=True, slots=True)
class ServerPaths:
    """Where a server keeps its state and where the shared jar cache lives."""

    state_dir: Path
    cache_dir: Path

    @classmethod
    def from_env(cls, env: Mapping[str, str], state_dir: Path | None = None) -> ServerPaths:
        """POLGRAPH_NEO4J_HOME (state, default ~/.cache/polgraph/neo4j) and
        POLGRAPH_NEO4J_CACHE (jars, default ~/.cache/polgraph/neo4j-<version>)."""
        base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "polgraph"
        home = state_dir or Path(env.get("POLGRAPH_NEO4J_HOME") or base / "neo4j")
        cache = Path(env.get("POLGRAPH_NEO4J_CACHE") or base / f"neo4j-{NEO4J_VERSION}")
        return cls(state_dir=home.expanduser(), cache_dir=cache.expanduser())

    @property
    def state_file(self) -> Path:
        return self.state_dir / "state.json"

    @property
    def log_file(self) -> Path:
        return self.state_dir / "neo4j.log"


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """How to run the server. `auth=(user, password)` turns authentication on."""

    port: int = 7687
    data_dir: Path | None = None
    heap: str = "768m"
    apoc: bool = True
    auth: tuple[str, str] | None = None
    start_timeout: float = 180.0


@dataclass(frozen=True, slots=True)
class ServerState:
    """A running server as recorded in state.json."""

    pid: int
    port: int
    log_path: str
    data_dir: str
    auth_user: str | None = None
    already_running: bool = False

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


def resolve_jars(cache_dir: Path, apoc: bool = True, timeout: float = 1800.0) -> Path:
    """The jar cache, filled from Maven Central on first use (minutes); later calls reuse it.

    Resolution goes to a temporary sibling dir renamed into place at the end, so an
    interrupted or concurrent first run never leaves a half-filled cache behind.
    """
    mark = cache_dir / COMPLETE_MARK
    if mark.exists():
        if mark.read_text().strip() == CACHE_CONTENT:
            return cache_dir
        if _has_import_jars(cache_dir):
            mark.write_text(CACHE_CONTENT + "\n")
            return cache_dir
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError("Maven (mvn) is not on PATH; it is needed once to fetch Neo4j jars")
    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=cache_dir.name + ".", dir=cache_dir.parent))
    shutil.copy(LAUNCHER_DIR / "pom.xml", work / "pom.xml")
    command = [mvn, "-B", "-q", "-f", str(work / "pom.xml")]
    command += ["-Papoc"] if apoc else []
    command += ["dependency:copy-dependencies", f"-DoutputDirectory={work / 'lib'}"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise Neo4jServerError(f"fetching Neo4j jars took over {timeout:.0f}s") from exc
    if done.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        tail = _tail(done.stdout + done.stderr)
        raise Neo4jServerError(f"mvn could not fetch Neo4j {NEO4J_VERSION} jars: {tail}")
    (work / "plugins").mkdir()
    for jar in (work / "lib").glob("apoc-*.jar"):
        jar.rename(work / "plugins" / jar.name)
    (work / COMPLETE_MARK).write_text(CACHE_CONTENT + "\n")
    if mark.exists():  # an older cache, in use: add the jars it lacks beside the others
        for jar in (*(work / "lib").glob("*.jar"), *(work / "plugins").glob("*.jar")):
            kept = cache_dir / jar.parent.name / jar.name
            if not kept.exists():
                shutil.copy(jar, kept)
        mark.write_text(CACHE_CONTENT + "\n")
        shutil.rmtree(work, ignore_errors=True)
        return cache_dir
    try:
        work.rename(cache_dir)
    except OSError:  # another process filled the cache first
        shutil.rmtree(work, ignore_errors=True)
    return cache_dir


def _has_import_jars(cache_dir: Path) -> bool:
    lib = cache_dir / "lib"
    return all(any(lib.glob(f"{name}-{NEO4J_VERSION}.jar")) for name in IMPORT_JARS)


def server_status(paths: ServerPaths) -> ServerState | None:
    """The running server recorded in the state dir, or None (a stale record is removed)."""
    try:
        state = ServerState(**json.loads(paths.state_file.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    if _is_launcher(state.pid):
        return state
    paths.state_file.unlink(missing_ok=True)
    return None


def start_server(paths: ServerPaths, options: ServerOptions) -> ServerState:
    """Start Neo4j in the background and wait until Bolt answers; if this state dir already
    has a running server, return it with `already_running=True`."""
    running = server_status(paths)
    if running is not None:
        return ServerState(**{**asdict(running), "already_running": True})
    java = shutil.which("java")
    if java is None:
        raise Neo4jServerError("java is not on PATH; Neo4j 5.26 needs Java 17 or 21")
    port = options.port or _free_port()
    if _port_answers(port):
        raise Neo4jServerError(f"port {port} on 127.0.0.1 is already in use; choose --port")
    cache = resolve_jars(paths.cache_dir, apoc=options.apoc)
    data_dir = (options.data_dir or paths.state_dir / "data").expanduser().resolve()
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    command = _launcher_command(java, cache, paths.state_dir, data_dir, port, options)
    env = dict(os.environ)
    if options.auth:
        env["POLGRAPH_NEO4J_PASSWORD"] = options.auth[1]
    with paths.log_file.open("w") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=paths.state_dir,
            start_new_session=True,
        )
    state = ServerState(
        pid=process.pid,
        port=port,
        log_path=str(paths.log_file),
        data_dir=str(data_dir),
        auth_user=options.auth[0] if options.auth else None,
    )
    _wait_ready(process, state, options.start_timeout)
    paths.state_file.write_text(json.dumps(asdict(state), indent=2))
    return state


def stop_server(paths: ServerPaths, timeout: float = 60.0) -> ServerState | None:
    """Stop the recorded server with SIGTERM (a clean shutdown), SIGKILL after `timeout`.
    Returns the state that was stopped, or None when nothing was running."""
    state = server_status(paths)
    if state is None:
        return None
    os.kill(state.pid, signal.SIGTERM)
    if not _wait_exit(state.pid, timeout):
        os.kill(state.pid, signal.SIGKILL)
        _wait_exit(state.pid, 10.0)
    paths.state_file.unlink(missing_ok=True)
    return state


def log_tail(path: Path, lines: int = 15) -> str:
    """The last lines of a log file, for error messages."""
    try:
        return _tail(path.read_text(errors="replace"), lines)
    except OSError:
        return "(no log)"


def _launcher_command(
    java: str, cache: Path, state_dir: Path, data_dir: Path, port: int, options: ServerOptions
) -> list[str]:
    classpath = f"{cache / 'lib'}/*"
    if options.apoc:
        classpath += f"{os.pathsep}{cache / 'plugins'}/*"
    command = [
        java,
        f"-Xmx{options.heap}",
        "-XX:MaxDirectMemorySize=256m",
        "-XX:+ExitOnOutOfMemoryError",
        "-cp",
        classpath,
        str(LAUNCHER_DIR / "Launcher.java"),
        "--port",
        str(port),
        "--data",
        str(data_dir),
        "--work",
        str(state_dir / "run"),
    ]
    if options.apoc:
        command += ["--plugins", str(cache / "plugins")]
    if options.auth:
        command += ["--auth-user", options.auth[0]]
    return command


def _wait_ready(process: subprocess.Popen[bytes], state: ServerState, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    log = Path(state.log_path)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise Neo4jServerError(
                f"Neo4j exited with code {process.returncode} while starting "
                f"(log {log}): {log_tail(log)}"
            )
        if READY_MARK in log.read_text(errors="replace") and _port_answers(state.port):
            return
        time.sleep(0.5)
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    raise Neo4jServerError(
        f"Neo4j did not answer on port {state.port} within {timeout:.0f}s "
        f"(log {log}): {log_tail(log)}"
    )


def _wait_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _reap(pid)
        if not _is_alive(pid):
            _reap(pid)  # it may have turned zombie after the first reap
            return True
        time.sleep(0.2)
    return False


def _reap(pid: int) -> None:
    """Collect the exit status if the server is our own child (else it stays a zombie)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _is_alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _is_launcher(pid: int) -> bool:
    """True if `pid` is alive and is a polgraph launcher (not a recycled pid)."""
    _reap(pid)
    if not _is_alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"Launcher.java" in cmdline


def _port_answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _tail(text: str, lines: int = 15) -> str:
    """The last `lines` lines, stack frames left out (the exception lines say what failed)."""
    kept = [
        line.strip()
        for line in text.strip().splitlines()
        if line.strip() and not line.strip().startswith(("at ", "... "))
    ]
    return " | ".join(kept[-lines:]) or "(empty)"

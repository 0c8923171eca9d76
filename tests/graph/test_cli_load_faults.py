"""`polgraph load` when the server dies part-way: the driver's retries are bounded, progress
lines name what was committed, and the command ends with a summary and exit 1, never a
traceback. The test starts a Neo4j of its own (graph.store.server) so it can kill it.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graph.store.connection import Neo4jServerError
from graph.store.server.launcher import (
    ServerOptions,
    ServerPaths,
    ServerState,
    resolve_jars,
    start_server,
    stop_server,
)
from ingest.jsonl import write_extractions
from ingest.model import Actor, Article, Event, Extraction, actor_id, article_id, mention_id
from tests.graph.test_cli_extract import polgraph_command
from tests.plugins.neo4j_server import neo4j_unavailable

pytestmark = pytest.mark.neo4j

ARTICLES = 3_000
REPO = Path(__file__).resolve().parents[2]
COUNTS = re.compile(r"([\d,]+) committed, ([\d,]+) failed")


def many_articles(count: int) -> Iterator[Extraction]:
    """`count` small articles: minister N of a rotating country meets the next one."""
    countries = ["CHL", "ECU", "PER", "COL", "ARG", "URY"]
    for number in range(count):
        url = f"https://news.example/meetings/{number}"
        article = Article(article_id(url, ""), f"Meeting {number}", url, date(2025, 1, 1), None)
        home, away = countries[number % 6], countries[(number + 1) % 6]
        source = Actor(
            actor_id("person", f"Minister {number}"), f"Minister {number}", "person", home
        )
        target = Actor(actor_id("person", f"Envoy {number}"), f"Envoy {number}", "person", away)
        sentence = f"Minister {number} met Envoy {number}."
        event = Event(
            id=mention_id(article.id, 0, "040", source.id, target.id),
            cameo="040",
            label="met",
            quad_class=1,
            goldstein=1.0,
            source=source.id,
            target=target.id,
            sentence=sentence,
            start=0,
            end=len(sentence),
        )
        yield Extraction(article, (source, target), (), (event,))


@pytest.fixture
def doomed_server(tmp_path: Path) -> Iterator[ServerState]:
    """A Neo4j of this test's own, killed by the test; whatever is left is stopped after."""
    paths = ServerPaths.from_env(os.environ, state_dir=tmp_path / "state")
    try:
        resolve_jars(paths.cache_dir)
        state = start_server(paths, ServerOptions(port=0, heap="512m", apoc=False))
    except Neo4jServerError as exc:
        neo4j_unavailable(str(exc))
        raise
    try:
        yield state
    finally:
        with contextlib.suppress(Neo4jServerError, ProcessLookupError):
            stop_server(paths, timeout=20)


def test_a_server_killed_mid_load_ends_with_a_summary_of_committed_and_failed(
    doomed_server: ServerState, tmp_path: Path
) -> None:
    source = tmp_path / "many.jsonl"
    with source.open("w", encoding="utf-8") as stream:
        write_extractions(many_articles(ARTICLES), stream)
    env = {
        **os.environ,
        "NEO4J_URI": doomed_server.uri,
        "NEO4J_USERNAME": "neo4j",
        "NEO4J_PASSWORD": "any-password",
        "POLGRAPH_PROGRESS_INTERVAL": "0.2",
        "PYTHONPATH": str(REPO),
    }
    args = ["load", "--from", str(source), "--batch-size", "40", "--retry-time", "3"]
    with subprocess.Popen(
        [*polgraph_command(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stderr is not None
        seen = []
        for line in process.stderr:  # progress lines, until some articles are committed
            seen.append(line)
            counts = COUNTS.search(line)
            if line.startswith("load: ") and counts and int(counts.group(1).replace(",", "")):
                break
        os.kill(doomed_server.pid, signal.SIGKILL)
        # The driver gives up after --retry-time; the timeout only guards the test run.
        stdout, rest = process.communicate(timeout=180)
    stderr = "".join(seen) + rest
    assert process.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert any(line.startswith("load: ") and " of 3,000 articles read" in line for line in seen)
    assert re.search(r"^error: load stopped: ", stderr, re.M), stderr
    summary = stdout.splitlines()[-1]
    counts = COUNTS.search(summary)
    assert summary.startswith("articles: ") and counts, stdout
    committed, failed = (int(group.replace(",", "")) for group in counts.groups())
    assert 0 < committed < ARTICLES and failed > 0
    read = int(re.search(r"of ([\d,]+) read", summary).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert committed + failed == read <= ARTICLES

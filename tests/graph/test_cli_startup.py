"""`polgraph --help`, usage errors and `import graph` load none of the heavy libraries: each
command imports what it needs when it runs, so starting the CLI stays fast (the time itself
is measured by benchmarks/cli_startup.py, not here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    *("spacy", "pandas", "neo4j", "pyvis", "networkx", "pydantic", "trafilatura", "scipy"),
    *("dask", "distributed"),
)


def loaded_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter has loaded after running `code`."""
    probe = (
        f"{code}\nimport sys\n"
        f"print('LOADED:', *(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("LOADED:")]
    return line.split()[1:]


@pytest.mark.parametrize(
    "code",
    [
        "import graph, ingest",
        "from graph.cli import app",
        "from graph.cli import main\nimport sys\nsys.argv = ['polgraph', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass",
    ],
    ids=["import graph", "import the CLI", "polgraph --help"],
)
def test_starting_loads_no_heavy_library(code: str) -> None:
    assert loaded_after(code) == []


def test_the_public_api_loads_on_first_use() -> None:
    assert loaded_after("from graph import build_graph") == ["networkx"]


def command(*argv: str) -> str:
    """Code running `polgraph ARGV...` in-process, as far as it goes."""
    return (
        "from graph.cli import main\nimport sys\n"
        f"sys.argv = ['polgraph', *{list(argv)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ("extract", "/nonexistent/article.txt"),
        ("run", "/nonexistent/article.txt", "--out", "/nonexistent/out"),
        ("query", "--list"),
        ("query", "meetings", "-p", "limit=-1"),
        ("query", "evidence"),
        ("load",),
        ("load", "/nonexistent/article.txt"),
        ("evaluate", "--gold", "/nonexistent", "out"),
        ("extract", "--no-such-option"),
    ],
    ids=" ".join,
)
def test_usage_errors_and_missing_paths_load_no_heavy_library(argv: tuple[str, ...]) -> None:
    assert loaded_after(command(*argv)) == []

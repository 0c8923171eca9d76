"""`polgraph extract` and `polgraph run` through the installed entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KAST = ROOT / "examples" / "kast-noboa-colombiaone.txt"


def polgraph(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("polgraph")
    command = [exe] if exe else [sys.executable, "-c", "from graph.cli import main; main()"]
    return subprocess.run(
        [*command, *args], input=stdin, capture_output=True, text=True, timeout=300, cwd=ROOT
    )


def test_extract_writes_one_json_object_per_article_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    shutil.copy(KAST, tmp_path / "kast.txt")
    result = polgraph("extract", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    assert {"article", "actors", "places", "events"} <= set(records[0])
    cameos = {e["cameo"] for e in records[0]["events"]}
    assert "040" in cameos and "161" in cameos
    *errors, summary = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 2, result.stderr
    assert any("empty.txt" in line for line in errors)
    assert any("binary.txt" in line for line in errors)
    assert summary.startswith("extracted 1 article(s), 2 input(s) skipped in ")
    assert "Traceback" not in result.stderr


def test_extract_reads_stdin_and_exits_zero_when_all_inputs_are_good() -> None:
    text = "Chile severed diplomatic ties with Venezuela on Monday.\n"
    result = polgraph("extract", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["cameo"][:2] for e in record["events"]] == ["16"]


def test_usage_error_exits_two() -> None:
    result = polgraph("extract", "--no-such-option")
    assert result.returncode == 2


def test_run_writes_graph_files_and_a_map(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = polgraph("run", str(KAST), "--out", str(out))
    assert result.returncode == 0, result.stderr
    for name in ("extraction.jsonl", "graph.graphml", "graph.json", "map.html"):
        assert (out / name).stat().st_size > 0, name
    assert "articles" in result.stdout and "events (all)" in result.stdout
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    names = {n.get("name") for n in graph["nodes"]}
    assert {"José Antonio Kast", "Daniel Noboa", "Quito"} <= names


@pytest.mark.parametrize("fmt", ["json"])
def test_extract_json_format_is_one_array(fmt: str) -> None:
    result = polgraph("extract", str(KAST), "--format", fmt)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1

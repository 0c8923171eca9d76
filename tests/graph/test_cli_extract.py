"""`polgraph extract` and `polgraph run` through the installed entry point."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KAST = ROOT / "examples" / "kast-noboa-colombiaone.txt"


def polgraph_command() -> list[str]:
    """The installed entry point (or, without one, the same `main` run by this Python)."""
    exe = shutil.which("polgraph")
    return [exe] if exe else [sys.executable, "-c", "from graph.cli import main; main()"]


def polgraph(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*polgraph_command(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
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
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("skipped ")]
    assert len(errors) == 2, result.stderr
    assert any("empty.txt" in line for line in errors)
    assert any("binary.txt" in line for line in errors)
    assert lines[-1].startswith("extracted 1 article(s), 2 input(s) skipped in ")
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


# --- outputs replaced only once complete (issue 11 item 7) ------------------------------

MEETINGS = [
    "Chilean President Gabriel Boric met Argentine President Javier Milei in Santiago on Monday.",
    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Tuesday.",
    "Kenyan President William Ruto met Mexican President Claudia Sheinbaum in Nairobi.",
    "Japan condemned North Korea after a missile test over the Sea of Japan on Friday.",
]


def write_articles(folder: Path, count: int) -> list[Path]:
    """`count` one-paragraph articles of sentences written for these tests."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:03d}.txt"
        lead = MEETINGS[number % len(MEETINGS)]
        path.write_text(f"Title: Story {number}\n\n{lead} Officials said talks went well.\n")
        paths.append(path)
    return paths


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` (hidden ones too) by name, with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def previous_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder left by a successful run of two articles."""
    root = tmp_path_factory.mktemp("previous")
    write_articles(root / "articles", 2)
    result = polgraph("run", str(root / "articles"), "--out", str(root / "out"))
    assert result.returncode == 0, result.stderr
    return root / "out"


@pytest.fixture
def out(previous_run: Path, tmp_path: Path) -> Path:
    """A copy of the previous run's folder for one test to try to overwrite."""
    copy = tmp_path / "out"
    shutil.copytree(previous_run, copy)
    assert (copy / "extraction.jsonl").stat().st_size > 0
    return copy


def test_a_run_failing_on_a_bad_option_leaves_the_previous_outputs_byte_identical(
    out: Path, tmp_path: Path
) -> None:
    before = snapshot(out)
    bad_lexicon = tmp_path / "lexicon.yaml"
    bad_lexicon.write_text("entries: [unclosed\n", encoding="utf-8")
    result = polgraph("run", str(KAST), "--out", str(out), "--lexicon", str(bad_lexicon))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert str(bad_lexicon) in error  # one line, however the YAML parser words it
    assert snapshot(out) == before  # same files, same bytes, no temporary file left


def test_a_run_stopped_midway_leaves_the_previous_outputs_byte_identical(
    out: Path, tmp_path: Path
) -> None:
    before = snapshot(out)
    articles = write_articles(tmp_path / "articles", 60)
    env = {**os.environ, "POLGRAPH_PROGRESS_INTERVAL": "0.2"}
    with subprocess.Popen(
        [*polgraph_command(), "run", str(articles[0].parent), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:  # progress lines: wait until articles are being written
            done = re.match(r"run: (\d+) of 60 articles done", line)
            if done and 0 < int(done.group(1)) < 60:
                break
        process.send_signal(signal.SIGTERM)
        _, rest = process.communicate(timeout=300)
    assert process.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in rest
    assert snapshot(out) == before


def test_extract_to_a_file_replaces_it_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "extraction.jsonl"
    target.write_text('{"an": "earlier extraction"}\n', encoding="utf-8")
    before = target.read_bytes()
    failed = polgraph("extract", str(KAST), "-o", str(target), "--model", "no_such_model_xx")
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["extraction.jsonl"]
    done = polgraph("extract", str(KAST), "-o", str(target))
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert record["article"]["path"] == str(KAST)


# --- progress, summary, notes, missing paths (issue 11 items 11 and 13) -----------------


def test_extract_reports_progress_lines_and_a_summary_when_stderr_is_not_a_terminal(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 3)
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps({"text": lead}) for lead in MEETINGS[:2]) + "\n\n", encoding="utf-8"
    )
    result = polgraph("extract", str(folder), env={"POLGRAPH_PROGRESS_INTERVAL": "0.1"})
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    progress = [line for line in lines if line.startswith("extract: ")]
    assert progress and all(" of 5 articles done (" in line for line in progress)
    assert lines[-1].startswith("extracted 5 article(s) in ")


def test_a_missing_path_is_reported_with_the_rest_of_the_batch_extracted(tmp_path: Path) -> None:
    write_articles(tmp_path / "articles", 1)
    missing = tmp_path / "nowhere.txt"
    result = polgraph("extract", str(missing), str(tmp_path / "articles"))
    assert result.returncode == 1
    assert f"skipped {missing}: no such file or directory" in result.stderr.splitlines()
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.splitlines()[-1].startswith("extracted 1 article(s), 1 input(s) skipped")


def test_a_guessed_encoding_is_a_note_not_a_failure(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    text = "Title: Legacy\n\nThe minister’s reply – " + MEETINGS[0] + "\n"
    legacy.write_bytes(text.encode("cp1252"))
    result = polgraph("extract", str(legacy))
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1 and str(legacy) in notes[0] and "cp1252" in notes[0]
    assert len(result.stdout.splitlines()) == 1

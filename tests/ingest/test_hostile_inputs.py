"""Hundreds of hostile inputs through the readers, `extract_articles` and `polgraph extract`.

Zero tracebacks; every input is either extracted or named (file, and line or record) in
an error; the good inputs of a batch come out exactly as they do alone.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import InputError
from ingest.jsonl import dump_extraction
from ingest.model import Article
from ingest.pipeline import ExtractOptions, extract_articles, extract_paths
from ingest.sources import InputNote, read_sources
from tests.ingest.hostile_inputs import (
    FOREIGN_PARAGRAPHS,
    ONE_SENTENCE_ITEMS,
    hostile_inputs,
    long_english_text,
    nested_json,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CAP = 256 * 1024  # small enough that huge lines are over it, big enough for every article
SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl", "")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def read_one(path: Path) -> tuple[list[Article], list[InputError], list[InputNote]]:
    """Everything the readers make of one file; fails on any item not naming the file."""
    notes: list[InputNote] = []
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in read_sources([str(path)], max_bytes=CAP, on_note=notes.append):
        assert item.path is not None and item.path.startswith(str(path)), item
        (articles if isinstance(item, Article) else errors).append(item)  # type: ignore[arg-type]
    assert articles or errors, f"{path.name}: neither read nor reported"
    assert all(n.path.startswith(str(path)) for n in notes)
    return articles, errors, notes


def polgraph(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("polgraph")
    command = [exe] if exe else [sys.executable, "-c", "from graph.cli import main; main()"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=1800, cwd=ROOT)


def solo_record(path: Path) -> dict[str, object]:
    """The JSON record `polgraph extract` writes for `path` when it is read on its own."""
    errors: list[InputError] = []
    (extraction,) = extract_paths([str(path)], ExtractOptions(), errors.append)
    assert errors == []
    record: dict[str, object] = json.loads(dump_extraction(extraction))
    return record


# --- in process: the readers and extract_articles ---------------------------------------


def test_readers_and_extraction_survive_three_hundred_hostile_inputs(tmp_path: Path) -> None:
    accepted: list[Article] = []
    kinds_reported: set[str] = set()
    for hostile in hostile_inputs(300):
        path = tmp_path / hostile.name
        path.write_bytes(hostile.content)
        articles, errors, _ = read_one(path)
        accepted += articles
        if errors:
            kinds_reported.add(hostile.name.split("-")[1].split(".")[0])
    assert len(kinds_reported) == 14  # every kind of input was refused at least once
    extractions = list(extract_articles(accepted, ExtractOptions()))
    assert [e.article.id for e in extractions] == [a.id for a in accepted]
    for extraction in extractions:
        text = extraction.article.text
        assert all(text[ev.start : ev.end] == ev.sentence for ev in extraction.events)


@FUZZ
@given(content=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_in_any_format_are_read_or_reported(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(content)
    read_one(path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "body", "title", "published", "source", "url", "articles"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@FUZZ
@given(value=JSON_VALUES, cut=st.integers(min_value=0, max_value=400), depth=st.integers(0, 3000))
def test_any_json_whole_truncated_or_deeply_wrapped_is_read_or_reported(
    tmp_path_factory: pytest.TempPathFactory, value: object, cut: int, depth: int
) -> None:
    folder = tmp_path_factory.mktemp("json")
    document = json.dumps(value)
    whole, truncated = folder / "whole.json", folder / "truncated.json"
    whole.write_text(document, encoding="utf-8")
    truncated.write_text(document[:cut], encoding="utf-8")
    wrapped = folder / "wrapped.jsonl"
    wrapped.write_text(document + "\n" + nested_json(depth, value) + "\n", encoding="utf-8")
    for path in (whole, truncated, wrapped):
        read_one(path)


@FUZZ
@given(text=st.text(max_size=2000))
def test_any_stdin_text_is_read_or_reported(text: str) -> None:
    items = list(read_sources(["-"], stdin=io.StringIO(text), on_note=lambda note: None))
    assert items and all(item.path and item.path.startswith("<stdin>") for item in items)


# --- through the installed CLI, one batch ----------------------------------------------


def write_good_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = [folder / "good-kast.txt", folder / "good-biden-xi.html", folder / "good-items.jsonl"]
    shutil.copy(EXAMPLES / "kast-noboa-colombiaone.txt", good[0])
    shutil.copy(EXAMPLES / "biden-xi-woodside-2023.html", good[1])
    lines = [json.dumps({"text": item}, ensure_ascii=False) for item in ONE_SENTENCE_ITEMS]
    good[2].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return good


def output_records(stdout: str) -> dict[str, dict[str, object]]:
    records = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return {record["article"]["path"]: record for record in records}


def test_cli_batch_of_hostile_and_good_files_reports_each_bad_one_and_keeps_the_good(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    good = write_good_files(folder)
    hostile = []
    for item in hostile_inputs(42, seed=19):
        path = folder / item.name
        path.write_bytes(item.content)
        hostile.append(path)
    result = polgraph("extract", str(folder), "--max-bytes", str(CAP))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    records = output_records(result.stdout)
    lines = result.stderr.splitlines()
    for path in hostile:
        extracted = any(p.startswith(str(path)) for p in records)
        assert extracted or any(str(path) in line for line in lines), path.name
    for path in good[:2]:
        assert records[str(path)] == solo_record(path)
    for number, item in enumerate(ONE_SENTENCE_ITEMS, start=1):
        record = records[f"{good[2]}:{number}"]
        assert record["events"], item  # each one-sentence item is read and coded


def test_cli_batch_with_deep_json_a_long_text_and_other_encodings(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    good = write_good_files(folder)
    deep = folder / "deep.json"
    deep.write_text(nested_json(5_000, {"text": ONE_SENTENCE_ITEMS[0]}), encoding="utf-8")
    deep_line = folder / "feed.jsonl"
    items = [json.dumps({"text": item}, ensure_ascii=False) for item in ONE_SENTENCE_ITEMS[:2]]
    deep_line.write_text(
        "\n".join([items[0], '{"text": ' + nested_json(5_000) + "}", items[1]]), encoding="utf-8"
    )
    # Over spaCy's 1,000,000 characters, with a meeting every 80 paragraphs and one last
    # meeting after the millionth character (events are costly to code in a Doc this long).
    closing = "Kenyan President William Ruto met Mexican President Claudia Sheinbaum in Nairobi."
    long_text = long_english_text(1_000_100, meeting_every=80) + "\n\n" + closing
    long_file = folder / "long.txt"
    long_file.write_text(long_text, encoding="utf-8")
    wide = folder / "wide.txt"
    wide.write_bytes(("Title: Wide\n\n" + ONE_SENTENCE_ITEMS[1]).encode("utf-16"))
    legacy_text = "The minister’s “firm” reply – José Antonio Kast met Daniel Noboa in Quito."
    legacy = folder / "legacy.txt"
    legacy.write_bytes(legacy_text.encode("cp1252"))
    foreign = []
    for number, (_language, paragraph) in enumerate(FOREIGN_PARAGRAPHS):
        foreign.append(folder / f"foreign-{number}.txt")
        foreign[-1].write_text(paragraph, encoding="utf-8")

    result = polgraph("extract", str(folder))

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(str(deep) in line and "nested too deeply" in line for line in lines)
    assert any(f"{deep_line}:2" in line and "nested too deeply" in line for line in lines)
    for path, (language, _) in zip(foreign, FOREIGN_PARAGRAPHS, strict=True):
        assert any(str(path) in line and f"in {language}" in line for line in lines), language
    assert any(str(legacy) in line and "cp1252" in line for line in lines)  # the note
    records = output_records(result.stdout)
    for path in (*good[:2], wide, legacy):
        assert records[str(path)] == solo_record(path)
    assert {f"{deep_line}:1", f"{deep_line}:3"} <= set(records)
    events = records[str(long_file)]["events"]
    assert isinstance(events, list)
    assert all(long_text[e["start"] : e["end"]] == e["sentence"] for e in events)
    meetings = long_text.count(" met ")
    assert sum(1 for e in events if e["cameo"].startswith("04")) >= 0.9 * meetings
    assert events[-1]["start"] == long_text.index(closing) > 1_000_000
    assert events[-1]["sentence"] == closing

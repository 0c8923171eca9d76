"""Sharded extraction on a real Dask LocalCluster: the same output as a serial run, parts
resumed after a failure, and the cluster tuned as the docs say."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ingest.census import count_records
from ingest.cluster import PLUGIN_NAME, extract_sharded, worker_environment
from ingest.errors import InputError
from ingest.jsonl import dump_extraction, read_extractions
from ingest.parts import MANIFEST_FILE, load_manifest, part_files
from ingest.pipeline import ExtractOptions, extract_paths
from ingest.shards import plan_shards

if TYPE_CHECKING:
    from distributed import Client, Worker

ARTICLES = {
    "talks.txt": "Title: Talks in Beijing\nPublished: 2024-03-05\n\n"
    "President Joe Biden met Chinese President Xi Jinping in Beijing on Tuesday. "
    "Biden praised Xi for the talks.",
    "sanctions.txt": "Title: Sanctions\nPublished: 2022-03-01\n\n"
    "The European Union imposed sanctions on Russia on Monday. "
    "Russia condemned the European Union.",
    "protest.md": "Title: Protest\nPublished: 2022-09-20\n\n"
    "Police arrested protesters in Tehran. Iran accused the United States of "
    "stirring the unrest.",
    "visit.txt": "Title: A visit\nPublished: 2023-11-15\n\n"
    "Prime Minister Rishi Sunak visited Kyiv and promised aid to Ukraine.",
}
FEED = [
    {"title": "Ceasefire", "published": "2024-11-27", "text": "Israel and Hezbollah agreed "
     "to a ceasefire. France welcomed the agreement."},
    {"title": "Expulsions", "published": "2018-03-14", "text": "Britain expelled 23 Russian "
     "diplomats. Moscow threatened to retaliate."},
    {"title": "Summit", "published": "2023-11-15", "text": "Xi Jinping met Joe Biden in "
     "Woodside, California."},
    {"title": "Quito", "published": "2025-12-12", "text": "Jose Antonio Kast met Daniel "
     "Noboa in Quito."},
    {"title": "Aid", "published": "2024-02-01", "text": "Germany pledged military aid to "
     "Ukraine."},
]  # fmt: skip


def write_corpus(folder: Path) -> Path:
    """Four small articles and a JSON Lines feed of five, long enough to be cut in lines."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    feed = "".join(json.dumps(record) + "\n" for record in FEED)
    (folder / "feed.jsonl").write_text(feed, encoding="utf-8")
    return folder


def serial_lines(folder: Path, errors: list[InputError] | None = None) -> list[str]:
    sink = errors.append if errors is not None else print
    return [
        dump_extraction(e) for e in extract_paths([str(folder)], ExtractOptions(), on_error=sink)
    ]


def sharded_lines(folder: Path) -> list[str]:
    return [dump_extraction(e) for e in read_extractions(folder)]


def by_article(lines: list[str]) -> list[str]:
    return sorted(lines, key=lambda line: json.loads(line)["article"]["id"])


def part_stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in part_files(folder)}


def test_two_workers_write_what_a_serial_run_writes(tmp_path: Path, dask_address: str) -> None:
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out" / "extraction"
    result = extract_sharded(
        [str(corpus)], out, ExtractOptions(), dask_address, shard_articles=2, on_error=print
    )
    assert (result.shards, result.written, result.failed) == (5, 5, 0)
    serial = serial_lines(corpus)
    assert len(serial) == 9
    parts = [p.read_bytes() for p in part_files(out)]
    assert len(parts) == 5
    lines = b"".join(parts).decode("utf-8").splitlines()
    assert by_article(lines) == by_article(serial)  # byte for byte
    assert lines == serial  # and the parts, in name order, keep the input order
    manifest = load_manifest(out)
    assert manifest is not None
    ranges = [
        item
        for record in manifest["parts"].values()
        for item in record["inputs"]
        if item["path"].endswith("feed.jsonl")
    ]
    assert [r["first_line"] for r in ranges] == [1, 3, 5]  # the feed was cut in line ranges


def test_parquet_parts_read_back_as_the_serial_extractions(
    tmp_path: Path, dask_address: str
) -> None:
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out" / "extraction"
    extract_sharded(
        [str(corpus)], out, ExtractOptions(), dask_address, fmt="parquet", shard_articles=3
    )
    assert {p.suffix for p in part_files(out)} == {".parquet"}
    assert sharded_lines(out) == serial_lines(corpus)
    assert count_records(out) == count_records(out.parent) == 9  # a progress total, unparsed


def test_a_rerun_redoes_only_the_shard_that_failed(tmp_path: Path, dask_address: str) -> None:
    corpus = write_corpus(tmp_path / "in")
    bad = corpus / "zz-late.json"
    bad.write_text('{"title": "Late", "text": unfinished', encoding="utf-8")
    out = tmp_path / "out" / "extraction"

    def run() -> tuple[object, list[InputError]]:
        errors: list[InputError] = []
        result = extract_sharded(
            [str(corpus)],
            out,
            ExtractOptions(),
            dask_address,
            shard_articles=1,
            on_error=errors.append,
        )
        return result, errors

    _, errors = run()
    assert [e.path for e in errors] == [str(bad)] and "malformed JSON" in errors[0].reason
    manifest = load_manifest(out)
    assert manifest is not None
    statuses = {name: record["status"] for name, record in manifest["parts"].items()}
    failed = [name for name, status in statuses.items() if status == "failed"]
    assert len(statuses) == 10 and len(failed) == 1
    before = part_stats(out)

    again, errors = run()  # the input is still bad: tried again, reported again
    assert [e.path for e in errors] == [str(bad)]
    assert again.skipped == 9 and again.written == 1  # type: ignore[attr-defined]
    after = part_stats(out)
    assert {n: s for n, s in after.items() if n not in failed} == {
        n: s for n, s in before.items() if n not in failed
    }

    bad.write_text('{"title": "Late", "text": "Canada recalled its ambassador."}')
    fixed, errors = run()
    assert errors == []
    assert fixed.skipped == 9 and fixed.written == 1 and fixed.failed == 0  # type: ignore[attr-defined]
    final = part_stats(out)
    assert {n: s for n, s in final.items() if n not in failed} == {
        n: s for n, s in before.items() if n not in failed
    }
    manifest = load_manifest(out)
    assert manifest is not None
    assert manifest["parts"][failed[0]]["attempts"] == 3
    assert {r["attempts"] for n, r in manifest["parts"].items() if n not in failed} == {1}
    assert sharded_lines(out) == serial_lines(corpus)


def test_changed_input_or_options_redo_their_shards(tmp_path: Path, dask_address: str) -> None:
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out" / "extraction"
    extract_sharded([str(corpus)], out, ExtractOptions(), dask_address, shard_articles=2)
    before = part_stats(out)
    (corpus / "visit.txt").write_text(ARTICLES["visit.txt"].replace("Kyiv", "Warsaw"))
    result = extract_sharded([str(corpus)], out, ExtractOptions(), dask_address, shard_articles=2)
    assert (result.skipped, result.written) == (4, 1)
    changed = {n for n, s in part_stats(out).items() if before[n] != s}
    assert len(changed) == 1
    assert sharded_lines(out) == serial_lines(corpus)
    curated = ExtractOptions(lexicon_layers=("curated",))  # shapes the output: all redone
    result = extract_sharded([str(corpus)], out, curated, dask_address, shard_articles=2)
    assert (result.skipped, result.written) == (0, 5)
    manifest = json.loads((out / MANIFEST_FILE).read_text())
    assert manifest["options"]["lexicon_layers"] == ["curated"]


def test_workers_hold_the_model_and_run_untuned_for_arrays(
    tmp_path: Path, dask_client: Client, dask_address: str
) -> None:
    corpus = write_corpus(tmp_path / "in")
    extract_sharded([str(corpus)], tmp_path / "out", ExtractOptions(), dask_address)

    def state(dask_worker: Worker) -> tuple[bool, str | None, bool]:
        import dask

        plugin = dask_worker.plugins[PLUGIN_NAME]
        return (
            getattr(plugin, "nlp", None) is not None,
            os.environ.get("MALLOC_TRIM_THRESHOLD_"),
            bool(dask.config.get("distributed.worker.profile.enabled")),
        )

    states = dask_client.run(state)
    assert len(states) == 2
    assert set(states.values()) == {(True, None, False)}


def test_line_ranges_are_read_with_the_serial_labels(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    shards = plan_shards([str(corpus / "feed.jsonl")], shard_articles=2)
    assert [(s.inputs[0].first_line, s.articles) for s in shards] == [(1, 2), (3, 2), (5, 1)]
    assert shards[1].label() == f"{corpus / 'feed.jsonl'}:3-4"
    with pytest.raises(Exception, match="stdin"):
        plan_shards(["-"])


def test_worker_environment_tunes_workers_a_launcher_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dask

    for name, value in worker_environment().items():
        monkeypatch.setenv(name, value)
    dask.config.refresh()
    try:
        assert dask.config.get("distributed.worker.profile.enabled") is False
        environ = dask.config.get("distributed.nanny.pre-spawn-environ")
        assert environ["MALLOC_TRIM_THRESHOLD_"] is None  # Dask's "do not set"
        assert environ["OMP_NUM_THREADS"] == 1
    finally:
        monkeypatch.undo()
        dask.config.refresh()

"""`polgraph extract|run --dask` through the real entry point, and every downstream command
(`run`'s graph files, `export`, `viz`, `load`) reading a sharded folder as it reads one file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from graph.cli import app
from graph.store.connection import Neo4jSettings
from ingest.parts import encode_part, part_files, part_name
from tests.graph.test_cli_database import count_nodes, env_for
from tests.graph.test_cli_extract import polgraph
from tests.ingest.test_cluster import write_corpus
from tests.plugins.neo4j_server import political_extractions


def test_run_on_dask_writes_the_files_a_serial_run_writes(
    tmp_path: Path, dask_address: str
) -> None:
    corpus = write_corpus(tmp_path / "in")
    (corpus / "zz-bad.json").write_text("{broken", encoding="utf-8")
    serial, sharded = tmp_path / "serial", tmp_path / "sharded"
    assert polgraph("run", str(corpus), "--out", str(serial)).returncode == 1
    done = polgraph(
        "run", str(corpus), "--dask", dask_address, "--shard-size", "3", "--out", str(sharded)
    )
    assert done.returncode == 1, done.stderr  # the bad file, as in the serial run
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 1 and "zz-bad.json" in skipped[0] and "malformed JSON" in skipped[0]
    assert "extracted 9 article(s), 1 input(s) skipped" in done.stderr
    assert len(part_files(sharded / "extraction")) == 4
    assert not (sharded / "extraction.jsonl").exists()
    for name in ("graph.json", "graph.graphml"):
        assert (sharded / name).read_bytes() == (serial / name).read_bytes(), name

    for fmt, name in (("events-csv", "events.csv"), ("plover", "events.plover.jsonl")):
        assert polgraph("export", "--from", str(serial), "--format", fmt).returncode == 0
        assert polgraph("export", "--from", str(sharded), "--format", fmt).returncode == 0
        assert (sharded / name).read_bytes() == (serial / name).read_bytes(), name
    # the bulk-import CSVs, from the run folder of parts as from the serial one
    for out in (serial, sharded):
        exported = polgraph("export", "--from", str(out), "--format", "neo4j-import")
        assert exported.returncode == 0, exported.stderr
        assert "9 article(s)" in exported.stdout, exported.stdout
    csvs = sorted(p.name for p in (serial / "neo4j-import").iterdir())
    assert csvs == sorted(p.name for p in (sharded / "neo4j-import").iterdir())
    for name in csvs:
        expected = (serial / "neo4j-import" / name).read_bytes()
        assert (sharded / "neo4j-import" / name).read_bytes() == expected, name
    shown = polgraph("viz", "--from", str(sharded / "extraction"), "-o", str(tmp_path / "m.html"))
    assert shown.returncode == 0, shown.stderr
    assert "Xi Jinping" in (tmp_path / "m.html").read_text(encoding="utf-8")

    again = polgraph(
        "run", str(corpus), "--dask", dask_address, "--shard-size", "3", "--out", str(sharded)
    )
    assert "3 already complete" in again.stderr and "1 of 4 shard(s) written" in again.stderr


def test_extract_on_dask_writes_parquet_parts_to_the_output_folder(
    tmp_path: Path, dask_address: str
) -> None:
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    dask = ("--dask", dask_address, "--shard-size", "5")
    done = polgraph("extract", str(corpus), *dask, "-f", "parquet", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert [p.suffix for p in part_files(out / "extraction")] == [".parquet"] * 2
    manifest = json.loads((out / "extraction" / "manifest.json").read_text())
    assert manifest["format"] == "parquet" and len(manifest["parts"]) == 2
    serial = tmp_path / "serial.jsonl"
    assert polgraph("extract", str(corpus), "-o", str(serial)).returncode == 0
    for source, graph in ((out, tmp_path / "g.json"), (serial, tmp_path / "s.json")):
        exported = polgraph("export", "--from", str(source), "-f", "json", "-o", str(graph))
        assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "g.json").read_bytes() == (tmp_path / "s.json").read_bytes()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("extract", "examples/", "--dask", "local:two", "-o", "x"), "local:N"),
        (("extract", "examples/", "--dask", "local:2"), "-o DIR"),
        (
            ("extract", "examples/", "--dask", "local:2", "-f", "json", "-o", "x"),
            "jsonl or parquet",
        ),
        (("extract", "examples/", "-f", "parquet"), "add --dask"),
        (("run", "examples/", "--format", "parquet"), "add --dask"),
    ],
)
def test_sharding_options_are_checked_before_anything_runs(
    argv: tuple[str, ...], message: str
) -> None:
    result = CliRunner().invoke(app, list(argv))
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.neo4j
@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_load_reads_a_sharded_folder_as_one_file(
    tmp_path: Path, fmt: str, neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    folder = tmp_path / "out" / "extraction"
    folder.mkdir(parents=True)
    first, *rest = political_extractions()
    (folder / part_name(0, fmt)).write_bytes(encode_part([first], fmt))
    (folder / part_name(1, fmt)).write_bytes(encode_part(rest, fmt))
    env = env_for(neo4j_settings)
    loaded = CliRunner().invoke(app, ["load", "--from", str(tmp_path / "out")], env=env)
    assert loaded.exit_code == 0, loaded.output
    assert "loaded 3 article(s)" in loaded.stdout
    nodes = count_nodes(neo4j_db, neo4j_settings)
    again = CliRunner().invoke(app, ["load", "--from", str(folder)], env=env)
    assert again.exit_code == 0 and "nodes: 0 created" in again.stdout
    assert count_nodes(neo4j_db, neo4j_settings) == nodes > 0

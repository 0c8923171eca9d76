"""The main job (`polgraph run`) as a library call: articles → one folder holding
extraction.jsonl (or, from a sharded run, the folder extraction/ of parts), graph.graphml,
graph.json and map.html; and the graph of such a folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.outputs import StagedOutputs, staged_outputs
from ingest.errors import InputError
from ingest.jsonl import dump_extraction, read_extractions
from ingest.model import Extraction

if TYPE_CHECKING:  # networkx loads with the graph, so `extraction_file` costs nothing
    import networkx as nx

    from ingest.cluster import ShardedResult
    from ingest.pipeline import ExtractOptions
    from ingest.sources import NoteSink

EXTRACTION_FILE = "extraction.jsonl"
EXTRACTION_FOLDER = "extraction"  # a sharded run's parts and manifest (ingest/parts.py)
GRAPHML_FILE = "graph.graphml"
GRAPH_JSON_FILE = "graph.json"
MAP_FILE = "map.html"
MAP_TITLE = "polgraph relationship map"
RUN_FILES = (EXTRACTION_FILE, GRAPHML_FILE, GRAPH_JSON_FILE, MAP_FILE)


@dataclass(frozen=True, slots=True)
class JobResult:
    """What a run produced: the extractions, their merged graph and the files written.

    A sharded run leaves `extractions` empty: they stay in their parts, read as a stream.
    """

    extractions: tuple[Extraction, ...]
    graph: nx.MultiDiGraph
    files: tuple[Path, ...]

    def summary(self) -> list[tuple[str, int]]:
        """The end-of-run table, counted from the graph the map draws (graph_summary)."""
        from graph.relations import graph_summary

        return graph_summary(self.graph)


def run_job(
    paths: Iterable[str],
    out: Path | str,
    options: ExtractOptions | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_extraction: Callable[[Extraction], None] | None = None,
    on_note: NoteSink | None = None,
) -> JobResult:
    """Extract `paths` and write the run folder `out` (see `write_job`).

    Unreadable inputs go to `on_error` (None: raise), notes about inputs read all the same
    (an encoding guessed) to `on_note` (None: the readers' default, a log line);
    `on_extraction` sees each article's extraction as it is written (a progress display).
    """
    from ingest.pipeline import ExtractOptions, extract_paths
    from ingest.sources import log_note

    extractions = extract_paths(
        list(paths), options or ExtractOptions(), on_error or _raise, on_note or log_note
    )
    return write_job(extractions, out, on_extraction)


def _raise(error: InputError) -> None:
    raise error


def write_job(
    extractions: Iterable[Extraction],
    out: Path | str,
    on_extraction: Callable[[Extraction], None] | None = None,
) -> JobResult:
    """Write extraction.jsonl while the extractions stream in, then the merged graph as
    GraphML and node-link JSON and the relationship map, all in the folder `out`.

    Every file is written under a temporary name and renamed into place only when all
    four are complete (graph.outputs): if anything fails on the way, the files an earlier
    run left in `out` stay exactly as they were.
    """
    from graph.build import build_graph

    out = Path(out)
    kept: list[Extraction] = []
    with staged_outputs() as staged:
        with staged.stage(out / EXTRACTION_FILE).open("w", encoding="utf-8") as stream:
            for extraction in extractions:
                stream.write(dump_extraction(extraction) + "\n")
                kept.append(extraction)
                if on_extraction is not None:
                    on_extraction(extraction)
        graph = build_graph(kept)
        _stage_graph_files(graph, out, staged)
    _remove_sharded_extraction(out)  # the folder's extraction is now the file written here
    files = tuple(out / name for name in RUN_FILES)
    return JobResult(tuple(kept), graph, files)


def _stage_graph_files(graph: nx.MultiDiGraph, out: Path, staged: StagedOutputs) -> None:
    from graph.export import write_graphml, write_node_link_json
    from graph.maps.network import render_map

    write_graphml(graph, staged.stage(out / GRAPHML_FILE))
    write_node_link_json(graph, staged.stage(out / GRAPH_JSON_FILE))
    render_map(graph, staged.stage(out / MAP_FILE), view="relations", title=MAP_TITLE)


def _remove_sharded_extraction(out: Path) -> None:
    from ingest.parts import MANIFEST_FILE

    folder = out / EXTRACTION_FOLDER
    if (folder / MANIFEST_FILE).is_file():  # only a folder a sharded run wrote
        shutil.rmtree(folder)


def run_sharded_job(
    paths: Sequence[str],
    out: Path | str,
    options: ExtractOptions,
    address: str,
    *,
    fmt: str = "jsonl",
    shard_articles: int | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_note: NoteSink | None = None,
    on_part: Callable[[int], None] | None = None,
    on_resume: Callable[[int], None] | None = None,
) -> tuple[ShardedResult, JobResult]:
    """`run_job` on a Dask cluster (ingest/cluster.py): the extraction goes to the
    resumable parts of `out/extraction/`, then the graph files are built from the parts,
    streamed, as from one extraction file."""
    from graph.build import build_graph
    from ingest.cluster import extract_sharded
    from ingest.shards import DEFAULT_SHARD_ARTICLES
    from ingest.sources import log_note

    out = Path(out)
    sharded = extract_sharded(
        paths,
        out / EXTRACTION_FOLDER,
        options,
        address,
        fmt=fmt,
        shard_articles=shard_articles or DEFAULT_SHARD_ARTICLES,
        on_error=on_error or _raise,
        on_note=on_note or log_note,
        on_part=on_part,
        on_resume=on_resume,
    )
    graph = build_graph(read_extractions(out / EXTRACTION_FOLDER))
    with staged_outputs() as staged:
        _stage_graph_files(graph, out, staged)
    (out / EXTRACTION_FILE).unlink(missing_ok=True)  # an earlier serial run's, now stale
    files = (out / EXTRACTION_FOLDER, *(out / name for name in RUN_FILES[1:]))
    return sharded, JobResult((), graph, files)


def extraction_file(path: Path) -> Path:
    """`path` itself when it is a file or a sharded folder of parts, else the run folder's
    extraction.jsonl or its extraction/ folder of parts (ingest.parts.extraction_source)."""
    from ingest.parts import extraction_source

    return extraction_source(path)


def graph_from_folder(path: Path) -> nx.MultiDiGraph:
    """The merged graph of a run folder's extraction.jsonl (or of a .jsonl file)."""
    from graph.build import build_graph

    return build_graph(read_extractions(extraction_file(path)))


def stream_extractions(
    paths: Iterable[str],
    jsonl: Path | None,
    on_error: Callable[[InputError], None],
    options: ExtractOptions | None = None,
    on_note: NoteSink | None = None,
) -> Iterator[Extraction]:
    """The records of an extraction file (up to its first unreadable line, which goes to
    `on_error`), then those extracted from `paths`: the input of `polgraph load`."""
    if jsonl is not None:
        try:
            # a run folder or a sharded folder: its extractions; a file as it is
            yield from read_extractions(extraction_file(jsonl) if jsonl.is_dir() else jsonl)
        except InputError as error:
            on_error(error)
    paths = list(paths)
    if paths:
        from ingest.pipeline import ExtractOptions, extract_paths
        from ingest.sources import log_note

        yield from extract_paths(paths, options or ExtractOptions(), on_error, on_note or log_note)

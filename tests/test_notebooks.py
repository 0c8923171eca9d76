"""The notebooks run top to bottom in a real Jupyter kernel (cwd notebooks/), as a user would."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from neo4j import Driver

from graph.store.connection import Neo4jSettings
from ingest.model import Article
from ingest.sources import read_sources

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "python3"
NOTEBOOK_FILES = ("01-explore.ipynb", "02-cypher.ipynb")


def kernel_env(out: Path, **extra: str) -> dict[str, str]:
    """The test's environment, with the checkout importable and outputs in a temp dir."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["POLGRAPH_NOTEBOOK_OUT"] = str(out)
    env.update(extra)
    return env


def example_article_count() -> int:
    """How many articles the reader finds in examples/ (no spaCy involved)."""
    return sum(isinstance(item, Article) for item in read_sources([str(ROOT / "examples")]))


def execute(name: str, env: dict[str, str]) -> nbformat.NotebookNode:
    """Run every cell; a failing cell raises CellExecutionError with its traceback."""
    if KERNEL not in KernelSpecManager().find_kernel_specs():
        pytest.fail(
            f"no Jupyter kernel {KERNEL!r}: run `python -m ipykernel install --user`",
            pytrace=False,
        )
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL,
        timeout=600,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute(env=env)
    return notebook


def output_text(cell: dict[str, Any]) -> str:
    """Everything a code cell showed: streams, plain-text results and HTML."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts.extend(str(data.get(kind, "")) for kind in ("text/plain", "text/html"))
    return "\n".join(parts)


def cell_showing(notebook: nbformat.NotebookNode, code: str) -> str:
    """The output of the one code cell whose source contains `code`."""
    cells = [c for c in notebook.cells if c.cell_type == "code" and code in c.source]
    assert len(cells) == 1, code
    return output_text(cells[0])


@pytest.mark.parametrize("name", NOTEBOOK_FILES)
def test_notebooks_are_stored_without_outputs(name: str) -> None:
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    nbformat.validate(nbformat.from_dict(notebook))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)
    assert notebook["metadata"]["kernelspec"]["name"] == KERNEL


@pytest.mark.notebook
def test_explore_notebook_runs_on_the_examples(tmp_path: Path) -> None:
    notebook = execute("01-explore.ipynb", kernel_env(tmp_path))
    summary = cell_showing(notebook, 'print(f"{len(extractions)} articles')
    assert f"{example_article_count()} articles, 0 skipped" in summary
    events = cell_showing(notebook, "events = event_table(extractions)")
    assert "Kast" in events and "Noboa" in events
    ranking = cell_showing(notebook, "ranking = centrality(graph)")
    assert "pagerank" in ranking
    map_page = (tmp_path / "01-relationship-map.html").read_text(encoding="utf-8")
    assert "Example articles: relationship map" in map_page
    assert "<iframe srcdoc=" in cell_showing(notebook, "map_path = render_map(")
    assert (tmp_path / "01-graph.gexf").stat().st_size > 0
    assert "datetime64" in cell_showing(notebook, "write_events_parquet(graph")


@pytest.mark.notebook
@pytest.mark.neo4j
def test_cypher_notebook_runs_against_neo4j(
    tmp_path: Path, neo4j_db: Driver, neo4j_settings: Neo4jSettings
) -> None:
    env = kernel_env(
        tmp_path,
        NEO4J_URI=neo4j_settings.uri,
        NEO4J_USERNAME=neo4j_settings.username,
        NEO4J_PASSWORD=neo4j_settings.password,
        NEO4J_DATABASE=neo4j_settings.database,
    )
    notebook = execute("02-cypher.ipynb", env)
    articles, _, _ = neo4j_db.execute_query(
        "MATCH (a:Article) RETURN count(a) AS n", database_=neo4j_settings.database
    )
    assert articles[0]["n"] == example_article_count()
    assert neo4j_settings.password not in cell_showing(notebook, "settings = Neo4jSettings")
    assert "counterparts" in cell_showing(notebook, '"most_connected"')
    conflict = cell_showing(notebook, "CONFLICT, quads=[3, 4]")
    assert "sentence" in conflict and "Empty DataFrame" not in conflict
    drawn = cell_showing(notebook, "subgraph = result_to_graph(result)")
    assert "<iframe srcdoc=" in drawn
    size = re.search(r"(\d+) nodes, (\d+) relationships", drawn)
    assert size is not None and int(size[1]) >= 3 and int(size[2]) >= 2
    page = (tmp_path / "02-neighbourhood.html").read_text(encoding="utf-8")
    assert "Around " in page

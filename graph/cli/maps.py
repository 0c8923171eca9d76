"""`polgraph viz`: an extraction folder or a Cypher result → one self-contained HTML map."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import EXIT_USAGE, app, fail, stdout_console, user_errors, warn
from graph.store.connection import Neo4jSettings


class MapView(StrEnum):
    relations = "relations"
    events = "events"


class MapLayout(StrEnum):
    auto = "auto"
    physics = "physics"
    precomputed = "precomputed"


@app.command()
def viz(
    from_dir: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Output folder of `polgraph run` (reads its extraction.jsonl), "
            "or an extraction .jsonl file.",
        ),
    ] = None,
    cypher: Annotated[
        str | None,
        typer.Option(
            "--cypher",
            help="Read the graph from Neo4j: nodes, relationships and paths this query returns.",
        ),
    ] = None,
    neo4j: Annotated[
        str | None,
        typer.Option(
            "--neo4j", help="Bolt URI for --cypher (default: $NEO4J_URI or bolt://localhost:7687)."
        ),
    ] = None,
    database: Annotated[
        str | None, typer.Option("--database", help="Database for --cypher (default: neo4j).")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "map.html"
    ),
    view: Annotated[
        MapView,
        typer.Option(
            "--view", help="relations: one edge per actor pair; events: actors, events and places."
        ),
    ] = MapView.relations,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help="Only this actor's neighbourhood (name or alias; case and accents ignored).",
        ),
    ] = None,
    hops: Annotated[
        int, typer.Option("--hops", min=0, help="With --actor: how many relations away.")
    ] = 1,
    max_nodes: Annotated[
        int | None,
        typer.Option(
            "--max-nodes", min=1, help="Keep only the N most central actors (by number of events)."
        ),
    ] = None,
    no_places: Annotated[
        bool, typer.Option("--no-places", help="Events view: leave places out.")
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="Page title.")] = None,
    layout: Annotated[
        MapLayout,
        typer.Option(
            "--layout",
            help="auto/physics: laid out in the page, then frozen; "
            "precomputed: fixed positions from networkx (slower to build).",
        ),
    ] = MapLayout.auto,
) -> None:
    """Draw an interactive map (one HTML file that works offline).

    Examples:
      polgraph viz --from out/ -o out/map.html
      polgraph viz --from out/ --view events --actor "Daniel Noboa" --hops 1 -o noboa.html
      polgraph viz --cypher "MATCH p=(:Actor)-[:SOURCE_OF]->(:Event)-[:TARGETS]->(:Actor) RETURN p"
    """
    if (from_dir is None) == (cypher is None):
        fail("give exactly one of --from DIR or --cypher QUERY", EXIT_USAGE)
    if neo4j is not None and cypher is None:
        fail("--neo4j only applies with --cypher", EXIT_USAGE)
    from graph.job import graph_from_folder
    from graph.maps.network import render_map

    with user_errors():
        if from_dir is not None:
            graph = graph_from_folder(from_dir)
        else:
            from graph.store.readback import graph_from_cypher  # loads the driver

            settings = Neo4jSettings.from_env(os.environ, uri=neo4j, database=database)
            graph = graph_from_cypher(settings, str(cypher))
        if not any(a.get("node_type") == "actor" for _, a in graph.nodes(data=True)):
            warn("the graph has no actors: the map will be empty")
        path = render_map(
            graph, output, view=view.value, title=title, show_places=not no_places,
            actor=actor, hops=hops, max_nodes=max_nodes, layout=layout.value,
        )  # fmt: skip
    stdout_console().print(f"wrote {path}")

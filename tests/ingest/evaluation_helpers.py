"""Small gold files and predicted extractions for the evaluation tests (sentences written for
the tests; no development article text)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.model import Actor, Article, Event, Extraction, Place, actor_id, mention_id, slug


@dataclass(frozen=True)
class Said:
    """One predicted event, by names: `source` did `cameo` to `target` (in `place`)."""

    source: str
    cameo: str
    target: str | None
    sentence: str
    place: str | None = None
    within: str | None = None  # the place's enclosing place, by name


def predicted(
    path: str, events: list[Said], title: str | None = None, countries: dict[str, str] | None = None
) -> Extraction:
    """An extraction of the article at `path` whose actors and places are named in `events`
    (`countries`: actor name → ISO3)."""
    countries = countries or {}
    article = Article(
        id=f"article:{slug(path)}", title=title, url=None, published=None, source=None, path=path
    )
    actors: dict[str, Actor] = {}
    places: dict[str, Place] = {}

    def actor(name: str) -> str:
        ident = actor_id("person", name)
        actors.setdefault(ident, Actor(ident, name, "person", countries.get(name)))
        return ident

    def place(name: str, within: str | None) -> str:
        outer = place(within, None) if within else None
        ident = f"place:{slug(name)}"
        places.setdefault(ident, Place(ident, name, "city", within=outer))
        return ident

    coded = []
    for number, said in enumerate(events):
        source = actor(said.source)
        target = actor(said.target) if said.target else None
        coded.append(
            Event(
                id=mention_id(article.id, number, said.cameo, source, target),
                cameo=said.cameo,
                label="did",
                quad_class=1,
                goldstein=0.0,
                source=source,
                target=target,
                place=place(said.place, said.within) if said.place else None,
                sentence=said.sentence,
                start=number * 100,
                end=number * 100 + len(said.sentence),
            )
        )
    for name in countries:
        actor(name)
    return Extraction(article, tuple(actors.values()), tuple(places.values()), tuple(coded))


def gold_event(
    source: list[str] | None,
    root: str,
    target: list[str] | None,
    *,
    core: bool = True,
    evidence: str = "",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "source": source,
        "cameo_root": root,
        "target": target,
        "core": core,
        "evidence": evidence,
        **extra,
    }


def write_gold(
    folder: Path,
    name: str,
    events: list[dict[str, Any]],
    actors: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    document = {"article": f"{name}.txt", "actors": actors or [], "events": events, **fields}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path

"""Run the real pipeline on one text and look things up in the result (shared by tests)."""

from __future__ import annotations

from datetime import date

from ingest.model import Actor, Article, Event, Extraction, article_id, fold
from ingest.pipeline import ExtractOptions, extract_articles


def extract_text(
    text: str, published: date | None = date(2025, 12, 24), title: str | None = None
) -> Extraction:
    article = Article(article_id(None, text), title, None, published, "test", text)
    return next(extract_articles([article], ExtractOptions()))


def actor_named(extraction: Extraction, name: str) -> Actor:
    """The actor whose canonical name or an alias contains `name` (folded)."""
    wanted = fold(name)
    for actor in extraction.actors:
        if any(wanted in fold(n) for n in (actor.name, *actor.aliases)):
            return actor
    raise AssertionError(f"no actor {name!r} in {[a.name for a in extraction.actors]}")


def events_between(
    extraction: Extraction, source: str, target: str | None, root: str | None = None
) -> list[Event]:
    src = actor_named(extraction, source).id
    tgt = actor_named(extraction, target).id if target else None
    return [
        e
        for e in extraction.events
        if e.source == src and (tgt is None or e.target == tgt) and (root is None or e.root == root)
    ]


def describe(extraction: Extraction) -> list[tuple[str, str, str | None]]:
    """Events as (cameo, source name, target name) for readable assertion messages."""
    names = {a.id: a.name for a in extraction.actors}
    return [
        (e.cameo, names.get(e.source, e.source), names.get(e.target or "", e.target))
        for e in extraction.events
    ]


def place_chain(extraction: Extraction, place: str | None) -> list[str]:
    """The names of a place and of the places around it, innermost first."""
    places = {p.id: p for p in extraction.places}
    chain: list[str] = []
    current = places.get(place or "")
    while current is not None:
        chain.append(current.name)
        current = places.get(current.within or "")
    return chain


def coded_events(sentence: str, source: str, target: str | None, code: str) -> list[Event]:
    """The events of `sentence` with exactly `code` between the two actors; fails, showing
    what was coded, when there is none."""
    extraction = extract_text(sentence)
    found = [e for e in events_between(extraction, source, target) if e.cameo == code]
    assert found, describe(extraction)
    return found

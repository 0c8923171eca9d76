"""The extraction pipeline: sources → spaCy → actors, places, dates, events → Extraction.

`extract_paths` is what the CLI, the loader and the notebooks call; `extract_articles`
takes Article objects from anywhere. Processing streams: one article in, one Extraction
out, with spaCy batching underneath, so memory stays flat however many articles pass.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.actors import ActorIndex, ActorResources, AliasIndex, find_actors
from ingest.actors.offices import load_office_holders
from ingest.boilerplate import TextLayout, parse_text, text_layout
from ingest.dates import resolve_date
from ingest.dictionary import load_actor_dictionary
from ingest.errors import InputError
from ingest.events import EventContext, find_events, load_intent_codes, load_modality_words
from ingest.events.setting import dateline_place, names_a_place
from ingest.gazetteer import Gazetteer, load_gazetteer
from ingest.lexicon import PACKAGED_LAYERS, Lexicon, load_lexicon
from ingest.model import Actor, Article, Event, Extraction, Place
from ingest.nlp import DEFAULT_BATCH_SIZE, load_pipeline, parse_stream
from ingest.places import ArticlePlaces
from ingest.roles import load_rolebook
from ingest.sources import DEFAULT_MAX_BYTES, NoteSink, log_note, read_sources


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract: which spaCy pipeline, batching, dictionaries (all optional)."""

    model: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    actor_dictionary: Path | None = None
    lexicon: Path | None = None  # a user's lexicon, on top of the packaged layers
    lexicon_layers: tuple[str, ...] = PACKAGED_LAYERS  # e.g. ("curated",): no PETRARCH2


@dataclass(frozen=True)
class ExtractionResources:
    """Everything loaded once per run and shared by every article."""

    actors: ActorResources
    gazetteer: Gazetteer
    lexicon: Lexicon
    options: ExtractOptions


@lru_cache(maxsize=1)
def _known_actors() -> AliasIndex:
    path = resources.files("ingest") / "data" / "known_actors.yaml"
    return AliasIndex.build(load_actor_dictionary(Path(str(path))).entries)


def load_resources(options: ExtractOptions) -> ExtractionResources:
    """Gazetteer, lexicon, role data and dictionaries for `options` (cached loaders)."""
    gazetteer = load_gazetteer()
    user = (
        AliasIndex.build(load_actor_dictionary(options.actor_dictionary).entries)
        if options.actor_dictionary
        else AliasIndex.build(())
    )
    actor_resources = ActorResources(
        gazetteer, load_rolebook(), _known_actors(), user, load_office_holders()
    )
    lexicon = load_lexicon(options.lexicon, layers=options.lexicon_layers)
    return ExtractionResources(actor_resources, gazetteer, lexicon, options)


def extract_paths(
    paths: Sequence[str],
    options: ExtractOptions,
    on_error: Callable[[InputError], None],
    on_note: NoteSink = log_note,
) -> Iterator[Extraction]:
    """Read every article under `paths` and extract it; bad inputs go to `on_error`, notes
    about inputs read all the same (an encoding guessed) to `on_note`."""

    def articles() -> Iterator[Article]:
        for item in read_sources(paths, max_bytes=options.max_bytes, on_note=on_note):
            if isinstance(item, InputError):
                on_error(item)
            else:
                yield item

    yield from extract_articles(articles(), options)


def extract_articles(articles: Iterable[Article], options: ExtractOptions) -> Iterator[Extraction]:
    """One Extraction per article, in input order, streaming.

    With `workers > 1` whole batches (parse and rules) run in worker processes, so the
    rules scale with the parser instead of queueing behind it in this process.
    """
    if options.workers > 1:
        yield from _extract_in_processes(articles, options)
        return
    yield from extract_with(load_pipeline(options.model), load_resources(options), articles)


def extract_with(
    nlp: Language, res: ExtractionResources, articles: Iterable[Article]
) -> Iterator[Extraction]:
    """One Extraction per article with a pipeline and resources already loaded (a Dask
    worker holds them for its lifetime: ingest/cluster.py)."""
    items = ((parse_text(article.text), article) for article in articles)
    for doc, article in parse_stream(nlp, items, res.options.batch_size):
        yield extract_document(doc, article, res)


def _extract_batch(batch: list[Article], options: ExtractOptions) -> list[Extraction]:
    """Worker-process entry: the pipeline and resources load once per process (cached)."""
    return list(extract_articles(batch, replace(options, workers=1)))


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _extract_in_processes(
    articles: Iterable[Article], options: ExtractOptions
) -> Iterator[Extraction]:
    chunk = max(options.batch_size, 1) * 2
    in_flight = options.workers * 2  # bounded: memory stays flat however long the stream
    with ProcessPoolExecutor(options.workers) as pool:
        pending: deque[Future[list[Extraction]]] = deque()
        for batch in _batches(articles, chunk):
            pending.append(pool.submit(_extract_batch, batch, options))
            while len(pending) >= in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def extract_document(doc: Doc, article: Article, res: ExtractionResources) -> Extraction:
    """The actors, places and events of one parsed article."""
    layout = text_layout(article.text)
    actors = find_actors(doc, res.actors, layout.furniture + layout.headings, article.published)
    places = ArticlePlaces(doc, res.gazetteer, layout, actors)
    parsed = parse_text(article.text)
    sentences = [s for s in doc.sents if _codable(s, layout, parsed)]
    ctx = EventContext(
        article=article,
        text=parsed,
        actors=actors,
        place_at=places.place_at,
        date_of=lambda ent: _date_of(ent, article.published),
        lexicon=res.lexicon,
        words=load_modality_words(),
        place_country=places.place_country,
        demonym_country=places.demonym_country,
        intents=load_intent_codes(),
    )
    events = sorted(find_events(ctx, sentences), key=lambda e: (e.start, e.id))
    if places.dateline is not None:
        events = placed_by_dateline(events, places.dateline, sentences, actors, article.published)
    return Extraction(
        article=article,
        actors=article_actors(actors, places, events, res.gazetteer),
        places=places.all_places(),
        events=tuple(events),
    )


def article_actors(
    actors: ActorIndex, places: ArticlePlaces, events: Sequence[Event], gazetteer: Gazetteer
) -> tuple[Actor, ...]:
    """The actors an Extraction lists: every actor named outright, the generic and
    place-derived ones an event uses, and the country of every listed actor that has one.

    The affiliation countries make each Extraction self-contained: whoever reads it finds
    the country actor (named by `Gazetteer.country_actor`) an actor's `country` points to.
    """
    used = {e.source for e in events} | {e.target for e in events if e.target}
    used |= {e.reporter for e in events if e.reporter}
    listed = {
        ident: actor
        for ident, actor in actors.actors.items()
        if ident not in actors.lazy or ident in used
    }
    for ident, actor in places.country_actors.items():
        if ident in used:
            listed.setdefault(ident, actor)
    for actor in list(listed.values()):
        if actor.kind != "country" and actor.country:
            country = gazetteer.country_actor(actor.country)
            listed.setdefault(country.id, country)
    return tuple(listed.values())


def placed_by_dateline(
    events: Sequence[Event],
    dateline: Place,
    sentences: Sequence[Span],
    actors: ActorIndex,
    published: date | None,
) -> list[Event]:
    """The events with the dateline's place where it fits (`dateline_place`) and their
    sentence names no place of its own."""
    located = {s.start_char for s in sentences if names_a_place(s)}
    return [
        e
        if e.place is not None or e.start in located
        else replace(e, place=dateline_place(e, dateline, actors, published))
        for e in events
    ]


def _codable(sent: Span, layout: TextLayout, text: str) -> bool:
    # the sentence by offsets into the article's text (the Doc's text): Span.text and
    # Doc.text would build a Token for every word
    start = sent.start_char
    chars = text[start : sent.end_char]
    start += len(chars) - len(chars.lstrip())
    return not layout.in_furniture(start) and not layout.in_heading(start)


def _date_of(ent: Span, published: date | None) -> tuple[date | None, str | None]:
    return resolve_date(ent.text, published), ent.text

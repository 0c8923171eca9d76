"""One article's extraction scored against its gold events: the one-to-one matching and
its counts, the missed and spurious events, and those with the right actors but another
CAMEO root.

A predicted event matches a gold event when its root is the gold root (or one of its
`alt_roots`) and both source and target agree (`names.same_participant`; a symmetric
gold event may be matched with the two swapped). Each gold event matches at most one
prediction and each prediction at most one gold event; among the matchings, the one
that matches the most predictions wins, then the one with the most core gold events,
then the most right places, then the most exact (not alternative) roots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Self

from ingest.evaluation.gold import GoldArticle, GoldEvent
from ingest.evaluation.names import NO_MATCH, best_match, same_participant
from ingest.model import Event, Extraction


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """A predicted event as the scoring sees it: its root, and its source, target and
    place by name (the place followed by the places it lies within)."""

    event: Event
    root: str
    source: str | None
    target: str | None
    places: tuple[str, ...]


def coded_events(extraction: Extraction) -> tuple[CodedEvent, ...]:
    """The events of `extraction` with their actor and place ids resolved to names."""
    actors = {actor.id: actor.name for actor in extraction.actors}
    places = {place.id: place for place in extraction.places}

    def chain(place_id: str | None) -> tuple[str, ...]:
        names: list[str] = []
        seen: set[str] = set()
        while place_id is not None and place_id not in seen:
            seen.add(place_id)
            place = places.get(place_id)
            names.append(place.name if place else place_id)
            place_id = place.within if place else None
        return tuple(names)

    return tuple(
        CodedEvent(
            event=event,
            root=event.root,
            source=actors.get(event.source, event.source),
            target=None if event.target is None else actors.get(event.target, event.target),
            places=chain(event.place),
        )
        for event in extraction.events
    )


def same_actors(predicted: CodedEvent, gold: GoldEvent) -> bool:
    """Source and target agree, or (for a symmetric gold event) agree swapped."""
    if same_participant(predicted.source, gold.source) and same_participant(
        predicted.target, gold.target
    ):
        return True
    return gold.symmetric and (
        same_participant(predicted.source, gold.target)
        and same_participant(predicted.target, gold.source)
    )


def event_match(predicted: CodedEvent, gold: GoldEvent) -> bool:
    return predicted.root in gold.roots and same_actors(predicted, gold)


def place_right(predicted: CodedEvent, gold: GoldEvent) -> bool:
    """The gold event states a place, and the prediction's place (or a place it lies
    within) is one of its names."""
    return gold.place is not None and any(
        best_match(name, gold.place) > NO_MATCH for name in predicted.places
    )


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts that add up over articles; the scores are ratios of them."""

    predicted: int = 0  # predicted events
    matched: int = 0  # predicted events that matched a gold event
    core: int = 0  # core gold events
    core_found: int = 0  # core gold events matched
    actors: int = 0  # gold actors (with at least one name)
    actors_found: int = 0  # … whose name some predicted actor has
    countries: int = 0  # found gold actors that have a country
    countries_right: int = 0  # … where a best-matching predicted actor has it too
    places: int = 0  # matched events whose gold event states a place
    places_right: int = 0  # … where the predicted place matches it

    def __add__(self, other: Self) -> Self:
        return type(self)(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.core_found, self.core)

    @property
    def f1(self) -> float:
        both = self.precision + self.recall
        return 2 * self.precision * self.recall / both if both else 0.0

    @property
    def actor_recall(self) -> float:
        return _ratio(self.actors_found, self.actors)

    @property
    def country_accuracy(self) -> float:
        return _ratio(self.countries_right, self.countries)

    @property
    def place_accuracy(self) -> float:
        return _ratio(self.places_right, self.places)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """One gold article against its extraction (None: no extraction was paired with it).

    `missed` are the core gold events nothing matched; `spurious` the predictions that
    matched nothing; `confused` pairs one of each (any gold event, core or not) that
    agree on the actors but not on the root: a right event coded wrong.
    """

    gold: GoldArticle
    extraction: Extraction | None
    tally: Tally
    matched: tuple[tuple[CodedEvent, GoldEvent], ...]
    missed: tuple[GoldEvent, ...]
    spurious: tuple[CodedEvent, ...]
    confused: tuple[tuple[GoldEvent, CodedEvent], ...]


def score_article(gold: GoldArticle, extraction: Extraction | None) -> ArticleScore:
    """Match `extraction`'s events to `gold`'s one to one, and count what agrees."""
    predicted = coded_events(extraction) if extraction is not None else ()
    matched = one_to_one(predicted, gold.events, event_match, _match_rank)
    used = {id(event) for pair in matched for event in pair}
    left_predicted = [p for p in predicted if id(p) not in used]
    left_gold = [g for g in gold.events if id(g) not in used]
    confused = one_to_one(left_predicted, left_gold, same_actors, lambda p, g: (int(g.core), 0, 0))
    tally = Tally(
        predicted=len(predicted),
        matched=len(matched),
        core=len(gold.core_events),
        core_found=sum(g.core for _, g in matched),
        places=sum(g.place is not None for _, g in matched),
        places_right=sum(place_right(p, g) for p, g in matched),
    )
    return ArticleScore(
        gold=gold,
        extraction=extraction,
        tally=tally + _actor_tally(gold, extraction),
        matched=tuple(matched),
        missed=tuple(g for g in left_gold if g.core),
        spurious=tuple(left_predicted),
        confused=tuple((g, p) for p, g in confused),
    )


def _match_rank(predicted: CodedEvent, gold: GoldEvent) -> tuple[int, int, int]:
    """What makes one match better than another: core, right place, exact root."""
    return int(gold.core), int(place_right(predicted, gold)), int(predicted.root == gold.root)


def one_to_one(
    predicted: Sequence[CodedEvent],
    gold: Sequence[GoldEvent],
    agree: Callable[[CodedEvent, GoldEvent], bool],
    rank: Callable[[CodedEvent, GoldEvent], tuple[int, int, int]],
) -> list[tuple[CodedEvent, GoldEvent]]:
    """The pairs that `agree`, each event in at most one: as many pairs as possible, then
    the best by `rank` compared in order (a maximum-weight assignment whose weights make
    one more pair outweigh any ranks, and each rank outweigh all those after it)."""
    if not predicted or not gold:
        return []
    from scipy.optimize import linear_sum_assignment

    unit = min(len(predicted), len(gold)) + 1  # more than any sum of a lower rank
    weights = [
        [
            (unit**3 + sum(r * unit ** (2 - i) for i, r in enumerate(rank(p, g))))
            if agree(p, g)
            else 0
            for g in gold
        ]
        for p in predicted
    ]
    rows, columns = linear_sum_assignment(weights, maximize=True)
    return [
        (predicted[row], gold[column])
        for row, column in zip(rows, columns, strict=True)
        if weights[row][column] > 0
    ]


def _actor_tally(gold: GoldArticle, extraction: Extraction | None) -> Tally:
    """Gold actors found among the predicted actors by name, and their countries right."""
    predicted = extraction.actors if extraction is not None else ()
    actors = found = countries = right = 0
    for actor in gold.actors:
        if not actor.names:
            continue
        actors += 1
        strengths = [(best_match(p.name, actor.names), p) for p in predicted]
        hits = [(strength, p) for strength, p in strengths if strength > NO_MATCH]
        if not hits:
            continue
        found += 1
        if actor.country:
            countries += 1
            best = max(strength for strength, _ in hits)
            right += any(
                (p.country or "").upper() == actor.country.upper()
                for strength, p in hits
                if strength == best
            )
    return Tally(actors=actors, actors_found=found, countries=countries, countries_right=right)

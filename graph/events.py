"""Event identity across reports: the mentions extraction finds, grouped into events.

Extraction emits one `ingest.model.Event` per *mention*, a sentence that reports an act. Ten
outlets telling that Kast met Noboa in Quito are ten mentions of one meeting. `group_mentions`
turns a set of mentions into events, each keeping every mention as a report. graph.build
(networkx) and graph.store (Neo4j) both call it, so both stores hold the same events, ids and
counts (the rule in full: docs/DESIGN-events.md).

- A *family* holds the mentions that could ever be one event: the same polarity (negated,
  hypothetical, planned, or factual, where asserted and reported alike count as factual), the
  same CAMEO root, the same actors: ordered, or the unordered pair for the symmetric codes of
  graph/data/symmetric_codes.txt (meetings, negotiations, agreements).
- Two mentions of a family are *compatible* when their dates (the sentence's date, else the
  article's publication date) are both unknown or at most one day apart, and their places
  are unknown on either side, equal, or one lies within the other (Carondelet Palace → Quito).
- An event is a connected component of compatible mentions (single linkage). The components
  are a function of the set of mentions alone, so any load order, any batching and any
  number of writers give the same events. Reports on Jan 1 and Jan 3 are two events; a report
  of Jan 2 joins them into one.
- An event's id is a hash of its family and its first day (and, only where two events of a
  family start on the same day, at places neither within the other, of its first report's
  mention id). A report on or after that day joins the event under the same id; one that
  dates it earlier, or joins two events, gives it a new id.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from ingest.model import Event, Modality, Record, short_hash

SYMMETRIC_CODES_FILE = Path(__file__).parent / "data" / "symmetric_codes.txt"
# strongest first: an event asserted by one outlet and "reported" by another is asserted
MODALITY_STRENGTH: dict[str, int] = {"asserted": 3, "reported": 2, "planned": 1, "hypothetical": 0}
ONE_DAY = timedelta(days=1)


@cache
def symmetric_codes(path: Path = SYMMETRIC_CODES_FILE) -> frozenset[str]:
    """The CAMEO codes whose actors take part alike (one code a line, `#` comments)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(code for line in lines if (code := line.partition("#")[0].strip()))


def is_interaction(negated: bool | None, modality: str | None) -> bool:
    """Whether an event counts as an interaction between its actors: not one reported as not
    happening ("did not meet") nor as merely possible ("could meet"). Planned acts count:
    CAMEO codes them as intents and threats, which are acts of their own."""
    return not negated and modality != "hypothetical"


def polarity(mention: Event) -> str:
    """negated, hypothetical, planned or factual (asserted and reported alike)."""
    if mention.negated:
        return "negated"
    if mention.modality in ("hypothetical", "planned"):
        return mention.modality
    return "factual"


def family_key(mention: Event) -> str:
    """What a mention's event can never differ in: polarity, CAMEO root and actors, as text
    (`factual|04|pair|person:daniel-noboa|person:jose-antonio-kast`)."""
    symmetric = mention.cameo in symmetric_codes()
    ends = [mention.source, mention.target or ""]
    if symmetric and mention.target:
        ends.sort()
    return "|".join((polarity(mention), mention.root, "pair" if symmetric else "directed", *ends))


@dataclass(frozen=True, slots=True)
class Report:
    """One mention with the article that carries it (its id and publication date)."""

    mention: Event
    article: str
    published: date | None = None

    @property
    def day(self) -> date | None:
        """The date the report gives the act: the sentence's, else the article's."""
        return self.mention.date or self.published

    @property
    def order(self) -> tuple[bool, date, str]:
        """Earliest first, undated last, then by mention id: the order of an event's reports."""
        day = self.day
        return (day is None, day or date.min, self.mention.id)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventGroup(Record):
    """One event of the graph (an `Event` node) and the mentions that report it.

    Every property is a deterministic function of the mentions: `cameo` is their most
    frequent code (ties: the longer, then the smaller code), `label`, `quad_class` and
    `goldstein` come from the earliest mention of that code, `date` is the earliest report's,
    `place` the most specific (deepest within others; ties: most reported, then smallest id),
    `modality` the strongest and `modalities` all of them, `reports` the mentions and
    `articles` the distinct articles, `first_reported`/`last_reported` the reporting
    articles' publication dates, `confidence` the highest. The fields from `source` on are
    edges, not properties (graph.schema.EVENT_LINKS).
    """

    id: str
    family: str
    cameo: str
    root: str
    label: str
    quad_class: int
    goldstein: float
    date: date | None
    negated: bool
    modality: Modality
    modalities: tuple[str, ...]
    reports: int
    articles: int
    first_reported: datetime.date | None  # (the field `date` hides the type in this body)
    last_reported: datetime.date | None
    confidence: float
    source: str
    target: str | None
    place: str | None
    reporters: tuple[str, ...]
    mentions: tuple[Report, ...]

    @property
    def interaction(self) -> bool:
        return is_interaction(self.negated, self.modality)


def enclosing_places(within: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Every place's enclosing places (its whole `within` chain) from (place, parent) links."""
    parents: dict[str, set[str]] = {}
    for place, parent in within:
        parents.setdefault(place, set()).add(parent)
    chains: dict[str, frozenset[str]] = {}
    for place in parents:
        seen: set[str] = set()
        todo = list(parents[place])
        while todo:
            parent = todo.pop()
            if parent not in seen and parent != place:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        chains[place] = frozenset(seen)
    return chains


def group_mentions(
    reports: Iterable[Report], chains: Mapping[str, frozenset[str]]
) -> list[EventGroup]:
    """The events a set of reports tell, by family, then date and id. `chains` gives each
    place's enclosing places (`enclosing_places`); a mention id given twice counts once."""
    unique = {report.mention.id: report for report in reports}
    families: dict[str, list[Report]] = {}
    for report in unique.values():
        families.setdefault(family_key(report.mention), []).append(report)
    events = []
    for key in sorted(families):
        components = _components(families[key], chains)
        starts = Counter(component[0].day for component in components)
        for component in components:
            first = component[0]
            # the family and the first day; where two events of a family start the same
            # day (at places neither within the other), also the first report's mention id
            tie = f"|{first.mention.id}" if starts[first.day] > 1 else ""
            event_id = "event:" + short_hash(f"{key}|{first.day or ''}{tie}")
            events.append(_event(event_id, key, component, chains))
    return sorted(events, key=lambda e: (e.family, e.mentions[0].order))


def _components(reports: list[Report], chains: Mapping[str, frozenset[str]]) -> list[list[Report]]:
    """Connected components of compatible reports (union-find), each sorted by `order`."""
    ordered = sorted(reports, key=lambda report: report.order)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b and _places_compatible(ordered[i], ordered[j], chains):
            parent[max(a, b)] = min(a, b)

    by_day: dict[date | None, list[int]] = {}
    for index, report in enumerate(ordered):
        by_day.setdefault(report.day, []).append(index)
    for day, members in by_day.items():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                join(i, j)
        if day is not None:
            for i in members:
                for j in by_day.get(day + ONE_DAY, ()):
                    join(i, j)
    components: dict[int, list[Report]] = {}
    for index, report in enumerate(ordered):
        components.setdefault(root(index), []).append(report)
    return list(components.values())


def _places_compatible(a: Report, b: Report, chains: Mapping[str, frozenset[str]]) -> bool:
    first, second = a.mention.place, b.mention.place
    if first is None or second is None or first == second:
        return True
    return first in chains.get(second, ()) or second in chains.get(first, ())


def _event(
    event_id: str, family: str, reports: list[Report], chains: Mapping[str, frozenset[str]]
) -> EventGroup:
    """The event of one component (reports sorted by `order`)."""
    mentions = [report.mention for report in reports]
    codes = Counter(mention.cameo for mention in mentions)
    cameo = min(codes, key=lambda code: (-codes[code], -len(code), code))
    model = next(mention for mention in mentions if mention.cameo == cameo)
    source, target = _direction(mentions)
    published = [report.published for report in reports if report.published]
    modalities = {mention.modality for mention in mentions}
    first = reports[0]
    return EventGroup(
        id=event_id,
        family=family,
        cameo=cameo,
        root=cameo[:2],
        label=model.label,
        quad_class=model.quad_class,
        goldstein=model.goldstein,
        date=first.day,
        negated=model.negated,
        modality=max(modalities, key=MODALITY_STRENGTH.__getitem__),
        modalities=tuple(sorted(modalities)),
        reports=len(reports),
        articles=len({report.article for report in reports}),
        first_reported=min(published, default=None),
        last_reported=max(published, default=None),
        confidence=max(mention.confidence for mention in mentions),
        source=source,
        target=target,
        place=_place(mentions, chains),
        reporters=tuple(sorted({m.reporter for m in mentions if m.reporter})),
        mentions=tuple(reports),
    )


def _direction(mentions: list[Event]) -> tuple[str, str | None]:
    """Source and target as most reports give them (a symmetric code's reports may differ);
    ties go to the earliest report's."""
    directions = Counter((mention.source, mention.target) for mention in mentions)
    most = max(directions.values())
    return next(d for m in mentions if directions[d := (m.source, m.target)] == most)


def _place(mentions: list[Event], chains: Mapping[str, frozenset[str]]) -> str | None:
    """The most specific place: the longest `within` chain, then most reported, then by id."""
    counts = Counter(mention.place for mention in mentions if mention.place)
    return min(counts, key=lambda p: (-len(chains.get(p, ())), -counts[p], p), default=None)

"""A corpus of short articles from several outlets that report a few events many times over.

Written for the event-identity tests (issue 10): the same meeting told by four outlets in
different words, one day apart, at palace or at city level, twice in one article, once as
"reported"; a negated version of it; the same two leaders meeting again days and weeks later
(distinct events); a directed act and its retaliation on the same day (distinct); a meeting
on the same day in another city (distinct); a hypothetical meeting. Built as Extractions, so
the counts do not depend on the extractor.

    event                                  reports  articles
    Kast–Noboa meeting, Quito, Dec 15         5        4     (A1 twice, A2, A3, A5)
    ... reported as not happening             1        1     (A4)
    Kast–Noboa meeting, Guayaquil, Dec 15     1        1     (A12: same day, other city)
    Kast–Noboa meeting, Quito, Dec 18         1        1     (A8: three days later)
    Kast–Noboa meeting, Guayaquil, Jan 20     2        2     (A6, A7)
    Chile cuts ties with Venezuela, Dec 20    2        2     (A9, A10)
    Venezuela cuts ties with Chile, Dec 20    1        1     (A10: the retaliation)
    Petro could meet Noboa (hypothetical)     1        1     (A11)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ingest.model import Actor, Article, Event, Extraction, Place, article_id, mention_id

KAST = Actor(
    "person:jose-antonio-kast", "José Antonio Kast", "person", "CHL", ("President",), ("Kast",)
)
NOBOA = Actor("person:daniel-noboa", "Daniel Noboa", "person", "ECU", ("President",), ("Noboa",))
PETRO = Actor("person:gustavo-petro", "Gustavo Petro", "person", "COL", ("President",), ("Petro",))
CHILE = Actor("country:CHL", "Chile", "country", "CHL")
VENEZUELA = Actor("country:VEN", "Venezuela", "country", "VEN")
ECUADOR_ACTOR = Actor("country:ECU", "Ecuador", "country", "ECU")

ECUADOR = Place("place:ECU", "Ecuador", "country", "ECU", -1.25, -78.25)
QUITO = Place("place:city:ECU:quito", "Quito", "city", "ECU", -0.22985, -78.52495, ECUADOR.id)
PALACE = Place(
    "place:facility:ECU:carondelet-palace",
    "Carondelet Palace",
    "facility",
    "ECU",
    -0.2202,
    -78.5123,
    QUITO.id,
)
GUAYAQUIL = Place("place:city:ECU:guayaquil", "Guayaquil", "city", "ECU", -2.19, -79.89, ECUADOR.id)
CHILE_PLACE = Place("place:CHL", "Chile", "country", "CHL", -33.0, -71.0)
SANTIAGO = Place(
    "place:city:CHL:santiago", "Santiago", "city", "CHL", -33.45, -70.67, CHILE_PLACE.id
)

CODES = {  # cameo: (label, quad class, Goldstein)
    "040": ("met", 1, 1.0),
    "046": ("held talks", 1, 7.0),
    "161": ("reduced relations", 4, -4.0),
}
PLACES = {p.id: p for p in (ECUADOR, QUITO, PALACE, GUAYAQUIL, CHILE_PLACE, SANTIAGO)}


@dataclass(frozen=True)
class Said:
    """One sentence of an article that reports an event."""

    sentence: str
    cameo: str
    source: Actor
    target: Actor
    day: date | None
    place: Place | None = None
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.8


def article(
    slug: str, outlet: str, published: date, title: str, *said: Said, extra: tuple[Actor, ...] = ()
) -> Extraction:
    url = f"https://{outlet.lower().replace(' ', '')}.example/{slug}"
    head = Article(article_id(url, ""), title, url, published, outlet, "")
    events = []
    offset = 0
    for one in said:
        label, quad, goldstein = CODES[one.cameo]
        events.append(
            Event(
                id=mention_id(head.id, offset, one.cameo, one.source.id, one.target.id),
                cameo=one.cameo,
                label=label,
                quad_class=quad,
                goldstein=goldstein,
                source=one.source.id,
                target=one.target.id,
                place=one.place.id if one.place else None,
                date=one.day,
                negated=one.negated,
                modality=one.modality,  # type: ignore[arg-type]
                sentence=one.sentence,
                start=offset,
                end=offset + len(one.sentence),
                confidence=one.confidence,
                trigger=label.split()[0],
            )
        )
        offset += len(one.sentence) + 1
    actors = {a.id: a for one in said for a in (one.source, one.target)}
    actors.update({a.id: a for a in extra})
    places: dict[str, Place] = {}
    for one in said:
        place = one.place
        while place is not None:
            places[place.id] = place
            place = PLACES.get(place.within or "")
    return Extraction(head, tuple(actors.values()), tuple(places.values()), tuple(events))


DEC15, DEC16, DEC18, DEC20 = (
    date(2025, 12, 15),
    date(2025, 12, 16),
    date(2025, 12, 18),
    date(2025, 12, 20),
)
JAN20 = date(2026, 1, 20)


def event_corpus() -> list[Extraction]:
    """The twelve articles (A1 … A12) in a fixed order."""
    return [
        article(
            "kast-at-carondelet", "Andes Wire", DEC16, "Kast visits Noboa",
            Said("Chile's Kast met Noboa at Carondelet Palace on Monday.", "040", KAST, NOBOA,
                 DEC15, PALACE, confidence=0.9),
            Said("The two presidents held talks in Quito about the border.", "046", KAST, NOBOA,
                 DEC15, QUITO),
        ),
        article(
            "noboa-receives-kast", "Pacific Daily", DEC15, "Noboa and Kast talk trade",
            Said("Noboa and Kast met in Quito on Monday.", "040", NOBOA, KAST, DEC15, QUITO),
        ),
        article(
            "summit-quito", "El Observador", date(2025, 12, 17), "A summit in the capital",
            Said("On Tuesday Kast met Noboa in the Ecuadorian capital.", "040", KAST, NOBOA,
                 DEC16, QUITO),
        ),
        article(
            "no-meeting", "Radio Sur", DEC16, "Aide denies talks",
            Said("Kast did not meet Noboa in Quito on Monday, an aide said.", "040", KAST, NOBOA,
                 DEC15, QUITO, negated=True),
        ),
        article(
            "wire-report", "Northern Courier", DEC16, "Leaders meet",
            Said("Kast met Noboa in Quito, a news agency reported.", "040", KAST, NOBOA, DEC15,
                 QUITO, modality="reported", confidence=0.6),
        ),
        article(
            "guayaquil-again", "Andes Wire", date(2026, 1, 21), "Kast and Noboa meet again",
            Said("Kast and Noboa met again in Guayaquil on Tuesday.", "040", KAST, NOBOA, JAN20,
                 GUAYAQUIL),
        ),
        article(
            "port-city-talks", "Coastal Herald", JAN20, "Talks in the port city",
            Said("Kast met Noboa in Guayaquil today.", "040", KAST, NOBOA, JAN20, GUAYAQUIL),
        ),
        article(
            "second-round", "Pacific Daily", DEC18, "Second round in Quito",
            Said("Kast met Noboa again in Quito on Thursday.", "040", KAST, NOBOA, DEC18, QUITO),
        ),
        article(
            "chile-venezuela", "Andes Wire", date(2025, 12, 21), "Chile downgrades ties",
            Said("Chile reduced relations with Venezuela in Santiago on Saturday.", "161",
                 CHILE, VENEZUELA, DEC20, SANTIAGO),
        ),
        article(
            "ties-cut", "Pacific Daily", DEC20, "Ties cut, and cut back",
            Said("Chile cut diplomatic ties with Venezuela.", "161", CHILE, VENEZUELA, DEC20),
            Said("Venezuela retaliated by cutting ties with Chile.", "161", VENEZUELA, CHILE,
                 DEC20),
        ),
        article(
            "petro-maybe", "Radio Sur", DEC20, "Petro weighs a trip",
            Said("Petro could meet Noboa next month.", "040", PETRO, NOBOA, None,
                 modality="hypothetical"),
        ),
        article(
            "coast-same-day", "Coastal Herald", DEC16, "A meeting on the coast",
            Said("Kast met Noboa in Guayaquil on Monday.", "040", KAST, NOBOA, DEC15, GUAYAQUIL),
            extra=(ECUADOR_ACTOR,),
        ),
    ]  # fmt: skip


EVENTS = 8
REPORTS = 14
INTERACTIONS = 6  # not the negated meeting nor the hypothetical one
QUITO_MEETING_REPORTS = 5

"""A slice of the extractions to load: a period (`--since`/`--until`) and/or a country
(`--country ISO3`), for a Neo4j that holds part of a corpus whose event table stays columnar.

A report (mention) is in the slice when its day (the sentence's date, else the article's
publication date: graph.events.Report.day) lies in the period and, with a country, one of
its ends is of that country: its source or target actor (the actor's `country`) or its
place (the place's `country`). An article is loaded whole when one of its reports is in the
slice, with all its reports: the loader replaces an article by what it says, so loading a
part of an article would take back, in a later slice, what an earlier slice loaded of it.
Slices loaded one after another thus add up, and an article outside every slice is never
read into Neo4j. A report without a day is outside any period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from graph.events import Report
from ingest.errors import ConfigError
from ingest.model import Extraction

ISO3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class Slice:
    """Inclusive dates and an ISO 3166-1 alpha-3 code; None: no bound."""

    since: date | None = None
    until: date | None = None
    country: str | None = None

    @classmethod
    def parse(cls, since: str | None, until: str | None, country: str | None) -> Slice:
        """From command-line text: ISO dates (YYYY-MM-DD) and a three-letter code."""
        code = country.strip().upper() if country else None
        if code is not None and not ISO3.fullmatch(code):
            raise ConfigError(f"--country {country!r}: give an ISO 3166-1 alpha-3 code (CHL)")
        found = cls(_date("--since", since), _date("--until", until), code)
        if found.since and found.until and found.since > found.until:
            raise ConfigError(f"--since {found.since} is after --until {found.until}")
        return found

    @property
    def everything(self) -> bool:
        return self.since is None and self.until is None and self.country is None

    def holds(self, report: Report, countries: Mapping[str, str | None]) -> bool:
        """Whether a report is in the slice; `countries` maps its article's actor and
        place ids to their country codes."""
        if self.since is not None or self.until is not None:
            day = report.day
            if day is None or (self.since and day < self.since):
                return False
            if self.until and day > self.until:
                return False
        if self.country is None:
            return True
        mention = report.mention
        ends = (mention.source, mention.target, mention.place)
        return any(end and _country(end, countries) == self.country for end in ends)


def _country(end: str, countries: Mapping[str, str | None]) -> str | None:
    """An end's country; a country actor the article does not list, from its id."""
    found = countries.get(end)
    if found is None and end.startswith("country:"):
        return end.removeprefix("country:")
    return found


def _date(option: str, text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(f"{option} {text!r}: give a date as YYYY-MM-DD") from None


def end_countries(extraction: Extraction) -> dict[str, str | None]:
    """Each actor's and place's country code in one article (a country actor's is its own)."""
    found: dict[str, str | None] = {actor.id: actor.country for actor in extraction.actors}
    found.update((place.id, place.country) for place in extraction.places)
    return found


def in_slice(extraction: Extraction, part: Slice) -> bool:
    """Whether one of the article's reports is in the slice (every article, for no slice)."""
    if part.everything:
        return True
    article = extraction.article
    countries = end_countries(extraction)
    return any(
        part.holds(Report(mention, article.id, article.published), countries)
        for mention in extraction.events
    )


def select(extractions: Iterable[Extraction], part: Slice) -> Iterator[Extraction]:
    """The articles in the slice, whole, streamed in input order."""
    return (extraction for extraction in extractions if in_slice(extraction, part))

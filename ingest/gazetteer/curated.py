"""Read the gazetteer's own data: `places_extra.yaml` and `us_states.tsv` in `ingest/data/`.

The YAML's sections and their meaning are documented at the top of the file itself; this
module validates the entries (a typo raises `ConfigError` naming the entry) and turns them
into `Place` objects whose `within` ids point at places the gazetteer holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, cast

import yaml

from ingest.errors import ConfigError
from ingest.gazetteer.cities import City, CityIndex
from ingest.gazetteer.countries import place_key, read_tsv
from ingest.model import Place, PlaceKind, place_id

_FILE = "places_extra.yaml"
_SECTIONS = ("cities", "regions", "other", "facilities", "aliases")
_KEYS = MappingProxyType(
    {
        "cities": frozenset({"name", "country", "admin1", "lat", "lon", "population"}),
        "regions": frozenset({"name", "aliases", "country", "lat", "lon"}),
        "other": frozenset({"name", "aliases", "country", "lat", "lon"}),
        "facilities": frozenset(
            {"name", "aliases", "country", "city", "admin1", "region", "seat", "lat", "lon"}
        ),
        "aliases": frozenset({"alias", "kind", "name", "country", "admin1"}),
    }
)


@dataclass(frozen=True, slots=True)
class CuratedPlaces:
    """Places the data file defines, and every (name, place id) that should find them."""

    places: Mapping[str, Place]
    names: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class PlacesExtra:
    """The validated sections of places_extra.yaml (entries still as mappings)."""

    sections: Mapping[str, list[dict[str, Any]]]

    @property
    def cities(self) -> list[City]:
        return [
            City(
                name=str(e["name"]),
                country=str(e["country"]),
                lat=float(e["lat"]),
                lon=float(e["lon"]),
                population=int(e.get("population") or 0),
                admin1=e.get("admin1"),
            )
            for e in self.sections["cities"]
        ]

    def seat_names(self) -> list[tuple[str, str]]:
        """(name, ISO3) for every name and alias of a facility marked `seat: true`."""
        return [
            (name, str(e["country"]))
            for e in self.sections["facilities"]
            if e.get("seat")
            for name in _names(e)
        ]

    def resolve(
        self, cities: CityIndex, known: Mapping[str, Place], states: Mapping[str, Place]
    ) -> CuratedPlaces:
        """Build the curated places; `known` holds the country places, `states` US states."""
        places: dict[str, Place] = {}
        owner: dict[str, str] = {}
        names: list[tuple[str, str]] = []

        def claim(name: str, place: Place) -> None:
            key = place_key(name)
            if owner.setdefault(key, place.id) != place.id:
                raise ConfigError(f"ingest/data/{_FILE}: {name!r} names two places")
            places[place.id] = place
            names.append((name, place.id))

        def country_of(entry: Mapping[str, Any], required: bool) -> str | None:
            code = entry.get("country")
            if code is None and not required:
                return None
            if place_id("country", "", str(code)) not in known:
                raise ConfigError(f"ingest/data/{_FILE}: {entry!r}: unknown country {code!r}")
            return str(code)

        def city_of(entry: Mapping[str, Any], name: str, country: str) -> Place:
            city = cities.find(name, country, entry.get("admin1"))
            if city is None:
                raise ConfigError(f"ingest/data/{_FILE}: {entry!r}: no city {name!r}")
            place = city.as_place()
            places[place.id] = place
            return place

        regions: dict[str, Place] = {place_key(n): p for n, p in states.items()}
        for section, kind in (("regions", "region"), ("other", "other")):
            for e in self.sections[section]:
                country = country_of(e, required=False)
                place = _place(e, cast(PlaceKind, kind), country, _country_id(country))
                regions.setdefault(place_key(place.name), place)
                for name in _names(e):
                    claim(name, place)
        for e in self.sections["facilities"]:
            country = cast(str, country_of(e, required=True))
            within = _country_id(country)
            if e.get("city"):
                within = city_of(e, str(e["city"]), country).id
            elif e.get("region"):
                region = regions.get(place_key(str(e["region"])))
                if region is None:
                    raise ConfigError(f"ingest/data/{_FILE}: {e!r}: no region {e['region']!r}")
                within = region.id
            for name in _names(e):
                claim(name, _place(e, "facility", country, within))
        for e in self.sections["aliases"]:
            country = cast(str, country_of(e, required=True))
            if e.get("kind") == "city":
                target = city_of(e, str(e["name"]), country)
            elif e.get("kind") == "region" and place_key(str(e["name"])) in regions:
                target = regions[place_key(str(e["name"]))]
            else:
                raise ConfigError(f"ingest/data/{_FILE}: {e!r}: no {e.get('kind')} {e['name']!r}")
            claim(str(e["alias"]), target)
        return CuratedPlaces(places, names)


def _names(entry: Mapping[str, Any]) -> list[str]:
    return [str(entry["name"]), *(str(a) for a in entry.get("aliases") or ())]


def _country_id(country: str | None) -> str | None:
    return place_id("country", "", country) if country else None


def _place(
    entry: Mapping[str, Any], kind: PlaceKind, country: str | None, within: str | None
) -> Place:
    name = str(entry["name"])
    return Place(
        id=place_id(kind, name, country),
        name=name,
        kind=kind,
        country=country,
        lat=float(entry["lat"]),
        lon=float(entry["lon"]),
        within=within,
    )


def read_places_extra() -> PlacesExtra:
    """Load and check places_extra.yaml: known sections, known keys, coordinates present."""
    path = resources.files("ingest") / "data" / _FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"ingest/data/{_FILE}: cannot read ({exc})") from exc
    if not isinstance(data, dict) or set(data) - set(_SECTIONS):
        raise ConfigError(f"ingest/data/{_FILE}: top-level keys must be among {_SECTIONS}")
    sections: dict[str, list[dict[str, Any]]] = {}
    for section in _SECTIONS:
        entries = data.get(section) or []
        for entry in entries:
            required = {"alias", "kind", "name"} if section == "aliases" else {"name", "lat", "lon"}
            if not isinstance(entry, dict) or set(entry) - _KEYS[section] or required - set(entry):
                raise ConfigError(f"ingest/data/{_FILE}: bad {section} entry {entry!r}")
        sections[section] = list(entries)
    return PlacesExtra(sections)


def read_us_states() -> dict[str, tuple[float, float]]:
    """US state code → (lat, lon) of its rough centre, from us_states.tsv."""
    rows = read_tsv("us_states.tsv", columns=3)
    try:
        return {code: (float(lat), float(lon)) for code, lat, lon in rows}
    except ValueError as exc:
        raise ConfigError(f"ingest/data/us_states.tsv: {exc}") from exc

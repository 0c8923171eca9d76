"""Who held which office when: Phoenix's dated roles, read for the article's date.

The Phoenix actor dictionary (Open Event Data Alliance, MIT; converted by
scripts/convert_phoenix.py into ingest/data/petrarch/phoenix_actors.tsv) bounds offices by
date: `USAGOV 2009-01-20..2017-01-20`. A person's country and role are those of the role
holding on the article's date; an open-ended role holds only up to the dictionary's
vintage (the latest date it writes), since nobody knows what came after. Past the vintage
only the person's country is kept (people change office more often than country).

Precedence (applied in `ingest.actors.classify`): a user's `--actors` entry wins over
everything, the article's own words win over background knowledge, and a Phoenix role
holding on the article's date wins over ingest/data/known_actors.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

import pycountry

from ingest.dictionary import match_key
from ingest.gazetteer.countries import read_tsv

OFFICE_SECTORS = ("GOV", "MIL", "LEG", "JUD", "SPY", "COP")
_TABLE = "petrarch/phoenix_actors.tsv"
_ISO_DATE = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d-])")


@dataclass(frozen=True)
class Role:
    """A CAMEO actor code that holds between `start` and `end` (inclusive; None = open);
    `note` names the office when the dictionary's comment did ("Chancellor of Germany")."""

    code: str
    start: date | None = None
    end: date | None = None
    note: str = ""

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class PhoenixActor:
    """A person (or office holder) with aliases and date-bounded roles."""

    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class TableRow:
    """One row of the table, its roles left unparsed until the person is looked up (the
    table has 18,000 rows and an article names a handful of people)."""

    name: str
    aliases: tuple[str, ...]
    roles_text: str

    def actor(self) -> PhoenixActor:
        roles = tuple(parse_role(r) for r in self.roles_text.split(";") if r)
        return PhoenixActor(self.name, self.aliases, roles)


@dataclass(frozen=True)
class Office:
    """What background knowledge says of a person on a day: country, and role if known."""

    name: str
    country: str | None
    role: str | None


def country_of(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 country a CAMEO actor code starts with ("USAGOV" → "USA");
    None for IGO/NGO codes and CAMEO-only codes such as SUN."""
    prefix = code[:3]
    return prefix if len(prefix) == 3 and pycountry.countries.get(alpha_3=prefix) else None


def is_office(role: Role) -> bool:
    """A dated role in a state institution (GOV, MIL, LEG, JUD, SPY, COP) or an IGO."""
    if not role.dated:
        return False
    if role.code.startswith("IGO"):
        return True
    sectors = role.code[3:] if country_of(role.code) else role.code
    return sectors.startswith(OFFICE_SECTORS)


def role_on(roles: Sequence[Role], day: date | None, open_until: date) -> Role | None:
    """The role that holds on `day`, or None when the dictionary cannot say.

    A dated role holds from its start to its end; an open end holds only up to
    `open_until` (the dictionary's vintage). When several hold, offices beat other codes
    (ELI, MED …) and the latest start wins (the newest appointment). Without a dated role,
    the undated default code holds — but only for a day within the dictionary's span; an
    undated article gets None (known_actors.yaml decides then).
    """
    if day is None:
        return None
    holding = [
        r
        for r in roles
        if r.dated
        and (r.start is None or r.start <= day)
        and day <= (r.end if r.end is not None else open_until)
    ]
    if holding:
        return max(holding, key=lambda r: (is_office(r), r.start or date.min, r.code))
    if day > open_until:
        return None
    return next((r for r in roles if not r.dated), None)


def country_on(roles: Sequence[Role], day: date | None, open_until: date) -> str | None:
    """The person's country on `day`: that of the role holding then; past the vintage or
    without a date, that of the latest office."""
    role = role_on(roles, day, open_until)
    if role is not None:
        return country_of(role.code)
    offices = [r for r in roles if is_office(r) and country_of(r.code)]
    if not offices or (day is not None and day <= open_until):
        return None
    return country_of(max(offices, key=lambda r: (r.start or r.end or date.min, r.code)).code)


def read_table(text: str) -> Iterator[PhoenixActor]:
    """The rows of phoenix_actors.tsv (comment lines and the column header skipped)."""
    for row in table_rows(text):
        yield row.actor()


def table_rows(text: str) -> Iterator[TableRow]:
    """The rows of phoenix_actors.tsv with their roles unparsed."""
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, aliases, roles = line.split("\t")
        yield TableRow(name, tuple(a for a in aliases.split("|") if a), roles)


def parse_role(text: str) -> Role:
    """`USAGOV 2009-01-20..2017-01-20 President` → Role (the inverse of format_role)."""
    code, _, rest = text.partition(" ")
    span, _, note = rest.partition(" ")
    if span == "default":
        return Role(code, note=note)
    first, _, last = span.partition("..")
    return Role(
        code,
        date.fromisoformat(first) if first else None,
        date.fromisoformat(last) if last else None,
        note,
    )


def format_role(role: Role) -> str:
    """`USAGOV 2009-01-20..2017-01-20 President`; an open side is left empty."""
    if role.dated:
        first = role.start.isoformat() if role.start else ""
        last = role.end.isoformat() if role.end else ""
        span = f"{first}..{last}"
    else:
        span = "default"
    return " ".join(p for p in (role.code, span, role.note) if p)


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once
class OfficeHolders:
    """Phoenix's office holders by folded name and alias; an alias two people share (a
    bare surname) is left out, since it could be either."""

    by_name: Mapping[str, TableRow]
    vintage: date  # the latest date the dictionary writes: open roles hold until then
    sector_roles: Mapping[str, str]  # "GOV" → "Government Official"

    def office_on(self, text: str, day: date | None) -> Office | None:
        """What the dictionary says of the person `text` names on `day`, if anything. Only
        a full name counts: a lone surname could be anybody in 18,000."""
        key = match_key(text)
        row = self.by_name.get(key) if " " in key else None
        if row is None:
            return None
        actor = row.actor()
        role = role_on(actor.roles, day, self.vintage)
        country = country_on(actor.roles, day, self.vintage)
        if role is None:
            return Office(actor.name, country, None) if country else None
        return Office(actor.name, country_of(role.code) or country, self.role_name(role))

    def role_name(self, role: Role) -> str | None:
        """The office a role names: its note, else its sector's name ("USAGOV" → the
        government's)."""
        if role.note:
            return role.note
        sector = role.code[3:6] if country_of(role.code) else role.code[:3]
        return self.sector_roles.get(sector)


def build_office_holders(
    rows: Sequence[TableRow], sector_roles: Mapping[str, str], vintage: date
) -> OfficeHolders:
    """Index `rows` by name and alias (ambiguous aliases dropped)."""
    owners: dict[str, set[str]] = {}
    by_key: dict[str, TableRow] = {}
    for row in rows:
        for surface in (row.name, *row.aliases):
            key = fast_key(surface)
            if key:
                owners.setdefault(key, set()).add(row.name)
                by_key.setdefault(key, row)
    return OfficeHolders(
        by_name=MappingProxyType({k: r for k, r in by_key.items() if len(owners[k]) == 1}),
        vintage=vintage,
        sector_roles=MappingProxyType(dict(sector_roles)),
    )


def fast_key(surface: str) -> str:
    """`match_key` with a fast path for plain ASCII names (the table's 30,000 spellings)."""
    if not surface.isascii() or "'" in surface:
        return match_key(surface)
    key = " ".join(surface.lower().split())
    return key[4:] if key.startswith("the ") else key


def table_vintage(rows: Sequence[TableRow]) -> date:
    """The latest date written in the table's roles (ISO dates sort as text)."""
    latest = max((d for row in rows for d in _ISO_DATE.findall(row.roles_text)), default="")
    return date.fromisoformat(latest) if latest else date.min


@lru_cache(maxsize=1)
def load_office_holders() -> OfficeHolders:
    """The packaged Phoenix office holders (about 18,000), loaded once."""
    text = (resources.files("ingest") / "data" / _TABLE).read_text(encoding="utf-8")
    sectors = dict(read_tsv("actor_sectors.tsv"))
    rows = list(table_rows(text))
    return build_office_holders(rows, sectors, table_vintage(rows))

"""A person's role and country on an article's date, from ingest/data/petrarch/phoenix_actors.tsv.

Pure functions over the table written by scripts/convert_phoenix.py: the proposal for the
integration step (issue 9, item 6), kept here with its tests until the pipeline adopts it.
Precedence the pipeline should keep: a `--actors FILE` entry wins over everything; then a
Phoenix role that holds on the article's date; then ingest/data/known_actors.yaml (roles
as of late 2025) — for articles after the dictionary's vintage, and for undated articles.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import pycountry

from scripts.phoenix_actors import Role

OFFICE_SECTORS = ("GOV", "MIL", "LEG", "JUD", "SPY", "COP")


@dataclass(frozen=True)
class PhoenixActor:
    """A person (or office holder) with aliases and date-bounded roles."""

    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]


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
    `open_until` (the dictionary's vintage: past it, nobody knows). When several hold,
    offices beat other codes (ELI, MED …) and the latest start wins (the newest
    appointment: "Prime Minister" after "Minister of Finance"). Without a dated role, the
    undated default code holds — but only for a day within the dictionary's span; an
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
    without a date, that of the latest office (people rarely change country, offices
    they do — so the role itself is not carried past the vintage)."""
    role = role_on(roles, day, open_until)
    if role is not None:
        return country_of(role.code)
    offices = [r for r in roles if is_office(r) and country_of(r.code)]
    if not offices or (day is not None and day <= open_until):
        return None
    return country_of(max(offices, key=lambda r: (r.start or r.end or date.min, r.code)).code)


def read_table(text: str) -> Iterator[PhoenixActor]:
    """The rows of phoenix_actors.tsv (comment lines and the column header skipped)."""
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, aliases, roles = line.split("\t")
        yield PhoenixActor(
            name=name,
            aliases=tuple(a for a in aliases.split("|") if a),
            roles=tuple(parse_role(r) for r in roles.split(";") if r),
        )


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

"""Read Phoenix (PETRARCH2) actor dictionaries: names, aliases and date-bounded role codes.

Format (PETRARCH2 `dictionaries.rst`, "Actor Dictionary"): a record is a primary phrase,
optional `+synonym` lines, and restriction lines indented by a tab; a restriction is
`[CODE]` (the default), `[CODE <date]`, `[CODE >date]` or `[CODE date-date]`, with dates
YYYYMMDD or YYMMDD (YY ≤ 30 is 20YY, as in PETRARCH). Some files put the restrictions on the
primary line itself. CODE is a CAMEO actor code: a country (ISO 3166-1 alpha-3 in most
cases) or IGO/NGO prefix followed by sector codes (USAGOV, DEUGOVLEG, IGOUNO ...).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from scripts.petrarch_words import load_words

_BRACKET = re.compile(r"\[([^\]]*)\]")
_RESTRICTION = re.compile(
    r"^(?P<code>[A-Z]+)?\s*(?:(?P<op>[<>])?\s*(?P<a>\d+)(?:\s*-\s*(?P<b>\d+))?)?$"
)


@dataclass(frozen=True)
class Role:
    """A code that holds between `start` and `end` (inclusive; None = open); `note` is the
    line's comment when it names an office ("Chancellor of Germany")."""

    code: str
    start: date | None = None
    end: date | None = None
    note: str = ""

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class ActorRecord:
    """One record of an actor file, as written (upper case, underscores)."""

    phrase: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    line: int = 0


def parse_date(text: str) -> date:
    """YYYYMMDD or YYMMDD (YY ≤ 30 → 20YY, else 19YY); ValueError when not a real date."""
    if len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    if len(text) == 6:
        year = int(text[:2])
        return date(year + (2000 if year <= 30 else 1900), int(text[2:4]), int(text[4:6]))
    raise ValueError(f"date {text!r} is neither YYYYMMDD nor YYMMDD")


def parse_restriction(text: str, note: str = "") -> Role:
    """`USAGOV 20090120-20170120` → Role; ValueError when malformed."""
    match = _RESTRICTION.match(text.strip())
    if not match or not match["code"]:
        raise ValueError(f"restriction {text!r} not understood")
    code, op, a, b = match["code"], match["op"], match["a"], match["b"]
    if a is None:
        return Role(code, note=note)
    first = parse_date(a)
    if b is not None:
        last = parse_date(b)
        if last < first:
            raise ValueError(f"restriction {text!r} ends before it starts")
        return Role(code, first, last, note)
    if op == "<":
        return Role(code, None, first, note)
    if op == ">":
        return Role(code, first, None, note)
    return Role(code, first, first, note)


def office_note(comment: str) -> str:
    """The comment when it names an office (not a coder's initials or a file name)."""
    text = comment.split("#")[0].strip().strip(".;").strip()
    words = set(re.findall(r"[a-z]+", text.lower()))
    if not text or any(ch.isdigit() for ch in text) or not words & load_words().office_words:
        return ""
    return re.sub(r"[;|\t]", ",", text)


def _split_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body, comment


def parse_actor_file(text: str, problems: Counter[str]) -> list[ActorRecord]:
    """Records of one actor file; unreadable lines and restrictions are counted in
    `problems` (reason → count) and skipped."""
    records: list[ActorRecord] = []
    current: ActorRecord | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, comment = _split_comment(raw)
        body = body.split(";")[0]
        restrictions = _BRACKET.findall(body)
        phrase = _BRACKET.sub(" ", body).strip()
        if raw[0] in " \t":
            if current is None or phrase:
                problems["indented line that is not a restriction"] += 1
                continue
        elif phrase.startswith("+"):
            if current is None:
                problems["synonym before any record"] += 1
                continue
            current.aliases.append(phrase[1:].strip())
        else:
            current = ActorRecord(phrase=phrase, line=number)
            records.append(current)
        for restriction in restrictions:
            try:
                current.roles.append(parse_restriction(restriction, office_note(comment)))
            except ValueError:
                problems["unreadable restriction or date"] += 1
    return records

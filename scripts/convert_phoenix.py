"""Convert the Phoenix actor dictionaries into ingest/data/petrarch/phoenix_actors.tsv.

    PYTHONPATH=$PWD python scripts/convert_phoenix.py [--source /work/shared/data/petrarch2]
        [--out ingest/data/petrarch]

Keeps the records that hold an office on known dates (a dated role whose code is a
state institution — GOV, MIL, LEG, JUD, SPY, COP sectors — or an IGO): heads of state
and government, ministers, officials, IGO leaders. Drops country and place names,
institutions and generic titles without dated roles, former-office "elite" codes alone,
aliases that name an administration rather than the person, and aliases that several
people share. One row per person (records with the same name are merged), sorted.
Phoenix.MilNonState.actors.txt is not used: its armed groups carry no dated roles.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from ingest.model import fold
from scripts.petrarch_words import load_words
from scripts.phoenix_actors import ActorRecord, Role, parse_actor_file
from scripts.phoenix_roles import PhoenixActor, format_role, is_office

SOURCE_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
TABLE_FILE = "phoenix_actors.tsv"
DEFAULT_SOURCE = Path("/work/shared/data/petrarch2")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "ingest" / "data" / "petrarch"


def _cased(part: str, first: bool) -> str:
    if not first and part in load_words().lower_name_particles:
        return part
    if part.upper() in load_words().upper_name_words or (part and set(part) <= set("ivx")):
        return part.upper()  # US, U.N., Elizabeth II
    if part.startswith("mc") and len(part) > 3:
        return "Mc" + part[2:].capitalize()
    at = next((i for i, ch in enumerate(part) if ch.isalpha()), 0)
    return part[:at] + part[at:].capitalize()


def display_name(phrase: str) -> str:
    """`BARACK_OBAMA_` → "Barack Obama"; `BASHAR_AL-ASSAD` → "Bashar al-Assad"."""
    words = phrase.replace("_", " ").split()
    return " ".join(
        "-".join(_cased(part, n == 0 and k == 0) for k, part in enumerate(word.lower().split("-")))
        for n, word in enumerate(words)
    )


def name_key(name: str) -> str:
    """Names that differ only in case, accents or dots are one person ("A. Gavahi")."""
    return " ".join(fold(name).replace(".", " ").split())


def _usable(phrase: str) -> bool:
    letters = phrase.replace("_", "").replace("-", "").replace(".", "").replace("'", "")
    return bool(phrase) and letters.isalpha()


def select(records: Iterable[ActorRecord], counts: Counter[str]) -> list[PhoenixActor]:
    """Office holders with clean names; merged by name; shared aliases removed."""
    merged: dict[str, tuple[str, list[str], list[Role]]] = {}
    for record in records:
        if not _usable(record.phrase.replace(" ", "_")):
            counts["record dropped: name with digits or symbols"] += 1
            continue
        if not any(is_office(r) for r in record.roles):
            reason = (
                "dated roles, none an office"
                if any(r.dated for r in record.roles)
                else ("no dated role (country, place, institution or title)")
            )
            counts[f"record dropped: {reason}"] += 1
            continue
        name = display_name(record.phrase)
        _, aliases, roles = merged.setdefault(name_key(name), (name, [], []))
        for alias in record.aliases:
            if not _usable(alias.replace(" ", "_")):
                counts["alias dropped: digits or symbols"] += 1
            elif load_words().institution_words & set(name_key(display_name(alias)).split()):
                counts["alias dropped: names an administration, not the person"] += 1
            else:
                aliases.append(display_name(alias))
        roles.extend(r for r in record.roles if r not in roles)
        counts["records kept"] += 1
    owners: dict[str, set[str]] = defaultdict(set)
    for key, (_, aliases, _) in merged.items():
        for alias in {name_key(a) for a in aliases} | {key}:
            owners[alias].add(key)
    actors = []
    for key, (name, aliases, roles) in sorted(merged.items()):
        unique = {name_key(a): a for a in sorted(aliases)}
        kept = sorted(a for k, a in unique.items() if k != key and len(owners[k]) == 1)
        counts["alias dropped: shared by several people"] += sum(
            1 for k in unique if len(owners[k]) > 1
        )
        ordered = sorted(roles, key=lambda r: (r.start or r.end or date.min, r.code))
        actors.append(PhoenixActor(name, tuple(kept), tuple(ordered)))
    return actors


def render_table(actors: Sequence[PhoenixActor], counts: Counter[str]) -> str:
    latest = max(d for a in actors for r in a.roles for d in (r.start, r.end) if d is not None)
    header = [
        "# Office holders from PETRARCH2's Phoenix actor dictionaries, with date-bounded roles.",
        f"# Source: {', '.join(SOURCE_FILES)} from openeventdata/petrarch2, commit 676801c",
        "# (2019-03-18), petrarch2/data/dictionaries/. Copyright (c) 2014 Open Event Data",
        "# Alliance; MIT License, full text in LICENSE-petrarch2 beside this file.",
        "# Generated by scripts/convert_phoenix.py — do not edit; rerun it.",
        "#",
        "# Columns (tab-separated): name, aliases (separated by |), roles (separated by ;).",
        "# A role is `CODE START..END [office]`: CODE a CAMEO actor code — ISO 3166-1 alpha-3",
        "# country (CAMEO's own codes for a few, e.g. SUN) or IGO..., then sectors: GOV",
        "# government, MIL military, LEG legislature, JUD judiciary, SPY intelligence, COP",
        "# police, ELI elite (former office or standing without office); GOV + BUS economy,",
        "# AGR agriculture, MED media, EDU education, HLH health, DEV development, LAB labour,",
        "# ENV environment, HRI human rights, REL religion, REF refugees. START/END are ISO",
        "# dates, inclusive; an empty side is open (`2009-01-20..` = since then, as far as",
        "# the dictionary knows). `default` = undated: holds when no dated role does.",
        f"# Dictionary vintage: the latest date written in the kept roles is {latest}; roles",
        "# left open are only known to hold up to about then.",
        *(f"#   {reason}: {n}" for reason, n in sorted(counts.items())),
        f"#   people written: {len(actors)}",
        "name\taliases\troles",
    ]
    rows = [
        "\t".join([a.name, "|".join(a.aliases), ";".join(map(format_role, a.roles))])
        for a in actors
    ]
    return "\n".join([*header, *rows]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    records: list[ActorRecord] = []
    for name in SOURCE_FILES:
        path = args.source / name
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            print(f"{path}: cannot read ({exc})", file=sys.stderr)
            return 2
        problems: Counter[str] = Counter()
        found = parse_actor_file(text, problems)
        counts[f"records read from {name}"] = len(found)
        counts.update({f"{name}: {k}": v for k, v in problems.items()})
        records += found
    actors = select(records, counts)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / TABLE_FILE).write_text(render_table(actors, counts), encoding="utf-8")
    for reason, n in sorted(counts.items()):
        print(f"{reason}: {n}")
    print(f"wrote {len(actors)} people to {args.out / TABLE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

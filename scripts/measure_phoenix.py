"""How many gold actors of the development articles the actor dictionaries know, and how well.

    PYTHONPATH=$PWD python scripts/measure_phoenix.py [--gold /work/shared/data/articles-dev/gold]

Reads only the gold actors' names and countries and each article's publication date.
For every gold actor that is not a country, counts whether ingest/data/known_actors.yaml
and ingest/data/petrarch/phoenix_actors.tsv know one of its names (case- and
accent-folded, as ingest/dictionary.py matches), and whether the country they give —
known_actors' country, Phoenix's role on the article's date (scripts/phoenix_roles.py) —
is the gold country. Prints the counts; no text is copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

import pycountry

from ingest.dictionary import load_actor_dictionary, match_key
from scripts.phoenix_roles import PhoenixActor, country_of, country_on, read_table, role_on

REPO = Path(__file__).resolve().parent.parent
KNOWN = REPO / "ingest" / "data" / "known_actors.yaml"
PHOENIX = REPO / "ingest" / "data" / "petrarch" / "phoenix_actors.tsv"


def _is_country(names: Iterable[str], country: str | None) -> bool:
    for name in names:
        try:
            if pycountry.countries.lookup(name).alpha_3 == country:
                return True
        except LookupError:
            continue
    return False


def phoenix_index(actors: Iterable[PhoenixActor]) -> dict[str, PhoenixActor]:
    """Folded name and aliases → actor (the first actor claiming a key keeps it)."""
    index: dict[str, PhoenixActor] = {}
    for actor in actors:
        for surface in (actor.name, *actor.aliases):
            index.setdefault(match_key(surface), actor)
    return index


def vintage(actors: Iterable[PhoenixActor]) -> date:
    """The latest date the table writes: open roles are known to hold up to about then."""
    return max(d for a in actors for r in a.roles for d in (r.start, r.end) if d is not None)


def coverage(
    gold_dir: Path,
    known: Mapping[str, str | None],
    phoenix: Mapping[str, PhoenixActor],
    until: date,
) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        published = gold.get("published")
        day = date.fromisoformat(published) if published and published != "unknown" else None
        for actor in gold.get("actors", []):
            names, country = actor.get("names") or [], actor.get("country")
            if not names or _is_country(names, country):
                continue
            counts["gold actors (not countries)"] += 1
            keys = [match_key(n) for n in names]
            in_known = [k for k in keys if k in known]
            in_phoenix = [phoenix[k] for k in keys if k in phoenix]
            counts["known_actors.yaml knows a name"] += bool(in_known)
            counts["known_actors.yaml gives the gold country"] += bool(
                in_known and known[in_known[0]] == country
            )
            counts["phoenix knows a name"] += bool(in_phoenix)
            counts["phoenix knows it, known_actors.yaml does not"] += bool(
                in_phoenix and not in_known
            )
            if in_phoenix:
                role = role_on(in_phoenix[0].roles, day, until)
                counts["phoenix has a role on the article date"] += role is not None
                counts["phoenix role's country is the gold country"] += bool(
                    role and country_of(role.code) == country
                )
                counts["phoenix: article after the vintage or undated"] += (
                    day is None or day > until
                )
                later = country_on(in_phoenix[0].roles, day, until)
                counts["phoenix country_on() is the gold country"] += later == country
                counts["phoenix country_on() is another country"] += later not in (None, country)
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=Path("/work/shared/data/articles-dev/gold"))
    args = parser.parse_args(argv)
    known = {
        match_key(surface): entry.country
        for entry in load_actor_dictionary(KNOWN)
        for surface in (entry.name, *entry.aliases)
    }
    actors = list(read_table(PHOENIX.read_text(encoding="utf-8")))
    until = vintage(actors)
    counts = coverage(args.gold, known, phoenix_index(actors), until)
    print(f"phoenix people: {len(actors)}; vintage (latest date written): {until}")
    for reason, n in counts.items():
        print(f"{reason}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

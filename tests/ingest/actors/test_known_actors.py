"""Checks on the packaged actor dictionary ingest/data/known_actors.yaml (data, not code)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from ingest.actors.names import AliasIndex
from ingest.dictionary import load_actor_dictionary
from ingest.model import ACTOR_KINDS, fold

KNOWN_ACTORS = Path(str(resources.files("ingest") / "data" / "known_actors.yaml"))
FIELDS = {"name", "aliases", "kind", "country", "roles"}
OPTIONAL_FIELDS = {"dated_roles"}  # offices bounded by date, where they changed lately
# Codes in use that ISO 3166-1 lacks: Kosovo's user-assigned code (pycountry has PSE).
EXTRA_CODES = {"XKX", "PSE"}


@dataclass  # not frozen: DictionaryEntryLike declares plain (writable) attributes
class Entry:
    """The shape ingest.actors.names.AliasIndex reads (DictionaryEntryLike)."""

    name: str
    kind: str
    country: str | None
    roles: tuple[str, ...]
    aliases: tuple[str, ...]


@pytest.fixture(scope="module")
def raw() -> list[dict[str, Any]]:
    data = yaml.safe_load(KNOWN_ACTORS.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def entries(raw: list[dict[str, Any]]) -> list[Entry]:
    return [
        Entry(d["name"], d["kind"], d["country"], tuple(d["roles"]), tuple(d["aliases"]))
        for d in raw
    ]


def alias_key(text: str) -> str:
    """Accent/case-folded, punctuation-free form: 'Kim Jong-un' and 'Kim Jong Un' collide."""
    return " ".join(t for t in re.split(r"[^\w]+", fold(text)) if t)


def forms(entry: Entry) -> set[str]:
    return {entry.name, *entry.aliases}


def test_every_entry_has_exactly_the_documented_fields(raw: list[dict[str, Any]]) -> None:
    bad = [
        d.get("name", d)
        for d in raw
        if not isinstance(d, dict) or not FIELDS <= set(d) <= FIELDS | OPTIONAL_FIELDS
    ]
    assert not bad, f"entries with missing or extra fields: {bad}"
    for d in raw:
        assert isinstance(d["name"], str) and d["name"].strip() == d["name"] != ""
        for field in ("aliases", "roles"):
            assert isinstance(d[field], list), d["name"]
            assert all(isinstance(item, str) and item for item in d[field]), d["name"]


def test_kinds_are_actor_kinds_and_countries_are_left_to_the_gazetteer(
    entries: list[Entry],
) -> None:
    assert {e.kind for e in entries} <= set(ACTOR_KINDS) - {"country"}


def test_countries_are_real_iso3_codes(entries: list[Entry]) -> None:
    bad = [
        (e.name, e.country)
        for e in entries
        if e.country is not None
        and e.country not in EXTRA_CODES
        and pycountry.countries.get(alpha_3=e.country) is None
    ]
    assert not bad, f"unknown ISO 3166-1 alpha-3 codes: {bad}"


def test_every_person_has_a_country_and_a_role(entries: list[Entry]) -> None:
    bad = [e.name for e in entries if e.kind == "person" and not (e.country and e.roles)]
    assert not bad, f"persons without country or role: {bad}"


def test_no_duplicate_names(entries: list[Entry]) -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        seen[alias_key(e.name)].append(e.name)
    assert not {k: v for k, v in seen.items() if len(v) > 1}


def test_no_alias_belongs_to_two_entries(entries: list[Entry]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for form in forms(e):
            owners[alias_key(form)].add(e.name)
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"aliases shared by several entries: {clashes}"


def test_single_word_aliases_are_not_english_function_words(entries: list[Entry]) -> None:
    """Matching folds case, so an alias 'WHO' or 'US' would fire on 'Who' and 'us'."""
    bad = [(e.name, a) for e in entries for a in forms(e) if alias_key(a) in STOP_WORDS]
    assert not bad


def test_the_matcher_index_resolves_every_form_to_its_own_entry(entries: list[Entry]) -> None:
    index = AliasIndex.build(entries)
    wrong = [
        (form, hit.name if hit else None)
        for e in entries
        for form in forms(e)
        if (hit := index.lookup(form)) is not e
    ]
    assert not wrong


@pytest.mark.parametrize(
    ("mention", "name", "country"),
    [
        ("Maduro", "Nicolás Maduro", "VEN"),
        ("Nicolas Maduro", "Nicolás Maduro", "VEN"),
        ("Lula", "Luiz Inácio Lula da Silva", "BRA"),
        ("Lula da Silva", "Luiz Inácio Lula da Silva", "BRA"),
        ("Noboa", "Daniel Noboa", "ECU"),
        ("Kast", "José Antonio Kast", "CHL"),
        ("JOSE ANTONIO KAST", "José Antonio Kast", "CHL"),
        ("Zelenskyy", "Volodymyr Zelensky", "UKR"),
        ("Erdogan", "Recep Tayyip Erdoğan", "TUR"),
        ("Kim Jong-un", "Kim Jong Un", "PRK"),
        ("Hugo de Zela", "Hugo de Zela", "PER"),
        ("Ansar Allah", "Houthis", "YEM"),
        ("ISIS", "Islamic State", None),
        ("U.N.", "United Nations", None),
    ],
)
def test_spot_checks(entries: list[Entry], mention: str, name: str, country: str | None) -> None:
    hit = AliasIndex.build(entries).lookup(mention)
    assert hit is not None, mention
    assert (hit.name, hit.country) == (name, country)


def test_ambiguous_surnames_are_not_aliases(entries: list[Entry]) -> None:
    index = AliasIndex.build(entries)
    for surname in ["Lee", "Kim", "Khan", "Ali", "Johnson", "Sharif", "Paz", "Costa", "Duterte"]:
        assert index.lookup(surname) is None, surname


def test_role_of_a_leader_is_the_late_2025_one(entries: list[Entry]) -> None:
    by_name = {e.name: e for e in entries}
    assert by_name["José Antonio Kast"].roles == ("President-elect",)
    assert by_name["Joe Biden"].roles == ("former President",)
    assert by_name["Olaf Scholz"].roles == ("former Chancellor",)
    assert by_name["Friedrich Merz"].roles == ("Chancellor",)


def test_the_packaged_loader_reads_every_entry() -> None:
    dictionary = pytest.importorskip("ingest.dictionary")
    loaded = dictionary.load_actor_dictionary(KNOWN_ACTORS).entries
    raw = yaml.safe_load(KNOWN_ACTORS.read_text(encoding="utf-8"))
    assert {e.name for e in loaded} == {d["name"] for d in raw}


def test_dated_roles_are_ordered_and_load() -> None:
    """Every dated role parses, starts before it ends, and an entry's terms do not overlap."""
    path = resources.files("ingest") / "data" / "known_actors.yaml"
    entries = load_actor_dictionary(Path(str(path))).entries
    dated = [e for e in entries if e.dated_roles]
    assert len(dated) >= 20
    for entry in dated:
        spans = sorted(entry.dated_roles, key=lambda r: r.start or date.min)
        for earlier, later in pairwise(spans):
            assert earlier.end is not None and later.start is not None, entry.name
            assert earlier.end <= later.start, entry.name

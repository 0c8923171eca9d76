"""PETRARCH2-derived data: the files load, keep their license, merge after the curated lexicon."""

from __future__ import annotations

from importlib import resources

import yaml

from ingest.lexicon import load_codebook, load_lexicon, parse_lexicon
from scripts.petrarch_layer import read_layer
from scripts.petrarch_merge import POLICIES, FrameWords, merge_atoms, merged_text
from scripts.phoenix_roles import country_of, read_table

DATA = resources.files("ingest") / "data"
PETRARCH = DATA / "petrarch"


def _text(name: str) -> str:
    return (PETRARCH / name).read_text(encoding="utf-8")


def test_license_travels_with_the_data() -> None:
    notice = _text("LICENSE-petrarch2")
    assert "Copyright (c) 2014 Open Event Data" in notice and "MIT License" in notice
    for name in ("cameo_verbs.yaml", "phoenix_actors.tsv"):
        header = _text(name)[:2000]
        assert "MIT License" in header and "LICENSE-petrarch2" in header


def test_verb_layer_loads_as_a_lexicon_of_its_own() -> None:
    text = _text("cameo_verbs.yaml")
    layer = parse_lexicon(text, "cameo_verbs.yaml", load_codebook(), require_all_roots=False)
    entries = read_layer(text)
    assert len(layer.entries) == len(entries) > 100
    assert all(entry.family for entry in entries)  # every entry names its PETRARCH family
    assert not any(entry.default for entry in entries)  # block defaults are filtered out


def test_family_filter_gives_a_reason_for_every_item() -> None:
    items = yaml.safe_load(_text("family_filter.yaml"))
    assert items and all(item.get("reason") for item in items)
    assert all({"family", "code", "defaults"} & set(item) for item in items)


def test_every_policy_merges_after_the_curated_lexicon() -> None:
    curated_text = (DATA / "event_lexicon.yaml").read_text(encoding="utf-8")
    curated = load_lexicon(layers=("curated",))
    frames = FrameWords.from_yaml((DATA / "modality.yaml").read_text(encoding="utf-8"))
    layer = read_layer(_text("cameo_verbs.yaml"))
    for policy in POLICIES:
        kept, _ = merge_atoms(layer, curated, frames, policy)
        merged = parse_lexicon(merged_text(curated_text, kept, policy), policy, load_codebook())
        # the curated entries come first, unchanged
        assert merged.entries[: len(curated.entries)] == curated.entries
        # a curated verb still gets its curated bare entry
        bare = [e for e in merged.entries_for_verb("meet") if not e.specificity]
        assert bare == [e for e in curated.entries_for_verb("meet") if not e.specificity]


def test_strict_merge_never_lets_the_layer_win_over_a_curated_entry() -> None:
    curated = load_lexicon(layers=("curated",))
    frames = FrameWords.from_yaml((DATA / "modality.yaml").read_text(encoding="utf-8"))
    kept, _ = merge_atoms(read_layer(_text("cameo_verbs.yaml")), curated, frames, "strict")
    for atom in (atom for entry in kept for atom in entry.atoms()):
        specificity = (atom.particle is not None) + (atom.obj is not None)
        for found in curated.entries_for_verb(atom.verb):
            same_words_possible = (
                found.particle is None or atom.particle is None or found.particle == atom.particle
            ) and (not found.objects or atom.obj is None or atom.obj in found.objects)
            assert not (same_words_possible and found.specificity < specificity), (atom, found)


def test_phoenix_table_reads_back_with_dated_offices() -> None:
    people = list(read_table(_text("phoenix_actors.tsv")))
    assert len(people) > 10_000
    assert all(any(r.dated for r in person.roles) for person in people)
    assert len({person.name for person in people}) == len(people)
    assert sum(country_of(r.code) is not None for p in people for r in p.roles) > 10_000

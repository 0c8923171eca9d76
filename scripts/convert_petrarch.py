"""Convert PETRARCH2's CAMEO verb patterns into a second-layer event lexicon for polgraph.

    PYTHONPATH=$PWD python scripts/convert_petrarch.py [--source /work/shared/data/petrarch2]
        [--out ingest/data/petrarch] [--filter FILE | --no-filter] [--scope origin|block]

Reads CAMEO.2.0.txt (scripts/petrarch_verbs.py), turns every verb × pattern into atoms
(verb lemma, particle, object lemma → code) in the project's lexicon terms, drops what the
project's format cannot say and what the file itself gets wrong, removes atoms whose code
the source contradicts, and writes `cameo_verbs.yaml` (entries in the format of
ingest/data/event_lexicon.yaml, one per line, each commented with its PETRARCH family and
source line) plus `LICENSE-petrarch2`. What `family_filter.yaml` lists (measured with
scripts/measure_petrarch.py) is left out unless --no-filter. Prints a summary.
Output is sorted and reruns give identical files.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import shutil
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from ingest.lexicon import load_codebook
from ingest.nlp import load_pipeline
from scripts.petrarch_layer import Atom, LayerEntry, group_atoms, render_entry
from scripts.petrarch_lemmas import Lemmatizer
from scripts.petrarch_verbs import (
    Code,
    Item,
    Pattern,
    VerbBlock,
    VerbDictionary,
    VerbLine,
    parse_verb_dictionary,
)
from scripts.petrarch_words import load_words

SOURCE_FILE = "CAMEO.2.0.txt"
LAYER_FILE = "cameo_verbs.yaml"
FILTER_FILE = "family_filter.yaml"
LICENSE_FILE = "LICENSE-petrarch2"
SOURCE_NOTE = "openeventdata/petrarch2, commit 676801c (2019-03-18), petrarch2/data/dictionaries/"
DEFAULT_SOURCE = Path("/work/shared/data/petrarch2")
Scope = Literal["origin", "block"]
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "ingest" / "data" / "petrarch"


@dataclass(frozen=True)
class VerbForm:
    """A verb of a block in lexicon terms: lemma(s), plus the particle or object of a phrase."""

    lemmas: tuple[str, ...]
    particle: str | None
    obj: str | None


@dataclass(frozen=True)
class Shape:
    """What a pattern asks of the words after the verb, in lexicon terms."""

    particle: str | None
    objects: tuple[str, ...]
    prep: str | None


class Dropped(Exception):
    """A verb line or pattern the project's format cannot express; the reason is the text."""


@dataclass
class Summary:
    """Counts for the printed summary and the file header."""

    blocks: int = 0
    verb_lines: int = 0
    patterns: int = 0
    transformations: int = 0
    verbs_dropped: Counter[str] = field(default_factory=Counter)
    patterns_dropped: Counter[str] = field(default_factory=Counter)
    patterns_converted: int = 0
    atoms_dropped: Counter[str] = field(default_factory=Counter)
    codes_mapped: Counter[str] = field(default_factory=Counter)
    entries: int = 0
    atoms: int = 0

    def lines(self) -> list[str]:
        out = [
            f"verb blocks (families) read: {self.blocks}",
            f"verb lines read: {self.verb_lines}; dropped: {sum(self.verbs_dropped.values())}",
            *(f"  verb dropped, {r}: {n}" for r, n in sorted(self.verbs_dropped.items())),
            f"patterns read: {self.patterns}; converted: {self.patterns_converted}; "
            f"dropped: {self.patterns - self.patterns_converted}",
            *(f"  pattern dropped, {r}: {n}" for r, n in sorted(self.patterns_dropped.items())),
            f"verb-verb transformations (~ lines, not converted): {self.transformations}",
            *(f"  atoms dropped, {r}: {n}" for r, n in sorted(self.atoms_dropped.items())),
            *(f"  code mapped {m}: {n} atoms" for m, n in sorted(self.codes_mapped.items())),
            f"written: {self.entries} entries ({self.atoms} verb/particle/object → code atoms)",
        ]
        return out


# -- words ------------------------------------------------------------------------------
def _alphabetic(word: str) -> bool:
    return word.replace("'", "").isalpha()


def verb_form(line: VerbLine, lemmatizer: Lemmatizer) -> VerbForm:
    """The lexicon form of a verb line; raises Dropped when the format cannot hold it."""
    words = line.words
    if not all(_alphabetic(w) for w in words):
        raise Dropped("hyphenated or non-word verb (spaCy splits it)")
    if len(words) > 2:
        raise Dropped("verb phrase of three or more words")
    if line.head != 0:
        raise Dropped("verb phrase with words before the verb")
    if words[0] in load_words().auxiliaries:
        raise Dropped("auxiliary or copula as verb")
    rest = words[1] if len(words) == 2 else None
    if rest in load_words().conjunctions:
        raise Dropped("coordinated verbs (X_AND_Y)")
    irregular = [form[0] for form in line.forms if form]
    lemmas = lemmatizer.verb_lemmas(words[0], irregular)
    if rest is None:
        return VerbForm(lemmas, None, None)
    if lemmatizer.is_particle(rest):
        return VerbForm(lemmas, rest, None)
    return VerbForm(lemmas, None, lemmatizer.noun_lemma(rest))


def _objects(
    item: Item, synsets: Mapping[str, tuple[tuple[str, ...], ...]], lem: Lemmatizer
) -> tuple[str, ...]:
    if len(item.words) > 1:
        raise Dropped("noun phrase with modifiers ({A B})")
    word = item.words[0]
    if word.startswith("&"):
        name = word[1:].rstrip("_")
        if name not in synsets:
            raise Dropped("unknown synonym set")
        singles = [m[0] for m in synsets[name] if len(m) == 1 and _alphabetic(m[0])]
        if not singles:
            raise Dropped("synonym set without single-word members")
        return tuple(sorted({lem.noun_lemma(w) for w in singles}))
    if not _alphabetic(word):
        raise Dropped("hyphenated or non-word object (spaCy splits it)")
    return (lem.noun_lemma(word),)


def pattern_shape(
    pattern: Pattern, synsets: Mapping[str, tuple[tuple[str, ...], ...]], lem: Lemmatizer
) -> Shape:
    """The constraints of a pattern; raises Dropped when the format cannot hold them.

    `(PREP NOUN)` and `PARTICLE NOUN` both become particle + object (the matcher checks a
    particle among the verb's prt/prep/advmod children and the object among its objects and
    prepositional objects); `(PREP +)` names the target's preposition (the `prep` hint).
    """
    for item in pattern.before:
        if item.kind == "marker" and item.words[0] == "$":
            continue
        if item.kind == "marker" and item.words[0] == "+":
            raise Dropped("target before the verb (reversed roles)")
        raise Dropped("words before the verb (subject or auxiliary constraint)")
    particle: str | None = None
    objects: tuple[str, ...] = ()
    prep: str | None = None
    items = pattern.after
    index = 0
    while index < len(items):
        item = items[index]
        following = items[index + 1] if index + 1 < len(items) else None
        index += 1
        if item.kind == "marker":
            if item.words[0] == "$":
                raise Dropped("source after the verb (reversed roles)")
            if item.words[0] in {"^", "%"}:
                raise Dropped("skip or compound-actor marker (^, %)")
            continue  # "+" after the verb: the target is the object, as the matcher assumes
        word = item.words[0]
        if item.kind == "prep" and word not in load_words().particles:
            raise Dropped("parenthesis not opened by one preposition")
        if item.kind == "prep" or (item.kind == "word" and lem.is_particle(word)):
            if following is not None and following.kind == "marker" and following.words[0] == "+":
                if prep is not None:
                    raise Dropped("more than one preposition")
                prep, index = word, index + 1
            elif particle is None:
                particle = word
            else:
                raise Dropped("more than one preposition")
            continue
        if objects:
            raise Dropped("more than one noun")
        objects = _objects(item, synsets, lem)
    return Shape(particle, objects, prep)


# -- codes ------------------------------------------------------------------------------
def map_code(code: str, codebook: Mapping[str, object]) -> str | None:
    """The code itself when the codebook has it, else its longest listed parent
    (1213 → 121; 176 → 170, the root); None when not even the root is listed."""
    if code in codebook:
        return code
    for length in range(len(code) - 1, 1, -1):
        parent = code[:length]
        if parent in codebook:
            return parent
        if length == 2 and parent + "0" in codebook:
            return parent + "0"
    return None


def _forward(code: Code) -> str:
    if code.forward is None and code.reverse is None:
        raise Dropped("null code [---]")
    if code.forward is None:
        raise Dropped("reverse-only code [:x] (needs target_is_subject)")
    return code.forward


# -- conversion -------------------------------------------------------------------------
def _combine(
    form: VerbForm, shape: Shape, code: str, family: str, line: int, default: bool = False
) -> list[Atom]:
    if form.particle and shape.particle and form.particle != shape.particle:
        return []
    if form.obj and shape.objects:
        return []
    particle = form.particle or shape.particle
    objects: tuple[str | None, ...] = (form.obj,) if form.obj else shape.objects or (None,)
    return [
        Atom(lemma, particle, obj, code, shape.prep, family, line, default)
        for lemma in form.lemmas
        for obj in objects
    ]


def origin_verbs(pattern: Pattern, verbs: Sequence[VerbLine]) -> list[VerbLine]:
    """The verbs of the block a pattern was written for, as its comment names them
    ("# SEND , DEPLOY"); every verb of the block when the comment names none of them.

    The file header: "In the comments section of the patterns, the verb[s] where the
    pattern was originally found is shown". PETRARCH applies a pattern to the whole block.
    """
    named = {w.upper() for w in re.split(r"[\s,]+", pattern.comment) if w}
    found = [
        v
        for v in verbs
        if "_".join(v.words).upper() in named or any("_".join(f).upper() in named for f in v.forms)
    ]
    return found or list(verbs)


def block_atoms(
    block: VerbBlock,
    dictionary: VerbDictionary,
    lem: Lemmatizer,
    summary: Summary,
    scope: Scope = "origin",
) -> dict[int, list[Atom]]:
    """Atoms of one block by source line (the block's header line for bare verbs).

    scope "block": a pattern holds for every verb of the block (PETRARCH's reading);
    "origin": only for the verbs its comment names (see origin_verbs).
    """
    forms: list[tuple[VerbForm, VerbLine]] = []
    out: dict[int, list[Atom]] = defaultdict(list)
    for line in block.verbs:
        try:
            form = verb_form(line, lem)
        except Dropped as reason:
            summary.verbs_dropped[str(reason)] += 1
            continue
        forms.append((form, line))
        own = line.code if line.code is not None else block.code
        if own.forward is not None:
            bare = Shape(None, (), None)
            out[block.line] += _combine(form, bare, own.forward, block.family, block.line, True)
    for pattern in block.patterns:
        try:
            code = _forward(pattern.code)
            shape = pattern_shape(pattern, dictionary.synsets, lem)
            if not forms:
                raise Dropped("block has no usable verb")
        except Dropped as reason:
            summary.patterns_dropped[str(reason)] += 1
            continue
        verbs = origin_verbs(pattern, [v for _, v in forms]) if scope == "origin" else None
        atoms = [
            a
            for f, v in forms
            if verbs is None or v in verbs
            for a in _combine(f, shape, code, block.family, pattern.line)
        ]
        if not atoms:
            summary.patterns_dropped["clashes with every verb phrase of the block"] += 1
        out[pattern.line] += atoms
    return out


def resolve(atoms: Sequence[Atom], summary: Summary) -> list[Atom]:
    """Drop contradicted, duplicate and redundant atoms.

    Contradicted: the same words get two codes anywhere in the file (PETRARCH would pick one
    by accident of order) — all of them go. Duplicate: the same words and code again — the
    first (by family, line) stays. Redundant: an object or particle that leads to the code
    the verb gets without it.
    """
    by_key: dict[tuple[str, str | None, str | None], list[Atom]] = defaultdict(list)
    for atom in sorted(atoms, key=lambda a: (a.family, a.line)):
        by_key[atom.key].append(atom)
    kept: dict[tuple[str, str | None, str | None], Atom] = {}
    for key, found in by_key.items():
        if len({a.code for a in found}) > 1:
            summary.atoms_dropped["contradicted (same words, different codes)"] += len(found)
            continue
        kept[key] = found[0]
        summary.atoms_dropped["duplicate (same words and code)"] += len(found) - 1
    out = []
    for key, atom in kept.items():
        verb, particle, obj = key
        looser = [(verb, particle, None)] if obj else [(verb, None, None)] if particle else []
        other = (verb, None, obj) if obj and particle else None
        same = any(k in kept and kept[k].code == atom.code for k in looser)
        differs = other is not None and other in kept and kept[other].code != atom.code
        if same and not differs:
            summary.atoms_dropped["redundant (same code without the object/particle)"] += 1
            continue
        out.append(atom)
    return out


@dataclass(frozen=True)
class FamilyFilter:
    """What measurement left out: families (verb blocks), code prefixes, block defaults."""

    families: Mapping[str, str]
    code_prefixes: Mapping[str, str]
    defaults: bool = False  # every block default (bare verb → the block's code)

    def drops(self, atom: Atom) -> bool:
        return (
            atom.family in self.families
            or any(atom.code.startswith(p) for p in self.code_prefixes)
            or (self.defaults and atom.default)
        )


def read_filter(path: Path) -> FamilyFilter:
    """family_filter.yaml: a list of items, each {family: NAME}, {code: PREFIX} or
    {defaults: true}, with a `reason` (and the figures that support it)."""
    if not path.exists():
        return FamilyFilter({}, {})
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    families = {str(d["family"]): str(d.get("reason", "")) for d in data if "family" in d}
    prefixes = {str(d["code"]): str(d.get("reason", "")) for d in data if "code" in d}
    defaults = any(d.get("defaults") is True for d in data)
    return FamilyFilter(families, prefixes, defaults)


def convert(
    dictionary: VerbDictionary,
    lem: Lemmatizer,
    codebook: Mapping[str, object],
    keep: FamilyFilter | None = None,
    scope: Scope = "origin",
) -> tuple[list[LayerEntry], Summary]:
    """Entries of the layer and the counts of what was read, converted and dropped."""
    summary = Summary(
        blocks=len(dictionary.blocks),
        verb_lines=sum(len(b.verbs) for b in dictionary.blocks),
        patterns=sum(len(b.patterns) for b in dictionary.blocks),
        transformations=dictionary.transformations,
    )
    atoms: list[Atom] = []
    for block in dictionary.blocks:
        for line_atoms in block_atoms(block, dictionary, lem, summary, scope).values():
            for atom in line_atoms:
                mapped = map_code(atom.code, codebook)
                if mapped is None:
                    summary.atoms_dropped[f"code {atom.code} not in the codebook"] += 1
                    continue
                if mapped != atom.code:
                    summary.codes_mapped[f"{atom.code}→{mapped}"] += 1
                atoms.append(dataclasses.replace(atom, code=mapped))
    before_filter = {a.line for a in atoms}
    if keep is not None:
        dropped = [a for a in atoms if keep.drops(a)]
        summary.atoms_dropped["family or code left out by family_filter.yaml"] += len(dropped)
        atoms = [a for a in atoms if not keep.drops(a)]
    after_filter = {a.line for a in atoms}
    resolved = resolve(atoms, summary)
    entries = group_atoms(resolved)
    kept = {a.line for a in resolved}
    patterns = [p.line for b in dictionary.blocks for p in b.patterns]
    summary.patterns_converted = sum(1 for line in patterns if line in kept)
    for line in patterns:
        if line in before_filter and line not in after_filter:
            summary.patterns_dropped["left out by family_filter.yaml"] += 1
        elif line in after_filter and line not in kept:
            summary.patterns_dropped["all its atoms contradicted, duplicate or redundant"] += 1
    summary.entries, summary.atoms = len(entries), len(resolved)
    return entries, summary


def render_layer(
    entries: Sequence[LayerEntry], summary: Summary, filtered: bool, scope: Scope
) -> str:
    """The layer file: header (source, license, format, counts) and one entry per line."""
    header = [
        "# CAMEO verb patterns of PETRARCH2, converted to polgraph's event-lexicon format: a",
        "# SECOND, lower-priority layer after ingest/data/event_lexicon.yaml (curated entries",
        "# stay first; see scripts/petrarch_merge.py for how the two are combined).",
        f"# Source: {SOURCE_FILE} from {SOURCE_NOTE}.",
        "# Copyright (c) 2015 Open Event Data Alliance; MIT License, full text in",
        "# LICENSE-petrarch2 beside this file (it must travel with this derived data).",
        "# Generated by scripts/convert_petrarch.py — do not edit by hand; rerun it:",
        "#   PYTHONPATH=$PWD python scripts/convert_petrarch.py",
        "# Fields as in event_lexicon.yaml (code, verb, particle, object, prep); no labels",
        "# (the codebook label is shown). The comment after each entry names its PETRARCH",
        "# family (verb block) and the line of CAMEO.2.0.txt it comes from.",
        f"# Pattern scope: {scope} ("
        + (
            "each pattern holds for the verbs its comment names, as the file header says)."
            if scope == "origin"
            else "each pattern holds for every verb of its block, as PETRARCH reads it)."
        ),
        f"# Family filter (family_filter.yaml) applied: {'yes' if filtered else 'no'}.",
        *(f"#   {line}" for line in summary.lines()),
        "",
    ]
    return "\n".join([*header, *map(render_entry, entries)]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--filter", type=Path, default=DEFAULT_OUT / FILTER_FILE)
    parser.add_argument("--no-filter", action="store_true", help="keep every family")
    parser.add_argument(
        "--scope",
        choices=["origin", "block"],
        default="origin",
        help="patterns hold for the verbs their comment names (origin) or the whole block",
    )
    args = parser.parse_args(argv)
    try:
        text = (args.source / SOURCE_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"{args.source / SOURCE_FILE}: cannot read ({exc})", file=sys.stderr)
        return 2
    dictionary = parse_verb_dictionary(text)
    for number, line in dictionary.malformed:
        print(f"{SOURCE_FILE}:{number}: not understood, skipped: {line}", file=sys.stderr)
    keep = None if args.no_filter else read_filter(args.filter)
    lem = Lemmatizer(load_pipeline())
    entries, summary = convert(dictionary, lem, load_codebook(), keep, args.scope)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / LAYER_FILE).write_text(
        render_layer(entries, summary, keep is not None, args.scope), encoding="utf-8"
    )
    shutil.copyfile(args.source / "LICENSE", args.out / LICENSE_FILE)
    print("\n".join(summary.lines()))
    print(f"wrote {args.out / LAYER_FILE} and {args.out / LICENSE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

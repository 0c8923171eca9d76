"""Combine the curated event lexicon with the PETRARCH layer so that curated entries stay first.

The matcher (ingest/lexicon.py) tries a lemma's entries most specific first, then in file
order. Appending the layer after the curated file keeps curated entries ahead at equal
specificity; what else a layer atom may do is the policy:

- `new-lemmas`: no layer atom for a verb lemma the curated lexicon already has.
- `strict`: a layer atom is kept only when no less specific curated entry of its lemma
  could match the same words — so wherever a curated entry matches, it is still the one
  chosen (the layer only fills contexts that curated entries leave open).
- `refine`: only atoms that collide with a curated entry at the same specificity go (the
  loader rejects those); a more specific layer atom may win over a general curated one.

In every policy, the curated design's frame words (ingest/data/modality.yaml) are left
to the curated lexicon: reporting, planned and negating verbs frame other events, and a
light verb only carries the noun that decides the code ("held talks": an event noun
belongs in the noun entries, not in a light-verb pattern).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import yaml

from ingest.lexicon import Lexicon, LexiconEntry
from scripts.petrarch_layer import Atom, LayerEntry, group_atoms, render_entry

Policy = Literal["new-lemmas", "strict", "refine"]
POLICIES: tuple[Policy, ...] = ("new-lemmas", "strict", "refine")


@dataclass(frozen=True)
class FrameWords:
    """Words of ingest/data/modality.yaml that the curated design gives a job other than coding."""

    framing: frozenset[str]  # reporting, planned and negating verbs
    light: frozenset[str]

    @staticmethod
    def none() -> FrameWords:
        """No frame words: every layer atom competes (to measure what the rule is worth)."""
        return FrameWords(frozenset(), frozenset())

    @staticmethod
    def from_yaml(text: str) -> FrameWords:
        data = yaml.safe_load(text)
        framing = {
            str(w)
            for key in ("reporting_verbs", "planned_verbs", "negating_verbs")
            for w in data.get(key, [])
        }
        return FrameWords(frozenset(framing), frozenset(map(str, data.get("light_verbs", []))))


def _specificity(atom: Atom) -> int:
    return (atom.particle is not None) + (atom.obj is not None)


def _compatible(atom: Atom, entry: LexiconEntry) -> bool:
    """Whether some sentence could satisfy both the atom and the curated entry."""
    if entry.particle and atom.particle and entry.particle != atom.particle:
        return False
    return not (entry.objects and atom.obj and atom.obj not in entry.objects)


def _collides(atom: Atom, entry: LexiconEntry) -> bool:
    """The loader's ambiguity rule (ingest/lexicon.py `_check_ambiguity`) for one pair."""
    if entry.particle != atom.particle or entry.specificity != _specificity(atom):
        return False
    objects_meet = (not entry.objects and atom.obj is None) or (atom.obj in entry.objects)
    return objects_meet and not entry.xcomps and entry.code != atom.code


def atom_fate(atom: Atom, curated: Lexicon, frames: FrameWords, policy: Policy) -> str | None:
    """Why the atom cannot join the merged lexicon, or None when it can."""
    if atom.verb in frames.framing:
        return "frame verb (reporting, planned or negating)"
    if atom.verb in frames.light:
        return "light verb (its noun decides the code)"
    entries = curated.entries_for_verb(atom.verb)
    if not entries:
        return None
    if policy == "new-lemmas":
        return "lemma in the curated lexicon"
    if any(_collides(atom, e) for e in entries):
        return "collides with a curated entry"
    if policy == "strict" and any(
        e.specificity < _specificity(atom) and _compatible(atom, e) for e in entries
    ):
        return "would win over a curated entry"
    return None


def merge_atoms(
    entries: Iterable[LayerEntry], curated: Lexicon, frames: FrameWords, policy: Policy
) -> tuple[list[LayerEntry], dict[str, int]]:
    """The layer entries that may follow the curated lexicon, and counts of atoms left out."""
    kept: list[Atom] = []
    left_out: dict[str, int] = {}
    for entry in entries:
        for atom in entry.atoms():
            fate = atom_fate(atom, curated, frames, policy)
            if fate is None:
                kept.append(atom)
            else:
                left_out[fate] = left_out.get(fate, 0) + 1
    return group_atoms(kept), left_out


def merged_text(
    curated_text: str, layer: Sequence[LayerEntry], policy: Policy, tag_labels: bool = False
) -> str:
    """The curated file unchanged, then the layer's entries (labels name their family when
    `tag_labels`, so extraction output can be traced back to a family)."""
    lines = [curated_text.rstrip("\n"), "", f"# ---- PETRARCH2 layer (policy: {policy})"]
    for entry in layer:
        label = f"petrarch {entry.family} l.{entry.line}" if tag_labels else None
        lines.append(render_entry(entry, label))
    return "\n".join(lines) + "\n"

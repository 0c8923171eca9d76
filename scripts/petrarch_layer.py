"""The PETRARCH lexicon layer as data: atoms (verb, particle, object → code), entries, YAML.

An atom is the smallest fact the converter and the merge reason about ("speed" + "to" →
042). Entries group atoms into the project's lexicon format (ingest/data/event_lexicon.yaml:
verb list × object list), one YAML flow mapping per line with a trailing comment naming
the PETRARCH family (verb block) and the source line, so that families can be filtered.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

_ENTRY_LINE = re.compile(
    r"^- (?P<entry>\{.*\})\s+# (?P<family>\S+) l\.(?P<line>\d+)(?P<default> default)?\s*$"
)
_PLAIN = re.compile(r"^[a-z][a-z']*$")
_YAML_KEYWORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


@dataclass(frozen=True, order=True)
class Atom:
    """One converted fact: verb lemma (+ particle, + object lemma) → CAMEO code."""

    verb: str
    particle: str | None
    obj: str | None
    code: str
    prep: str | None
    family: str
    line: int  # line of CAMEO.2.0.txt the fact comes from (pattern, or block header)
    default: bool = False  # the block's (or verb's) own code for the bare verb, no pattern

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        """What the matcher sees: two atoms with one key cannot both hold."""
        return (self.verb, self.particle, self.obj)


@dataclass(frozen=True)
class LayerEntry:
    """One lexicon entry of the layer: every verb × every object (or none) → code."""

    code: str
    verbs: tuple[str, ...]
    particle: str | None
    objects: tuple[str, ...]
    prep: str | None
    family: str
    line: int
    default: bool = False

    def atoms(self) -> list[Atom]:
        objects: tuple[str | None, ...] = self.objects or (None,)
        return [
            Atom(v, self.particle, o, self.code, self.prep, self.family, self.line, self.default)
            for v in self.verbs
            for o in objects
        ]


def group_atoms(atoms: Iterable[Atom]) -> list[LayerEntry]:
    """Entries equivalent to `atoms`: per (family, line, code, particle, prep), verbs that
    take the same objects share one entry. Sorted by family, then source line."""
    objects_of: dict[tuple[str, int, bool, str, str | None, str | None, str], set[str | None]]
    objects_of = defaultdict(set)
    for a in atoms:
        key = (a.family, a.line, a.default, a.code, a.particle, a.prep, a.verb)
        objects_of[key].add(a.obj)
    verbs_of: dict[
        tuple[str, int, bool, str, str | None, str | None, tuple[str, ...]], list[str]
    ] = defaultdict(list)
    for (family, line, default, code, particle, prep, verb), objs in objects_of.items():
        shown = tuple(sorted(o for o in objs if o is not None))
        verbs_of[(family, line, default, code, particle, prep, shown)].append(verb)
    entries = [
        LayerEntry(code, tuple(sorted(verbs)), particle, objects, prep, family, line, default)
        for (family, line, default, code, particle, prep, objects), verbs in verbs_of.items()
    ]
    return sorted(
        entries,
        key=lambda e: (e.family, e.line, e.code, e.particle or "", e.objects, e.verbs),
    )


def _scalar(word: str) -> str:
    """A YAML scalar for a lemma: bare when plain, quoted otherwise (on/off are booleans)."""
    if _PLAIN.match(word) and word not in _YAML_KEYWORDS and "'" not in word:
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _words(words: tuple[str, ...]) -> str:
    return _scalar(words[0]) if len(words) == 1 else "[" + ", ".join(map(_scalar, words)) + "]"


def render_entry(entry: LayerEntry, label: str | None = None) -> str:
    """One YAML list item, `- {code: "042", verb: rush, particle: "to"}  # FAMILY l.718`;
    a block default (bare verb, no pattern) ends in `# FAMILY l.709 default`."""
    parts = [f'code: "{entry.code}"', f"verb: {_words(entry.verbs)}"]
    if entry.particle:
        parts.append(f'particle: "{entry.particle}"')
    if entry.objects:
        parts.append(f"object: {_words(entry.objects)}")
    if entry.prep:
        parts.append(f'prep: "{entry.prep}"')
    if label:
        parts.append(f"label: {_scalar(label)}")
    where = f"{entry.family} l.{entry.line}" + (" default" if entry.default else "")
    return "- {" + ", ".join(parts) + "}" + f"  # {where}"


def read_layer(text: str) -> list[LayerEntry]:
    """The entries of a layer file written by render_entry (other lines are ignored)."""
    entries = []
    for raw in text.splitlines():
        match = _ENTRY_LINE.match(raw)
        if not match:
            continue
        data = yaml.safe_load(match["entry"])

        def words(value: object) -> tuple[str, ...]:
            if value is None:
                return ()
            return (str(value),) if isinstance(value, str) else tuple(map(str, value))  # type: ignore[call-overload]

        entries.append(
            LayerEntry(
                code=str(data["code"]),
                verbs=words(data.get("verb")),
                particle=data.get("particle"),
                objects=words(data.get("object")),
                prep=data.get("prep"),
                family=match["family"],
                line=int(match["line"]),
                default=bool(match["default"]),
            )
        )
    return entries

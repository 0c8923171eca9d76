"""Load and validate the CAMEO codebook and the event-trigger lexicon (ingest/data files)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ingest.errors import ConfigError
from ingest.model import fold

CODEBOOK_FILE = "cameo_codes.tsv"
LEXICON_FILE = "event_lexicon.yaml"
MODALITY_FILE = "modality.yaml"
# The packaged lexicon's layers, highest priority first: the curated entries, then
# PETRARCH2's CAMEO verb patterns (MIT License: data/petrarch/LICENSE-petrarch2).
LAYER_FILES: Mapping[str, str] = MappingProxyType(
    {"curated": LEXICON_FILE, "petrarch": "petrarch/cameo_verbs.yaml"}
)
PACKAGED_LAYERS: tuple[str, ...] = tuple(LAYER_FILES)
ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
ENTRY_FIELDS = frozenset(
    {"code", "verb", "noun", "judgement", "particle", "object", "prep", "xcomp", "genitive"}
    | {"label"}
)
TRIGGER_KINDS = ("verbs", "nouns", "judgements")
# What "X's <noun>" and "the <noun> of X" name when an event noun stands alone (default:
# the possessor acts, the of-phrase undergoes: "Russia's invasion of Georgia").
GENITIVES = frozenset({"agent", "patient"})


@dataclass(frozen=True)
class CameoCode:
    """One row of the CAMEO codebook: what an event code means and how it weighs."""

    code: str
    label: str
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: float  # -10 (most conflictual) .. +10 (most cooperative)

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class LexiconEntry:
    """One trigger: a verb, noun or judgement lemma plus the words that must accompany it.

    A judgement word ("illegal", "a criminal", "historic") is an event when a speaker
    predicates it of someone or something ("called X a criminal", "said the vote was
    illegal"); see ingest/events/judgements.py.

    `specificity` counts the constraints (particle, object, xcomp); the matcher tries the
    most specific entry first so "cut ties" beats a bare "cut".
    """

    code: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    judgements: frozenset[str] = frozenset()
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    prep: str | None = None  # a hint for finding the target, never a matching condition
    xcomps: frozenset[str] = frozenset()
    genitive: str | None = None  # "agent": "Macron's visit"; "patient": "Navalny's arrest"
    label: str = ""
    index: int = 0  # position in the file, for error messages and stable ordering

    @property
    def specificity(self) -> int:
        return (self.particle is not None) + bool(self.objects) + bool(self.xcomps)

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Lexicon:
    """Trigger entries indexed by lemma, most specific first, with the codebook they use."""

    entries: tuple[LexiconEntry, ...]
    codebook: Mapping[str, CameoCode]
    source: str
    _by_verb: Mapping[str, tuple[LexiconEntry, ...]] = field(repr=False, compare=False)
    _by_noun: Mapping[str, tuple[LexiconEntry, ...]] = field(repr=False, compare=False)
    _by_judgement: Mapping[str, tuple[LexiconEntry, ...]] = field(repr=False, compare=False)

    def entries_for_verb(self, lemma: str) -> tuple[LexiconEntry, ...]:
        """Entries whose governing verb is `lemma`, most specific first."""
        return self._by_verb.get(fold(lemma), ())

    def entries_for_noun(self, lemma: str) -> tuple[LexiconEntry, ...]:
        """Entries whose event noun is `lemma`, most specific first."""
        return self._by_noun.get(fold(lemma), ())

    def entries_for_judgement(self, lemma: str) -> tuple[LexiconEntry, ...]:
        """Entries whose judgement word is `lemma` ("illegal", "criminal")."""
        return self._by_judgement.get(fold(lemma), ())

    def code(self, code: str) -> CameoCode:
        """The codebook row of `code` (KeyError if the codebook has no such code)."""
        return self.codebook[code]

    @property
    def verbs(self) -> frozenset[str]:
        return frozenset(self._by_verb)

    @property
    def nouns(self) -> frozenset[str]:
        return frozenset(self._by_noun)


# -- codebook -------------------------------------------------------------------------
@lru_cache(maxsize=1)
def load_codebook() -> Mapping[str, CameoCode]:
    """The packaged CAMEO 1.1b3 codebook, code → CameoCode (read-only, cached)."""
    path = resources.files("ingest") / "data" / CODEBOOK_FILE
    return MappingProxyType(parse_codebook(path.read_text(encoding="utf-8"), CODEBOOK_FILE))


def parse_codebook(text: str, name: str) -> dict[str, CameoCode]:
    """Rows of a `code<TAB>label<TAB>quad_class<TAB>goldstein` table; `#` lines are comments."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    codes: dict[str, CameoCode] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        try:
            item = CameoCode(
                code=row["code"].strip(),
                label=row["label"].strip(),
                quad_class=int(row["quad_class"]),
                goldstein=float(row["goldstein"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{name}: bad codebook row {row!r} ({exc})") from exc
        if item.code in codes:
            raise ConfigError(f"{name}: code {item.code} listed twice")
        codes[item.code] = item
    return codes


# -- lexicon --------------------------------------------------------------------------
def load_lexicon(path: Path | None = None, *, layers: Sequence[str] = PACKAGED_LAYERS) -> Lexicon:
    """The event lexicon: the packaged `layers`, with the user's file at `path` on top.

    The packaged lexicon is the curated entries (data/event_lexicon.yaml), then the
    PETRARCH2 verb patterns (data/petrarch/cameo_verbs.yaml) for the verbs the curated
    file does not define and the curated design does not reserve as frame words
    (modality.yaml: reporting, planned, negating and light verbs). A user's file goes on
    top the same way: it owns every lemma it lists (the packaged entries for those lemmas
    are set aside) and the packaged lexicon still codes everything else. `layers` chooses
    packaged layers by name ("curated", "petrarch"), e.g. the curated one alone.

    Raises ConfigError naming the file and the entry index for unreadable YAML, unknown
    fields, unknown codes, entries that cannot be matched or ambiguous duplicates, and
    for an unknown layer name.
    """
    packaged = packaged_lexicon(tuple(layers))
    if path is None:
        return packaged
    return stack_lexicons([read_lexicon_file(path), packaged])


def read_lexicon_file(path: Path, *, require_all_roots: bool = False) -> Lexicon:
    """One lexicon file alone, validated against the codebook (with `require_all_roots`,
    also that every CAMEO root 01-20 has an entry)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read lexicon ({exc})") from exc
    return parse_lexicon(text, str(path), load_codebook(), require_all_roots=require_all_roots)


@lru_cache(maxsize=4)
def packaged_lexicon(layers: tuple[str, ...] = PACKAGED_LAYERS) -> Lexicon:
    """The packaged layers named in `layers`, stacked in the order given (cached)."""
    unknown = sorted(set(layers) - set(PACKAGED_LAYERS))
    if unknown or not layers:
        raise ConfigError(f"unknown lexicon layer(s) {unknown}; choose from {PACKAGED_LAYERS}")
    data = resources.files("ingest") / "data"
    frames = frame_verbs(data.joinpath(MODALITY_FILE).read_text(encoding="utf-8"))
    found = []
    for name in layers:
        file = LAYER_FILES[name]
        text = data.joinpath(file).read_text(encoding="utf-8")
        curated = name == "curated"
        lexicon = parse_lexicon(text, file, load_codebook(), require_all_roots=curated)
        # only the curated design decides what its frame words do
        found.append(lexicon if curated else stack_lexicons([lexicon], reserved=frames))
    return stack_lexicons(found)


def frame_verbs(modality_yaml: str) -> frozenset[str]:
    """The verbs the curated design gives a job other than coding (modality.yaml):
    reporting, planned and negating verbs frame the event they govern, and a light verb
    only carries the noun that decides the code ("held talks")."""
    data = yaml.safe_load(modality_yaml)
    keys = ("reporting_verbs", "planned_verbs", "negating_verbs", "light_verbs")
    return frozenset(fold(str(word)) for key in keys for word in data.get(key, []))


def stack_lexicons(layers: Sequence[Lexicon], *, reserved: frozenset[str] = frozenset()) -> Lexicon:
    """Lexicons in priority order as one: each layer owns the lemmas it lists, so a lower
    layer's entry keeps only the lemmas no higher layer lists; no layer keeps a `reserved`
    verb. Within a lemma every entry comes from one layer, so the matcher's order (most
    specific first, then file order) is that layer's own."""
    taken: dict[str, frozenset[str]] = {kind: frozenset() for kind in TRIGGER_KINDS}
    taken["verbs"] = reserved
    entries: list[LexiconEntry] = []
    for layer in layers:
        for entry in layer.entries:
            kept = replace(
                entry, **{kind: getattr(entry, kind) - taken[kind] for kind in TRIGGER_KINDS}
            )
            if any(getattr(kept, kind) for kind in TRIGGER_KINDS):
                entries.append(kept)
        for kind in TRIGGER_KINDS:
            taken[kind] |= {lemma for entry in layer.entries for lemma in getattr(entry, kind)}
    source = " + ".join(layer.source for layer in layers)
    return _lexicon(tuple(entries), layers[0].codebook, source)


def parse_lexicon(
    text: str, name: str, codebook: Mapping[str, CameoCode], *, require_all_roots: bool = True
) -> Lexicon:
    """A Lexicon from YAML text (a list of entries); `name` is used in error messages."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}: not valid YAML ({exc})") from exc
    if not isinstance(data, list) or not data:
        raise ConfigError(f"{name}: expected a non-empty list of trigger entries")
    entries = tuple(_entry(raw, index, name, codebook) for index, raw in enumerate(data))
    _check_ambiguity(entries, name)
    if require_all_roots:
        missing = sorted(set(ROOTS) - {e.root for e in entries})
        if missing:
            raise ConfigError(f"{name}: no trigger codes CAMEO root(s) {', '.join(missing)}")
    return _lexicon(entries, codebook, name)


def _lexicon(
    entries: tuple[LexiconEntry, ...], codebook: Mapping[str, CameoCode], source: str
) -> Lexicon:
    return Lexicon(
        entries=entries,
        codebook=MappingProxyType(dict(codebook)),
        source=source,
        _by_verb=_index(entries, "verbs"),
        _by_noun=_index(entries, "nouns"),
        _by_judgement=_index(entries, "judgements"),
    )


def _index(entries: Iterable[LexiconEntry], kind: str) -> Mapping[str, tuple[LexiconEntry, ...]]:
    table: dict[str, list[LexiconEntry]] = {}
    for entry in entries:
        for lemma in getattr(entry, kind):
            table.setdefault(lemma, []).append(entry)
    return MappingProxyType(
        {
            lemma: tuple(sorted(found, key=lambda e: (-e.specificity, e.index)))
            for lemma, found in table.items()
        }
    )


def _entry(raw: Any, index: int, name: str, codebook: Mapping[str, CameoCode]) -> LexiconEntry:
    where = f"{name}: entry {index}"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(raw).__name__}")
    unknown = sorted(set(map(str, raw)) - ENTRY_FIELDS)
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(unknown)}")
    code = raw.get("code")
    if not isinstance(code, str):
        raise ConfigError(f'{where}: code must be a quoted string such as "040", got {code!r}')
    if code not in codebook:
        raise ConfigError(f"{where}: code {code} is not in the CAMEO codebook")
    verbs = _lemmas(raw.get("verb"), f"{where}: verb")
    nouns = _lemmas(raw.get("noun"), f"{where}: noun", max_words=2)
    judgements = _lemmas(raw.get("judgement"), f"{where}: judgement")
    if [bool(verbs), bool(nouns), bool(judgements)].count(True) != 1:
        raise ConfigError(f"{where}: give exactly one of verb, noun or judgement")
    particle = _word(raw.get("particle"), f"{where}: particle")
    if not verbs and particle:
        raise ConfigError(f"{where}: only a verb entry can have a particle")
    if judgements and (raw.get("object") or raw.get("xcomp")):
        raise ConfigError(f"{where}: a judgement entry takes no object or xcomp")
    genitive = raw.get("genitive")
    if genitive is not None and (not nouns or genitive not in GENITIVES):
        raise ConfigError(f"{where}: genitive is agent or patient, on noun entries only")
    label = raw.get("label", "")
    if not isinstance(label, str):
        raise ConfigError(f"{where}: label must be text")
    return LexiconEntry(
        code=code,
        verbs=verbs,
        nouns=nouns,
        judgements=judgements,
        particle=particle,
        objects=_lemmas(raw.get("object"), f"{where}: object"),
        prep=_word(raw.get("prep"), f"{where}: prep"),
        xcomps=_lemmas(raw.get("xcomp"), f"{where}: xcomp"),
        genitive=genitive,
        label=label.strip(),
        index=index,
    )


def _lemmas(value: Any, where: str, max_words: int = 1) -> frozenset[str]:
    """A lemma, a "a|b" alternation or a list of lemmas, folded; empty when absent.
    Nouns may be two words, a compound modifier and the noun ("hunger strike")."""
    if value is None:
        return frozenset()
    items = value.split("|") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise ConfigError(f"{where} must be a lemma or a list of lemmas, got {value!r}")
    lemmas = frozenset(fold(i) for i in items)
    if any(len(lemma.split()) > max_words or "  " in lemma for lemma in lemmas):
        many = "single words" if max_words == 1 else f"at most {max_words} words"
        raise ConfigError(f"{where}: lemmas are {many} (use particle/object for more)")
    return lemmas


def _word(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or " " in value.strip():
        # YAML reads a bare `on`/`off` as a boolean: quote particles.
        raise ConfigError(f'{where} must be one quoted word such as "on", got {value!r}')
    return fold(value)


def _check_ambiguity(entries: tuple[LexiconEntry, ...], name: str) -> None:
    """Reject two entries that can match the same words with the same priority but differ."""
    for kind in TRIGGER_KINDS:
        seen: dict[tuple[str, str | None, int], list[LexiconEntry]] = {}
        for entry in entries:
            for lemma in getattr(entry, kind):
                key = (lemma, entry.particle, entry.specificity)
                for other in seen.get(key, []):
                    if other.code != entry.code and _overlap(other, entry):
                        raise ConfigError(
                            f"{name}: entry {entry.index} ({lemma}, code {entry.code}) is "
                            f"ambiguous with entry {other.index} (code {other.code})"
                        )
                seen.setdefault(key, []).append(entry)


def _overlap(a: LexiconEntry, b: LexiconEntry) -> bool:
    def meets(x: frozenset[str], y: frozenset[str]) -> bool:
        return (not x and not y) or bool(x & y)

    return meets(a.objects, b.objects) and meets(a.xcomps, b.xcomps)

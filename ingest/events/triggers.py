"""Event triggers: the verbs and nouns of a sentence that match a lexicon entry.

An entry matches a token when its particle, object and clausal-complement constraints
hold in the parse ("cut" + ties → 161, not a bare "cut"); a noun counts as the object of
a light verb ("held talks") or as an event noun in its own right ("Russia's invasion").
A trigger governing another one keeps only the inner event, except that a planning verb
("vowed to expel") makes the inner event planned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ingest.events.context import EntryLike, LexiconLike
from ingest.events.judgements import judgement_at
from ingest.events.words import ModalityWords
from ingest.model import fold

COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "dobj"})
# Positions where an event noun stands for its event without a light verb; elsewhere
# (an object, an attribute) it must name its own participants.
STANDALONE_DEPS = frozenset({"nsubj", "pobj", "conj", "ROOT", "appos"})
# Generic violent acts ("killed", "attacked") take the kind of violence from the event
# noun of an in/during phrase ("killed in a gunbattle", "wounded in an airstrike").
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
MEANS_PREPS = frozenset({"in", "during", "through"})
NOUN_ARGUMENT_PREPS = frozenset({"by", "of", "on", "against", "between", "to", "with"})


@dataclass(frozen=True)
class Trigger:
    """A lexicon match: the trigger token, its entry, and the tokens the entry consumed."""

    token: Token
    entry: EntryLike
    nominal: bool
    object_token: Token | None
    predicate: Token  # the verb whose subject is the source (the light verb for nouns)
    judgement: bool = False  # a verdict ("called X a criminal"): object_token is judged
    by_reporter: bool = False  # a verdict the reporter speaks ("said the vote was illegal")


@dataclass(frozen=True)
class Slots:
    """What a token's entries are checked against, read from the parse once per token:
    its particles, candidate objects (with their folded lemma and text) and the lemmas
    of its clausal complements."""

    particles: frozenset[str]
    objects: tuple[tuple[Token, frozenset[str]], ...]
    complements: frozenset[str]


def slots_of(tok: Token) -> Slots:
    """The particles, candidate objects and complement lemmas of `tok`."""
    children = list(tok.children)
    particles = frozenset(c.lower_ for c in children if c.dep_ in {"prt", "prep", "advmod"})
    candidates = [c for c in children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
    preps = [c for c in children if c.dep_ in {"prep", "prt"}]
    candidates += [g for c in preps for g in c.children if g.dep_ == "pobj"]
    clauses = [c for c in children if c.dep_ in {"xcomp", "advcl", "ccomp"}]
    candidates += [g for c in clauses for g in c.children if g.dep_ == "dobj"]
    # "tons of food aid", "dozens of protesters"
    candidates += [
        g
        for c in list(candidates)
        for p in c.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    inner = [c for c in children if c.dep_ in {"xcomp", "ccomp", "advcl", "pcomp"}]
    inner += [g for c in preps if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"]
    return Slots(
        particles,
        tuple((c, frozenset({fold(c.lemma_), fold(c.text)})) for c in candidates),
        frozenset(fold(c.lemma_) for c in inner),
    )


def entry_matches(
    entry: EntryLike, tok: Token, slots: Slots | None = None
) -> tuple[bool, Token | None]:
    """Whether `tok` satisfies the entry's particle/object/xcomp constraints, and the
    object token the entry consumed ("severed ties": ties). `slots` are `tok`'s, if the
    caller has them already."""
    if not (entry.particle or entry.objects or entry.xcomps):
        return True, None
    slots = slots or slots_of(tok)
    if entry.particle and entry.particle not in slots.particles:
        return False, None
    obj: Token | None = None
    if entry.objects:
        obj = next((c for c, words in slots.objects if words & entry.objects), None)
        if obj is None:
            return False, None
    if entry.xcomps and not slots.complements & entry.xcomps:
        return False, None
    return True, obj


def matching_entry(
    entries: Iterable[EntryLike], tok: Token
) -> tuple[EntryLike, Token | None] | None:
    """The first of `entries` (the lexicon lists them most specific first) whose
    constraints hold at `tok`, with the object token it consumed. The parse around
    `tok` is read once, however many entries are tried."""
    slots: Slots | None = None
    for entry in entries:
        if slots is None and (entry.particle or entry.objects or entry.xcomps):
            slots = slots_of(tok)
        ok, obj = entry_matches(entry, tok, slots)
        if ok:
            return entry, obj
    return None


def verb_lemmas(tok: Token) -> tuple[str, ...]:
    """The verb's lemma, plus its e-final form when the lemmatizer dropped the "e"
    ("staged" → "stag" → "stage"); callers use the second only if the first is unknown."""
    lemma = fold(tok.lemma_)
    fuller = lemma + "e"
    if not lemma.endswith("e") and tok.lower_.startswith(fuller) and tok.lower_ != fuller:
        return (lemma, fuller)
    return (lemma,)


def verb_trigger(tok: Token, lexicon: LexiconLike) -> Trigger | None:
    """The most specific entry of verb `tok` whose constraints hold, as a trigger."""
    entries = next((e for e in map(lexicon.entries_for_verb, verb_lemmas(tok)) if e), ())
    found = matching_entry(entries, tok)
    if found is None:
        return None
    if found[1] is not None:
        # "continued a hunger strike": a listed two-word object names the act, not the verb
        compound = matching_entry(compound_entries(found[1], lexicon), found[1])
        if compound is not None:
            return Trigger(found[1], compound[0], True, compound[1], tok)
    return Trigger(tok, means_entry(tok, found[0], lexicon) or found[0], False, found[1], tok)


def means_entry(tok: Token, entry: EntryLike, lexicon: LexiconLike) -> EntryLike | None:
    """The entry of the violent act a generic violent verb names by its circumstance:
    "killed three villagers in a gunbattle" is fighting (190), "killed … in an airstrike"
    an air attack (195), "killed in a car bombing" a bombing (183), not 180 or 190."""
    if entry.code[:2] not in VIOLENT_ROOTS or not entry.code.endswith("0"):
        return None
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in MEANS_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            entries = compound_entries(noun, lexicon) or lexicon.entries_for_noun(fold(noun.lemma_))
            found = next((e for e in entries if e.code[:2] in VIOLENT_ROOTS), None)
            if found is not None and found.code != entry.code:
                return found
    return None


def noun_trigger(
    tok: Token,
    lexicon: LexiconLike,
    light_verbs: frozenset[str],
    frame_nouns: frozenset[str] = frozenset(),
) -> Trigger | None:
    """Event noun `tok` as a trigger: the object of a light verb ("held talks"), or a noun
    standing as subject, object of a preposition or with a possessor ("Russia's invasion")."""
    entries = compound_entries(tok, lexicon) or lexicon.entries_for_noun(fold(tok.lemma_))
    if not entries:
        return None
    at = tok  # the token whose position decides: the frame noun of "a mediation effort"
    if tok.dep_ == "compound" and fold(tok.head.lemma_) in frame_nouns:
        at = tok.head
    head = at.head
    if at.dep_ in {"dobj", "nsubjpass"} and light_verbs & set(verb_lemmas(head)):
        predicate = head
    elif at.dep_ == "attr" and refers_back(head) and not names_a_party(at):
        return None  # "This was Putin's first visit since 2000": the act told before
    elif at.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return None  # "the lifting of sanctions", "the threat of war": not the event itself
    elif at.dep_ in STANDALONE_DEPS or has_own_arguments(at):
        predicate = at  # "the arrest of X by Y", "Russia's invasion", "talks between …"
    else:
        return None  # "suffered a heart attack": an object with no arguments of its own
    found = matching_entry([e for e in entries if not e.particle], tok)
    return Trigger(tok, found[0], True, found[1], predicate) if found else None


def compound_entries(tok: Token, lexicon: LexiconLike) -> Sequence[EntryLike]:
    """The entries of the two-word noun `tok` heads ("hunger strike", "cyber attack"),
    which name another act than the bare noun; none if it heads no listed compound."""
    if tok.i == 0:
        return ()
    before = tok.doc[tok.i - 1]  # one look at the word before, not a walk over the children
    if before.dep_ not in {"compound", "amod"} or before.head.i != tok.i:
        return ()
    return lexicon.entries_for_noun(f"{fold(before.lemma_)} {fold(tok.lemma_)}")


def judgement_trigger(tok: Token, lexicon: LexiconLike, words: ModalityWords) -> Trigger | None:
    """Judgement word `tok` as a trigger ("called X a criminal"): predicate the verb or
    copula that predicates it, object the thing judged."""
    found = judgement_at(tok, lexicon, words)
    if found is None:
        return None
    return Trigger(tok, found.entry, True, found.judged, found.predicate, True, found.by_reporter)


def refers_back(copula: Token) -> bool:
    """Whether the copula's subject is a pronoun ("this", "it", "that"): its event noun,
    unless it names its parties in a phrase ("the first visit by X to Y"), describes an act
    the article has already told, not a new one."""
    return any(c.dep_ == "nsubj" and c.pos_ in {"PRON", "DET"} for c in copula.children)


def names_a_party(tok: Token) -> bool:
    """Whether an event noun has a by/of/on/against/between/to/with phrase."""
    return any(c.dep_ == "prep" and c.lower_ in NOUN_ARGUMENT_PREPS for c in tok.children)


def has_own_arguments(tok: Token) -> bool:
    """Whether an event noun names its own participants: a possessor or a by/of/on/
    against/between/to/with phrase ("condemned Russia's invasion", "the arrest of X")."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in NOUN_ARGUMENT_PREPS)
        for c in tok.children
    )


def sentence_triggers(sent: Span, lexicon: LexiconLike, words: ModalityWords) -> list[Trigger]:
    """The triggers of one sentence in text order, nested and consumed ones left out."""
    verbs: dict[int, Trigger] = {}
    nouns: list[Trigger] = []
    for tok in sent:
        if tok.pos_ == "VERB":
            trigger = verb_trigger(tok, lexicon)
            if trigger is not None:
                verbs[tok.i] = trigger
            continue
        trigger = None
        if tok.pos_ in {"NOUN", "PROPN"} and tok.ent_type_ not in {"PERSON", "GPE", "ORG"}:
            trigger = noun_trigger(tok, lexicon, words.light_verbs, words.frame_nouns)
        if trigger is None and tok.pos_ in {"ADJ", "NOUN"}:
            trigger = judgement_trigger(tok, lexicon, words)
        if trigger is not None:
            nouns.append(trigger)
    consumed = {t.object_token.i for t in verbs.values() if t.object_token is not None}
    # "denounced X as a criminal": the verdict is coded, not the bare verb
    consumed |= {
        t.predicate.i
        for t in nouns
        if t.judgement and t.object_token is not None and t.predicate.i in verbs
    }
    kept: list[Trigger] = []
    for trigger in verbs.values():
        outer = governing_trigger(trigger.token, verbs)
        if outer is None or outer is trigger:
            kept.append(trigger)
            continue
        if fold(outer.token.lemma_) in words.planned_verbs and not outer.entry.xcomps:
            kept.append(trigger)  # "vowed to expel": the inner event, planned
            kept = [k for k in kept if k is not outer]
            consumed.add(outer.token.i)
    kept = [t for t in kept if t.token.i not in consumed or t.nominal]
    # a noun whose predicate verb is itself a trigger is that verb's object ("imposed sanctions")
    for trigger in nouns:
        if trigger.token.i in consumed or (
            trigger.predicate.i in verbs
            and trigger.predicate.i not in consumed
            and not trigger.judgement
        ):
            continue
        kept.append(trigger)
    return sorted(kept, key=lambda t: t.token.i)


def governing_trigger(tok: Token, verbs: dict[int, Trigger]) -> Trigger | None:
    """The trigger whose complement `tok` is ("ruled out re-establishing" → ruled out)."""
    current = tok
    for _ in range(3):
        if current.dep_ not in COMPLEMENT_DEPS and current.dep_ not in {"punct", "prep", "pobj"}:
            return None
        current = current.head
        if current.i in verbs and current.i != tok.i:
            return verbs[current.i]
        if current.head.i == current.i:
            return None
    return None

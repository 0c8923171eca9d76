"""Code events from the dependency parse: trigger (lexicon) + who did it to whom, where, when.

Arguments follow DESIGN.md: subject → source, object or a with/to/against/on phrase →
target, passive agent → source, "between X and Y" → both, coordinated actors → one event
per pair, in/at + place → place. Negation, modality and the reporter of "X said that …"
come from the words governing the trigger (ingest/data/modality.yaml).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Protocol

import yaml
from spacy.tokens import Doc, Span, Token

from ingest.actors import LOCATIVE_PREPS, ActorIndex
from ingest.model import Article, Event, Modality, event_id, fold

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
TARGET_PREPS = (
    "with",
    "to",
    "against",
    "on",
    "toward",
    "towards",
    "into",
    "upon",
    "at",
    "for",
    "from",
    "of",
)
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "dobj"})


class EntryLike(Protocol):
    code: str
    particle: str | None
    objects: frozenset[str]
    prep: str | None
    xcomps: frozenset[str]
    label: str


class CodeLike(Protocol):
    code: str
    label: str
    quad_class: int
    goldstein: float


class LexiconLike(Protocol):
    def entries_for_verb(self, lemma: str) -> Sequence[EntryLike]: ...
    def entries_for_noun(self, lemma: str) -> Sequence[EntryLike]: ...
    def code(self, code: str) -> CodeLike: ...


@dataclass(frozen=True)
class ModalityWords:
    """The word lists of ingest/data/modality.yaml."""

    planned_verbs: frozenset[str]
    planned_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    reporting_verbs: frozenset[str]
    negating_verbs: frozenset[str]
    negations: frozenset[str]
    light_verbs: frozenset[str]


@lru_cache(maxsize=1)
def load_modality_words() -> ModalityWords:
    path = resources.files("ingest") / "data" / "modality.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ModalityWords(**{key: frozenset(map(str, values)) for key, values in data.items()})


@dataclass(frozen=True)
class IntentCodes:
    """ingest/data/intent_codes.yaml: what a planned or demanded act is coded as."""

    planned: dict[str, str]
    demanded: dict[str, str]

    @staticmethod
    def recode(code: str, table: dict[str, str]) -> str | None:
        for length in range(len(code), 1, -1):
            if code[:length] in table:
                return table[code[:length]]
        return None


@lru_cache(maxsize=1)
def load_intent_codes() -> IntentCodes:
    path = resources.files("ingest") / "data" / "intent_codes.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return IntentCodes(planned=dict(data["planned"]), demanded=dict(data["demanded"]))


@dataclass(frozen=True)
class Framing:
    """What the words around a trigger say about it."""

    modality: Modality
    negated: bool
    reporter_verb: Token | None
    obliged: bool  # "must" / "should": with a reporter, a demand


@dataclass(frozen=True)
class Trigger:
    """A lexicon match: the trigger token, its entry, and the tokens the entry consumed."""

    token: Token
    entry: EntryLike
    nominal: bool
    object_token: Token | None
    predicate: Token  # the verb whose subject is the source (the light verb for nouns)


@dataclass(frozen=True)
class EventContext:
    """Per-article lookups the event rules need, built by the pipeline."""

    article: Article
    actors: ActorIndex
    place_at: Callable[[Token], str | None]  # place id of a location token, if any
    date_of: Callable[[Span], tuple[date | None, str | None]]  # a DATE entity → date
    lexicon: LexiconLike
    words: ModalityWords
    place_country: Callable[[str], str | None]  # place id → country actor id
    demonym_country: Callable[[Token], str | None]  # "Indian" → country actor id
    intents: IntentCodes


def find_events(doc: Doc, ctx: EventContext, sentences: Iterable[Span]) -> list[Event]:
    """Events of the given sentences (the pipeline leaves out headings and furniture)."""
    events: dict[str, Event] = {}
    for sent in sentences:
        triggers = _sentence_triggers(sent, ctx)
        for trigger in triggers:
            for event in _code_trigger(trigger, sent, ctx):
                events.setdefault(event.id, event)
    return list(events.values())


# -- triggers -------------------------------------------------------------------------
def _matches(entry: EntryLike, tok: Token) -> tuple[bool, Token | None]:
    """Whether `tok` satisfies the entry's particle/object/xcomp constraints."""
    children = list(tok.children)
    if entry.particle and not any(
        c.dep_ in {"prt", "prep", "advmod"} and c.lower_ == entry.particle for c in children
    ):
        return False, None
    obj: Token | None = None
    if entry.objects:
        candidates = [c for c in children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
        candidates += [
            g for c in children if c.dep_ in {"prep", "prt"} for g in c.children if g.dep_ == "pobj"
        ]
        candidates += [
            g
            for c in children
            if c.dep_ in {"xcomp", "advcl", "ccomp"}
            for g in c.children
            if g.dep_ == "dobj"
        ]
        # "tons of food aid", "dozens of protesters"
        candidates += [
            g
            for c in list(candidates)
            for p in c.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        obj = next(
            (
                c
                for c in candidates
                if fold(c.lemma_) in entry.objects or fold(c.text) in entry.objects
            ),
            None,
        )
        if obj is None:
            return False, None
    if entry.xcomps:
        inner = [c for c in children if c.dep_ in {"xcomp", "ccomp", "advcl", "pcomp"}]
        inner += [g for c in children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"]
        if not any(fold(c.lemma_) in entry.xcomps for c in inner):
            return False, None
    return True, obj


def _verb_lemmas(tok: Token) -> tuple[str, ...]:
    """The verb's lemma, plus its e-final form when the lemmatizer dropped the "e"
    ("staged" → "stag" → "stage"); callers use the second only if the first is unknown."""
    lemma = fold(tok.lemma_)
    fuller = lemma + "e"
    if not lemma.endswith("e") and tok.lower_.startswith(fuller) and tok.lower_ != fuller:
        return (lemma, fuller)
    return (lemma,)


def _verb_trigger(tok: Token, lexicon: LexiconLike) -> Trigger | None:
    lemmas = _verb_lemmas(tok)
    entries = next((e for e in map(lexicon.entries_for_verb, lemmas) if e), ())
    for entry in entries:
        ok, obj = _matches(entry, tok)
        if ok:
            return Trigger(tok, entry, False, obj, tok)
    return None


def _noun_trigger(tok: Token, ctx: EventContext) -> Trigger | None:
    entries = ctx.lexicon.entries_for_noun(fold(tok.lemma_))
    if not entries:
        return None
    head = tok.head
    if tok.dep_ in {"dobj", "nsubjpass"} and ctx.words.light_verbs & set(_verb_lemmas(head)):
        predicate = head
    elif tok.dep_ in {"dobj", "nsubjpass"}:
        return None  # "suffered a heart attack": the verb is not a light verb for this noun
    elif any(c.dep_ == "poss" for c in tok.children) or tok.dep_ in {
        "nsubj",
        "pobj",
        "conj",
        "ROOT",
        "appos",
    }:
        predicate = tok
    else:
        return None
    for entry in entries:
        ok, obj = _matches(entry, tok)
        if ok and not entry.particle:
            return Trigger(tok, entry, True, obj, predicate)
    return None


def _sentence_triggers(sent: Span, ctx: EventContext) -> list[Trigger]:
    verbs: dict[int, Trigger] = {}
    nouns: list[Trigger] = []
    for tok in sent:
        if tok.pos_ == "VERB":
            trigger = _verb_trigger(tok, ctx.lexicon)
            if trigger is not None:
                verbs[tok.i] = trigger
        elif tok.pos_ in {"NOUN", "PROPN"} and tok.ent_type_ not in {"PERSON", "GPE", "ORG"}:
            trigger = _noun_trigger(tok, ctx)
            if trigger is not None:
                nouns.append(trigger)
    consumed = {t.object_token.i for t in verbs.values() if t.object_token is not None}
    kept: list[Trigger] = []
    for trigger in verbs.values():
        outer = _governing_trigger(trigger.token, verbs)
        if outer is None:
            kept.append(trigger)
            continue
        if fold(outer.token.lemma_) in ctx.words.planned_verbs and not outer.entry.xcomps:
            kept.append(trigger)  # "vowed to expel": the inner event, planned
            kept = [k for k in kept if k is not outer]
            consumed.add(outer.token.i)
    kept = [t for t in kept if t.token.i not in consumed or t.nominal]
    # a noun whose predicate verb is itself a trigger is that verb's object ("imposed sanctions")
    for trigger in nouns:
        if trigger.token.i in consumed or (
            trigger.predicate.i in verbs and trigger.predicate.i not in consumed
        ):
            continue
        kept.append(trigger)
    return sorted(kept, key=lambda t: t.token.i)


def _governing_trigger(tok: Token, verbs: dict[int, Trigger]) -> Trigger | None:
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


# -- arguments ------------------------------------------------------------------------
def _actors_under(
    tok: Token | None,
    actors: ActorIndex,
    depth: int = 0,
    demonym: Callable[[Token], str | None] | None = None,
) -> list[str]:
    """Actors a noun phrase refers to, expanding coordination and appositions."""
    if tok is None or depth > 3:
        return []
    found = list(actors.actors_at(tok))
    if not found or all(a in actors.lazy for a in found):
        # a named actor in apposition beats a generic head ("the state oil company PDVSA")
        named = [
            a
            for child in tok.children
            if child.dep_ in {"appos", "compound", "amod", "nmod"}
            for a in _actors_under(child, actors, depth + 1)
            if a not in actors.lazy
        ]
        found = named or found
    if not found:
        for child in tok.children:
            if child.dep_ in {"appos", "compound", "nmod", "poss"}:
                found.extend(_actors_under(child, actors, depth + 1))
            if found:
                break
    if not found and tok.pos_ in {"NOUN", "PROPN"}:
        # "the government of Iraq", "leaders of Chile and Peru"
        for prep in (
            c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "by", "from"}
        ):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found.extend(_actors_under(obj, actors, depth + 1))
    if not found and demonym is not None and tok.pos_ == "NOUN":
        # "an Indian proposal", "a Senegalese peace plan": the country behind the thing
        for child in tok.children:
            country = demonym(child) if child.dep_ in {"amod", "compound"} else None
            if country:
                found.append(country)
    for child in tok.children:
        if child.dep_ == "conj":
            found.extend(_actors_under(child, actors, depth + 1, demonym))
    return list(dict.fromkeys(found))


def _between(tok: Token | None, actors: ActorIndex) -> list[str]:
    """Actors of a 'between X and Y' phrase attached to `tok`."""
    if tok is None:
        return []
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"between", "among"}):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            return _actors_under(obj, actors)
    return []


def _subject(pred: Token) -> tuple[Token | None, bool]:
    """The predicate's subject token and whether the clause is passive."""
    current = pred
    for _ in range(4):
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in current.children)
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return child, passive
        if current.dep_ == "relcl" or (
            current.dep_ == "acl" and current.head.dep_ not in {"dobj", "pobj"}
        ):
            return current.head, passive  # "Kast, who met …": the noun the clause describes
        if current.dep_ == "acl":
            # "X issued a declaration demanding …": the subject of the verb above the noun
            current = current.head.head if current.head.dep_ == "dobj" else current.head
            continue
        if (
            current.dep_ not in {"xcomp", "conj", "advcl", "ccomp", "pcomp"}
            or current.head.i == current.i
        ):
            return None, passive
        current = current.head
    return None, False


def _target_tokens(trigger: Trigger) -> list[Token]:
    """Candidate target tokens in priority order (object, then prepositions, then deeper)."""
    tok, entry = trigger.token, trigger.entry
    out: list[Token] = []
    frontier = [tok]
    if trigger.object_token is not None and trigger.object_token.i != tok.i:
        frontier.append(trigger.object_token)
    preps = (entry.prep, *TARGET_PREPS) if entry.prep else TARGET_PREPS
    for depth in range(3):
        nxt: list[Token] = []
        for node in frontier:
            kids = list(node.children)
            if depth > 0 and node.pos_ in {"VERB", "AUX"}:
                out += [
                    c for c in kids if c.dep_ in {"nsubj", "nsubjpass"}
                ]  # "demanded that the US cancel"
            if not trigger.nominal or node.i != tok.i:
                out += [c for c in kids if c.dep_ in {"dobj", "dative", "iobj", "attr"}]
            for name in preps:
                for prep in (
                    c for c in kids if c.dep_ in {"prep", "prt", "agent"} and c.lower_ == name
                ):
                    out += [g for g in prep.children if g.dep_ == "pobj"]
            if depth < 2:
                nxt += [
                    c
                    for c in kids
                    if c.dep_ in {"xcomp", "ccomp", "pcomp", "dobj", "advcl"} and c.i > tok.i - 1
                ]
        frontier = nxt
    return out


def _place_for(trigger: Trigger, sent: Span, ctx: EventContext) -> str | None:
    """The nearest in/at place attached to the trigger, its object or target phrase."""
    seen: list[tuple[int, str]] = []
    roots = [trigger.token, trigger.predicate]
    if trigger.object_token is not None:
        roots.append(trigger.object_token)
    for root in roots:
        for tok in root.subtree:
            if (
                tok.dep_ == "pobj"
                and tok.head.lower_ in LOCATIVE_PREPS
                and not _in_time_phrase(tok, root)
            ):
                place = ctx.place_at(tok)
                if place and _clause_of(tok) in {root.i, trigger.token.i, trigger.predicate.i}:
                    seen.append((abs(tok.i - trigger.token.i), place))
    return min(seen)[1] if seen else None


TIME_PREPS = frozenset(
    {"before", "after", "during", "following", "since", "until", "ahead", "prior"}
)


def _in_time_phrase(tok: Token, root: Token) -> bool:
    """Whether `tok` sits in a time phrase ("Before his stop in Quito, Kast met …")."""
    current = tok
    while current.i != root.i and current.head.i != current.i:
        current = current.head
        if current.dep_ in {"prep", "mark"} and current.lower_ in TIME_PREPS:
            return True
    return False


def _clause_of(tok: Token) -> int:
    """Index of the nearest verb (or sentence root) governing `tok`."""
    current = tok.head
    while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
        current = current.head
    return current.i


def _date_for(trigger: Trigger, sent: Span, ctx: EventContext) -> tuple[date | None, str | None]:
    dates = [ent for ent in sent.ents if ent.label_ == "DATE"]
    if not dates:
        return ctx.article.published, None
    own = [e for e in dates if _clause_of(e.root) in {trigger.token.i, trigger.predicate.i}]
    if not own:
        # a date in another clause ("who assumes office on March 11") is not this event's
        return ctx.article.published, None
    chosen = min(own, key=lambda e: abs(e.start - trigger.token.i))
    return ctx.date_of(chosen)


def _framing(trigger: Trigger, ctx: EventContext) -> Framing:
    """Negation, modality, obligation and the reporting verb, from the words above the trigger.

    Walks up from the trigger through complement clauses to the first reporting verb
    ("X said that …") or "according to"; "would" under a reporting verb is a future in
    the past (planned), elsewhere a hypothetical.
    """
    words = ctx.words
    chain = [trigger.token]
    current = trigger.predicate if trigger.nominal else trigger.token
    if current.i != trigger.token.i:
        chain.append(current)
    reporter_verb: Token | None = None
    while (
        current.dep_ in {"xcomp", "ccomp", "advcl", "conj", "pcomp", "relcl", "acl"}
        and current.head.i != current.i
    ):
        current = current.head
        if fold(current.lemma_) in words.reporting_verbs:
            reporter_verb = current
            break
        chain.append(current)
    if reporter_verb is None:
        for node in chain:
            for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "according"):
                reporter_verb = prep
    negated = obliged = planned = hypothetical = False
    for depth, node in enumerate(chain):
        kids = list(node.children)
        if any(
            c.dep_ == "neg" or (c.lower_ in words.negations and c.dep_ in {"det", "advmod"})
            for c in kids
        ):
            negated = True
        lemma = fold(node.lemma_)
        if depth > 0 and lemma in words.negating_verbs:
            negated = True
        aux = {fold(c.lemma_) for c in kids if c.dep_ in {"aux", "auxpass"}} | {
            c.lower_ for c in kids if c.dep_ == "aux"
        }
        marks = {c.lower_ for c in kids if c.dep_ == "mark"}
        obliged = obliged or bool(aux & {"must", "should"})
        future_in_past = bool(aux & {"would", "wo"}) and reporter_verb is not None
        if (
            aux & words.planned_aux
            or (depth > 0 and lemma in words.planned_verbs)
            or future_in_past
        ):
            planned = True
        elif aux & words.hypothetical_aux or marks & words.hypothetical_marks:
            hypothetical = True
    modality: Modality = "hypothetical" if hypothetical else "planned" if planned else "asserted"
    return Framing(modality, negated, reporter_verb, obliged)


def _reporter(verb: Token | None, actors: ActorIndex) -> str | None:
    if verb is None:
        return None
    if verb.lower_ == "according":
        for to in verb.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    found = _actors_under(obj, actors) or [
                        a for t in obj.subtree for a in actors.actors_at(t)
                    ]
                    if found:
                        return found[0]
        return None
    subject, _ = _subject(verb)
    found = _actors_under(subject, actors)
    return found[0] if found else None


def _arguments(trigger: Trigger, ctx: EventContext) -> tuple[Token | None, list[str], list[str]]:
    """(subject token, source actors, target actors) of a trigger, from the parse."""
    actors = ctx.actors
    subject, passive = _subject(trigger.predicate)
    if trigger.nominal and trigger.predicate.i == trigger.token.i:
        subject, passive = (
            next((c for c in trigger.token.children if c.dep_ == "poss"), None),
            False,
        )
    sources = _actors_under(subject, actors)
    targets: list[str] = []
    if passive and not trigger.nominal:
        agent = [
            g
            for c in trigger.token.children
            if c.dep_ == "agent"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        patient = sources
        sources = _actors_under(agent[0], actors) if agent else []
        if (
            subject is not None
            and trigger.object_token is not None
            and trigger.object_token.i == subject.i
        ):
            patient = []  # "Relations … have been severed": the subject is the coded object
        targets = patient
    pair = (
        _between(trigger.object_token, actors)
        or _between(subject, actors)
        or _between(trigger.token, actors)
    )
    if not sources and len(pair) >= 2:
        sources, targets = pair[:1], pair[1:]
    if not targets:
        targets = _best_targets(trigger, ctx, sources)
    return subject, sources, targets


def _best_targets(trigger: Trigger, ctx: EventContext, sources: list[str]) -> list[str]:
    """The first candidate phrase naming an actor; a named actor beats a generic noun."""
    own = {f"country:{a.country}" for s in sources if (a := ctx.actors.actors.get(s)) and a.country}
    fallback: list[str] = []
    for tok in _target_tokens(trigger):
        if tok.head.lower_ in LOCATIVE_PREPS and (tok.head.lower_ != "at" or ctx.place_at(tok)):
            continue  # "in Quito", "at the palace": places; "fired at protesters": a target
        # a Chilean acting "from Chile" is not acting on Chile
        found = [
            a
            for a in _actors_under(tok, ctx.actors, demonym=ctx.demonym_country)
            if a not in sources and a not in own
        ]
        if any(a not in ctx.actors.lazy for a in found):
            return found
        fallback = fallback or found
    return fallback


def _recode(
    trigger: Trigger,
    framing: Framing,
    reporter: str | None,
    sources: list[str],
    targets: list[str],
    ctx: EventContext,
) -> tuple[str, list[str], list[str], Modality]:
    """CAMEO's rules for talk about acts: "said Y must …" is a demand; a planned act an intent."""
    code, modality = trigger.entry.code, framing.modality
    if framing.obliged and reporter is not None and reporter not in sources:
        demanded = ctx.intents.recode(code, ctx.intents.demanded)
        if demanded:
            return demanded, [reporter], sources, "asserted"
    if modality == "planned" and not framing.negated:
        code = ctx.intents.recode(code, ctx.intents.planned) or code
    if reporter is not None and modality == "asserted" and reporter not in sources:
        modality = "reported"
    return code, sources, targets, modality


def _code_trigger(trigger: Trigger, sent: Span, ctx: EventContext) -> Iterator[Event]:
    actors = ctx.actors
    subject, sources, targets = _arguments(trigger, ctx)
    if not sources:
        return
    framing = _framing(trigger, ctx)
    reporter = _reporter(framing.reporter_verb, actors)
    cameo, sources, targets, modality = _recode(trigger, framing, reporter, sources, targets, ctx)
    place = _place_for(trigger, sent, ctx)
    confidence_target = 1.0
    if not targets and place:
        # "Serbia lifted a curfew in Montenegro": CAMEO's target is where the act lands
        country = ctx.place_country(place)
        if country and all(
            actors.actors.get(s) is None or f"country:{actors.actors[s].country}" != country
            for s in sources
        ):
            targets, confidence_target = [country], 0.7
    pairs: list[tuple[str, str | None]]
    if not targets and len(sources) >= 2:
        # "X and Y agreed …": one event per pair of the coordinated subjects
        pairs = [(s, t) for n, s in enumerate(sources) for t in sources[n + 1 :]]
    else:
        ends: list[str | None] = list(targets) if targets else [None]
        pairs = [(s, t) for s in sources for t in ends if s != t]
    code = ctx.lexicon.code(cameo)
    label = (
        trigger.entry.label if cameo == trigger.entry.code and trigger.entry.label else code.label
    )
    day, day_text = _date_for(trigger, sent, ctx)
    base = 0.85 if not trigger.nominal else 0.75
    for source, target in pairs:
        confidence = base * _mention_confidence(source, subject, actors) * confidence_target
        confidence *= 1.0 if target else 0.8
        yield Event(
            id=event_id(ctx.article.id, trigger.token.idx, code.code, source, target),
            cameo=code.code,
            label=label,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            source=source,
            target=target,
            sentence=sent.text.strip(),
            start=sent.start_char,
            end=sent.end_char,
            place=place,
            date=day,
            date_text=day_text,
            negated=framing.negated,
            modality=modality,
            reporter=reporter if reporter not in {source, target} else None,
            confidence=round(confidence, 3),
            trigger=trigger.token.text,
        )


def _mention_confidence(actor: str, subject: Token | None, actors: ActorIndex) -> float:
    if subject is None:
        return 0.7
    return actors.confidence.get(subject.i, 0.9)

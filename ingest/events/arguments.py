"""Who did it to whom: an event's source and target actors, from the dependency parse.

Subject → source, object or a with/to/against/on phrase → target, passive agent →
source, "between X and Y" → both; coordination and appositions are expanded, and a
named actor beats a generic noun.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ingest.actors import ActorIndex
from ingest.events.context import EventContext
from ingest.events.triggers import Trigger
from ingest.model import Actor, actor_id, fold
from ingest.syntax import prep_objects

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
# What a statement is about names its target: "concern over Japan's buildup", "angry about
# the Russian move" (public statements, approval, disapproval, rejection).
TOPIC_PREPS = ("over", "about")
TOPIC_ROOTS = frozenset({"01", "05", "11", "12"})
PLACE_TARGET_PREPS = frozenset({"on", "against", "into", "toward", "towards", "upon"})
CONDITIONS = frozenset({"if", "unless"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})


@dataclass(frozen=True)
class Arguments:
    """A trigger's subject token and its source and target actor ids."""

    subject: Token | None
    sources: list[str]
    targets: list[str]


def home_country(actor: Actor | None) -> str | None:
    """The id of the country actor `actor` belongs to (`country:CHL`), if it has one."""
    if actor is None or not actor.country:
        return None
    return actor_id("country", actor.country, actor.country)


def phrase_actors(
    tok: Token | None,
    actors: ActorIndex,
    depth: int = 0,
    demonym: Callable[[Token], str | None] | None = None,
) -> list[str]:
    """Actors a noun phrase refers to, expanding coordination and appositions."""
    if tok is None or depth > 3:
        return []
    found = list(actors.actors_at(tok))
    if found and not any(is_person(a, actors) for a in found):
        # "US president Joe Biden", "the foreign minister of Canada, Mélanie Joly": the
        # person named in apposition is meant, not the country of the title
        people = [
            a
            for child in tok.children
            if child.dep_ == "appos"
            for a in actors.actors_at(child)
            if is_person(a, actors) and a not in actors.lazy
        ]
        found = people or found
    if not found or all(a in actors.lazy for a in found):
        # a named actor in apposition beats a generic head ("the state oil company PDVSA"),
        # then a country owning it ("New Zealand's parliament"; not "Khan's aides")
        named = [
            a
            for child in tok.children
            if child.dep_ in {"appos", "compound", "amod", "nmod"}
            for a in phrase_actors(child, actors, depth + 1)
            if a not in actors.lazy
        ] or [
            a
            for child in tok.children
            if child.dep_ == "poss"
            for a in phrase_actors(child, actors, depth + 1)
            if a.startswith("country:")
        ]
        if any(is_person(a, actors) for a in named):
            # "US president Joe Biden": the person, not also the country of the title
            named = [a for a in named if is_person(a, actors)]
        if not named and found and not any(a.startswith("group:") for a in found):
            # a state body "of"/"from" a named actor is that actor's ("officials from
            # Tehran and Riyadh", "troops of the United States"); a group is not
            # ("supporters of Ben Bella", "refugees from Syria")
            named = [
                a
                for obj in prep_objects(tok.children, frozenset({"of", "from"}))
                for a in phrase_actors(obj, actors, depth + 1)
                if a not in actors.lazy
            ]
        found = named or found
    if not found:
        for child in tok.children:
            if child.dep_ in {"appos", "compound", "nmod", "poss"}:
                found.extend(phrase_actors(child, actors, depth + 1))
            if found:
                break
    if not found and tok.pos_ in {"NOUN", "PROPN"}:
        # "the government of Iraq", "leaders of Chile and Peru", "the deal between X and Y"
        for obj in prep_objects(tok.children, frozenset({"of", "by", "from", "between"})):
            found.extend(phrase_actors(obj, actors, depth + 1))
    if not found and demonym is not None and tok.pos_ == "NOUN":
        # "an Indian proposal", "a Senegalese peace plan": the country behind the thing
        for child in tok.children:
            country = demonym(child) if child.dep_ in {"amod", "compound"} else None
            if country:
                found.append(country)
    for child in tok.children:
        if child.dep_ == "conj":
            found.extend(phrase_actors(child, actors, depth + 1, demonym))
    return list(dict.fromkeys(found))


def is_person(ident: str, actors: ActorIndex) -> bool:
    actor = actors.actors.get(ident)
    return actor is not None and actor.kind == "person"


def between_actors(tok: Token | None, actors: ActorIndex) -> list[str]:
    """Actors of a 'between X and Y' phrase attached to `tok`."""
    if tok is None:
        return []
    first = next(prep_objects(tok.children, frozenset({"between", "among"})), None)
    return phrase_actors(first, actors) if first is not None else []


def subject_of(pred: Token, control: frozenset[str] = frozenset()) -> tuple[Token | None, bool]:
    """The predicate's subject token and whether the clause is passive. `control` lists
    the adjectives whose subject acts in their complement ("Syria is willing to
    withdraw"); others are not climbed ("it is impossible to talk with them")."""
    current = pred
    below = ""  # the link climbed to reach `current`
    for _ in range(4):
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in current.children)
        if below == "xcomp":
            # object control: "urged the US to stop …", "asked Iran to release …": the
            # object acts in the complement, not the subject
            controller = next((c for c in current.children if c.dep_ == "dobj"), None)
            if controller is not None and controller.pos_ in {"PROPN", "NOUN", "PRON"}:
                return controller, False
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return child, passive
            if below == "xcomp" and child.dep_ == "nsubjpass":
                return child, False  # "Iran was forced to release …": Iran releases
        # the parser sometimes hangs the subject on the auxiliary ("Khan has, meanwhile,
        # called on …": Khan ← has)
        for aux in current.children:
            if aux.dep_ in {"aux", "auxpass"}:
                for child in aux.children:
                    if child.dep_ in SUBJECT_DEPS or child.dep_ == "nsubjpass":
                        return child, passive or child.dep_ == "nsubjpass"
        if current.dep_ == "relcl" or (
            current.dep_ == "acl" and current.head.dep_ not in {"dobj", "pobj"}
        ):
            return current.head, passive  # "Kast, who met …": the noun the clause describes
        if current.dep_ == "acl":
            owner = next((c for c in current.head.children if c.dep_ == "poss"), None)
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            if owner is not None and infinitive:
                return owner, passive  # "welcomed Sudan's decision to release …": Sudan
            # "X issued a declaration demanding …": the subject of the verb above the noun
            current = current.head.head if current.head.dep_ == "dobj" else current.head
            continue
        climbs = {"xcomp", "conj", "advcl", "ccomp", "pcomp"}
        if current.dep_ == "acomp" and fold(current.lemma_) in control:
            climbs.add("acomp")
        if (
            current.dep_ not in climbs
            or current.head.i == current.i
            or (not below and any(c.dep_ == "nsubjpass" for c in current.children))
        ):
            # a passive clause with its own subject has no agent above it: "Biden said
            # no troops would be deployed" does not make Biden the one who deploys
            return None, passive
        below = current.dep_
        current = current.head
    return None, False


def target_candidates(trigger: Trigger) -> list[Token]:
    """Candidate target tokens in priority order (object, then prepositions, then deeper)."""
    tok, entry = trigger.token, trigger.entry
    out: list[Token] = []
    frontier = [tok]
    if trigger.object_token is not None and trigger.object_token.i != tok.i:
        frontier.append(trigger.object_token)
    preps = (entry.prep, *TARGET_PREPS) if entry.prep else TARGET_PREPS
    if entry.code[:2] in TOPIC_ROOTS:
        preps = (*preps, *TOPIC_PREPS)
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
            by_word: dict[str, list[Token]] = {}
            for c in kids:
                # "sent troops to Haiti": the parser calls that "to" a dative
                if c.dep_ in {"prep", "prt", "agent"} or (c.dep_ == "dative" and c.pos_ == "ADP"):
                    by_word.setdefault(c.lower_, []).append(c)
            for name in dict.fromkeys(preps):  # in priority order, each word once
                for prep in by_word.get(name, ()):
                    out += [g for g in prep.children if g.dep_ == "pobj"]
            if depth < 2:
                nxt += [
                    c
                    for c in kids
                    if (
                        c.dep_ in {"xcomp", "ccomp", "pcomp", "dobj"}
                        or (c.dep_ == "advcl" and purpose_clause(c))
                    )
                    and c.i > tok.i - 1
                ]
        frontier = nxt
    return out


def purpose_clause(clause: Token) -> bool:
    """Whether an adverbial clause can name the act's target: one that says what the act
    is for or how it went ("fired to disperse the crowd", "marched, accusing X") or the
    condition of a threat ("threatened to stop talks if the US …"); not a clause of its
    own ("as police cracked down on X", "because Y …")."""
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark"), None)
    if mark is not None:
        return mark in CONDITIONS
    return not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)


def event_arguments(trigger: Trigger, ctx: EventContext) -> Arguments:
    """The subject token and the source and target actors of a trigger, from the parse."""
    actors = ctx.actors
    if trigger.judgement:
        return judgement_arguments(trigger, ctx)
    if trigger.nominal and trigger.predicate.i == trigger.token.i:
        return standalone_noun_arguments(trigger, ctx)
    subject, passive = subject_of(trigger.predicate, ctx.words.control_adjectives)
    sources = phrase_actors(subject, actors)
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
        sources = phrase_actors(agent[0], actors) if agent else []
        if (
            subject is not None
            and trigger.object_token is not None
            and trigger.object_token.i == subject.i
        ):
            patient = []  # "Relations … have been severed": the subject is the coded object
        targets = patient
    pair = (
        between_actors(trigger.object_token, actors)
        or between_actors(subject, actors)
        or between_actors(trigger.token, actors)
    )
    if not sources and len(pair) >= 2:
        sources, targets = pair[:1], pair[1:]
    if not targets:
        targets = best_targets(trigger, ctx, sources)
    return Arguments(subject, sources, targets)


def standalone_noun_arguments(trigger: Trigger, ctx: EventContext) -> Arguments:
    """The arguments of an event noun standing alone: "the arrest of X by Y", "X's visit to
    Y", "US sanctions on Iran", "talks between X and Y".

    A by-phrase is the agent. Otherwise the possessor and the of-phrase are read by the
    entry's `genitive`: by default the possessor acts and the of-phrase undergoes
    ("Russia's invasion of Georgia"); "agent" nouns take either as the agent ("Macron's
    visit"), "patient" nouns as the one it is done to ("Navalny's arrest"). A modifier
    naming an actor ("US sanctions", "Israeli airstrikes") is the agent only when the
    noun also names a different target, so "the Ukraine war" codes nothing. A noun event
    standing alone is coded only between actors: without a target it codes nothing
    ("Russia's war", "the planned release"), unless it is a statement or an agent noun
    whose actor is named ("Macron's visit", "the leaders' meeting"); a patient noun's
    target is its undergoer.
    """
    tok, actors = trigger.token, ctx.actors
    possessor = next((c for c in tok.children if c.dep_ == "poss"), None)
    genitive = next(prep_objects(tok.children, frozenset({"of"})), None)
    by = frozenset({"by"})
    agent = next(prep_objects(tok.children, by), None) or (
        next(prep_objects(genitive.children, by), None) if genitive is not None else None
    )  # "the arrest of X by Y", however the parser attaches "by Y"
    kind = trigger.entry.genitive
    if agent is not None:
        subject, undergoers = agent, [possessor, genitive]
    elif kind == "patient":
        subject, undergoers = None, [possessor, genitive]
    elif kind == "agent" or genitive is None:
        subject, undergoers = possessor or genitive, []
    else:
        subject, undergoers = possessor, [genitive]
    sources = phrase_actors(subject, actors, demonym=ctx.demonym_country)
    targets = [
        a
        for u in undergoers
        for a in phrase_actors(u, actors, demonym=ctx.demonym_country)
        if a not in sources
    ]
    if not targets and kind != "patient":
        targets = best_targets(trigger, ctx, sources, skip={agent, possessor, genitive})
    if not sources:
        pair = between_actors(tok, actors)
        if len(pair) >= 2:
            return Arguments(None, pair[:1], pair[1:])
        modifier = modifier_actors(tok, ctx)
        sources = modifier if any(t not in modifier for t in targets) else []
        targets = [t for t in targets if t not in sources]
    if not targets and not (sources and (kind == "agent" or trigger.entry.code[:2] == "01")):
        return Arguments(subject, [], [])  # a noun with no one on the receiving end
    return Arguments(subject, sources, targets)


def modifier_actors(tok: Token, ctx: EventContext) -> list[str]:
    """Actors named by a noun's modifiers: "US sanctions", "Israeli airstrikes"."""
    found: list[str] = []
    for child in tok.children:
        if child.dep_ == "compound":
            found += ctx.actors.actors_at(child)
        elif child.dep_ == "amod":
            country = ctx.demonym_country(child)
            found += [country] if country else ctx.actors.actors_at(child)
    return list(dict.fromkeys(found))


def best_targets(
    trigger: Trigger,
    ctx: EventContext,
    sources: list[str],
    skip: set[Token | None] | None = None,
) -> list[str]:
    """The first candidate phrase naming an actor; a named actor beats a generic noun.
    Phrases in `skip` are taken already (a standalone noun's agent)."""
    # a state's own country is not its target; a group's may be ("the PKK demanded that
    # the Turkish government …", "protesters … against the Georgian government")
    own = {
        home_country(actor)
        for actor in (ctx.actors.actors.get(s) for s in sources)
        if actor is not None and actor.kind != "group"
    } - {None}
    fallback: list[str] = []
    for tok in target_candidates(trigger):
        if skip and tok in skip:
            continue
        if tok.head.lower_ in LOCATIVE_PREPS and (tok.head.lower_ != "at" or ctx.place_at(tok)):
            continue  # "in Quito", "at the palace": places; "fired at protesters": a target
        consumed = trigger.object_token is not None and tok.i == trigger.object_token.i
        if consumed and own_possession(tok, ctx.actors, sources):
            continue  # "withdrew its troops", "recalled their ambassador": the means
        # a Chilean acting "from Chile" is not acting on Chile
        found = [
            a
            for a in phrase_actors(tok, ctx.actors, demonym=ctx.demonym_country)
            if a not in sources and a not in own
        ]
        if any(a not in ctx.actors.lazy for a in found):
            return found
        fallback = fallback or found
        if not fallback and tok.head.lower_ in PLACE_TARGET_PREPS:
            # "airstrikes on Gaza": the country of a place struck is the target
            place = ctx.place_at(tok)
            country = ctx.place_country(place) if place else None
            if country and country not in sources and country not in own:
                fallback = [country]
    return fallback or shared_target(trigger.token, ctx, {*sources, *own})


def shared_target(verb: Token, ctx: EventContext, excluded: set[str | None]) -> list[str]:
    """The named target of a verb coordinated with `verb` under the same subject, for a
    verb that names none: "indicted and detained Yoon", "severed relations and closed its
    border with Rwanda", "deplores and opposes this and protested to the US side"."""
    if verb.pos_ != "VERB":
        return []
    siblings = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        siblings += [verb.head, *(c for c in verb.head.children if c.dep_ == "conj")]
    for sibling in siblings:
        if sibling.i == verb.i or sibling.pos_ != "VERB":
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in sibling.children) and sibling.i > verb.i:
            continue  # "… and Ukraine resisted": a clause of its own
        phrases = [c for c in sibling.children if c.dep_ in {"dobj", "dative"}]
        phrases += list(prep_objects(sibling.children, frozenset(TARGET_PREPS)))
        phrases += [
            g
            for c in phrases
            if c.dep_ == "dobj"
            for g in prep_objects(c.children, frozenset(TARGET_PREPS))
        ]
        for phrase in phrases:
            found = [
                a
                for a in phrase_actors(phrase, ctx.actors, demonym=ctx.demonym_country)
                if a not in excluded and a not in ctx.actors.lazy
            ]
            if found:
                return found
    return []


def own_possession(tok: Token, actors: ActorIndex, sources: list[str]) -> bool:
    """Whether `tok` is the source's own ("its troops", "Chile's ambassador" for Chile)."""
    for child in tok.children:
        if child.dep_ == "poss" and (
            child.pos_ == "PRON" or set(phrase_actors(child, actors)) & set(sources)
        ):
            return True
    return False


def judgement_arguments(trigger: Trigger, ctx: EventContext) -> Arguments:
    """A verdict's speaker (the subject of "called", the agent of "was called … by";
    none when the reporter speaks, see coding) and target (the actors of the thing
    judged: "the Ugandan move" → Uganda)."""
    subject, passive = (None, False) if trigger.by_reporter else subject_of(trigger.predicate)
    if passive:
        subject = next(
            (g for c in trigger.predicate.children if c.dep_ == "agent" for g in c.children),
            None,
        )
    sources = phrase_actors(subject, ctx.actors)
    targets = [
        a
        for a in phrase_actors(trigger.object_token, ctx.actors, demonym=ctx.demonym_country)
        if a not in sources
    ]
    return Arguments(subject, sources, targets)

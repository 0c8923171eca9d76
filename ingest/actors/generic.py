"""Actors named by common nouns: 'police', 'Israeli troops', 'rebels in the Ivory Coast'.

The nouns come from ingest/data/generic_actors.yaml. A government noun ("the Iranian
government", "the government of Iraq") stands for its country; any other keeps the
surface form a reader searches for, with its classifying modifiers and proper-noun
qualifier. Such actors are listed only when an event uses them (lazy mentions).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ingest.actors.classify import add_country
from ingest.actors.context import ActorContext, of_country, token_demonym
from ingest.actors.mentions import Cluster, Mentions
from ingest.model import ActorKind, fold
from ingest.roles import GenericNoun

# prepositions whose proper-noun object says which group a generic noun is ("rebels in X")
QUALIFIER_PREPS = frozenset({"of", "from", "in", "at", "throughout"})


@dataclass(frozen=True)
class GenericActor:
    """What a generic noun refers to: a country's government (`name` None) or a group."""

    start: int  # first token of the phrase (a government phrase covers its modifiers)
    kind: ActorKind
    name: str | None
    country: str | None


def add_generic_nouns(ctx: ActorContext, found: Mentions) -> None:
    """Record every free generic noun of the article as its country or its group."""
    roles = ctx.res.roles
    for tok in ctx.doc:
        if not found.is_free((tok.i,)) or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        noun = roles.generic.get(fold(tok.lemma_)) or roles.generic.get(fold(tok.text))
        if noun is None or (tok.dep_ in {"compound", "amod"} and tok.head.i in found.taken):
            continue  # a title in front of a name ("Foreign Minister Hugo de Zela")
        actor = generic_actor(tok, noun, ctx)
        if actor.name is None:
            if actor.country:
                add_country(ctx.doc[actor.start : tok.i + 1], actor.country, ctx, found)
            continue
        cluster = found.cluster_named(actor.kind, fold(actor.name)) or Cluster(
            actor.kind, [actor.name], country=actor.country
        )
        cluster.media = cluster.media or roles.names_agency(actor.name)
        found.add(ctx.doc[tok.i : tok.i + 1], found.keep(cluster), lazy=True, confidence=0.6)


def generic_actor(tok: Token, noun: GenericNoun, ctx: ActorContext) -> GenericActor:
    """The actor the generic noun `tok` names, from its modifiers and qualifier."""
    geo = ctx.res.geo
    start = tok.i
    country = None
    for child in tok.lefts:
        if child.dep_ in {"amod", "compound", "nmod", "poss"} and child.i not in ctx.skipped:
            code = token_demonym(child, geo) or geo.country_code(child.text)
            if code:
                country, start = code, min(start, child.i)
    if noun.government:
        return GenericActor(start, "country", None, of_country(tok, geo) or country)
    # the surface form ("protesters", "Israeli troops", "Islamic fundamentalists",
    # "supporters of Ahmed Ben Bella"): it is what a reader searches for
    start = min(start, modifier_start(tok))
    kept = [t for t in tok.doc[start : tok.i + 1] if t.dep_ not in {"poss", "case"}]
    name = "".join(t.text_with_ws for t in kept[:-1]) + tok.text.lower()
    if country and (start == tok.i or len(kept) == 1):
        name = f"{geo.country_name(country)} {tok.text.lower()}"
    qualifier = qualifier_phrase(tok)
    if qualifier is not None:
        name = f"{name} {qualifier.text}"
    return GenericActor(start, noun.kind, name, country)


def is_descriptive(tok: Token) -> bool:
    """Whether a modifier classifies the actor ("Islamic", "peacekeeping", "Vietnamese-led").

    Lower-case adjectives ("angry", "many", "other") describe a moment, not who the
    actor is, so they are left out of the name.
    """
    if tok.pos_ in {"NOUN", "PROPN"} or tok.text == "-":
        return True
    if tok.pos_ == "ADJ":
        # sentence-initial capitals only count when NER sees a name ("Islamic", not "Angry")
        proper = tok.text[:1].isupper() and (not tok.is_sent_start or bool(tok.ent_type_))
        return proper or "-" in tok.text
    return tok.pos_ == "VERB" and tok.tag_ in {"VBG", "VBN"}


def modifier_start(tok: Token) -> int:
    """First token of the classifying modifiers right in front of a generic noun."""
    first = tok.i
    for child in reversed(list(tok.lefts)):
        if child.dep_ not in {"amod", "compound", "nmod", "npadvmod"}:
            break
        if child.right_edge.i != first - 1 or not all(is_descriptive(t) for t in child.subtree):
            break
        first = child.left_edge.i
    return first


def qualifier_phrase(tok: Token) -> Span | None:
    """A proper-noun phrase qualifying a generic noun: "rebels in the Ivory Coast",
    "activists from the Fatah Party", "supporters of Ahmed Ben Bella".

    CAMEO codes such a group by the qualifier, so the name keeps it; the phrase stops
    before a comma, bracket or clause so "X, who …" does not leak into the name.
    """
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.head.i != tok.i or nxt.dep_ != "prep":
        return None
    if nxt.lower_ not in QUALIFIER_PREPS:
        return None
    obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    end = nxt.i
    for t in doc[nxt.i + 1 : obj.right_edge.i + 1]:
        if t.text in {",", "(", ";", "--"} or t.dep_ in {"relcl", "acl"}:
            break
        end = t.i
    phrase = doc[nxt.i : end + 1]
    if end < obj.i or len(phrase) > 9 or not any(t.pos_ == "PROPN" for t in phrase):
        return None
    return phrase

"""How an event is told: negation, modality, obligation, and who reports it ("X said that …").

The words come from ingest/data/modality.yaml ("vowed to", "will" → planned; "could",
"if" → hypothetical; "said", "according to" → reported).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ingest.actors import ActorIndex
from ingest.events.arguments import phrase_actors, subject_of
from ingest.events.triggers import Trigger
from ingest.events.words import ModalityWords
from ingest.model import Modality, fold

_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "relcl", "acl"})


@dataclass(frozen=True)
class Framing:
    """What the words around a trigger say about it."""

    modality: Modality
    negated: bool
    reporter_verb: Token | None
    obliged: bool  # "must" / "should": with a reporter, a demand


def framing_of(trigger: Trigger, words: ModalityWords) -> Framing:
    """Negation, modality, obligation and the reporting verb, from the words above the trigger.

    Walks up from the trigger through complement clauses to the first reporting verb
    ("X said that …") or "according to"; "would" under a reporting verb is a future in
    the past (planned), elsewhere a hypothetical.
    """
    chain = [trigger.token]
    current = trigger.predicate if trigger.nominal else trigger.token
    if current.i != trigger.token.i:
        chain.append(current)
    reporter_verb: Token | None = None
    while current.dep_ in _CLAUSE_LINKS and current.head.i != current.i:
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


def reporter_actor(verb: Token | None, actors: ActorIndex) -> str | None:
    """The actor who says it: the subject of the reporting verb, or "according to X"."""
    if verb is None:
        return None
    if verb.lower_ == "according":
        for to in verb.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    found = phrase_actors(obj, actors) or [
                        a for t in obj.subtree for a in actors.actors_at(t)
                    ]
                    if found:
                        return found[0]
        return None
    subject, _ = subject_of(verb)
    found = phrase_actors(subject, actors)
    return found[0] if found else None

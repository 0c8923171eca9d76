"""How an event is told: negation, modality, obligation, and who reports it ("X said that …").

The words come from ingest/data/modality.yaml ("vowed to", "will" → planned; "could",
"if" → hypothetical; "said", "according to" → reported; "not", "no", "denied",
"ruled out" → negated).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from ingest.actors import ActorIndex
from ingest.events.arguments import phrase_actors, subject_of
from ingest.events.triggers import Trigger
from ingest.events.words import ModalityWords
from ingest.model import Modality, fold

_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "relcl", "acl"})
# Links through which a governor's negation reaches the event below it: complements
# ("did not say that …", "refused to …"), and "reports that …" under a verb. An adverbial
# or relative clause is not negated by its governor ("did not comment after X attacked").
_NEGATION_LINKS = frozenset({"xcomp", "ccomp", "pcomp", "acl"})
_DISJUNCTIONS = frozenset({"or", "nor"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
_NOUN_HOPS = frozenset({"dobj", "nsubjpass", "pobj", "prep"})
_MAX_CLIMB = 6


@dataclass(frozen=True)
class Framing:
    """What the words around a trigger say about it."""

    modality: Modality
    negated: bool
    reporter_verb: Token | None
    obliged: bool  # "must" / "should": with a reporter, a demand
    # the negation sits on the act's own clause ("will not accept"), not on a verb that
    # governs it ("did not say that …", "denied that …"): a refusal, when the act is one
    # that can be refused
    refused: bool = False
    # a planned act on a condition ("will withdraw unless …"): an ultimatum, a threat
    conditional: bool = False


def governors(tok: Token) -> Iterator[tuple[Token, Token]]:
    """(governor, the child it was reached from) up the clause chain above `tok`.

    Climbs through clause links, and from a noun whose complement clause holds the event
    ("reports that its forces attacked") to the verb that takes that noun ("denied").
    """
    current = tok
    for _ in range(_MAX_CLIMB):
        head = current.head
        if head.i == current.i:
            return
        linked = current.dep_ in _CLAUSE_LINKS or (
            current.dep_ in _NOUN_HOPS and _holds_complement(current)
        )
        if not linked:
            return
        yield head, current
        current = head


def _holds_complement(tok: Token) -> bool:
    """Whether `tok` is a noun with a complement clause, or a preposition governing one."""
    if tok.dep_ == "prep":
        return any(_holds_complement(c) for c in tok.children if c.dep_ == "pobj")
    return tok.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "acl" for c in tok.children)


def verb_phrases(tok: Token) -> set[str]:
    """The verb's lemma and lemma + particle ("rule", "rule out")."""
    lemma = fold(tok.lemma_)
    return {lemma} | {f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prt"}


def negation_mark(tok: Token, words: ModalityWords) -> Token | None:
    """The word that negates `tok` itself: "not", "never", "no longer", "no" in "no talks"."""
    for child in tok.children:
        if child.dep_ == "neg" or (
            child.lower_ in words.negations and child.dep_ in {"det", "advmod"}
        ):
            return child
        if child.dep_ == "advmod":
            mark = next((g for g in child.children if g.dep_ == "neg"), None)
            if mark is not None:
                return mark  # "no longer", "not yet"
    return None


def negative_argument(tok: Token, words: ModalityWords) -> Token | None:
    """The negative word of a subject or object of `tok`: "no troops", "none of them"."""
    negative = words.negations | words.negative_pronouns
    for child in tok.children:
        if child.dep_ not in _ARGUMENT_DEPS:
            continue
        if child.lower_ in words.negative_pronouns:
            return child
        mark = next(
            (g for g in child.children if g.dep_ in {"det", "preconj"} and g.lower_ in negative),
            None,
        )
        if mark is not None:
            return mark
    return None


def _propagates(governor: Token, child: Token) -> bool:
    """Whether negation on `governor` reaches the event in `child` ("did not attack or
    invade" reaches "invade"; "did not attack but shelled" does not reach "shelled")."""
    if child.dep_ == "conj":
        return any(c.dep_ == "cc" and c.lower_ in _DISJUNCTIONS for c in governor.children)
    return child.dep_ in _NEGATION_LINKS or child.dep_ in _NOUN_HOPS


def framing_of(trigger: Trigger, words: ModalityWords) -> Framing:
    """Negation, modality, obligation and the reporting verb, from the words above the trigger.

    Walks up from the trigger through complement clauses to the first reporting verb
    ("X said that …") or "according to"; "would" under a reporting verb is a future in
    the past (planned), elsewhere a hypothetical. Negation counts on the trigger, its
    subject and object ("no troops"), and on every governor it reaches through a
    complement, the reporting verb and what governs it included ("did not say that …",
    "denied reports that …", "ruled out sending …"); two negations cancel ("did not
    refuse to meet").
    """
    chain = [trigger.token]
    links = [""]  # the dependency by which each chain node governs the one before it
    current = trigger.predicate if trigger.nominal else trigger.token
    if current.i != trigger.token.i:
        chain.append(current)
        links.append(trigger.token.dep_)
    negators: set[int] = set()  # token indices of the words that negate the event
    for node in chain:
        for mark in (negation_mark(node, words), negative_argument(node, words)):
            if mark is not None:
                negators.add(mark.i)
    own = {m.i for m in (negation_mark(n, words) for n in chain) if m is not None}
    if trigger.object_token is not None:
        mark = negation_mark(trigger.object_token, words)  # "sent no troops"
        if mark is not None:
            negators.add(mark.i)
    reporter_verb: Token | None = None
    reaching = in_chain = True
    for governor, child in governors(current):
        reaching = reaching and _propagates(governor, child)
        in_chain = in_chain and child.dep_ in _CLAUSE_LINKS
        is_verb = governor.pos_ in {"VERB", "AUX"}
        if reaching:
            mark = negation_mark(governor, words)
            if mark is not None:
                negators.add(mark.i)
            if is_verb and verb_phrases(governor) & words.negating_verbs:
                negators.add(governor.i)
            elif not is_verb and fold(governor.lemma_) in words.negating_nouns:
                negators.add(governor.i)  # "Russia's refusal to accept …"
        if reporter_verb is not None:
            continue
        if is_verb and fold(governor.lemma_) in words.reporting_verbs:
            reporter_verb = governor
        elif in_chain:
            chain.append(governor)
            links.append(child.dep_)
    if reporter_verb is None:
        for node in chain:
            for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "according"):
                reporter_verb = prep
    obliged = planned = hypothetical = conditional = unable = False
    for node, link in zip(chain, links, strict=True):
        kids = list(node.children)
        lemma = fold(node.lemma_)
        aux = {fold(c.lemma_) for c in kids if c.dep_ in {"aux", "auxpass"}} | {
            c.lower_ for c in kids if c.dep_ == "aux"
        }
        marks = {c.lower_ for c in kids if c.dep_ == "mark"}
        conditional = conditional or any(
            g.dep_ == "mark" and g.lower_ in words.ultimatum_marks
            for c in kids
            if c.dep_ == "advcl"
            for g in c.children
        )
        obliged = obliged or bool(aux & words.obliging_aux)
        # "cannot sign", "may not attend": not being able is no refusal ("would not" is)
        unable = unable or bool(aux & (words.hypothetical_aux - {"would", "wo"}))
        future_in_past = bool(aux & {"would", "wo"}) and reporter_verb is not None
        if (
            aux & words.planned_aux
            or (link == "xcomp" and lemma in words.planned_verbs)  # "plans to meet"
            or future_in_past
        ):
            planned = True
        elif aux & words.hypothetical_aux or marks & words.hypothetical_marks:
            hypothetical = True
    modality: Modality = "hypothetical" if hypothetical else "planned" if planned else "asserted"
    negated = len(negators) % 2 == 1
    refused = negated and not unable and len(negators) == 1 and bool(own & negators)
    return Framing(modality, negated, reporter_verb, obliged, refused, conditional)


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

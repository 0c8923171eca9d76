"""A speaker's verdict as an event: "called X a criminal", "said the vote was illegal".

CAMEO codes what actors say about each other: calling someone a criminal is an
accusation (112), calling an act illegal or a provocation is disapproval (111), calling
it historic is praise (051). A judgement word of the lexicon (`judgement:` entries) is a
trigger only where it is predicated of something:

- the object complement of a verb: "called Netanyahu a war criminal", "described the
  president as a liar", "branded the sanctions illegal" (the verb's subject judges);
- the complement of a copula under a reporting verb: "Kenya said the move was
  unacceptable" (the reporter judges).

An attributive use ("the illegal sanctions") states no verdict and is not a trigger. A
plain noun counts when a judgement adjective modifies it ("a bad neighbour").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ingest.events.context import EntryLike, LexiconLike
from ingest.events.words import ModalityWords
from ingest.model import fold

# Where a word is predicated of something (see judged_thing)
PREDICATING_DEPS = frozenset({"oprd", "pobj", "ccomp", "xcomp", "dobj", "acomp", "attr"})


def judgement_entry(tok: Token, lexicon: LexiconLike) -> EntryLike | None:
    """The lexicon entry of judgement word `tok`, or of a judgement adjective on it."""
    entries = lexicon.entries_for_judgement(fold(tok.lemma_))
    if entries:
        return entries[0]
    if tok.pos_ in {"NOUN", "PROPN"}:
        for child in tok.children:
            if child.dep_ == "amod":
                entries = lexicon.entries_for_judgement(fold(child.lemma_))
                if entries:
                    return entries[0]
    return None


def judged_thing(tok: Token, words: ModalityWords) -> tuple[Token, Token | None] | None:
    """The clause head that predicates `tok` (a verb or a copula) and what it is said of."""
    head = tok.head
    if tok.dep_ == "oprd" and head.pos_ == "VERB":  # "called X a criminal", "X was called"
        return head, _child(head, {"dobj", "nsubjpass"})
    if tok.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
        # "described X as a liar"; "denounced as a crime X's act" (the parser may hang X
        # on the same "as")
        judged = _child(head.head, {"dobj", "nsubjpass"}) or next(
            (c for c in head.children if c.dep_ == "pobj" and c.i != tok.i), None
        )
        return head.head, judged
    if tok.dep_ in {"ccomp", "xcomp"} and head.pos_ == "VERB":
        return head, _child(tok, {"nsubj"})  # "branded the sanctions illegal"
    if tok.dep_ == "dobj" and tok.pos_ == "ADJ" and head.pos_ == "VERB":
        # the same small clause as the parser often reads it: "illegal" as the object
        # and the thing judged as its compound ("branded [the embargo] illegal")
        return head, _child(tok, {"compound", "nmod", "nsubj"})
    if tok.dep_ in {"acomp", "attr"} and fold(head.lemma_) in words.copulas:
        return head, _child(head, {"nsubj", "nsubjpass"})  # "said the move was illegal"
    return None


def _child(tok: Token, deps: set[str]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


@dataclass(frozen=True)
class Judgement:
    """A judgement word predicated of something: its entry, the predicating verb or
    copula, and the thing judged (whose actors are the target)."""

    entry: EntryLike
    predicate: Token
    judged: Token | None
    by_reporter: bool  # "said the move was illegal": the reporter is the speaker


def judgement_at(tok: Token, lexicon: LexiconLike, words: ModalityWords) -> Judgement | None:
    """The judgement `tok` makes, if it is a judgement word in a predicating position."""
    if tok.pos_ not in {"ADJ", "NOUN", "PROPN"} or tok.dep_ not in PREDICATING_DEPS:
        return None  # cheap checks first: this runs on every adjective and noun
    entry = judgement_entry(tok, lexicon)
    if entry is None:
        return None
    found = judged_thing(tok, words)
    if found is None:
        return None
    predicate, judged = found
    return Judgement(entry, predicate, judged, fold(predicate.lemma_) in words.copulas)

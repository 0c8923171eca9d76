"""A stated obligation as a demand: "X said Y must …" where the lexicon codes no act.

"The Red Cross said the army must ensure safe passage" is the Red Cross's demand on the
army (CAMEO 10x) whatever the act: the lexicon codes some demanded acts finely (a demand
for release is 1053, see intent_codes.yaml); this rule covers the rest with the
unspecified demand (intent_codes.yaml `obligation`). It holds only for a clause with an
obliging auxiliary (modality.yaml `obliging_aux`), its own subject, and a reporting verb
right above it; the reporter demands, the clause's subject is the one obliged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ingest.events.triggers import Trigger
from ingest.events.words import ModalityWords
from ingest.model import fold


@dataclass(frozen=True)
class FrameEntry:
    """A trigger entry the parse supplies rather than the lexicon (EntryLike)."""

    code: str
    label: str
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    prep: str | None = None
    xcomps: frozenset[str] = frozenset()
    genitive: str | None = None


def obligation_triggers(
    sent: Span, triggers: Iterable[Trigger], words: ModalityWords, code: str
) -> list[Trigger]:
    """Verbs of `sent` under an obligation that a reporter states, where no lexicon trigger
    codes the clause; each as a trigger whose speaker is the reporter."""
    taken = {t.token.i for t in triggers} | {t.predicate.i for t in triggers}
    entry = FrameEntry(code, "demanded")
    found: list[Trigger] = []
    for tok in sent:
        if (
            tok.pos_ == "VERB"
            and obliged_by_reporter(tok, words)
            and not any(t.i in taken for t in tok.subtree)
        ):
            found.append(Trigger(tok, entry, False, None, tok, by_reporter=True))
    return found


def obliged_by_reporter(verb: Token, words: ModalityWords) -> bool:
    """Whether `verb` is "Y must …" in the complement of a reporting verb."""
    head = verb.head
    return (
        verb.dep_ == "ccomp"
        and head.pos_ == "VERB"
        and fold(head.lemma_) in words.reporting_verbs
        and any(c.dep_ == "aux" and c.lower_ in words.obliging_aux for c in verb.children)
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    )

"""Where and when an event happened: the in/at place and the date of the trigger's clause."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from ingest.events.arguments import LOCATIVE_PREPS
from ingest.events.context import EventContext
from ingest.events.triggers import Trigger

TIME_PREPS = frozenset(
    {"before", "after", "during", "following", "since", "until", "ahead", "prior"}
)


def event_place(trigger: Trigger, ctx: EventContext) -> str | None:
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
                and not in_time_phrase(tok, root)
            ):
                place = ctx.place_at(tok)
                if place and clause_of(tok) in {root.i, trigger.token.i, trigger.predicate.i}:
                    seen.append((abs(tok.i - trigger.token.i), place))
    return min(seen)[1] if seen else None


def in_time_phrase(tok: Token, root: Token) -> bool:
    """Whether `tok` sits in a time phrase ("Before his stop in Quito, Kast met …")."""
    current = tok
    while current.i != root.i and current.head.i != current.i:
        current = current.head
        if current.dep_ in {"prep", "mark"} and current.lower_ in TIME_PREPS:
            return True
    return False


def clause_of(tok: Token) -> int:
    """Index of the nearest verb (or sentence root) governing `tok`."""
    current = tok.head
    while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
        current = current.head
    return current.i


def event_date(trigger: Trigger, sent: Span, ctx: EventContext) -> tuple[date | None, str | None]:
    """The date of the DATE entity nearest the trigger in its own clause, with its text;
    else the article's publication date (and no text)."""
    dates = [ent for ent in sent.ents if ent.label_ == "DATE"]
    if not dates:
        return ctx.article.published, None
    own = [e for e in dates if clause_of(e.root) in {trigger.token.i, trigger.predicate.i}]
    if not own:
        # a date in another clause ("who assumes office on March 11") is not this event's
        return ctx.article.published, None
    chosen = min(own, key=lambda e: abs(e.start - trigger.token.i))
    return ctx.date_of(chosen)

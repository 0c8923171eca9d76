"""Code events from the dependency parse: trigger (lexicon) + who did it to whom, where, when.

`find_events` runs, for each sentence, `triggers` (lexicon matches; `obligations` adds
"X said Y must …" where the lexicon codes no act), then for each
trigger `arguments` (source and target actors), `setting` (place and date), `framing`
(negation, modality, reporter: ingest/data/modality.yaml) and `coding` (CAMEO's rules for
talk about acts, one event per pair). `EventContext` (in `context`) carries the article's
actors, places and dates to every rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span

from ingest.events.coding import trigger_events
from ingest.events.context import EventContext
from ingest.events.obligations import obligation_triggers
from ingest.events.triggers import sentence_triggers
from ingest.events.words import load_intent_codes, load_modality_words
from ingest.model import Event

__all__ = ["EventContext", "find_events", "load_intent_codes", "load_modality_words"]


def find_events(ctx: EventContext, sentences: Iterable[Span]) -> list[Event]:
    """Events of the given sentences (the pipeline leaves out headings and furniture)."""
    events: dict[str, Event] = {}
    for sent in sentences:
        triggers = sentence_triggers(sent, ctx.lexicon, ctx.words)
        triggers += obligation_triggers(sent, triggers, ctx.words, ctx.intents.obligation)
        for trigger in triggers:
            for event in trigger_events(trigger, sent, ctx):
                events.setdefault(event.id, event)
    return list(events.values())

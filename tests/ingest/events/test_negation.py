"""Negation reaches the event: on its verb, its arguments, and the verbs that govern it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.events.arguments import subject_of
from ingest.events.framing import framing_of
from ingest.events.triggers import verb_trigger
from ingest.events.words import load_modality_words
from ingest.lexicon import load_lexicon
from tests.ingest.extraction_helpers import describe, events_between, extract_text


def framing_at(nlp: Language, text: str, trigger_word: str) -> bool:
    """Whether the verb trigger `trigger_word` is negated (taken alone, even where an
    outer trigger such as "ruled out" is what the sentence codes)."""
    token = next(t for t in nlp(text) if t.text == trigger_word)
    trigger = verb_trigger(token, load_lexicon())
    assert trigger is not None
    return framing_of(trigger, load_modality_words()).negated


@pytest.mark.parametrize(
    ("text", "trigger", "negated"),
    [
        # on the verb itself
        ("Chile did not recall its ambassador from Lima.", "recall", True),
        ("Turkey has never recognized the breakaway republic.", "recognized", True),
        ("Canada no longer supports the Israeli government.", "supports", True),
        # a negative determiner or pronoun on the subject or object
        ("Germany sent no troops to Mali.", "sent", True),
        ("Neither side attended the summit in Geneva.", "attended", True),
        ("None of the rebels attacked the convoy.", "attacked", True),
        # a governing verb that is negated, or that negates what it governs
        ("Biden did not say that Russia attacked Ukraine.", "attacked", True),
        ("Moscow denied reports that its forces had shelled the village.", "shelled", True),
        ("The minister ruled out that Germany would send troops to Mali.", "send", True),
        ("Peru did not refuse to meet Chile.", "refuse", True),
        ("The army never failed to protect the refugees.", "protect", False),
        # a negating noun over the event's clause
        ("Georgia criticized Russia's failure to withdraw its troops.", "withdraw", True),
        ("Iran condemned the Iraqi refusal to release the pilots.", "release", True),
        # a negation reaches a conjunct joined by "or", not by "but"
        ("Germany did not attack or invade Poland.", "invade", True),
        ("Russia did not attack Kyiv but shelled Kharkiv.", "shelled", False),
        # a negated clause next to the event does not negate it
        ("Iran did not comment after Iraq expelled its diplomats.", "expelled", False),
        (
            "Egypt said that Sudan had not closed the border, and Chad recalled its envoy.",
            "recalled",
            False,
        ),
        # positive controls
        ("Biden said the United States would send troops to Poland.", "send", False),
        ("Moscow confirmed reports that its forces had shelled the village.", "shelled", False),
    ],
)
def test_negation_of_a_trigger(nlp: Language, text: str, trigger: str, negated: bool) -> None:
    assert framing_at(nlp, text, trigger) is negated


@pytest.mark.parametrize(
    ("text", "source", "target", "negated"),
    [
        (
            "Biden said the United States would send no troops to Ukraine.",
            "United States",
            "Ukraine",
            True,
        ),
        ("Japan denied reports that its navy had fired on Chinese boats.", "navy", "China", True),
        # two negations cancel
        (
            "Biden said no troops would be deployed to Lebanon by the United States.",
            "United States",
            "Lebanon",
            True,
        ),
        ("Russia did not stop attacking Ukraine.", "Russia", "Ukraine", False),
    ],
)
def test_negated_events_are_flagged_in_the_extraction(
    text: str, source: str, target: str | None, negated: bool
) -> None:
    """The governed event is kept and flagged (the frame's own event, 01x/12x, aside)."""
    extraction = extract_text(text)
    events = [e for e in events_between(extraction, source, target) if e.root not in {"01", "12"}]
    assert events, describe(extraction)
    assert all(e.negated is negated for e in events), [(e.cameo, e.negated) for e in events]


def test_the_speaker_is_not_the_agent_of_a_passive_clause(nlp: Language) -> None:
    doc = nlp("Biden said no troops would be deployed to Ukraine.")
    deployed = next(t for t in doc if t.text == "deployed")
    assert subject_of(deployed) == (None, True)
    extraction = extract_text("Biden said no troops would be deployed to Ukraine.")
    assert not [e for e in extraction.events if e.root == "15"], describe(extraction)


def test_a_passive_governor_controls_its_complement(nlp: Language) -> None:
    doc = nlp("Iran was forced to release the French sailors.")
    release = next(t for t in doc if t.text == "release")
    subject, passive = subject_of(release)
    assert subject is not None and (subject.text, passive) == ("Iran", False)

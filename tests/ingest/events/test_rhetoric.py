"""Rhetoric CAMEO codes: verdicts, warnings, vows, concern, welcome, congratulations."""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.events.judgements import judgement_at
from ingest.events.words import load_modality_words
from ingest.lexicon import load_lexicon
from tests.ingest.extraction_helpers import (
    coded_events,
    describe,
    events_between,
    extract_text,
)

RHETORIC = [
    # sentence, source, target, CAMEO code
    # verdicts: the speaker judges someone or something (ingest/events/judgements.py)
    ("Erdogan called Netanyahu a 'war criminal'.", "Erdogan", "Netanyahu", "112"),
    ("The Brazilian minister described Javier Milei as a liar.", "minister", "Milei", "111"),
    ("Venezuela branded the American sanctions illegal.", "Venezuela", "United States", "111"),
    ("Beijing slammed the Japanese visit to the shrine as a provocation.", "China", "Japan", "111"),
    ("Rwanda described Burundi as a bad neighbour.", "Rwanda", "Burundi", "111"),
    ("Kenya said the Tanzanian decision was unacceptable.", "Kenya", "Tanzania", "111"),
    ("Mali said the French presence was a violation of its sovereignty.", "Mali", "France", "112"),
    ("Putin called Kim Jong Un a dear friend.", "Putin", "Kim Jong Un", "051"),
    ("Netanyahu was called a war criminal by Erdogan.", "Erdogan", "Netanyahu", "112"),
    ("Greece on Monday denounced as a crime Turkey's treatment of protesters.", "Greece",
     "Turkey", "112"),
    ("Lula said the Colombian peace deal was historic.", "Lula", "Colombia", "051"),
    # a norm broken, told by someone else, is that one's accusation (intent_codes.yaml)
    ("Pakistan said India had violated international law.", "Pakistan", "India", "112"),
    ("Beijing said Washington had flouted the agreement.", "China", "United States", "112"),
    # "X said Y must …" is X's demand on Y, also where the lexicon codes no act
    ("The White House declared that China must drop its barriers to US exports.",
     "United States", "China", "100"),
    ("Kenya said Uganda should not interfere in the election.", "Kenya", "Uganda", "100"),
    ("The Red Cross said Israeli forces must allow aid convoys to reach Gaza.", "Red Cross",
     "Israeli forces", "105"),
    # warnings and vows of hostile acts are threats
    ("Chile warned Bolivia of serious consequences.", "Chile", "Bolivia", "138"),
    ("Hezbollah vowed to retaliate against Israel.", "Hezbollah", "Israel", "1384"),
    ("France threatened Mali with sanctions.", "France", "Mali", "1312"),
    # concern is a pessimistic comment; its topic names the target
    ("China expressed concern over Japan's military buildup.", "China", "Japan", "012"),
    ("The UN voiced alarm about the Sudanese offensive.", "United Nations", "Sudan", "012"),
    # welcome and congratulations are praise; the target is who made what is welcomed
    ("Egypt welcomed Sudan's decision to free the prisoners.", "Egypt", "Sudan", "051"),
    ("Germany welcomed the deal between Armenia and Azerbaijan.", "Germany", "Armenia", "051"),
    ("Germany welcomed the deal between Armenia and Azerbaijan.", "Germany", "Azerbaijan", "051"),
    ("Macron congratulated the Brazilian president on his win.", "Macron", "Brazil", "051"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "source", "target", "code"), RHETORIC)
def test_rhetoric_is_coded(sentence: str, source: str, target: str, code: str) -> None:
    assert not any(e.negated for e in coded_events(sentence, source, target, code))


@pytest.mark.parametrize(
    "sentence",
    [
        "The illegal sanctions hurt Cuban farmers.",  # attributive: no verdict spoken
        "Officials said the mountain road was dangerous.",  # a verdict on no actor
        "The dictator fled to Moscow in 2024.",  # a noun naming someone, not a verdict
        "The minister said the bridge must be repaired.",  # an obligation on no actor
    ],
)
def test_words_that_state_no_verdict_code_nothing(sentence: str) -> None:
    extraction = extract_text(sentence)
    assert not [e for e in extraction.events if e.root in {"05", "10", "11"}], describe(extraction)


@pytest.mark.parametrize(
    ("sentence", "word", "predicate", "judged", "by_reporter"),
    [
        ("Erdogan called Netanyahu a criminal.", "criminal", "called", "Netanyahu", False),
        ("Seoul described the test as a provocation.", "provocation", "described", "test", False),
        ("Cuba branded the embargo illegal.", "illegal", "branded", "embargo", False),
        ("Kenya said the vote was a sham.", "sham", "was", "vote", True),
        ("Chile said the decision was unacceptable.", "unacceptable", "was", "decision", True),
    ],
)  # fmt: skip
def test_judgement_positions(
    nlp: Language, sentence: str, word: str, predicate: str, judged: str, by_reporter: bool
) -> None:
    token = next(t for t in nlp(sentence) if t.text == word)
    found = judgement_at(token, load_lexicon(), load_modality_words())
    assert found is not None and found.judged is not None
    assert (found.predicate.text, found.judged.text, found.by_reporter) == (
        predicate,
        judged,
        by_reporter,
    )


def test_a_negated_verdict_is_flagged() -> None:
    extraction = extract_text("Kenya said the Tanzanian decision was not illegal.")
    events = events_between(extraction, "Kenya", "Tanzania", "11")
    assert events and all(e.negated for e in events), describe(extraction)


def test_a_demand_is_negated_only_when_its_saying_is() -> None:
    said = coded_events("Kenya said Uganda must leave Somalia.", "Kenya", "Uganda", "100")
    assert not any(e.negated for e in said)
    extraction = extract_text("Kenya did not say that Uganda must leave Somalia.")
    events = events_between(extraction, "Kenya", "Uganda", "10")
    assert events and all(e.negated for e in events), describe(extraction)

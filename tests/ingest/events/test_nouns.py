"""Events named by nouns standing alone: "the arrest of X by Y", "X's visit to Y"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.events.triggers import noun_trigger
from ingest.events.words import load_modality_words
from ingest.lexicon import load_lexicon
from tests.ingest.extraction_helpers import (
    coded_events,
    describe,
    events_between,
    extract_text,
)

NOUN_EVENTS = [
    # sentence, source, target, CAMEO code
    # a by-phrase is the agent; the of-phrase of a patient noun undergoes
    ("The arrest of the opposition leader by Venezuelan police drew protests.",
     "Venezuelan police", "opposition leader", "173"),
    ("The killing of the journalist by Saudi agents shocked Turkey.",
     "Saudi Arabia", "journalist", "180"),
    ("Protests broke out after the release of the hostages by Hamas.", "Hamas", "hostages", "0841"),
    # a possessor acts; the of-phrase of other nouns undergoes
    ("Ukraine condemned Russia's invasion of Georgia.", "Russia", "Georgia", "192"),
    ("Macron's visit to Algeria lasted two days.", "Macron", "Algeria", "042"),
    # a modifier naming an actor acts when the noun names a different target
    ("US sanctions on Iran took effect on Monday.", "United States", "Iran", "163"),
    ("Israeli airstrikes on Gaza killed dozens.", "Israel", "Palestine", "195"),
    # between X and Y
    ("Talks between Armenia and Azerbaijan resumed in Geneva.", "Armenia", "Azerbaijan", "040"),
    ("A truce between Ethiopia and Eritrea held for a week.", "Ethiopia", "Eritrea", "0871"),
    # an event noun as the object of a verb that is not a light verb
    ("Japan praised the withdrawal of Russian troops from Moldova.", "Russia", "Moldova", "0874"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "source", "target", "code"), NOUN_EVENTS)
def test_noun_events_standing_alone(sentence: str, source: str, target: str, code: str) -> None:
    assert coded_events(sentence, source, target, code)


@pytest.mark.parametrize(
    ("sentence", "root"),
    [
        ("Sanctions are a blunt tool.", "16"),  # generic: no actors
        ("The Ukraine war dragged on for years.", "19"),  # a modifier without a target
        ("Navalny's arrest prompted new sanctions.", "17"),  # the possessor was arrested
        ("Trump ordered the lifting of US sanctions on Syria.", "16"),  # not the sanctions
        ("Experts warned of the threat of war in the region.", "19"),  # a possible war
        ("He suffered a heart attack in Madrid.", "19"),  # an object with no participants
    ],
)
def test_noun_mentions_that_are_not_events_between_actors(sentence: str, root: str) -> None:
    extraction = extract_text(sentence)
    assert not [e for e in extraction.events if e.root == root], describe(extraction)


def test_the_possessor_of_a_patient_noun_is_its_target() -> None:
    extraction = extract_text("Navalny's arrest by Russian police drew protests in Europe.")
    assert events_between(extraction, "Russian police", "Navalny", "17"), describe(extraction)


@pytest.mark.parametrize(
    ("sentence", "noun", "standalone"),
    [
        ("The council condemned Russia's invasion.", "invasion", True),
        ("The council condemned the arrest of the activists.", "arrest", True),
        ("The general suffered a heart attack.", "attack", False),
        ("The ministers held talks in Rome.", "talks", False),  # carried by the light verb
    ],
)
def test_where_a_noun_stands_alone(
    nlp: Language, sentence: str, noun: str, standalone: bool
) -> None:
    token = next(t for t in nlp(sentence) if t.text == noun)
    trigger = noun_trigger(token, load_lexicon(), load_modality_words().light_verbs)
    if standalone:
        assert trigger is not None and trigger.predicate.i == token.i
    else:
        assert trigger is None or trigger.predicate.i != token.i


@pytest.mark.parametrize(
    ("sentence", "source", "target", "code"),
    [
        # a two-word noun names another act than its head noun alone
        (
            "Kurdish prisoners continued their hunger strike in Ankara.",
            "Kurdish prisoners",
            None,
            "142",
        ),
        ("Turkey carried out an air strike on Kobani.", "Turkey", None, "195"),
        ("Iran launched a cyber attack on the Albanian parliament.", "Iran", None, "171"),
        # the bare noun keeps its own code
        ("Turkey carried out a strike on Kobani.", "Turkey", None, "190"),
    ],
)
def test_a_two_word_noun_decides_the_code(
    sentence: str, source: str, target: str | None, code: str
) -> None:
    extraction = extract_text(sentence)
    assert [e for e in events_between(extraction, source, target) if e.cameo == code], describe(
        extraction
    )


@pytest.mark.parametrize(
    ("sentence", "source", "code"),
    [
        # a frame noun ("effort") takes the place of the event noun compounded with it
        ("Norway launched a mediation effort between the rival factions.", "Norway", "045"),
        # repeating a demand makes it again
        ("Egypt reiterated its demand that Israel open the crossing.", "Egypt", "100"),
    ],
)
def test_framed_and_repeated_event_nouns(sentence: str, source: str, code: str) -> None:
    extraction = extract_text(sentence)
    assert [e for e in events_between(extraction, source, None) if e.cameo == code], describe(
        extraction
    )


def test_an_event_noun_said_of_this_or_it_refers_back() -> None:
    # the act was told before; the copular sentence adds no new event
    extraction = extract_text("This was the Chinese premier's second visit this year.")
    assert not extraction.events, describe(extraction)
    # an event noun that names its own parties still codes the act
    extraction = extract_text("It was the first visit by a Japanese premier to Beijing.")
    assert events_between(extraction, "Japan", "China", "04"), describe(extraction)

"""Where events happened (ingest.events.setting): clause places, datelines, never a guess."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ingest.extraction_helpers import describe, events_between, extract_text, place_chain

CLAUSE_PLACES = [
    # sentence, source, target, root, the event's place and the places around it
    (
        "The rebels detained two journalists in a hotel in Goma.",
        "rebels",
        "journalists",
        "17",
        ["Goma", "Democratic Republic of the Congo"],
    ),
    (  # a place on the subject and one in the purpose clause: the innermost wins
        "Police in Kenya used tear gas to disperse protesters in Nairobi.",
        "police",
        "protesters",
        "17",
        ["Nairobi", "Kenya"],
    ),
    (  # the destination of a visit in a time phrase the event shares
        "During his visit to Hanoi, the Japanese prime minister signed a maritime pact "
        "with Vietnam.",
        "Japan",
        "Vietnam",
        "05",
        ["Hanoi", "Vietnam"],
    ),
    (  # after a gathering of the parties
        "Armenia and Azerbaijan agreed to reopen their border after three days of talks "
        "in Washington.",
        "Armenia",
        "Azerbaijan",
        "03",
        ["Washington", "United States"],
    ),
    (  # "the Egyptian capital" is a city
        "Iran and Egypt resumed talks in the Egyptian capital on Sunday.",
        "Iran",
        "Egypt",
        "04",
        ["Cairo", "Egypt"],
    ),
    (  # a host is where the hosted event is
        "Oman hosted talks between Iran and the United States.",
        "Oman",
        None,
        "04",
        ["Oman"],
    ),
]


@pytest.mark.parametrize(("sentence", "source", "target", "root", "chain"), CLAUSE_PLACES)
def test_a_place_phrase_in_the_clause_places_the_event(
    sentence: str, source: str, target: str | None, root: str, chain: list[str]
) -> None:
    extraction = extract_text(sentence)
    events = events_between(extraction, source, target, root)
    assert events, describe(extraction)
    assert place_chain(extraction, events[0].place) == chain


@pytest.mark.parametrize(
    ("sentence", "source", "root"),
    [
        ("The president of Georgia criticized the new sanctions.", "Georgia", "11"),
        ("Russia condemned the sanctions over the war in Ukraine.", "Russia", "11"),
        (
            "Kuwait recalled its ambassador after the bombing of its embassy in Baghdad.",
            "Kuwait",
            "16",
        ),
        ("Chile condemned the attack on Monday.", "Chile", "11"),
    ],
)
def test_a_place_only_mentioned_is_not_the_events_place(
    sentence: str, source: str, root: str
) -> None:
    extraction = extract_text(sentence)
    events = events_between(extraction, source, None, root)
    assert events, describe(extraction)
    assert all(e.place is None for e in events)


def test_an_event_noun_held_somewhere_is_placed_there() -> None:
    extraction = extract_text("The talks between Serbia and Kosovo were held in Brussels.")
    events = [e for e in extraction.events if e.root == "04"]
    assert events, describe(extraction)
    assert place_chain(extraction, events[0].place)[0] == "Brussels"


DATELINE_STORY = (
    "NAIROBI, Kenya (AP) — Police arrested dozens of students on Tuesday.\n"
    "The European Union condemned the arrests.\n"
    "Uganda criticized Kenya on Wednesday.\n"
    "Kenyan police arrested the same activist in 2019.\n"
    "Kenyan police also detained two journalists in Mombasa.\n"
)


def test_the_dateline_places_the_events_that_happen_there() -> None:
    extraction = extract_text(DATELINE_STORY, published=date(2024, 6, 5))
    names = {p.id: p.name for p in extraction.places}
    placed = {e.sentence[:20]: names.get(e.place or "") for e in extraction.events}
    assert placed == {
        "Police arrested doze": "Nairobi",  # local police, this week: filed from there
        "The European Union c": None,  # an international body acts from elsewhere
        "Uganda criticized Ke": None,  # a foreign actor too
        "Kenyan police arrest": None,  # dated years before publication
        "Kenyan police also d": "Mombasa",  # the sentence names its own place
    }, describe(extraction)
    # the dateline is no sentence subject: the police, not Kenya, arrested the students
    assert events_between(extraction, "police", "students", "17"), describe(extraction)


def test_a_dateline_naming_several_places_places_nothing() -> None:
    text = "ANKARA, ISTANBUL: Police detained 40 protesters on Sunday."
    extraction = extract_text(text, published=date(2024, 6, 3))
    events = [e for e in extraction.events if e.root == "17"]
    assert events, describe(extraction)
    assert events[0].place is None


def test_an_as_clause_shares_the_place_of_the_clause_it_hangs_from() -> None:
    """ "Violence erupted in Kyiv as police arrested …": the arrests were in Kyiv; a clause
    of its own ("because …") does not share it."""
    shared = extract_text("Violence erupted in Kyiv as police arrested the protesters.")
    arrests = [e for e in shared.events if e.root == "17"]
    assert arrests and all(e.place is not None for e in arrests), shared.events
    apart = extract_text("Violence erupted in Kyiv because police arrested the protesters.")
    assert all(e.place is None for e in apart.events if e.root == "17"), apart.events

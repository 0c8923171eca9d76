"""Who did it to whom: argument rules on sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.ingest.extraction_helpers import actor_named, describe, events_between, extract_text


@pytest.mark.parametrize(
    ("sentence", "source", "wrong_target"),
    [
        # a clause of its own ("as …", "because …") names no target of the main act
        (
            "Serbia eased emergency measures in the province as authorities in Croatia "
            "cracked down on Serbian nationalists.",
            "Serbia",
            "Serbian nationalists",
        ),
    ],
)
def test_a_side_clause_gives_no_target(sentence: str, source: str, wrong_target: str) -> None:
    extraction = extract_text(sentence)
    wrong = actor_named(extraction, wrong_target).id if _has(extraction, wrong_target) else None
    coded = events_between(extraction, source, None)
    assert coded, describe(extraction)
    assert wrong is None or all(e.target != wrong for e in coded), describe(extraction)


@pytest.mark.parametrize(
    ("sentence", "source", "target", "root"),
    [
        # the condition of a threat names whom it is aimed at
        (
            "Russia threatened to walk out of the talks if the United States deploys new missiles.",
            "Russia",
            "United States",
            "13",
        ),
        # a purpose clause names the target of the act
        ("Police fired tear gas to disperse the protesters.", "police", "protesters", "1"),
        # a group may act on its own country's government; a state does not act on itself
        (
            "The Kurdistan Workers' Party issued a statement demanding that the Turkish "
            "government provide information on its leader Abdullah Ocalan.",
            "Kurdistan Workers' Party",
            "Turkey",
            "10",
        ),
    ],
)
def test_clauses_that_name_the_target(sentence: str, source: str, target: str, root: str) -> None:
    extraction = extract_text(sentence)
    found = [e for e in events_between(extraction, source, target) if e.cameo.startswith(root)]
    assert found, describe(extraction)


def _has(extraction, name: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        actor_named(extraction, name)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "source", "target", "root"),
    [
        # "we" in a quote is its speaker, named after it ...
        ('"We urge Japan to halt the discharge," Wang said on Monday.', "Wang", "Japan", "02"),
        # ... or before it, with a name in apposition to the subject
        (
            'The foreign minister of Australia, Penny Wong, stated, "Our position is clear. '
            'We urge the Chinese government to support the inquiry."',
            "Penny Wong",
            "China",
            "02",
        ),
        # ... or on the line that introduces it with a colon
        (
            "KENYAN PRESIDENT WILLIAM RUTO:\n\u201cI congratulate Samia Suluhu Hassan on her "
            "election.\u201d",
            "Ruto",
            "Hassan",
            "05",
        ),
    ],
)
def test_first_person_in_a_quote_is_its_speaker(
    text: str, source: str, target: str, root: str
) -> None:
    extraction = extract_text(text)
    found = [e for e in events_between(extraction, source, target) if e.root in {root, "10"}]
    assert found, describe(extraction)


def test_the_object_of_urge_acts_in_its_complement() -> None:
    """object control: "asked Iran to … stop arming X" — Iran arms X, Britain
    does not."""
    extraction = extract_text("Britain asked Iran to free the sailors and stop arming the Houthis.")
    britain = actor_named(extraction, "United Kingdom").id
    armed = [e for e in extraction.events if e.root == "07"]
    assert armed, describe(extraction)
    assert all(e.source != britain for e in armed), describe(extraction)


def test_a_subject_the_parser_hangs_on_the_auxiliary_is_the_source() -> None:
    extraction = extract_text(
        "Nawaz Sharif lost the vote. Sharif has, meanwhile, called on his supporters to take "
        "to the streets in protest."
    )
    names = {a.id: a.name for a in extraction.actors}
    called = [e for e in extraction.events if e.root == "02"]
    assert any("Sharif" in names.get(e.source, "") for e in called), describe(extraction)


def test_a_person_in_apposition_to_a_title_is_the_actor_not_also_its_country() -> None:
    extraction = extract_text("US president Joe Biden issued a statement on Monday.")
    biden = actor_named(extraction, "Biden").id
    assert extraction.events, describe(extraction)
    assert all(e.source == biden and e.target != biden for e in extraction.events), describe(
        extraction
    )


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("The African Union called on the coup plotters to free the president.", "plotters"),
        ("China imposed sanctions on the companies involved.", "companies"),
    ],
)
def test_plotters_and_companies_are_actors(sentence: str, target: str) -> None:
    extraction = extract_text(sentence)
    assert any(e.target == actor_named(extraction, target).id for e in extraction.events), describe(
        extraction
    )

"""Single event rules, each called alone on one parsed sentence with the context it needs."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from ingest.events.arguments import home_country, subject_of
from ingest.events.coding import recoded
from ingest.events.framing import Framing, framing_of
from ingest.events.setting import in_time_phrase
from ingest.events.triggers import Trigger, sentence_triggers
from ingest.events.words import load_intent_codes, load_modality_words
from ingest.lexicon import load_lexicon
from ingest.model import Actor


def sentence(nlp: Language, text: str) -> Span:
    return next(iter(nlp(text).sents))


def triggers(nlp: Language, text: str) -> list[Trigger]:
    return sentence_triggers(sentence(nlp, text), load_lexicon(), load_modality_words())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun after a light verb that is itself a trigger is that verb's object
        ("The European Union imposed sanctions on Russia.", [("imposed", "163", "sanctions")]),
        ("Police cracked down on protesters.", [("cracked", "175", None)]),
        ("Japan severed ties with North Korea.", [("severed", "161", "ties")]),
        ("The ministry said the weather was fine.", []),
    ],
)
def test_sentence_triggers(
    nlp: Language, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    found = [
        (t.token.text, t.entry.code, t.object_token.text if t.object_token else None)
        for t in triggers(nlp, text)
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "modality", "negated", "reporter", "obliged"),
    [
        ("Chile recalled its ambassador.", "asserted", False, None, False),
        ("Chile did not recall its ambassador.", "asserted", True, None, False),
        ("Chile could recall its ambassador.", "hypothetical", False, None, False),
        ("Chile will recall its ambassador.", "planned", False, None, False),
        ("Peru said that Chile recalled its ambassador.", "asserted", False, "said", False),
        ("Peru said Chile must release the prisoners.", "hypothetical", False, "said", True),
    ],
)
def test_framing_of_a_trigger(
    nlp: Language, text: str, modality: str, negated: bool, reporter: str | None, obliged: bool
) -> None:
    (trigger,) = triggers(nlp, text)
    framing = framing_of(trigger, load_modality_words())
    verb = framing.reporter_verb.text if framing.reporter_verb is not None else None
    assert (framing.modality, framing.negated, verb, framing.obliged) == (
        modality,
        negated,
        reporter,
        obliged,
    )


def test_recoding_talk_about_acts() -> None:
    intents = load_intent_codes()
    chile, peru = ["country:CHL"], ["country:PER"]
    planned = Framing("planned", False, None, False)
    # a planned break of relations is a threat to break them (intent_codes.yaml)
    assert recoded("161", planned, None, chile, peru, intents) == ("1313", chile, peru, "planned")
    # "Peru said Chile must release …": a demand from Peru to Chile
    must = Framing("hypothetical", False, None, True)
    assert recoded("0841", must, "country:PER", chile, [], intents) == (
        "1053",
        peru,
        chile,
        "asserted",
    )
    # "Peru said Chile violated the treaty": Peru accuses Chile
    told = Framing("asserted", False, None, False)
    assert recoded("128", told, "country:PER", chile, [], intents) == (
        "112",
        peru,
        chile,
        "asserted",
    )
    assert recoded("128", told, None, chile, [], intents)[0] == "128"
    assert recoded("161", told, "country:PER", chile, [], intents)[3] == "reported"
    assert recoded("161", told, "country:CHL", chile, [], intents)[3] == "asserted"


def test_subject_of_passive_relative_and_noun_clauses(nlp: Language) -> None:
    arrested = sentence(nlp, "The minister was arrested by police.").root
    assert subject_of(arrested) == (None, True)  # the agent is found by the arguments rule
    doc = nlp("Kast, who was met by Noboa, left.")
    met = next(t for t in doc if t.text == "met")
    subject, passive = subject_of(met)  # the noun the relative clause describes
    assert subject is not None and (subject.text, passive) == ("Kast", True)
    doc = nlp("The minister issued a declaration demanding the release of the prisoners.")
    demanding = next(t for t in doc if t.text == "demanding")
    subject, passive = subject_of(demanding)  # the subject of the verb above the noun
    assert subject is not None and (subject.text, passive) == ("minister", False)


def test_a_place_in_a_time_phrase_is_not_where_the_event_happened(nlp: Language) -> None:
    sent = sentence(nlp, "Before his stop in Quito, Kast met Noboa in Lima.")
    quito, lima = (next(t for t in sent if t.text == name) for name in ("Quito", "Lima"))
    assert in_time_phrase(quito, sent.root)
    assert not in_time_phrase(lima, sent.root)


def test_home_country_is_the_country_actor_id() -> None:
    kast = Actor("person:jose-antonio-kast", "José Antonio Kast", "person", "CHL")
    assert home_country(kast) == "country:CHL"
    assert home_country(Actor("group:protesters", "protesters", "group")) is None
    assert home_country(None) is None

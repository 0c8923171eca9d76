"""Who a mention means: media, regions, seats of power, mislabelled places, non-actors,
pronouns (issue 9 item 3), on sentences written for the tests."""

from __future__ import annotations

import pytest

from ingest.model import Extraction
from tests.ingest.extraction_helpers import actor_named, describe, events_between, extract_text


def ids_used(extraction: Extraction) -> set[str]:
    """Every actor id an event names as source or target."""
    return {e.source for e in extraction.events} | {e.target for e in extraction.events if e.target}


MEDIA = [
    # sentence, the outlet, an event that must still be coded (source, target, root) or None
    (
        "The Interfax news agency said 113 police officers were injured. "
        "It also said Russian troops attacked Kharkiv.",
        "Interfax",
        ("Russian troops", "Ukraine", "19"),
    ),
    ("Reuters reported that Turkey shelled Kurdish positions.", "Reuters", None),
    (
        "The daily Kommersant said Putin met Erdogan in Sochi.",
        "Kommersant",
        ("Putin", "Erdo", "04"),
    ),
    ("North Korea's KCNA said the army fired missiles at the sea.", "KCNA", None),
    ("Biden told the Associated Press that Iran attacked a tanker.", "Associated Press", None),
]


@pytest.mark.parametrize(("text", "outlet", "kept"), MEDIA)
def test_news_media_report_events_and_take_no_part_in_them(
    text: str, outlet: str, kept: tuple[str, str, str] | None
) -> None:
    extraction = extract_text(text)
    media = actor_named(extraction, outlet)
    assert media.kind == "organization"
    assert media.id not in ids_used(extraction), describe(extraction)
    if kept:
        assert events_between(extraction, *kept), describe(extraction)


def test_a_generic_newspaper_may_still_act_in_its_own_voice() -> None:
    """CAMEO codes an editorial's appeal to its author; only news agencies are reporters."""
    extraction = extract_text(
        "An official Syrian newspaper called on Arabs to unite against Israel."
    )
    assert any(e.root == "02" for e in extraction.events), describe(extraction)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("South American leaders met in Brasilia on Monday.", "South American leaders"),
        ("Southeast Asian ministers criticized the junta.", "Southeast Asian ministers"),
        ("Central American migrants clashed with police.", "Central American migrants"),
        ("North American and European officials condemned the attack.", "officials"),
    ],
)
def test_a_regional_adjective_is_no_country(text: str, name: str) -> None:
    extraction = extract_text(text)
    assert actor_named(extraction, name).country is None, describe(extraction)
    assert "country:USA" not in {a.id for a in extraction.actors}


def test_american_alone_is_still_the_united_states() -> None:
    extraction = extract_text("American officials condemned the attack.")
    assert actor_named(extraction, "American officials").country == "USA"


@pytest.mark.parametrize(
    ("text", "source", "target", "root"),
    [
        ("The Kremlin condemned the new sanctions on Monday.", "Russia", None, "11"),
        ("Downing Street criticized the decision.", "United Kingdom", None, "11"),
        ("Russia condemned Kyiv.", "Russia", "Ukraine", "11"),  # a capital the NER misses
        ("President Biden visited Kyiv on Monday.", "Biden", "Ukraine", "04"),
    ],
)
def test_seats_of_power_and_capitals_stand_for_their_country(
    text: str, source: str, target: str | None, root: str
) -> None:
    extraction = extract_text(text)
    assert events_between(extraction, source, target, root), describe(extraction)


def test_a_city_the_tagger_calls_an_organization_is_a_place() -> None:
    extraction = extract_text("Russian troops attacked Kharkiv on Monday.")
    assert not any(a.name == "Kharkiv" for a in extraction.actors), describe(extraction)
    (event,) = events_between(extraction, "Russian troops", "Ukraine", "19")
    assert event.place == "place:city:UKR:kharkiv"


def test_a_one_word_surname_that_is_a_small_city_stays_a_person() -> None:
    extraction = extract_text("Jackson said the governor would resign.")
    assert actor_named(extraction, "Jackson").kind == "person"


@pytest.mark.parametrize(
    ("text", "not_actor"),
    [
        ("Officials said the prisoner was released at 8:30 a.m. (1230 GMT).", "GMT"),
        ("China said the United States violated the Joint Communique.", "Communique"),
        ("Russia said Ukraine broke the Minsk Accords.", "Minsk Accords"),
        ("Iran breached UN Security Council Resolution 2231, France said.", "Resolution"),
    ],
)
def test_time_zones_and_documents_are_no_actors(text: str, not_actor: str) -> None:
    extraction = extract_text(text)
    names = [n for a in extraction.actors for n in (a.name, *a.aliases)]
    assert not any(not_actor in n for n in names), names


def test_a_country_named_with_of_is_not_split_into_a_person() -> None:
    extraction = extract_text("The Democratic Republic of Congo signed a deal with Rwanda.")
    assert not any(a.kind == "person" for a in extraction.actors), describe(extraction)
    assert actor_named(extraction, "Congo").id == "country:COD"


@pytest.mark.parametrize(
    ("text", "source", "root"),
    [
        # a subject pronoun refers to the previous subject, not the last name before it
        ("Russia blamed Ukraine for the blast. It also criticized the EU.", "Russia", "11"),
        ("Xi told Biden the talks were useful. He criticized the export controls.", "Xi", "11"),
    ],
)
def test_a_subject_pronoun_prefers_the_previous_subject(text: str, source: str, root: str) -> None:
    extraction = extract_text(text)
    sentence2 = [e for e in extraction.events if e.start > 0 and e.root == root]
    assert sentence2, describe(extraction)
    assert sentence2[0].source == actor_named(extraction, source).id, describe(extraction)


def test_an_expletive_it_refers_to_nothing() -> None:
    extraction = extract_text(
        "The European Union criticized Georgia. "
        "It was not clear how many protesters were detained on Sunday."
    )
    eu = actor_named(extraction, "European Union").id
    assert not any(e.source == eu and e.root == "17" for e in extraction.events), describe(
        extraction
    )


DESCRIPTORS = [
    # text, the descriptive phrase's event (source, target, root)
    (
        "Saudi Arabia and Iran agreed to restore ties. Iran also criticized Israel. "
        "The Gulf kingdom condemned the attack on its embassy.",
        ("Saudi Arabia", None, "11"),
    ),
    (
        "Australia sent two planes to Tonga. The island nation thanked Australia.",
        ("Tonga", "Australia", "05"),
    ),
    (
        "Burundi closed its border with Rwanda. The small African nation accused Kigali "
        "of backing rebels.",
        ("Burundi", "Rwanda", "11"),
    ),
    (
        "The European Union criticized Tunisia. The bloc condemned the arrests of judges.",
        ("European Union", None, "11"),
    ),
    (
        "Soldiers seized power in Niger on Wednesday. The junta accused France of interference.",
        ("Niger", "France", "11"),
    ),
    (
        "South Korea fired warning shots after soldiers crossed the border. The North "
        "accused Seoul of provocation.",
        ("North Korea", "South Korea", "11"),
    ),
    (
        "M23 rebels captured the town. The group accused the army of shelling civilians.",
        ("M23", None, "11"),
    ),
]


@pytest.mark.parametrize(("text", "event"), DESCRIPTORS)
def test_a_descriptive_phrase_means_the_actor_the_article_named(
    text: str, event: tuple[str, str | None, str]
) -> None:
    extraction = extract_text(text)
    assert events_between(extraction, *event), describe(extraction)


def test_a_country_phrase_is_not_the_subject_of_its_own_clause() -> None:
    extraction = extract_text("Russia criticized Ukraine. Russia also threatened the country.")
    assert not any(e.source == e.target for e in extraction.events), describe(extraction)
    assert events_between(extraction, "Russia", "Ukraine", "13"), describe(extraction)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Japan protested. A country must defend itself, officials said.", "country:JPN"),
        ("Chile and Peru signed a deal. Other countries criticized the deal.", "country:CHL"),
    ],
)
def test_descriptive_phrases_that_mean_no_named_actor_stay_unresolved(
    text: str, named: str
) -> None:
    """Not the subject of its own clause's object, not an indefinite or plural phrase."""
    extraction = extract_text(text)
    second = text.index(". ") + 2
    assert not any(e.start >= second and e.source == named for e in extraction.events), describe(
        extraction
    )


APPOSITIONS = [
    # sentence, person, country, a role
    (
        "Meanwhile, the foreign minister of Canada, Mélanie Joly, said the move was justified.",
        "Mélanie Joly",
        "CAN",
        "Foreign Minister",
    ),
    (
        "Ahmed Diallo, the interior minister of Guinea, announced a curfew.",
        "Ahmed Diallo",
        "GIN",
        "Interior Minister",
    ),
    (
        "Omar Haddad, the leader of Hezbollah, threatened Israel.",
        "Omar Haddad",
        "LBN",
        "Leader of Hezbollah",
    ),
    ("The head of Lebanon’s Hezbollah Omar Haddad threatened Israel.", "Omar Haddad", "LBN", None),
    (
        "Lucia Perez, a spokeswoman for the Colombian government, criticized the attack.",
        "Lucia Perez",
        "COL",
        "Spokeswoman",
    ),
    (
        "The Cook Islands Prime Minister Mark Tuara stressed the risks.",
        "Mark Tuara",
        "COK",
        "Prime Minister",
    ),
    (
        "White House Press Secretary Jane Roe said talks would resume.",
        "Jane Roe",
        "USA",
        "White House Press Secretary",
    ),
]


@pytest.mark.parametrize(("text", "name", "country", "role"), APPOSITIONS)
def test_appositions_and_of_phrases_give_role_and_country(
    text: str, name: str, country: str, role: str | None
) -> None:
    person = actor_named(extract_text(text), name)
    assert person.country == country
    if role:
        assert role in person.roles


def test_a_role_phrase_means_the_person_named_in_that_role() -> None:
    extraction = extract_text(
        "President Ana Ruiz met opposition leader Maria Lopez on Monday. "
        "Later the leader of the main opposition party criticized the budget."
    )
    assert events_between(extraction, "Maria Lopez", None, "11"), describe(extraction)
    assert not events_between(extraction, "Ana Ruiz", None, "11"), describe(extraction)


def test_the_president_is_not_a_former_one() -> None:
    extraction = extract_text(
        "Former President Jorge Vidal met President Elena Soto. The president criticized "
        "the court.",
    )
    assert events_between(extraction, "Elena Soto", None, "11"), describe(extraction)


def test_his_group_is_the_organization_he_was_named_a_role_of() -> None:
    extraction = extract_text(
        "Hezbollah leader Omar Haddad spoke on Tuesday. He said his group would attack Israel."
    )
    assert events_between(extraction, "Hezbollah", "Israel"), describe(extraction)


def test_a_pronoun_after_a_subject_in_apposition_means_that_name() -> None:
    extraction = extract_text(
        "Peru's foreign minister criticized the report. "
        "China's envoy to Peru, Li Wei, said he rejected the claims."
    )
    assert events_between(extraction, "Li Wei", None), describe(extraction)


def test_an_envoy_posted_abroad_belongs_to_the_country_that_sends_him() -> None:
    """ "Chile's ambassador to Peru, X": X is Chilean, not Peruvian."""
    extraction = extract_text(
        "Chile’s ambassador to Peru, Manuel Hinojosa, rejected the accusations on Monday."
    )
    assert actor_named(extraction, "Hinojosa").country == "CHL"

"""Actor rules on real sentences: titles, demonyms, repairs, propagation, pronouns, roles."""

from __future__ import annotations

import pytest

from tests.ingest.extraction_helpers import actor_named, extract_text

TITLES = [
    # sentence, name, kind, country, role
    (
        "Ecuadorian President Daniel Noboa met the press in Quito on Monday.",
        "Daniel Noboa",
        "person",
        "ECU",
        "President",
    ),
    (
        "Kast met with Peruvian Foreign Minister Hugo de Zela in Lima.",
        "Hugo de Zela",
        "person",
        "PER",
        "Foreign Minister",
    ),
    (
        "On Tuesday, Chile’s President-elect Jose Antonio Kast met Noboa.",
        "Jose Antonio Kast",
        "person",
        "CHL",
        "President-elect",
    ),
    ("He called on Gustavo Petro of Colombia to help.", "Gustavo Petro", "person", "COL", None),
    (
        "“We will work together,” said Ecuadorian Foreign Minister Gabriela Sommerfeld.",
        "Gabriela Sommerfeld",
        "person",
        "ECU",
        "Foreign Minister",
    ),
    (
        "Franklin Lopez, a Venezuelan delivery worker in Santiago, told reporters he was afraid.",
        "Franklin Lopez",
        "person",
        "VEN",
        None,
    ),
    (
        "French President Emmanuel Macron criticized the decision on Friday.",
        "Emmanuel Macron",
        "person",
        "FRA",
        "President",
    ),
]


@pytest.mark.parametrize(("sentence", "name", "kind", "country", "role"), TITLES)
def test_titles_and_demonyms_give_roles_and_countries(
    sentence: str, name: str, kind: str, country: str, role: str | None
) -> None:
    actor = actor_named(extract_text(sentence), name)
    assert actor.kind == kind
    assert actor.country == country
    if role:
        assert role in actor.roles


def test_person_inside_an_org_entity_is_split_from_its_country() -> None:
    extraction = extract_text(
        "He has also publicly called on leftist presidents Gustavo Petro of Colombia and "
        "Luiz Inácio Lula da Silva of Brazil to collaborate on the corridor plan."
    )
    petro = actor_named(extraction, "Gustavo Petro")
    lula = actor_named(extraction, "Lula da Silva")
    assert (petro.kind, petro.country) == ("person", "COL")
    assert (lula.kind, lula.country) == ("person", "BRA")
    assert lula.name == "Luiz Inácio Lula da Silva"
    assert "President" in lula.roles  # the plural title covers both names


def test_a_name_seen_as_person_is_propagated_and_surface_forms_merge() -> None:
    text = (
        "Chilean President-elect José Antonio Kast travelled to Ecuador. "
        "On Tuesday, Kast met privately with Ecuadorian President Daniel Noboa. "
        "According to reporting by El Pais, Kast proposed a coordinated effort. "
        "Jose Kast later left for Lima."
    )
    extraction = extract_text(text)
    people = [a for a in extraction.actors if a.kind == "person"]
    kasts = [a for a in people if "kast" in a.id]
    assert len(kasts) == 1, [a.name for a in people]
    assert kasts[0].name == "José Antonio Kast"
    assert {"Kast", "Jose Kast"} <= set(kasts[0].aliases)
    assert not [a for a in extraction.actors if a.kind == "organization" and "Kast" in a.name]


def test_demonym_with_government_noun_stands_for_the_country() -> None:
    extraction = extract_text(
        "Relations between Chile and the Venezuelan regime have been severed since August 2024."
    )
    venezuela = actor_named(extraction, "Venezuelan regime")
    assert (venezuela.kind, venezuela.id) == ("country", "country:VEN")
    assert venezuela.name == "Venezuela"


def test_well_known_leader_gets_a_country_from_the_packaged_dictionary() -> None:
    extraction = extract_text("The dispute followed the reelection of Nicolas Maduro in July.")
    assert actor_named(extraction, "Maduro").country == "VEN"


def test_user_dictionary_overrides_guesses(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    from ingest.model import Article, article_id
    from ingest.pipeline import ExtractOptions, extract_articles

    path = Path(str(tmp_path)) / "actors.yaml"
    path.write_text(
        "- name: Acme Liberation Front\n  aliases: [ALF]\n  kind: group\n"
        "  country: PER\n  roles: []\n",
        encoding="utf-8",
    )
    text = "The ALF attacked a police station in Lima on Sunday."
    article = Article(article_id(None, text), None, None, None, None, text)
    extraction = next(extract_articles([article], ExtractOptions(actor_dictionary=path)))
    alf = actor_named(extraction, "Acme Liberation Front")
    assert (alf.kind, alf.country) == ("group", "PER")


GENERIC_NAMES = [
    # sentence, the generic actor's expected name (folded match on the whole name)
    ("Islamic fundamentalists blocked the main road into the capital.", "Islamic fundamentalists"),
    ("Peacekeeping troops arrived in the town on Monday.", "peacekeeping troops"),
    (
        "Rebels in the Ivory Coast rejected the peace plan on Sunday.",
        "rebels in the Ivory Coast",
    ),
    (
        "Supporters of Ahmed Ben Bella blocked roads in Algiers on Friday.",
        "supporters of Ahmed Ben Bella",
    ),
    ("Angry activists blocked the road to the airport.", "activists"),
]


@pytest.mark.parametrize(("sentence", "name"), GENERIC_NAMES)
def test_generic_actors_keep_classifying_modifiers_and_proper_qualifiers(
    sentence: str, name: str
) -> None:
    """'Islamic', 'peacekeeping' and 'in the Ivory Coast' say which group; 'angry' does not."""
    extraction = extract_text(sentence)
    names = [a.name.lower() for a in extraction.actors]
    assert name.lower() in names, names

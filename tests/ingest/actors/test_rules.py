"""Single actor rules, each called alone on one parsed sentence with the context it needs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Span

from ingest.actors.context import ActorContext, of_country
from ingest.actors.coref import role_reference
from ingest.actors.generic import GenericActor, generic_actor, modifier_start, qualifier_phrase
from ingest.actors.index import merged_actor
from ingest.actors.mentions import Cluster, Mention, Mentions
from ingest.actors.spans import repaired_spans
from ingest.actors.titles import PersonContext, person_context, role_name
from ingest.model import Actor
from ingest.pipeline import ExtractionResources, ExtractOptions, load_resources


@pytest.fixture(scope="module")
def res() -> ExtractionResources:
    return load_resources(ExtractOptions())


Parse = Callable[[str], ActorContext]


@pytest.fixture
def context(nlp: Language, res: ExtractionResources) -> Parse:
    """A function: sentence → its ActorContext."""
    return lambda text: ActorContext.build(nlp(text), res.actors)


def test_a_person_of_a_country_inside_one_org_entity_is_split(
    context: Parse, res: ExtractionResources
) -> None:
    ctx = context("Gustavo Petro of Colombia spoke.")
    spans = repaired_spans(Span(ctx.doc, 0, 4, label="ORG"), res.gazetteer)
    assert [(s.text, s.label_) for s in spans] == [("Gustavo Petro", "PERSON"), ("Colombia", "GPE")]


def test_repair_drops_the_article_and_possessive_and_splits_at_commas(
    context: Parse, res: ExtractionResources
) -> None:
    ctx = context("The Acme Front's, Zorblat Quenby's allies met.")
    spans = repaired_spans(Span(ctx.doc, 0, 8, label="ORG"), res.gazetteer)
    assert [s.text for s in spans] == ["Acme Front", "Zorblat Quenby"]


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        (
            "Ecuadorian Foreign Minister Gabriela Sommerfeld spoke on Monday.",
            "Gabriela Sommerfeld",
            PersonContext(("Foreign Minister",), "ECU"),
        ),
        (
            "Franklin Lopez, a Venezuelan delivery worker, spoke to reporters.",
            "Franklin Lopez",
            PersonContext((), "VEN"),
        ),
        ("Gustavo Petro of Colombia spoke.", "Gustavo Petro", PersonContext((), "COL")),
        ("Zorblat Quenby spoke.", "Zorblat Quenby", PersonContext((), None)),
    ],
)
def test_person_context_reads_titles_of_phrases_and_appositions(
    context: Parse, sentence: str, name: str, expected: PersonContext
) -> None:
    ctx = context(sentence)
    start = next(t.i for t in ctx.doc if t.text == name.split()[0])
    assert person_context(ctx.doc[start : start + len(name.split())], ctx) == expected


def test_role_names_keep_qualifiers_and_drop_the_bare_leader(res: ExtractionResources) -> None:
    roles = res.actors.roles
    assert role_name("deputy ", "prime minister", roles) == "Deputy Prime Minister"
    assert role_name(None, "presidents", roles) == "President"
    assert role_name(None, "leader", roles) is None


def test_generic_noun_keeps_its_modifiers_and_country(
    context: Parse, res: ExtractionResources
) -> None:
    ctx = context("Iranian security forces fired at protesters.")
    forces = ctx.doc[2]
    actor = generic_actor(forces, res.actors.roles.generic["force"], ctx)
    assert actor == GenericActor(0, "organization", "Iranian security forces", "IRN")


def test_a_government_noun_stands_for_its_country(context: Parse, res: ExtractionResources) -> None:
    ctx = context("The government of Iraq rejected the plan.")
    government = ctx.doc[1]
    assert of_country(government, res.gazetteer) == "IRQ"
    actor = generic_actor(government, res.actors.roles.generic["government"], ctx)
    assert (actor.name, actor.country) == (None, "IRQ")


def test_qualifier_and_modifiers_of_a_generic_noun(context: Parse) -> None:
    rebels = context("Rebels in the Ivory Coast rejected the peace plan on Sunday.").doc[0]
    phrase = qualifier_phrase(rebels)
    assert phrase is not None and phrase.text == "in the Ivory Coast"
    activists = context("Angry activists blocked the road to the airport.").doc[1]
    assert modifier_start(activists) == activists.i  # "angry" is a mood, not a group


def test_a_role_mention_refers_to_the_last_person_with_that_role_and_country(
    context: Parse,
) -> None:
    ctx = context("Kast arrived on Monday. The Chilean president spoke later.")
    kast = Cluster("person", ["Kast"], "CHL", ["President"])
    history = [Mention(0, 1, kast)]
    president = next(t for t in ctx.doc if t.text == "president")
    ref = role_reference(president, history, ctx)
    assert ref is not None and (ref.span.text, ref.clusters, ref.plural) == (
        "The Chilean president",
        (kast,),
        False,
    )
    peruvian = Cluster("person", ["Kast"], "PER", ["President"])
    assert role_reference(president, [Mention(0, 1, peruvian)], ctx) is None


def test_mentions_claim_tokens_and_respect_skipped_ones(context: Parse) -> None:
    ctx = context("Zorblat Quenby met Acme officials.")
    found = Mentions(frozenset({4}))
    cluster = found.keep(Cluster("person", ["Zorblat Quenby"]))
    found.add(ctx.doc[0:2], cluster)
    assert not found.is_free([1]) and not found.is_free([4]) and found.is_free([2, 3])
    assert found.cluster_named("person", "zorblat quenby") is cluster
    found.keep(Cluster("person", ["Zorblat Quenby"]))
    assert found.clusters == [cluster]  # an equal cluster is listed once


def test_merged_actor_takes_the_preferred_name_and_keeps_every_spelling() -> None:
    plain = Actor("person:jose-kast", "Jose Kast", "person", None, ("President-elect",), ())
    accented = Actor("person:jose-kast", "José Kast", "person", "CHL", (), ("Kast",))
    for first, second in ((plain, accented), (accented, plain)):
        merged = merged_actor(first, second)
        assert (merged.name, merged.country, merged.roles) == (
            "José Kast",
            "CHL",
            ("President-elect",),
        )
        assert merged.aliases == ("Jose Kast", "Kast")

"""What a name span is: a dictionary actor, a country, a person, an organization or a people.

Each span is merged into the article's clusters as it is classified, so a later "Kast"
joins an earlier "Jose Antonio Kast" and a bare ORG that is really a surname joins its
person.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from ingest.actors.context import ActorContext, Geography, owner_country, token_demonym
from ingest.actors.descriptors import is_fixed_descriptor
from ingest.actors.mentions import Cluster, Mentions
from ingest.actors.names import DictionaryEntryLike, name_tokens
from ingest.actors.titles import add_person_context
from ingest.dictionary import DictionaryEntry
from ingest.model import ActorKind, fold

_PLACE_LIKE = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"})
# How large a city must be for a bare name the tagger calls ORG (or PERSON) to be taken as
# the city: "Kharkiv" tagged ORG is the city; "Jackson" tagged PERSON is a person.
CITY_AS_ORG = 100_000
CITY_AS_PERSON = 1_000_000


def mislabelled_place(span: Span, geo: Geography) -> str | None:
    """The country of a capital or large city the tagger labelled ORG or PERSON, or did
    not tag ("Kyiv", "Kharkiv"): a one-word name only, since a person's or an
    organization's full name is longer."""
    if span.label_ not in {"ORG", "PERSON", ""} or len(span) != 1:
        return None
    if span.label_ != "PERSON" or geo.capital_country(span.text):
        return geo.capital_country(span.text) or geo.city_country(span.text, CITY_AS_ORG)
    return geo.city_country(span.text, CITY_AS_PERSON)


def add_name_span(span: Span, ctx: ActorContext, found: Mentions) -> None:
    """Classify one candidate span (see `ingest.actors.spans`) and record its mention."""
    if not found.is_free(range(span.start, span.end)):
        return
    geo, text, label = ctx.res.geo, span.text, span.label_
    user = ctx.res.user.lookup(text)
    entry = user or ctx.res.known.lookup(text)
    if entry is not None and (label in {"PERSON", "ORG"} or entry.kind != "person"):
        add_entry(span, entry, ctx, found, user=user is not None)
        return
    if is_fixed_descriptor(span):
        return  # "the North": resolved with the article's countries (ingest.actors.descriptors)
    if ctx.res.roles.is_media_name(text) or (label == "ORG" and is_named_outlet(span, ctx)):
        add_media(span, found)
        return
    if label == "PERSON" and ctx.res.roles.canonical_title(text):
        return  # "High Commissioner", "National Security Adviser": a title, not a name
    if label in _PLACE_LIKE:
        country = geo.country_code(text)
        if country and label != "NORP":
            add_country(span, country, ctx, found)
            return
        capital = geo.capital_country(text)
        if capital and label not in {"NORP", "PERSON"}:
            add_country(span, capital, ctx, found, lazy=True)
            return
        if mislabelled_place(span, geo) and matching_person(span, found.clusters) is None:
            if capital:  # "Kyiv" tagged PERSON: the capital, standing for its country
                add_country(span, capital, ctx, found, lazy=True)
            return  # a city is a place, not an actor
    if label == "NORP":
        add_demonym(span, ctx, found)
    elif label == "PERSON":
        add_person(span, ctx, found)
    elif label == "ORG":
        if matching_person(span, found.clusters) is not None:
            add_person(span, ctx, found)
        else:
            add_organization(span, ctx, found)


def is_named_outlet(span: Span, ctx: ActorContext) -> bool:
    """An organization a media noun names as an outlet: "the Interfax news agency", "the
    daily Kommersant", "Kommersant newspaper", "state broadcaster RTS"."""
    doc, roles = ctx.doc, ctx.res.roles
    before = doc[max(span.start - 2, ctx.sentence_of[span.start].start) : span.start].text
    after = doc[span.end : min(span.end + 2, ctx.sentence_of[span.start].end)].text
    return any(roles.names_outlet(words) for words in (span.text, before, after.split(",")[0]))


def add_media(span: Span, found: Mentions) -> None:
    """`span` names a news outlet or platform: an organization marked as media."""
    text = span.text
    cluster = found.cluster_named("organization", fold(text))
    if cluster is None:
        cluster = found.keep(Cluster("organization", [text]))
    cluster.media = True
    found.add(span, cluster)


def add_country(
    span: Span, iso3: str, ctx: ActorContext, found: Mentions, lazy: bool = False
) -> None:
    """`span` names (or, `lazy`, stands for) the country `iso3`."""
    cluster = found.country_cluster(iso3) or found.keep(
        Cluster.of_country(ctx.res.geo.country_actor(iso3))
    )
    if not lazy:
        cluster.add_name(span.text)  # a capital standing for its country is no alias
    found.add(span, cluster, lazy=lazy)


def add_entry(
    span: Span, entry: DictionaryEntryLike, ctx: ActorContext, found: Mentions, user: bool = False
) -> None:
    """`span` is a spelling of a dictionary actor: the dictionary's name, kind and country win.

    A `user` entry (`--actors FILE`) wins over the article's words too; a packaged one
    gives way to them, and to a Phoenix office that holds on the article's date."""
    kind: ActorKind = entry.kind  # type: ignore[assignment]
    country, roles = entry_on_day(entry, ctx, user)
    cluster = found.cluster_named(kind, fold(entry.name))
    if cluster is None:
        cluster = Cluster(
            kind, [entry.name], country=country, canonical=entry.name, fixed_country=user
        )
        cluster.roles.extend(roles)
        found.clusters.append(cluster)
    elif cluster.canonical is None:
        cluster.canonical = entry.name
    cluster.add_name(span.text)
    if kind == "person":
        add_person_context(span, cluster, ctx)
    found.add(span, cluster)


def entry_on_day(
    entry: DictionaryEntryLike, ctx: ActorContext, user: bool
) -> tuple[str | None, tuple[str, ...]]:
    """The country and roles of a dictionary actor on the article's date: a dated role
    of the entry that holds then; else, for a packaged person, a Phoenix office that
    holds then; else the entry's (a user's entry is never second-guessed)."""
    dated = entry.on(ctx.day) if isinstance(entry, DictionaryEntry) else entry
    holds = dated is not entry and any(not r.startswith("former ") for r in dated.roles)
    if user or entry.kind != "person" or holds:
        return dated.country, tuple(dated.roles)
    office = ctx.res.offices.office_on(entry.name, ctx.day)
    if office is not None and office.role is not None:
        return office.country or entry.country, (office.role,)
    return dated.country, tuple(dated.roles)


def add_background_office(span: Span, cluster: Cluster, ctx: ActorContext) -> None:
    """A person the dictionaries do not list but Phoenix does: its office on the article's
    date, unless the article said who the person is."""
    office = ctx.res.offices.office_on(span.text, ctx.day)
    if office is None:
        return
    if office.country and not cluster.fixed_country:
        cluster.country = office.country
    if office.role and office.role not in cluster.roles and not cluster.roles:
        cluster.roles.append(office.role)


def matching_person(span: Span, clusters: list[Cluster]) -> Cluster | None:
    """The person whose fullest name contains `span`'s words and ends like it ("Kast" in
    "Jose Antonio Kast"), or whose first name is not `span`'s single word."""
    tokens = name_tokens(span.text)
    if not tokens:
        return None
    for cluster in clusters:
        if cluster.kind != "person":
            continue
        names = [name_tokens(n) for n in cluster.names]
        full = max(names, key=len)
        if set(tokens) <= set(full) and (
            tokens[-1] == full[-1] or (len(tokens) == 1 and tokens[0] != full[0])
        ):
            return cluster
    return None


def add_person(span: Span, ctx: ActorContext, found: Mentions) -> None:
    """`span` names a person: merged with an earlier mention of the same person if any."""
    text = re.sub(r"['’]s$", "", span.text).strip()
    cluster = matching_person(span, found.clusters)
    if cluster is None:
        # a longer form of an earlier short mention ("Kast" then "Jose Antonio Kast")
        tokens = set(name_tokens(text))
        cluster = next(
            (
                other
                for other in found.clusters
                if other.kind == "person" and other.tokens <= tokens and other.canonical is None
            ),
            None,
        )
    if cluster is None:
        cluster = Cluster("person", [text])
        found.clusters.append(cluster)
    else:
        cluster.add_name(text)
    add_person_context(span, cluster, ctx)
    if cluster.canonical is None:
        add_background_office(span, cluster, ctx)
    found.add(span, cluster)


def add_organization(span: Span, ctx: ActorContext, found: Mentions) -> None:
    """`span` names an organization; "Venezuela's PDVSA" gives it a country."""
    text = span.text
    if len(name_tokens(text)) == 0 or not text[:1].isupper():
        return
    cluster = found.cluster_named("organization", fold(text))
    if cluster is None:
        owner = ctx.patterns.left_owner.search(ctx.left_of(span))
        country = owner_country(owner, ctx.res.geo) if owner else None
        cluster = Cluster("organization", [text], country=country)
        found.clusters.append(cluster)
    found.add(span, cluster)


def add_demonym(span: Span, ctx: ActorContext, found: Mentions) -> None:
    """'the Venezuelan regime' → Venezuela; 'Venezuelans' → a group; else a cue only."""
    geo, doc = ctx.res.geo, ctx.doc
    country = geo.demonym_country(span.text) if len(span) > 1 else token_demonym(span[0], geo)
    head = span.root.head if span.root.dep_ in {"amod", "compound", "nmod"} else None
    if country and head is not None and head.i >= span.end and head.i not in found.taken:
        noun = ctx.res.roles.generic.get(fold(head.lemma_))
        if noun is not None and noun.government:
            add_country(doc[span.start : head.i + 1], country, ctx, found)
            return
    if span.root.pos_ in {"PROPN", "NOUN"} and span.root.tag_ in {"NNPS", "NNS"}:
        # "Venezuelans" → Venezuelan people; "Iraqi Kurds" → a group with Iraq's code
        start = span.start
        if not country:
            left = [
                c for c in span.root.lefts if c.dep_ in {"amod", "compound"} and c.i < span.start
            ]
            country = next((token_demonym(c, geo) for c in left if token_demonym(c, geo)), None)
            start = min([start, *(c.i for c in left)])
        name = (
            doc[start : span.end].text
            if not geo.demonym_country(span.text)
            else (f"{geo.country_name(country)} people" if country else span.text)
        )
        cluster = found.cluster_named("group", fold(name)) or Cluster(
            "group", [name], country=country
        )
        found.add(span, found.keep(cluster), lazy=True)

"""Roles and countries from the words around a person's name: titles, "of X", appositions.

"Ecuadorian President Daniel Noboa", "Gustavo Petro of Colombia" and "Franklin Lopez, a
Venezuelan delivery worker" each say who the person is; the role titles come from
ingest/data/roles.yaml through the regexes of `ingest.actors.context`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from ingest.actors.context import ActorContext, owner_country
from ingest.actors.mentions import Cluster
from ingest.roles import RoleBook


@dataclass(frozen=True)
class PersonContext:
    """What the sentence says about a person named in it."""

    roles: tuple[str, ...]  # in the order found: the title before the name, then after
    country: str | None


def role_name(
    qualifier: str | None, title: str, roles: RoleBook, qualified: bool = False
) -> str | None:
    """'Foreign Minister', 'Deputy Prime Minister'; None for lower-case titles ("official")
    and the bare "Leader", which says too little to keep unless `qualified` by whose
    leader ("the leader of Hezbollah")."""
    canonical = roles.canonical_title(title)
    if not canonical or canonical.islower() or (canonical == "Leader" and not qualified):
        return None
    return f"{qualifier.strip().rstrip('-').capitalize()} {canonical}" if qualifier else canonical


def person_context(span: Span, ctx: ActorContext) -> PersonContext:
    """Roles and country from the title before `span`, or the "of X" or apposition after it."""
    patterns, geo = ctx.patterns, ctx.res.geo
    right, left = ctx.right_of(span), ctx.left_of(span)
    roles: list[str | None] = []
    countries: list[str | None] = []
    found = patterns.left_title.search(left)
    if found is None:
        # "China's ambassador to New Zealand, Wang Xiaolong": the owner's, not the host's
        posted = patterns.left_title_posted.search(left)
        found = posted if posted and owner_country(posted, geo) else None
    if found is None and span.root.dep_ == "conj":
        # "presidents Gustavo Petro of Colombia and Luiz Inácio Lula da Silva of Brazil"
        first = span.root.head.left_edge
        sentence_start = ctx.sentence_of[span.start].start_char
        plural = patterns.left_title.search(ctx.text[sentence_start : first.idx])
        found = plural if plural and plural.group(0).rstrip().endswith("s") else None
    if found:
        owner = owner_country(found, geo)
        whose = found.group("dem") if found.group("dem") and not owner else None
        owner = owner or (owner_of(whose, ctx) if whose else None)  # "Hezbollah leader X"
        role = role_name(found.group("qual"), found.group("role"), ctx.res.roles, bool(whose))
        # "Hezbollah leader X": the organization names whose role it is
        roles.append(f"{whose} {role}" if whose and role else role)
        countries.append(owner)
    of = patterns.right_of.match(right)
    if of:
        countries.append(geo.country_code(of.group("country")))
    appos = patterns.right_appos.match(right)
    if appos:
        if appos.group("role"):
            roles.append(role_name(appos.group("qual"), appos.group("role"), ctx.res.roles))
        countries.append(owner_country(appos, geo))
    # "X, the leader of Hezbollah" and "the foreign minister of Canada, X"
    for of in (patterns.right_appos_of.match(right), patterns.left_title_of.search(left)):
        if of:
            role = role_name(of.group("qual"), of.group("role"), ctx.res.roles, True)
            owner = owner_of(of.group("of"), ctx)
            named = geo.country_code(of.group("of"))
            roles.append(f"{role} of {of.group('of')}" if role and not named else role)
            countries.append(owner)
    return PersonContext(
        roles=tuple(dict.fromkeys(r for r in roles if r)),
        country=next((c for c in countries if c), None),
    )


def owner_of(text: str, ctx: ActorContext) -> str | None:
    """The country an "of X" (or an owner before a title) names: a country ("of Canada"),
    a demonym ("for the Colombian government"), a seat of government ("White House Press
    Secretary"), a possessive ("of Lebanon's Hezbollah"), or a dictionary actor's ("of
    Hezbollah")."""
    geo = ctx.res.geo
    # "of Canada", "for the Colombian government", "White House Press Secretary"
    code = geo.country_code(text) or geo.demonym_country(text) or geo.capital_country(text)
    if code:
        return code
    owner, sep, rest = text.replace("’", "'").partition("'s ")
    if sep:
        code = geo.country_code(owner)
        if code:
            return code
        text = rest
    entry = ctx.res.user.lookup(text) or ctx.res.known.lookup(text)
    return entry.country if entry is not None else None


def add_person_context(span: Span, cluster: Cluster, ctx: ActorContext) -> None:
    """Give `cluster` the roles of `span`'s context, and its country unless already fixed."""
    context = person_context(span, ctx)
    for role in context.roles:
        if role not in cluster.roles:
            cluster.roles.append(role)
    if context.country and not cluster.fixed_country:
        cluster.country = context.country
        cluster.fixed_country = True

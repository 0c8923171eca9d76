"""Every other spelling of a known name in the article, whatever spaCy's NER said of it.

A name seen once as a person is propagated to its other mentions ("Kast" is a PERSON in
only some of them), and the dictionaries' aliases ("Lula" for Luiz Inácio Lula da Silva)
are found wherever they are spelled out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.actors.classify import add_entry
from ingest.actors.context import ActorContext
from ingest.actors.mentions import Cluster, Mentions
from ingest.actors.names import AliasIndex, name_tokens, spelling_at
from ingest.actors.titles import add_person_context
from ingest.model import fold


@dataclass(frozen=True)
class PersonEntry:
    """A person cluster seen as a dictionary entry, so its names can be scanned for."""

    cluster: Cluster

    @property
    def name(self) -> str:
        return self.cluster.name

    @property
    def aliases(self) -> tuple[str, ...]:
        last = name_tokens(self.cluster.name)
        surname = (last[-1].capitalize(),) if len(last) > 1 else ()
        return (*self.cluster.names, *surname)

    @property
    def kind(self) -> str:
        return "person"

    @property
    def country(self) -> str | None:
        return self.cluster.country

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.cluster.roles)


def add_propagated_names(ctx: ActorContext, found: Mentions) -> None:
    """Later (and earlier) mentions of a known person's name, then the user dictionary's."""
    people = AliasIndex.build(PersonEntry(c) for c in found.clusters if c.kind == "person")
    add_alias_mentions(people, ctx, found, people_only=True)
    add_alias_mentions(ctx.res.user, ctx, found, user=True)


def add_alias_mentions(
    index: AliasIndex,
    ctx: ActorContext,
    found: Mentions,
    people_only: bool = False,
    user: bool = False,
) -> None:
    """Each free spelling of an alias in `index`, longest alias first at each token."""
    doc = ctx.doc
    i = 0
    while i < len(doc):
        tok = doc[i]
        options = index.by_first_token.get(fold(tok.text)) if tok.text[:1].isupper() else None
        matched = 0
        for tokens, entry in options or ():
            span = spelling_at(doc, i, tokens)
            if span is None or not found.is_free(range(span.start, span.end)):
                continue
            if isinstance(entry, PersonEntry):
                entry.cluster.add_name(span.text)
                add_person_context(span, entry.cluster, ctx)
                found.add(span, entry.cluster, confidence=0.9)
            elif not people_only:
                add_entry(span, entry, ctx, found, user=user)
            matched = len(span)
            break
        i += matched or 1

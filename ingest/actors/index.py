"""The actor finder's result: the article's actors and which tokens refer to which actor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Token

from ingest.actors.mentions import Mentions
from ingest.model import Actor, preferred_name


@dataclass(frozen=True)
class ActorIndex:
    """The article's actors and which tokens refer to which actor.

    `token_actor` maps token index → actor id for every mention (names, pronouns, role
    mentions, government nouns). `lazy` actors (generic nouns, capitals standing for a
    country) are listed only when an event uses them. `media` actors (news agencies,
    newspapers, platforms) report events and never take part in them: `actors_at` leaves
    them out, `media_at` finds them (for an event's reporter).
    """

    actors: dict[str, Actor]
    token_actor: dict[int, str]
    lazy: frozenset[str]
    plural_refs: Mapping[int, tuple[str, ...]]  # "both leaders" → the actors it refers to
    confidence: dict[int, float]  # token → how sure the mention is (pronouns lower)
    media: frozenset[str] = frozenset()

    def actors_at(self, token: Token) -> tuple[str, ...]:
        """The actors `token` refers to, as event sources and targets (no media)."""
        if token.i in self.plural_refs:
            return self.plural_refs[token.i]
        ident = self.token_actor.get(token.i)
        return (ident,) if ident and ident not in self.media else ()

    def media_at(self, token: Token) -> tuple[str, ...]:
        """The news outlet `token` refers to, if any ("Interfax said …": the reporter)."""
        ident = self.token_actor.get(token.i)
        return (ident,) if ident in self.media else ()


def actor_index(found: Mentions, plural_refs: Mapping[int, tuple[str, ...]]) -> ActorIndex:
    """Freeze the article's mentions into actors (one per id) and token lookups."""
    actors: dict[str, Actor] = {}
    token_actor: dict[int, str] = {}
    confidence: dict[int, float] = {}
    eager: set[str] = set()
    media: set[str] = set()
    for mention in found.mentions:
        actor = mention.cluster.to_actor()
        if actor.id in actors:
            actor = merged_actor(actors[actor.id], actor)
        actors[actor.id] = actor
        if not mention.lazy:
            eager.add(actor.id)
        if mention.cluster.media:
            media.add(actor.id)
        for i in range(mention.start, mention.end):
            token_actor[i] = actor.id
            confidence[i] = mention.confidence
    lazy = frozenset(set(actors) - eager)
    return ActorIndex(actors, token_actor, lazy, plural_refs, confidence, frozenset(media))


def merged_actor(first: Actor, second: Actor) -> Actor:
    """Two clusters that came out with one id: the preferred name, every spelling and role."""
    name = preferred_name([first.name, second.name])
    spellings = {first.name, second.name, *first.aliases, *second.aliases}
    aliases = tuple(sorted(spellings - {name}))
    roles = tuple(dict.fromkeys([*first.roles, *second.roles]))
    country = first.country or second.country
    return replace(first, name=name, aliases=aliases, roles=roles, country=country)

"""The actor finder's per-article results so far: clusters of names and the tokens they cover.

One `Mentions` is made per article and passed to every rule explicitly; a rule reads what
earlier rules found (a name seen as a person, the last actor before a pronoun) and adds
to it. Nothing here outlives the article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span

from ingest.actors.names import name_tokens
from ingest.model import Actor, ActorKind, actor_id, fold, preferred_name


@dataclass
class Cluster:
    """One actor within the article, grown as mentions are merged into it."""

    kind: ActorKind
    names: list[str]
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    canonical: str | None = None  # fixed by a dictionary or the gazetteer
    fixed_country: bool = False
    media: bool = False  # a news outlet or platform: reports events, never takes part

    @classmethod
    def of_country(cls, actor: Actor) -> Cluster:
        """The cluster of a country actor (`Gazetteer.country_actor`): its name is fixed."""
        return cls("country", [actor.name], actor.country, canonical=actor.name, fixed_country=True)

    @property
    def tokens(self) -> set[str]:
        return {t for name in self.names for t in name_tokens(name)}

    @property
    def name(self) -> str:
        if self.canonical:
            return self.canonical
        return preferred_name(self.names)

    def add_name(self, text: str) -> None:
        if text not in self.names:
            self.names.append(text)

    def to_actor(self) -> Actor:
        name = self.name
        ident = actor_id(self.kind, name, self.country)
        aliases = tuple(sorted({n for n in self.names if n != name}))
        return Actor(ident, name, self.kind, self.country, tuple(self.roles), aliases)


@dataclass(frozen=True)
class Mention:
    """Tokens [start, end) referring to a cluster; `lazy` ones list it only if an event uses it."""

    start: int
    end: int
    cluster: Cluster
    lazy: bool = False
    confidence: float = 1.0


@dataclass
class Mentions:
    """Every mention found so far in one article, and the tokens no other rule may claim."""

    skipped: frozenset[int]  # furniture and headings (ActorContext.skipped)
    clusters: list[Cluster] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)

    def is_free(self, indices: Iterable[int]) -> bool:
        """Whether none of the token indices is skipped or already part of a mention."""
        return not any(i in self.skipped or i in self.taken for i in indices)

    def add(
        self, span: Span, cluster: Cluster, lazy: bool = False, confidence: float = 1.0
    ) -> None:
        self.mentions.append(Mention(span.start, span.end, cluster, lazy, confidence))
        self.taken.update(range(span.start, span.end))

    def keep(self, cluster: Cluster) -> Cluster:
        """`cluster`, listed among the article's clusters if it is not yet."""
        if cluster not in self.clusters:
            self.clusters.append(cluster)
        return cluster

    def cluster_named(self, kind: ActorKind, key: str) -> Cluster | None:
        """The cluster of `kind` whose name or a spelling folds to `key`."""
        for cluster in self.clusters:
            if cluster.kind == kind and (
                fold(cluster.name) == key or key in {fold(n) for n in cluster.names}
            ):
                return cluster
        return None

    def country_cluster(self, iso3: str) -> Cluster | None:
        return next((c for c in self.clusters if c.kind == "country" and c.country == iso3), None)

"""Descriptive noun phrases resolved to the actor the article means.

"The Gulf kingdom" is the latest Gulf monarchy mentioned, "the island nation" the latest
island country, "the bloc" the latest organization, "the group" the latest named group,
"the junta" the country the article is most about, "the North" North Korea in an article
about the Koreas. The nouns, regions and country lists are data
(ingest/data/descriptors.yaml); `descriptor_reference` is called by the coreference pass
with the names mentioned so far.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from spacy.tokens import Span, Token

from ingest.actors.context import ActorContext, token_demonym
from ingest.actors.mentions import Cluster, Mention
from ingest.actors.names import name_tokens
from ingest.model import fold
from ingest.roles import read_data_yaml

_DEFINITE = frozenset({"the", "its"})


@dataclass(frozen=True)
class DescriptorBook:
    """The lists of ingest/data/descriptors.yaml, folded."""

    country: frozenset[str]
    monarchy_nouns: frozenset[str]
    island_nouns: frozenset[str]
    organization: frozenset[str]
    group: frozenset[str]
    government: frozenset[str]
    fixed: Mapping[str, tuple[str, frozenset[str]]]  # "the north" → (PRK, {PRK, KOR})
    regions: Mapping[str, frozenset[str]]  # "gulf" → ISO3 codes
    continents: Mapping[str, frozenset[str]]  # "african" → {"AF"}
    islands: frozenset[str]
    monarchies: frozenset[str]


def _folded(values: Iterable[object]) -> frozenset[str]:
    return frozenset(fold(str(v)) for v in values)


def _codes(value: object) -> frozenset[str]:
    return frozenset(map(str, value)) if isinstance(value, list) else frozenset({str(value)})


@lru_cache(maxsize=1)
def load_descriptor_book() -> DescriptorBook:
    data = read_data_yaml("descriptors.yaml")
    return DescriptorBook(
        country=_folded(data["country"]),
        monarchy_nouns=_folded(data["monarchy_nouns"]),
        island_nouns=_folded(data["island_nouns"]),
        organization=_folded(data["organization"]),
        group=_folded(data["group"]),
        government=_folded(data["government"]),
        fixed=MappingProxyType(
            {
                fold(k): (str(v["country"]), frozenset(map(str, v["when"])))
                for k, v in data["fixed"].items()
            }
        ),
        regions=MappingProxyType({fold(k): _codes(v) for k, v in data["regions"].items()}),
        continents=MappingProxyType({fold(k): _codes(v) for k, v in data["continents"].items()}),
        islands=frozenset(map(str, data["island_countries"])),
        monarchies=frozenset(map(str, data["monarchies"])),
    )


def is_fixed_descriptor(span: Span) -> bool:
    """Whether a name span is a fixed descriptive phrase ("the North"), not a name."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return before == "the" and f"the {fold(span.text)}" in load_descriptor_book().fixed


def is_definite(tok: Token) -> bool:
    """'the nation', 'its government', 'the country's': a phrase pointing back."""
    return any(c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE for c in tok.lefts)


def persons_group(tok: Token, history: Sequence[Mention]) -> Cluster | None:
    """'his group', 'her party': the organization the latest person was named as a role
    of ("Hezbollah leader X … his group" → Hezbollah)."""
    if not any(c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in tok.lefts):
        return None
    person = latest(history, lambda c: c.kind == "person")
    if person is None:
        return None
    words = {w for role in person.roles for w in name_tokens(role)}
    return latest(
        history,
        lambda c: (
            c.kind in {"organization", "group"}
            and not c.media
            and bool(name_tokens(c.name))
            and set(name_tokens(c.name)) <= words
        ),
    )


def descriptor_reference(
    tok: Token,
    history: Sequence[Mention],
    ctx: ActorContext,
    country_cluster: Callable[[str], Cluster],
) -> Cluster | None:
    """The actor a definite descriptive phrase headed by `tok` refers to, or None.

    `history` are the names mentioned before `tok`, in order; `country_cluster` gives the
    cluster of a country by ISO3 (made if the article has none yet).
    """
    book = load_descriptor_book()
    if fold(tok.lemma_) in book.group | book.organization:
        owned = persons_group(tok, history)
        if owned is not None:
            return owned
    if not is_definite(tok):
        return None
    fixed = book.fixed.get(f"the {fold(tok.text)}") if tok.pos_ == "PROPN" else None
    if fixed is not None:
        country, when = fixed
        seen = {m.cluster.country for m in history if m.cluster.kind == "country"}
        return country_cluster(country) if seen & when else None
    if tok.pos_ != "NOUN" or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
        return None  # "the nation of Burundi", "the government of Iraq": named already
    modifiers = [c for c in tok.lefts if c.dep_ in {"amod", "compound", "nmod"}]
    geo = ctx.res.geo
    if any(token_demonym(m, geo) or geo.country_code(m.text) for m in modifiers):
        return None  # "the Chinese government": a demonym names its country
    lemma = fold(tok.lemma_)
    plural = tok.tag_ in {"NNS", "NNPS"} and lemma != "authority"
    if plural:
        return None
    if lemma in book.government:
        return most_mentioned_country(history)
    if lemma in book.country:
        fits = country_constraint(tok, modifiers, book, ctx)
        subject = clause_subject_clusters(tok, history)
        return latest(
            history,
            lambda c: c.kind == "country" and id(c) not in subject and fits(c.country),
            tok,
        )
    if lemma in book.organization:
        return latest(history, lambda c: c.kind == "organization" and not c.media, tok)
    if lemma in book.group:
        # a named group, or a national organization (an international body is no group)
        return latest(history, lambda c: is_group(c), tok)
    return None


def country_constraint(
    tok: Token, modifiers: Sequence[Token], book: DescriptorBook, ctx: ActorContext
) -> Callable[[str | None], bool]:
    """Which countries a country phrase's words allow ("Gulf" and "kingdom": the Gulf
    monarchies; "African": a country of Africa); any, without such words."""
    tests: list[Callable[[str], bool]] = []
    words = [fold(m.text) for m in modifiers]
    words += [" ".join(words[i : i + 2]) for i in range(len(words) - 1)]
    for word in words:
        if word in book.regions:
            tests.append(book.regions[word].__contains__)
        elif word in book.continents:
            tests.append(on_continents(book.continents[word], ctx))
        elif word in book.island_nouns:
            tests.append(book.islands.__contains__)
    lemma = fold(tok.lemma_)
    if lemma in book.monarchy_nouns:
        tests.append(book.monarchies.__contains__)
    if lemma in book.island_nouns:
        tests.append(book.islands.__contains__)
    return lambda code: code is not None and all(test(code) for test in tests)


def on_continents(wanted: frozenset[str], ctx: ActorContext) -> Callable[[str], bool]:
    """Whether a country lies on one of the `wanted` continents (geonames codes)."""

    def test(code: str) -> bool:
        return ctx.res.geo.continent(code) in wanted

    return test


def is_group(cluster: Cluster) -> bool:
    """A named group ("M23", "Hezbollah"), or an organization of one country ("Burundi's
    Red Tabara"); not an international body, a state body or a news outlet."""
    if cluster.media:
        return False
    return cluster.kind == "group" or (cluster.kind == "organization" and bool(cluster.country))


def latest(
    history: Sequence[Mention], accept: Callable[[Cluster], bool], subject: Token | None = None
) -> Cluster | None:
    """The cluster of the latest mention in `history` that `accept` allows; for a phrase
    that is a `subject`, the latest such subject of its own or the previous sentence
    first ("Burundi closed its border with Rwanda. The small African nation …")."""
    if subject is not None and subject.dep_ in {"nsubj", "nsubjpass"}:
        sentence = subject.sent.start
        window = subject.doc[sentence - 1].sent.start if sentence > 0 else 0
        for mention in reversed(history):
            if mention.start < window:
                break
            root = subject.doc[mention.start : mention.end].root
            if root.dep_ in {"nsubj", "nsubjpass"} and accept(mention.cluster):
                return mention.cluster
    return next((m.cluster for m in reversed(history) if accept(m.cluster)), None)


def most_mentioned_country(history: Sequence[Mention]) -> Cluster | None:
    """The country the article has named most so far; among equals the first named (a
    story's lead names its subject first)."""
    counts = Counter(m.cluster.country for m in history if m.cluster.kind == "country")
    if not counts:
        return None
    top = max(counts.values())
    return next(
        (
            m.cluster
            for m in history
            if m.cluster.kind == "country" and counts[m.cluster.country] == top
        ),
        None,
    )


def clause_subject_clusters(tok: Token, history: Sequence[Mention]) -> set[int]:
    """The actors (by identity) named as subject of the clause `tok` is an object in:
    "Russia attacked the country" cannot mean Russia."""
    if tok.dep_ not in {"dobj", "pobj", "attr", "dative"}:
        return set()
    verb = tok.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subjects = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    return {id(m.cluster) for m in history if m.start in subjects}

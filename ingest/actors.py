"""Find the political actors of one article: named, propagated, pronoun and role mentions.

spaCy's small model mislabels and misses names ("Kast" is a PERSON in only some of its
mentions; "Gustavo Petro of Colombia" comes out as one ORG; "Lula da Silva" is missed), so
entities are only a starting point: spans are repaired, a name seen once as a person is
propagated to its later mentions, surface forms are merged within the article (accents
folded), titles and demonyms give roles and countries, and pronouns and role mentions
("he", "the Chilean President-elect", "both leaders") resolve to the last compatible actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ingest.model import Actor, ActorKind, actor_id, fold, preferred_name
from ingest.roles import RoleBook

PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "della",
        "dos",
        "das",
        "do",
        "van",
        "von",
        "der",
        "bin",
        "al",
        "el",
        "la",
        "le",
        "di",
        "du",
        "ibn",
        "abu",
        "ben",
    }
)
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})
# prepositions whose proper-noun object says which group a generic noun is ("rebels in X")
QUALIFIER_PREPS = frozenset({"of", "from", "in", "at", "throughout"})


class Geography(Protocol):
    """What the actor stage needs from the gazetteer (see ingest.geo)."""

    def country_code(self, text: str) -> str | None: ...
    def demonym_country(self, text: str) -> str | None: ...
    def capital_country(self, text: str) -> str | None: ...
    def country_name(self, iso3: str) -> str: ...


class DictionaryEntryLike(Protocol):
    """An actor dictionary entry (ingest.dictionary.DictionaryEntry, or a person cluster)."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def country(self) -> str | None: ...
    @property
    def roles(self) -> tuple[str, ...]: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class AliasIndex:
    """Folded alias token sequences → dictionary entry, for scanning a Doc."""

    by_first_token: dict[str, list[tuple[tuple[str, ...], DictionaryEntryLike]]]
    by_alias: dict[str, DictionaryEntryLike]

    @classmethod
    def build(cls, entries: Iterable[DictionaryEntryLike]) -> AliasIndex:
        by_first: dict[str, list[tuple[tuple[str, ...], DictionaryEntryLike]]] = {}
        by_alias: dict[str, DictionaryEntryLike] = {}
        for entry in entries:
            for alias in {entry.name, *entry.aliases}:
                tokens = tuple(_name_tokens(alias))
                if not tokens:
                    continue
                by_alias.setdefault(" ".join(tokens), entry)
                by_first.setdefault(tokens[0], []).append((tokens, entry))
        for options in by_first.values():
            options.sort(key=lambda item: len(item[0]), reverse=True)
        return cls(by_first, by_alias)

    def lookup(self, text: str) -> DictionaryEntryLike | None:
        return self.by_alias.get(" ".join(_name_tokens(text)))


@dataclass
class Cluster:
    """One actor within the article, grown as mentions are merged into it."""

    kind: ActorKind
    names: list[str]
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    canonical: str | None = None  # fixed by a dictionary
    fixed_country: bool = False

    @property
    def tokens(self) -> set[str]:
        return {t for name in self.names for t in _name_tokens(name)}

    @property
    def name(self) -> str:
        if self.canonical:
            return self.canonical
        return preferred_name(self.names)

    def to_actor(self) -> Actor:
        name = self.name
        ident = actor_id(self.kind, name, self.country)
        aliases = tuple(sorted({n for n in self.names if n != name}))
        return Actor(ident, name, self.kind, self.country, tuple(self.roles), aliases)


@dataclass(frozen=True)
class ActorIndex:
    """The article's actors and which tokens refer to which actor.

    `token_actor` maps token index → actor id for every mention (names, pronouns, role
    mentions, government nouns). `lazy` actors (generic nouns, capitals standing for a
    country) are listed only when an event uses them.
    """

    actors: dict[str, Actor]
    token_actor: dict[int, str]
    lazy: frozenset[str]
    plural_refs: dict[int, tuple[str, ...]]  # "both leaders" → the actors it refers to
    confidence: dict[int, float]  # token → how sure the mention is (pronouns lower)

    def actors_at(self, token: Token) -> tuple[str, ...]:
        if token.i in self.plural_refs:
            return self.plural_refs[token.i]
        ident = self.token_actor.get(token.i)
        return (ident,) if ident else ()


@dataclass(frozen=True)
class ActorResources:
    geo: Geography
    roles: RoleBook
    known: AliasIndex  # packaged well-known actors (background knowledge)
    user: AliasIndex  # user dictionary: overrides everything


@dataclass(frozen=True)
class ContextPatterns:
    """Regexes over the text around a name: titles before it, "of X" and appositions after."""

    left_title: re.Pattern[str]
    right_of: re.Pattern[str]
    right_appos: re.Pattern[str]
    role_np: re.Pattern[str]


@lru_cache(maxsize=4)
def context_patterns(roles: RoleBook) -> ContextPatterns:
    """Compile the context regexes once per RoleBook (they are large alternations)."""
    title = rf"(?P<role>{roles.title_pattern})s?"
    desc = rf"(?:(?:{roles.descriptor_pattern})[\s,]+)*"
    qual = rf"(?P<qual>(?:{roles.qualifier_pattern})[\s-]+)?"
    owner = (
        r"(?:(?P<poss>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3})\s?['’]s\s+"
        r"|(?P<dem>[A-Z][\w-]+(?:\s[A-Z][\w-]+)??)\s+)?"
    )
    patterns = ContextPatterns(
        left_title=re.compile(rf"(?:^|[\s(“\"])(?-i:{owner})(?i:{desc}{qual}{title})\s+$"),
        right_of=re.compile(r"^\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3})"),
        right_appos=re.compile(
            r"^\s*,\s+(?:(?:the|a|an)\s+)?(?:(?P<poss>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s\s+"
            rf"|(?P<dem>[A-Z][\w-]+)\s+)?(?i:{desc}{qual}(?:{title})?)"
        ),
        role_np=re.compile(
            rf"^(?i:(?:the|both|two|all)\s+)?(?:(?P<dem>[A-Z][\w-]+)\s+)?(?i:{desc}{qual}{title})$"
        ),
    )
    return patterns


def _name_tokens(text: str) -> list[str]:
    text = re.sub(r"['’]s\b", "", text)
    return [t for t in re.split(r"[^\w]+", fold(text)) if t]


def _span_spelling(doc: Doc, start: int, words: tuple[str, ...]) -> Span | None:
    """The span from `start` whose name words are exactly `words` ("al-Sharaa", "U.N.")."""
    seen: list[str] = []
    end = start
    while end < len(doc) and len(seen) < len(words):
        seen.extend(_name_tokens(doc[end].text))
        end += 1
        if seen != list(words[: len(seen)]):
            return None
    return doc[start:end] if seen == list(words) else None


@dataclass
class _Mention:
    start: int
    end: int
    cluster: Cluster
    lazy: bool = False
    confidence: float = 1.0


def find_actors(
    doc: Doc, resources: ActorResources, skip: Sequence[tuple[int, int]] = ()
) -> ActorIndex:
    """All actors of the article in `doc`; tokens inside `skip` char ranges are ignored."""
    finder = _ActorFinder(doc, resources, skip)
    return finder.run()


class _ActorFinder:
    """One pass over one Doc; holds the per-article state the rules share."""

    def __init__(self, doc: Doc, res: ActorResources, skip: Sequence[tuple[int, int]]) -> None:
        self.doc = doc
        self.res = res
        self.text = doc.text  # Doc.text joins every token on each access
        self.skipped = {t.i for t in doc if any(a <= t.idx < b for a, b in skip)}
        # Token.sent walks the document each time; one pass here keeps the rules linear.
        self.sent_of: list[Span] = [sent for sent in doc.sents for _ in range(len(sent))]
        self.mentions: list[_Mention] = []
        self.taken: set[int] = set()
        self.clusters: list[Cluster] = []
        self.patterns = context_patterns(res.roles)
        self.left_title = self.patterns.left_title
        self.right_of = self.patterns.right_of
        self.right_appos = self.patterns.right_appos
        self.role_np = self.patterns.role_np

    # -- the pass -------------------------------------------------------------------
    def run(self) -> ActorIndex:
        spans = self._candidate_spans()
        for span in spans:
            self._classify(span)
        self._propagate_names()
        self._scan_aliases(self.res.known)
        refs = self._pronouns_and_roles()
        self._generic_nouns()
        self._plural_pronouns()
        return self._index(refs)

    def _sent_start_char(self, span: Span) -> int:
        return self.sent_of[span.start].start_char

    def _sent_end_char(self, span: Span) -> int:
        return self.sent_of[span.start].end_char

    def _ok(self, span: Span) -> bool:
        return not any(t.i in self.skipped or t.i in self.taken for t in span)

    def _candidate_spans(self) -> list[Span]:
        """Entities with their spans repaired, plus person names the NER missed."""
        out: list[Span] = []
        for ent in self.doc.ents:
            if ent.label_ not in ACTOR_LABELS or any(t.i in self.skipped for t in ent):
                continue
            out.extend(self._repair(ent))
        covered = {t.i for s in out for t in s}
        out.extend(self._missed_person_names(covered))
        return sorted(out, key=lambda s: s.start)

    def _repair(self, ent: Span) -> list[Span]:
        doc = self.doc
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        while end > start and doc[end - 1].text in {"'s", "’s", "'", "’"}:
            end -= 1
        if start >= end:
            return []
        span = Span(doc, start, end, label=ent.label_)
        # "El Pais, Kast" → two spans
        commas = [t.i for t in span if t.text == ","]
        if commas:
            parts, prev = [], start
            for i in [*commas, end]:
                if i > prev:
                    parts.append(Span(doc, prev, i, label=ent.label_))
                prev = i + 1
            return [p for part in parts for p in self._repair(part)]
        # "Gustavo Petro of Colombia" (ORG) → a person name and its country
        for tok in span:
            if tok.lower_ == "of" and tok.i > start and tok.i + 1 < end:
                tail = doc[tok.i + 1 : end]
                if self.res.geo.country_code(tail.text) and self._looks_like_name(
                    doc[start : tok.i]
                ):
                    return [
                        Span(doc, start, tok.i, label="PERSON"),
                        Span(doc, tok.i + 1, end, label="GPE"),
                    ]
        return [span]

    def _looks_like_name(self, span: Span) -> bool:
        words = [t for t in span if t.lower_ not in PARTICLES]
        return 1 < len(span) <= 6 and all(t.text[:1].isupper() and t.is_alpha for t in words)

    def _missed_person_names(self, covered: set[int]) -> list[Span]:
        """Proper-noun chains outside any entity that a title, "of Country" or a
        coordinated person marks as a person ("presidents X of Colombia and Luiz Inácio
        Lula da Silva of Brazil")."""
        doc, out = self.doc, []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if (
                i in covered
                or i in self.skipped
                or tok.pos_ != "PROPN"
                or not tok.text[:1].isupper()
            ):
                i += 1
                continue
            j = i
            while (
                j < len(doc)
                and j not in covered
                and (
                    (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper())
                    or (
                        doc[j].lower_ in PARTICLES
                        and j + 1 < len(doc)
                        and doc[j + 1].pos_ == "PROPN"
                    )
                )
            ):
                j += 1
            span = doc[i:j]
            if len(span) >= 2 and self._looks_like_name(span) and self._person_cue(span):
                out.append(Span(doc, i, j, label="PERSON"))
            i = max(j, i + 1)
        return out

    def _person_cue(self, span: Span) -> bool:
        left = self.text[self._sent_start_char(span) : span.start_char]
        right = self.text[span.end_char : self._sent_end_char(span)]
        if self.left_title.search(left):
            return True
        match = self.right_of.match(right)
        if match and self.res.geo.country_code(match.group("country")):
            return True
        root = span.root
        return root.dep_ in {"conj", "appos"} and root.head.ent_type_ == "PERSON"

    # -- classification -------------------------------------------------------------
    def _classify(self, span: Span) -> None:
        if not self._ok(span):
            return
        geo, text, label = self.res.geo, span.text, span.label_
        entry = self.res.user.lookup(text) or self.res.known.lookup(text)
        if entry is not None and (label in {"PERSON", "ORG"} or entry.kind != "person"):
            self._add_entry(span, entry)
            return
        if label == "PERSON" and self.res.roles.canonical_title(text):
            return  # "High Commissioner", "National Security Adviser": a title, not a name
        if label in {"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"}:
            country = geo.country_code(text)
            if country and label != "NORP":
                self._add_country(span, country)
                return
            capital = geo.capital_country(text)
            if capital and label not in {"NORP", "PERSON"}:
                self._add_country(span, capital, lazy=True)
                return
        if label == "NORP":
            self._demonym(span)
        elif label == "PERSON":
            self._add_person(span)
        elif label == "ORG":
            if self._matches_person(span) is not None:
                self._add_person(span)
            else:
                self._add_org(span)

    def _add(
        self, span: Span, cluster: Cluster, lazy: bool = False, confidence: float = 1.0
    ) -> None:
        self.mentions.append(_Mention(span.start, span.end, cluster, lazy, confidence))
        self.taken.update(range(span.start, span.end))

    def _cluster_for(self, kind: ActorKind, key: str) -> Cluster | None:
        for cluster in self.clusters:
            if cluster.kind == kind and (
                fold(cluster.name) == key or key in {fold(n) for n in cluster.names}
            ):
                return cluster
        return None

    def _add_country(self, span: Span, iso3: str, lazy: bool = False) -> None:
        name = self.res.geo.country_name(iso3)
        cluster = next(
            (c for c in self.clusters if c.kind == "country" and c.country == iso3), None
        )
        if cluster is None:
            cluster = Cluster("country", [name], country=iso3, canonical=name, fixed_country=True)
            self.clusters.append(cluster)
        if not lazy and span.text not in cluster.names:
            cluster.names.append(span.text)  # a capital standing for its country is no alias
        self._add(span, cluster, lazy=lazy)

    def _add_entry(self, span: Span, entry: DictionaryEntryLike) -> None:
        kind: ActorKind = entry.kind  # type: ignore[assignment]
        cluster = self._cluster_for(kind, fold(entry.name))
        if cluster is None:
            cluster = Cluster(kind, [entry.name], country=entry.country, canonical=entry.name)
            cluster.roles.extend(entry.roles)
            self.clusters.append(cluster)
        elif cluster.canonical is None:
            cluster.canonical = entry.name
        if span.text not in cluster.names:
            cluster.names.append(span.text)
        if kind == "person":
            self._person_context(span, cluster)
        self._add(span, cluster)

    def _matches_person(self, span: Span) -> Cluster | None:
        tokens = _name_tokens(span.text)
        if not tokens:
            return None
        for cluster in self.clusters:
            if cluster.kind != "person":
                continue
            names = [_name_tokens(n) for n in cluster.names]
            full = max(names, key=len)
            if set(tokens) <= set(full) and (
                tokens[-1] == full[-1] or (len(tokens) == 1 and tokens[0] != full[0])
            ):
                return cluster
        return None

    def _add_person(self, span: Span) -> None:
        text = re.sub(r"['’]s$", "", span.text).strip()
        cluster = self._matches_person(span)
        if cluster is None:
            # a longer form of an earlier short mention ("Kast" then "Jose Antonio Kast")
            tokens = set(_name_tokens(text))
            for other in self.clusters:
                if other.kind == "person" and other.tokens <= tokens and other.canonical is None:
                    cluster = other
                    break
        if cluster is None:
            cluster = Cluster("person", [text])
            self.clusters.append(cluster)
        elif text not in cluster.names:
            cluster.names.append(text)
        self._person_context(span, cluster)
        self._add(span, cluster)

    def _person_context(self, span: Span, cluster: Cluster) -> None:
        """Roles and country from the title before the name or the phrase after it."""
        geo = self.res.geo
        left = self.text[self._sent_start_char(span) : span.start_char]
        right = self.text[span.end_char : self._sent_end_char(span)]
        countries: list[str | None] = []
        found = self.left_title.search(left)
        if found is None and span.root.dep_ == "conj":
            # "presidents Gustavo Petro of Colombia and Luiz Inácio Lula da Silva of Brazil"
            first = span.root.head.left_edge
            plural = self.left_title.search(self.text[self._sent_start_char(span) : first.idx])
            found = plural if plural and plural.group(0).rstrip().endswith("s") else None
        if found:
            self._add_role(cluster, found.group("qual"), found.group("role"))
            countries += [
                geo.country_code(found.group("poss") or ""),
                geo.demonym_country(found.group("dem") or ""),
            ]
        of = self.right_of.match(right)
        if of:
            countries.append(geo.country_code(of.group("country")))
        appos = self.right_appos.match(right)
        if appos:
            if appos.group("role"):
                self._add_role(cluster, appos.group("qual"), appos.group("role"))
            countries += [
                geo.country_code(appos.group("poss") or ""),
                geo.demonym_country(appos.group("dem") or ""),
            ]
        country = next((c for c in countries if c), None)
        if country and not cluster.fixed_country:
            cluster.country = country
            cluster.fixed_country = True

    def _add_role(self, cluster: Cluster, qualifier: str | None, title: str) -> None:
        canonical = self.res.roles.canonical_title(title)
        if not canonical or canonical.islower() or canonical == "Leader":
            return
        role = (
            f"{qualifier.strip().rstrip('-').capitalize()} {canonical}" if qualifier else canonical
        )
        if role not in cluster.roles:
            cluster.roles.append(role)

    def _add_org(self, span: Span) -> None:
        text = span.text
        if len(_name_tokens(text)) == 0 or not text[:1].isupper():
            return
        key = fold(text)
        cluster = self._cluster_for("organization", key)
        if cluster is None:
            left = self.text[self._sent_start_char(span) : span.start_char]
            owner = re.search(
                r"(?:(?P<poss>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s|(?P<dem>[A-Z][\w-]+))\s+$", left
            )
            country = None
            if owner:
                country = self.res.geo.country_code(
                    owner.group("poss") or ""
                ) or self.res.geo.demonym_country(owner.group("dem") or "")
            cluster = Cluster("organization", [text], country=country)
            self.clusters.append(cluster)
        self._add(span, cluster)

    def _demonym(self, span: Span) -> None:
        """'the Venezuelan regime' → Venezuela; 'Venezuelans' → a group; else a cue only."""
        geo, roles = self.res.geo, self.res.roles
        country = geo.demonym_country(span.text)
        head = span.root.head if span.root.dep_ in {"amod", "compound", "nmod"} else None
        if country and head is not None and head.i >= span.end and head.i not in self.taken:
            noun = roles.generic.get(fold(head.lemma_))
            if noun is not None and noun.government:
                self._add_country(self.doc[span.start : head.i + 1], country)
                return
        if span.root.pos_ in {"PROPN", "NOUN"} and span.root.tag_ in {"NNPS", "NNS"}:
            # "Venezuelans" → Venezuelan people; "Iraqi Kurds" → a group with Iraq's code
            start = span.start
            if not country:
                left = [
                    c
                    for c in span.root.lefts
                    if c.dep_ in {"amod", "compound"} and c.i < span.start
                ]
                country = next(
                    (geo.demonym_country(c.text) for c in left if geo.demonym_country(c.text)), None
                )
                start = min([start, *(c.i for c in left)])
            name = (
                self.doc[start : span.end].text
                if not geo.demonym_country(span.text)
                else (f"{geo.country_name(country)} people" if country else span.text)
            )
            cluster = self._cluster_for("group", fold(name)) or Cluster(
                "group", [name], country=country
            )
            if cluster not in self.clusters:
                self.clusters.append(cluster)
            self._add(span, cluster, lazy=True)

    # -- propagation ----------------------------------------------------------------
    def _propagate_names(self) -> None:
        """Later (and earlier) mentions of a known person's name, whatever NER said."""
        index = AliasIndex.build(_ClusterEntry(c) for c in self.clusters if c.kind == "person")
        self._scan_aliases(index, people_only=True)
        self._scan_aliases(self.res.user)

    def _scan_aliases(self, index: AliasIndex, people_only: bool = False) -> None:
        doc = self.doc
        i = 0
        while i < len(doc):
            tok = doc[i]
            options = index.by_first_token.get(fold(tok.text)) if tok.text[:1].isupper() else None
            matched = 0
            for tokens, entry in options or ():
                span = _span_spelling(doc, i, tokens)
                if span is None or not self._ok(span):
                    continue
                if isinstance(entry, _ClusterEntry):
                    if span.text not in entry.cluster.names:
                        entry.cluster.names.append(span.text)
                    self._person_context(span, entry.cluster)
                    self._add(span, entry.cluster, confidence=0.9)
                elif not people_only:
                    self._add_entry(span, entry)
                matched = len(span)
                break
            i += matched or 1

    # -- generic nouns, pronouns and role mentions ----------------------------------
    def _generic_nouns(self) -> None:
        """'police', 'protesters', 'Iranian security forces', 'the government of Iraq'."""
        geo, roles = self.res.geo, self.res.roles
        for tok in self.doc:
            if tok.i in self.taken or tok.i in self.skipped or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            noun = roles.generic.get(fold(tok.lemma_)) or roles.generic.get(fold(tok.text))
            if noun is None or (tok.dep_ in {"compound", "amod"} and tok.head.i in self.taken):
                continue  # a title in front of a name ("Foreign Minister Hugo de Zela")
            start = tok.i
            country = None
            for child in tok.lefts:
                if (
                    child.dep_ in {"amod", "compound", "nmod", "poss"}
                    and child.i not in self.skipped
                ):
                    code = geo.demonym_country(child.text) or geo.country_code(child.text)
                    if code:
                        country, start = code, min(start, child.i)
            for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    code = geo.country_code(obj.text)
                    if code and noun.government:
                        country = code
            if noun.government:
                if country:
                    self._add_country(self.doc[start : tok.i + 1], country)
                continue
            # the surface form ("protesters", "Israeli troops", "Islamic fundamentalists",
            # "supporters of Ahmed Ben Bella"): it is what a reader searches for
            start = min(start, _modifier_start(tok))
            kept = [t for t in self.doc[start : tok.i + 1] if t.dep_ not in {"poss", "case"}]
            words = [t.text for t in kept]
            name = "".join(t.text_with_ws for t in kept[:-1]) + tok.text.lower()
            if country and (start == tok.i or len(words) == 1):
                name = f"{geo.country_name(country)} {tok.text.lower()}"
            qualifier = _qualifier(tok)
            if qualifier is not None:
                name = f"{name} {qualifier.text}"
            kind = noun.kind
            cluster = self._cluster_for(kind, fold(name)) or Cluster(kind, [name], country=country)
            if cluster not in self.clusters:
                self.clusters.append(cluster)
            self._add(self.doc[tok.i : tok.i + 1], cluster, lazy=True, confidence=0.6)

    def _plural_pronouns(self) -> None:
        """'they' / 'them' → the last group, organization or country mentioned before."""
        plural = {w for w, c in self.res.roles.pronouns.items() if c == "plural"}
        starts = sorted(self.mentions, key=lambda m: m.start)
        for tok in self.doc:
            if (
                tok.pos_ != "PRON"
                or tok.lower_ not in plural
                or tok.i in self.taken
                or tok.i in self.skipped
            ):
                continue
            before = [m for m in starts if m.end <= tok.i and m.cluster.kind != "person"]
            if before and before[-1].start >= self.sent_of[tok.i].start - 40:
                last = before[-1]
                self._add(self.doc[tok.i : tok.i + 1], last.cluster, lazy=last.lazy, confidence=0.6)

    def _pronouns_and_roles(self) -> dict[int, tuple[str, ...]]:
        """Resolve pronouns and role mentions to the last compatible actor before them."""
        roles = self.res.roles
        by_token = {i: m for m in self.mentions for i in range(m.start, m.end)}
        history: list[_Mention] = []
        plural: dict[int, list[Cluster]] = {}
        for tok in self.doc:
            if tok.i in by_token:
                mention = by_token[tok.i]
                if mention.start == tok.i and not mention.lazy:
                    history.append(mention)
                continue
            if tok.i in self.skipped:
                continue
            category = roles.pronouns.get(tok.lower_) if tok.pos_ == "PRON" else None
            if category == "person":
                target = self._last(history, lambda c: c.kind == "person")
                if target is not None:
                    self._add(self.doc[tok.i : tok.i + 1], target, confidence=0.75)
            elif category == "collective" and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
                target = self._last(history, lambda c: c.kind in {"country", "organization"})
                if target is not None:
                    self._add(self.doc[tok.i : tok.i + 1], target, confidence=0.6)
            elif tok.pos_ == "NOUN" and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}:
                self._role_mention(tok, history, plural)
        return {i: tuple(c.to_actor().id for c in clusters) for i, clusters in plural.items()}

    def _role_mention(
        self, tok: Token, history: list[_Mention], plural: dict[int, list[Cluster]]
    ) -> None:
        roles, geo = self.res.roles, self.res.geo
        phrase = self.doc[tok.left_edge.i : tok.i + 1]
        found = self.role_np.match(phrase.text)
        if not found or not any(t.lower_ in {"the", "both", "two", "all"} for t in phrase):
            return
        title = roles.canonical_title(found.group("role")) or ""
        country = geo.demonym_country(found.group("dem") or "") or _of_country(tok, geo)
        leaders = roles.is_leader_title(title) and fold(title) == "leader"

        def fits(c: Cluster) -> bool:
            if c.kind != "person" or (country and c.country != country):
                return False
            if leaders:
                return any(
                    roles.is_leader_title(r.split()[-1]) or roles.is_leader_title(r)
                    for r in c.roles
                )
            return any(fold(r).endswith(fold(title)) for r in c.roles)

        if tok.tag_ == "NNS":
            picked: list[Cluster] = []
            for mention in reversed(history):
                if fits(mention.cluster) and mention.cluster not in picked:
                    picked.append(mention.cluster)
                if len(picked) == 2:
                    break
            if len(picked) == 2:
                plural[tok.i] = list(reversed(picked))
            return
        target = self._last(history, fits)
        if target is not None:
            self._add(phrase, target, confidence=0.7)

    @staticmethod
    def _last(history: list[_Mention], accept: object) -> Cluster | None:
        for mention in reversed(history):
            if accept(mention.cluster):  # type: ignore[operator]
                return mention.cluster
        return None

    # -- result ---------------------------------------------------------------------
    def _index(self, plural_refs: dict[int, tuple[str, ...]]) -> ActorIndex:
        actors: dict[str, Actor] = {}
        token_actor: dict[int, str] = {}
        confidence: dict[int, float] = {}
        eager: set[str] = set()
        for mention in self.mentions:
            actor = mention.cluster.to_actor()
            if actor.id in actors:
                actor = _merge(actors[actor.id], actor)
            actors[actor.id] = actor
            if not mention.lazy:
                eager.add(actor.id)
            for i in range(mention.start, mention.end):
                token_actor[i] = actor.id
                confidence[i] = mention.confidence
        lazy = frozenset(set(actors) - eager)
        return ActorIndex(actors, token_actor, lazy, plural_refs, confidence)


def _of_country(tok: Token, geo: Geography) -> str | None:
    """The country of an "of X" qualifier ("the president of Armenia"): a role mention so
    qualified refers only to that country's office holder, never to another president."""
    for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            code = geo.country_code(obj.text)
            if code:
                return code
    return None


def _descriptive(tok: Token) -> bool:
    """Whether a modifier classifies the actor ("Islamic", "peacekeeping", "Vietnamese-led").

    Lower-case adjectives ("angry", "many", "other") describe a moment, not who the
    actor is, so they are left out of the name.
    """
    if tok.pos_ in {"NOUN", "PROPN"} or tok.text == "-":
        return True
    if tok.pos_ == "ADJ":
        # sentence-initial capitals only count when NER sees a name ("Islamic", not "Angry")
        proper = tok.text[:1].isupper() and (not tok.is_sent_start or bool(tok.ent_type_))
        return proper or "-" in tok.text
    return tok.pos_ == "VERB" and tok.tag_ in {"VBG", "VBN"}


def _modifier_start(tok: Token) -> int:
    """First token of the classifying modifiers right in front of a generic noun."""
    first = tok.i
    for child in reversed(list(tok.lefts)):
        if child.dep_ not in {"amod", "compound", "nmod", "npadvmod"}:
            break
        if child.right_edge.i != first - 1 or not all(_descriptive(t) for t in child.subtree):
            break
        first = child.left_edge.i
    return first


def _qualifier(tok: Token) -> Span | None:
    """A proper-noun phrase qualifying a generic noun: "rebels in the Ivory Coast",
    "activists from the Fatah Party", "supporters of Ahmed Ben Bella".

    CAMEO codes such a group by the qualifier, so the name keeps it; the phrase stops
    before a comma, bracket or clause so "X, who …" does not leak into the name.
    """
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.head.i != tok.i or nxt.dep_ != "prep":
        return None
    if nxt.lower_ not in QUALIFIER_PREPS:
        return None
    obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    end = nxt.i
    for t in doc[nxt.i + 1 : obj.right_edge.i + 1]:
        if t.text in {",", "(", ";", "--"} or t.dep_ in {"relcl", "acl"}:
            break
        end = t.i
    phrase = doc[nxt.i : end + 1]
    if end < obj.i or len(phrase) > 9 or not any(t.pos_ == "PROPN" for t in phrase):
        return None
    return phrase


def _merge(first: Actor, second: Actor) -> Actor:
    aliases = tuple(sorted({*first.aliases, *second.aliases} - {first.name}))
    roles = tuple(dict.fromkeys([*first.roles, *second.roles]))
    return replace(first, aliases=aliases, roles=roles, country=first.country or second.country)


@dataclass(frozen=True)
class _ClusterEntry:
    """Adapter: a person cluster seen as a dictionary entry, for alias scanning."""

    cluster: Cluster

    @property
    def name(self) -> str:
        return self.cluster.name

    @property
    def aliases(self) -> tuple[str, ...]:
        last = _name_tokens(self.cluster.name)
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

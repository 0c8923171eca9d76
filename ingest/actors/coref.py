"""Pronouns and role mentions resolved to the last compatible actor mentioned before them.

"he" → the last person; "it" → the last country or organization; "the Chilean
President-elect" → the last Chilean with that role; "both leaders" → the last two
leaders; "they" → the last group, organization or country shortly before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ingest.actors.context import ActorContext, of_country
from ingest.actors.descriptors import descriptor_reference
from ingest.actors.mentions import Cluster, Mention, Mentions
from ingest.actors.names import name_tokens
from ingest.model import fold
from ingest.syntax import prep_objects

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# where a role or descriptive phrase stands for an actor ("the country's" too: "poss")
_REFERRING_DEPS = _ARGUMENT_DEPS | {"conj", "poss", "appos"}
_DETERMINERS = frozenset({"the", "both", "two", "all"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_RAISING_VERBS = frozenset({"seem", "appear", "remain"})  # "it seems that …"


@dataclass(frozen=True)
class RoleReference:
    """A role mention and the person(s) it refers to ("both presidents" → two of them)."""

    span: Span
    clusters: tuple[Cluster, ...]
    plural: bool


def last_cluster(history: Sequence[Mention], accept: Callable[[Cluster], bool]) -> Cluster | None:
    """The cluster of the latest mention in `history` that `accept` allows."""
    for mention in reversed(history):
        if accept(mention.cluster):
            return mention.cluster
    return None


def antecedent(
    tok: Token, history: Sequence[Mention], accept: Callable[[Cluster], bool], ctx: ActorContext
) -> Cluster | None:
    """What a pronoun refers to: for a subject pronoun, the latest compatible subject of
    its own or the previous sentence ("Russia blamed Ukraine. It said …" → Russia), else
    the latest compatible mention."""
    if tok.dep_ in _SUBJECT_DEPS:
        start = ctx.sentence_of[tok.i].start
        window = ctx.sentence_of[start - 1].start if start > 0 else 0
        for mention in reversed(history):
            if mention.start < window:
                break
            if accept(mention.cluster) and is_subject(ctx.doc[mention.start : mention.end].root):
                return mention.cluster
    return last_cluster(history, accept)


def is_subject(root: Token) -> bool:
    """A subject, or a name in apposition to one ("China's ambassador, Wang, said …")."""
    return root.dep_ in _SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in _SUBJECT_DEPS)


def resolve_references(ctx: ActorContext, found: Mentions) -> dict[int, tuple[str, ...]]:
    """Add a mention for each resolvable pronoun and role mention; return the plural role
    mentions ("both leaders": token index → the actor ids it refers to)."""
    roles = ctx.res.roles
    by_token = {i: m for m in found.mentions for i in range(m.start, m.end)}

    def country_cluster(iso3: str) -> Cluster:
        return found.country_cluster(iso3) or found.keep(
            Cluster.of_country(ctx.res.geo.country_actor(iso3))
        )

    history: list[Mention] = []
    plural: dict[int, tuple[str, ...]] = {}
    for tok in ctx.doc:
        if tok.i in by_token:
            mention = by_token[tok.i]
            if mention.start == tok.i and not mention.lazy:
                history.append(mention)
            continue
        if tok.i in ctx.skipped:
            continue
        one = ctx.doc[tok.i : tok.i + 1]
        category = roles.pronouns.get(tok.lower_) if tok.pos_ == "PRON" else None
        if category == "person":
            target = antecedent(tok, history, lambda c: c.kind == "person", ctx)
            if target is not None:
                found.add(one, target, confidence=0.75)
        elif category == "collective" and tok.dep_ in _ARGUMENT_DEPS and not is_expletive(tok):
            target = antecedent(tok, history, lambda c: c.kind in {"country", "organization"}, ctx)
            if target is not None:
                found.add(one, target, confidence=0.6)
        elif tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in _REFERRING_DEPS:
            ref = role_reference(tok, history, ctx) if tok.pos_ == "NOUN" else None
            if ref is not None and ref.plural:
                plural[tok.i] = tuple(c.to_actor().id for c in ref.clusters)
            elif ref is not None:
                found.add(ref.span, ref.clusters[0], confidence=0.7)
                history.append(found.mentions[-1])  # "the president … he": a chain
            elif tok.dep_ != "compound":
                meant = descriptor_reference(tok, history, ctx, country_cluster)
                start = phrase_start(tok)
                if meant is not None and found.is_free(range(start, tok.i + 1)):
                    found.add(ctx.doc[start : tok.i + 1], meant, confidence=0.6)
                    history.append(found.mentions[-1])
    return plural


def is_expletive(tok: Token) -> bool:
    """'It' standing for a clause, not a thing: "It was not clear how many were detained",
    "It is expected that …", "It seems that …"."""
    head = tok.head
    if tok.dep_ not in {"nsubj", "nsubjpass", "expl"} or head.i == tok.i:
        return tok.dep_ == "expl"
    clause = any(c.dep_ in {"ccomp", "xcomp", "csubj", "advcl"} for c in head.children)
    copular = any(c.dep_ in {"acomp", "auxpass"} for c in head.children)
    return tok.dep_ == "expl" or (clause and (copular or head.lemma_ in _RAISING_VERBS))


def role_reference(
    tok: Token, history: Sequence[Mention], ctx: ActorContext
) -> RoleReference | None:
    """The person a role noun refers to ("the Chilean President-elect" → the last person
    with that role and country), or the last two for a plural ("both presidents")."""
    roles, geo = ctx.res.roles, ctx.res.geo
    phrase = ctx.doc[phrase_start(tok) : tok.i + 1]
    found = ctx.patterns.role_np.match(phrase.text)
    if not found or not any(t.lower_ in _DETERMINERS for t in phrase):
        return None
    title = roles.canonical_title(found.group("role")) or ""
    country = geo.demonym_country(found.group("dem") or "") or of_country(tok, geo)
    leaders = roles.is_leader_title(title) and fold(title) == "leader"
    # "the leader of the main opposition party": the person named in that role
    whose = set() if country else of_words(tok) - set(name_tokens(title))

    def fits(c: Cluster) -> bool:
        if c.kind != "person" or (country and c.country != country):
            return False
        if whose and not whose & {w for r in c.roles for w in name_tokens(r)}:
            return False
        if leaders:
            return any(
                roles.is_leader_title(r.split()[-1]) or roles.is_leader_title(r) for r in c.roles
            )
        # "the president" is the one in office, not a former one
        return any(
            fold(r).endswith(fold(title)) and not fold(r).startswith("former ") for r in c.roles
        )

    if tok.tag_ == "NNS":
        picked: list[Cluster] = []
        for mention in reversed(history):
            if fits(mention.cluster) and mention.cluster not in picked:
                picked.append(mention.cluster)
            if len(picked) == 2:
                break
        if len(picked) < 2:
            return None
        return RoleReference(phrase, tuple(reversed(picked)), plural=True)
    target = last_cluster(history, fits)
    return RoleReference(phrase, (target,), plural=False) if target is not None else None


def phrase_start(tok: Token) -> int:
    """Where the noun phrase headed by `tok` starts, adverbs the parser hung on it aside
    ("Later the leader …")."""
    lefts = [c.left_edge.i for c in tok.lefts if c.dep_ not in {"advmod", "punct", "cc"}]
    return min(lefts, default=tok.i)


def of_words(tok: Token) -> set[str]:
    """The content words of an "of" phrase after a role noun ("of the main opposition
    party" → opposition, party, main): whose role it is."""
    return {
        fold(t.text)
        for obj in prep_objects(tok.rights, frozenset({"of"}))
        for t in obj.subtree
        if t.pos_ in {"NOUN", "PROPN", "ADJ"}
    }


def add_plural_pronouns(ctx: ActorContext, found: Mentions) -> None:
    """'they' / 'them' → the last group, organization or country mentioned shortly before."""
    plural = {w for w, c in ctx.res.roles.pronouns.items() if c == "plural"}
    starts = sorted(found.mentions, key=lambda m: m.start)
    for tok in ctx.doc:
        if tok.pos_ != "PRON" or tok.lower_ not in plural or not found.is_free((tok.i,)):
            continue
        before = [m for m in starts if m.end <= tok.i and m.cluster.kind != "person"]
        if before and before[-1].start >= ctx.sentence_of[tok.i].start - 40:
            last = before[-1]
            found.add(ctx.doc[tok.i : tok.i + 1], last.cluster, lazy=last.lazy, confidence=0.6)


_OPENING, _CLOSING, _STRAIGHT = "“", "”", '"'
_QUOTE_MARKS = re.compile(r'[“”"]|\n')
_SPEAKER_WORDS = re.compile(r"\b(?:I|me|my|myself|[Ww]e|us|[Oo]ur|ourselves)\b")


def quote_regions(ctx: ActorContext) -> list[tuple[int, int, bool]]:
    """Token ranges [start, end) of double-quoted speech and whether each runs on into the
    next paragraph unclosed (the convention for a quote of several paragraphs). Found by
    a regex over the text, not a walk over every token."""
    regions: list[tuple[int, int, bool]] = []
    start: int | None = None
    for mark in _QUOTE_MARKS.finditer(ctx.text):
        text = mark.group()
        span = ctx.doc.char_span(mark.start(), mark.end(), alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = span[0]
        if start is None:
            if text in {_OPENING, _STRAIGHT}:
                start = tok.i + 1
            continue
        if text in {_CLOSING, _STRAIGHT}:
            regions.append((start, tok.i, False))
            start = None
        else:
            regions.append((start, tok.i + 1, True))
            start = None
    if start is not None:
        regions.append((start, len(ctx.doc), True))
    return regions


def quote_speaker(
    region: tuple[int, int, bool], by_token: dict[int, Mention], ctx: ActorContext
) -> Cluster | None:
    """Who speaks a quote: the subject of a speech verb outside it in the sentences it
    touches ("'…,' Wang said"; "Joly stated, '…'"), else the actor introducing it with a
    colon just before ("U.S. PRESIDENT JOE BIDEN:" on the line above)."""
    start, end, _ = region
    speech = ctx.res.roles.speech_verbs
    first, last = ctx.sentence_of[start], ctx.sentence_of[max(start, end - 1)]
    for tok in ctx.doc[first.start : last.end]:
        if start <= tok.i < end or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if fold(tok.lemma_) not in speech:
            continue
        for child in tok.children:
            if child.dep_ == "nsubj" and not (start <= child.i < end):
                found = speaker_at(child, by_token)
                if found is not None:
                    return found
    before = start - 2  # the token before the opening quote mark
    while before >= 0 and ctx.doc[before].is_space:
        before -= 1
    if before >= 0 and ctx.doc[before].text == ":":
        intro = ctx.sentence_of[before]
        people = [
            by_token[i].cluster
            for i in range(intro.start, before)
            if i in by_token and not by_token[i].cluster.media
        ]
        persons = [c for c in people if c.kind == "person"]
        chosen = persons or people
        return chosen[-1] if chosen else None
    return None


def speaker_at(tok: Token, by_token: dict[int, Mention]) -> Cluster | None:
    """The actor a speech verb's subject names, or the name in apposition to it ("the
    foreign minister of Canada, Mélanie Joly, stated")."""
    mentions = [
        m
        for node in (tok, *(c for c in tok.children if c.dep_ == "appos"))
        for m in [by_token.get(node.i)]
        if m is not None and not m.cluster.media
    ]
    named = [m for m in mentions if not m.lazy]  # a name beats a generic "minister"
    return (named or mentions)[0].cluster if mentions else None


def add_quoted_speakers(ctx: ActorContext, found: Mentions) -> None:
    """'I' and 'we' in quoted speech → the one quoted. A paragraph opening a quote after an
    unclosed one continues it, with the same speaker."""
    speaker_words = {w for w, c in ctx.res.roles.pronouns.items() if c == "speaker"}
    if not _SPEAKER_WORDS.search(ctx.text):
        return
    by_token = {i: m for m in found.mentions for i in range(m.start, m.end)}
    previous: tuple[Cluster | None, bool] = (None, False)
    for region in quote_regions(ctx):
        speaker = quote_speaker(region, by_token, ctx)
        if speaker is None and previous[1]:
            speaker = previous[0]
        previous = (speaker, region[2])
        if speaker is None:
            continue
        for tok in ctx.doc[region[0] : region[1]]:
            if tok.pos_ == "PRON" and tok.lower_ in speaker_words and found.is_free((tok.i,)):
                found.add(ctx.doc[tok.i : tok.i + 1], speaker, confidence=0.7)

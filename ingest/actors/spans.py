"""Where actor names are: spaCy's entities with their spans repaired, plus names it missed.

spaCy's small model cuts names badly ("Gustavo Petro of Colombia" is one ORG, "El Pais,
Kast" one PERSON) and misses some ("Lula da Silva"), so its entities are only a start.
"""

from __future__ import annotations

from spacy.tokens import Span

from ingest.actors.context import ActorContext, Geography
from ingest.actors.names import looks_like_name, proper_noun_runs
from ingest.model import fold
from ingest.roles import RoleBook

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def candidate_spans(ctx: ActorContext) -> list[Span]:
    """Entities with their spans repaired, plus person names the NER missed, in text order."""
    out: list[Span] = []
    for ent in ctx.doc.ents:
        if ent.label_ not in ACTOR_LABELS or any(t.i in ctx.skipped for t in ent):
            continue
        for span in repaired_spans(ent, ctx.res.geo):
            actor = actor_part(span, ctx.res.roles)
            if actor is not None:
                out.append(actor)
    covered = {t.i for s in out for t in s}
    out.extend(missed_person_names(ctx, covered))
    covered = {t.i for s in out for t in s}
    out.extend(missed_place_names(ctx, covered))
    return sorted(out, key=lambda s: s.start)


def actor_part(span: Span, roles: RoleBook) -> Span | None:
    """`span` without a document it names: none for a time zone ("GMT") or a document
    ("the Joint Communique"), the authors for "Security Council Resolution 2231"."""
    if span.text in roles.non_actor_names:
        return None
    for tok in span:
        if fold(tok.text) in roles.document_nouns and span.label_ != "PERSON":
            if tok.i == span.start or tok.i == span.end - 1:
                return None
            return Span(span.doc, span.start, tok.i, label=span.label_)
    return span


def repaired_spans(ent: Span, geo: Geography) -> list[Span]:
    """`ent` without a leading article or trailing possessive, split at commas and at
    "Person of Country" ("Gustavo Petro of Colombia" → PERSON, GPE)."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and doc[end - 1].text in {"'s", "’s", "'", "’"}:
        end -= 1
    if start >= end:
        return []
    span = Span(doc, start, end, label=ent.label_)
    if geo.country_code(span.text):
        return [span]  # "Democratic Republic of Congo" is one country, not a person "of" one
    commas = [t.i for t in span if t.text == ","]
    if commas:
        parts, prev = [], start
        for i in [*commas, end]:
            if i > prev:
                parts.append(Span(doc, prev, i, label=ent.label_))
            prev = i + 1
        return [p for part in parts for p in repaired_spans(part, geo)]
    for tok in span:
        if tok.lower_ == "of" and tok.i > start and tok.i + 1 < end:
            tail = doc[tok.i + 1 : end]
            if geo.country_code(tail.text) and looks_like_name(doc[start : tok.i]):
                return [
                    Span(doc, start, tok.i, label="PERSON"),
                    Span(doc, tok.i + 1, end, label="GPE"),
                ]
    return [span]


def missed_place_names(ctx: ActorContext, covered: set[int]) -> list[Span]:
    """Country names, capitals and seats of government the NER missed ("Russia condemned
    Kyiv"), as GPE spans: they stand for their country like the tagged ones."""
    geo = ctx.res.geo
    return [
        Span(ctx.doc, run.start, run.end, label="GPE")
        for run in proper_noun_runs(ctx.doc, covered | ctx.skipped)
        if geo.country_code(run.text) or geo.capital_country(run.text)
    ]


def missed_person_names(ctx: ActorContext, covered: set[int]) -> list[Span]:
    """Proper-noun chains outside any entity that a title, "of Country" or a
    coordinated person marks as a person ("presidents X of Colombia and Luiz Inácio
    Lula da Silva of Brazil")."""
    return [
        Span(ctx.doc, run.start, run.end, label="PERSON")
        for run in proper_noun_runs(ctx.doc, covered | ctx.skipped)
        if len(run) >= 2 and looks_like_name(run) and has_person_cue(run, ctx)
    ]


def has_person_cue(span: Span, ctx: ActorContext) -> bool:
    """A title before the name, "of Country" after it, or coordination with a PERSON."""
    if ctx.patterns.left_title.search(ctx.left_of(span)):
        return True
    match = ctx.patterns.right_of.match(ctx.right_of(span))
    if match and ctx.res.geo.country_code(match.group("country")):
        return True
    root = span.root
    return root.dep_ in {"conj", "appos"} and root.head.ent_type_ == "PERSON"

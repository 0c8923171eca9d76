"""Where actor names are: spaCy's entities with their spans repaired, plus names it missed.

spaCy's small model cuts names badly ("Gustavo Petro of Colombia" is one ORG, "El Pais,
Kast" one PERSON) and misses some ("Lula da Silva"), so its entities are only a start.
"""

from __future__ import annotations

from spacy.tokens import Span

from ingest.actors.context import ActorContext, Geography
from ingest.actors.names import PARTICLES, looks_like_name

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def candidate_spans(ctx: ActorContext) -> list[Span]:
    """Entities with their spans repaired, plus person names the NER missed, in text order."""
    out: list[Span] = []
    for ent in ctx.doc.ents:
        if ent.label_ not in ACTOR_LABELS or any(t.i in ctx.skipped for t in ent):
            continue
        out.extend(repaired_spans(ent, ctx.res.geo))
    covered = {t.i for s in out for t in s}
    out.extend(missed_person_names(ctx, covered))
    return sorted(out, key=lambda s: s.start)


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


def missed_person_names(ctx: ActorContext, covered: set[int]) -> list[Span]:
    """Proper-noun chains outside any entity that a title, "of Country" or a
    coordinated person marks as a person ("presidents X of Colombia and Luiz Inácio
    Lula da Silva of Brazil")."""
    doc, out = ctx.doc, []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered or i in ctx.skipped or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            i += 1
            continue
        j = i
        while (
            j < len(doc)
            and j not in covered
            and (
                (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper())
                or (doc[j].lower_ in PARTICLES and j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN")
            )
        ):
            j += 1
        span = doc[i:j]
        if len(span) >= 2 and looks_like_name(span) and has_person_cue(span, ctx):
            out.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return out


def has_person_cue(span: Span, ctx: ActorContext) -> bool:
    """A title before the name, "of Country" after it, or coordination with a PERSON."""
    if ctx.patterns.left_title.search(ctx.left_of(span)):
        return True
    match = ctx.patterns.right_of.match(ctx.right_of(span))
    if match and ctx.res.geo.country_code(match.group("country")):
        return True
    root = span.root
    return root.dep_ in {"conj", "appos"} and root.head.ent_type_ == "PERSON"

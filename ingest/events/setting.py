"""Where and when an event happened: the place and the date of the trigger's clause.

A place counts for an event when the phrase naming it hangs from the trigger's clause
through a locative ("signed in Tunis", "police in Georgia fired"), a destination ("his
visit to Pyongyang", "visited Kyiv") or a time phrase the event shares ("during his visit
to ..."); the words are data (ingest/data/place_words.yaml). A wire story's dateline
places the events that plausibly happen there (`dateline_place`). Nothing is guessed: an
event whose clause names no place, and that the dateline does not fit, has none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from spacy.tokens import Span, Token

from ingest.actors import ActorIndex
from ingest.events.context import EventContext
from ingest.events.triggers import Trigger
from ingest.model import Event, Place, fold, place_id
from ingest.places import (
    PLACE_LABELS,
    PlaceWords,
    load_organization_seats,
    load_place_words,
)

TIME_PREPS = frozenset(
    {"before", "after", "during", "following", "since", "until", "ahead", "prior"}
)
# the nouns a locative phrase may describe and still set the event: its arguments
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative", "appos", "conj"})
OBJECT_DEPS = frozenset({"dobj", "attr", "nsubjpass"})
# How a place phrase ties to an event, strongest first: SITE, it hangs from the trigger or
# its object ("lifted the curfew in Montenegro", "evacuate the settlements in Gaza": where
# the act lands); STATED, elsewhere in the clause ("police in Georgia fired"); IMPLIED, by
# a time phrase ("after talks in Beijing").
SITE, STATED, IMPLIED = 3, 2, 1


def clause_tokens(trigger: Trigger, words: PlaceWords) -> frozenset[int]:
    """The trigger's clause: the trigger, its predicate and consumed object, the verb an
    event noun is the subject of ("the meeting was held in Nadi"), and the subjectless
    verbs hanging from them ("fired tear gas to disperse protesters")."""
    heads = [trigger.token, trigger.predicate]
    if trigger.object_token is not None:
        heads.append(trigger.object_token)
    if trigger.nominal and trigger.token.dep_ in {"nsubj", "nsubjpass"}:
        heads.append(trigger.token.head)
    clause = {t.i for t in heads}
    for head in heads:
        for child in head.children:
            if (
                child.dep_ in {"xcomp", "advcl"}
                and child.tag_ in {"VB", "VBG", "VBN"}
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
                and not any(c.dep_ == "mark" and c.lower_ in words.away for c in child.children)
            ):
                clause.add(child.i)
    return frozenset(clause)


def host_place(trigger: Trigger, ctx: EventContext, words: PlaceWords) -> str | None:
    """The place hosting the event: "Qatar hosted a meeting between …" → Qatar, for the
    hosting and for the meeting."""
    verb = trigger.token
    if trigger.nominal and trigger.token.dep_ == "dobj":
        verb = trigger.token.head
    if fold(verb.lemma_) not in words.host_verbs:
        return None
    for _ in range(3):  # "by hosting …", "agreed to host …": the subject of the verb above
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return ctx.place_at(subject)
        if verb.dep_ not in {"xcomp", "pcomp", "advcl", "conj"} or verb.head.i == verb.i:
            return None
        verb = verb.head if verb.head.pos_ in {"VERB", "AUX"} else verb.head.head
    return None


def place_link(
    tok: Token,
    clause: frozenset[int],
    own: frozenset[int],
    words: PlaceWords,
    object_place: bool = False,
) -> int:
    """How a place word ties to the clause (SITE, STATED, IMPLIED), or 0 when it does not
    say where the event happened (an argument, "the president of Georgia", "before his
    stop in Quito", another clause). `own` are the trigger's own tokens (trigger,
    predicate, consumed object); `object_place` says the act happens at its object's
    place ("shelled Kharkiv")."""
    preps: list[Token] = []
    current = tok
    visited = gathering = False
    while current.i not in clause:
        head = current.head
        if head.i == current.i or (current.pos_ in {"VERB", "AUX"} and current.dep_ != "prep"):
            return 0  # the sentence root or another clause (relative, reported) reached
        gathering = gathering or fold(current.lemma_) in words.gatherings
        if current.dep_ in {"prep", "agent"}:
            preps.append(current)
        elif current.dep_ == "dobj" and head.i in own and not preps:
            visited = object_place or fold(head.lemma_) in words.visit_objects
        current = head
    if visited:
        return SITE
    if not preps:
        return 0  # a subject or object naming a place is an actor, not a setting
    host = preps[-1].head
    if host.i not in clause and not (host.head.i in clause and host.dep_ in ARGUMENT_DEPS):
        return 0  # "sanctions over the war in Ukraine": the place of something mentioned
    on_object = host.dep_ in OBJECT_DEPS and host.head.i in own
    strength = SITE if host.i in own or on_object else STATED
    outer = preps[-1].lower_
    if outer in words.after_event and not gathering:
        return 0  # "severed ties after the storming of its embassy in Tehran"
    if outer in words.with_event or outer in words.after_event:
        strength = IMPLIED if outer in words.after_event else STATED
        preps = preps[:-1]
    if not any(words.leads_there(p) for p in preps):
        return 0
    if not all(p.lower_ in words.nested or words.leads_there(p) for p in preps):
        return 0  # "talks with leaders in Kyiv", "before his stop in Quito"
    return strength


def clause_places(trigger: Trigger, ctx: EventContext) -> list[tuple[int, int, str | None]]:
    """(strength, distance to the trigger, place id or None if unresolved) of every place
    phrase that sets the trigger's clause."""
    words = load_place_words()
    clause = clause_tokens(trigger, words)
    own = frozenset(
        t.i for t in (trigger.token, trigger.predicate, trigger.object_token) if t is not None
    )
    tokens: dict[int, Token] = {}
    for head in (trigger.predicate, trigger.token):
        tokens.update((t.i, t) for t in head.subtree)
    object_place = words.object_is_place(trigger.entry.code)
    found: dict[str | None, tuple[int, int]] = {}
    for tok in tokens.values():
        place = ctx.place_at(tok)
        if place is None and tok.ent_type_ not in PLACE_LABELS:
            continue
        strength = place_link(tok, clause, own, words, object_place)
        if strength:
            rank = (strength, -abs(tok.i - trigger.token.i))
            found[place] = max(found.get(place, rank), rank)
    hosted = host_place(trigger, ctx, words)
    if hosted is not None:
        found[hosted] = (STATED, 0)
    return [(s, -d, p) for p, (s, d) in found.items()]


def event_place(trigger: Trigger, ctx: EventContext) -> str | None:
    """Where the event happened, as its clause says: a stated place over an implied one,
    the innermost of nested places ("police in Georgia … protesters in Tbilisi" →
    Tbilisi), then the nearest to the trigger."""
    found = [(min(s, STATED), d, p) for s, d, p in clause_places(trigger, ctx)]
    return best_place(found, ctx) or governing_place(trigger.predicate, ctx)


# subordinators of a clause that happens where and when its governing clause does
SIMULTANEOUS = frozenset({"as", "while", "when"})


def governing_place(verb: Token, ctx: EventContext) -> str | None:
    """The place an "as"/"while"/"when" clause shares with the clause it hangs from, when
    it names none itself: "Drama played out in Islamabad as supporters accused X" puts
    the accusation in Islamabad."""
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ in SIMULTANEOUS for c in verb.children
    ):
        return None
    words = load_place_words()
    for prep in verb.head.children:
        if prep.dep_ != "prep" or not words.leads_there(prep):
            continue
        for obj in prep.children:
            place = ctx.place_at(obj) if obj.dep_ == "pobj" else None
            if place is not None:
                return place
    return None


def event_site(trigger: Trigger, ctx: EventContext) -> str | None:
    """The place the act itself lands on, from a phrase on the trigger ("lifted a curfew
    in Montenegro"): what CAMEO codes as the target of an event that names none. Narrower
    than `event_place`, which also takes "police in Georgia" or "after talks in Beijing",
    and only for acts aimed at where they happen (place_words.yaml: site_target_codes)."""
    if not load_place_words().site_is_target(trigger.entry.code):
        return None
    return best_place([f for f in clause_places(trigger, ctx) if f[0] == SITE], ctx)


def best_place(found: list[tuple[int, int, str | None]], ctx: EventContext) -> str | None:
    """The strongest, then innermost, then nearest of (strength, distance, place) triples;
    None if that is a place the gazetteer does not know."""
    if not found:
        return None
    best = max(s for s, _, _ in found)
    top = [(d, p) for s, d, p in found if s == best]
    inner = [(d, p) for d, p in top if not encloses(p, [q for _, q in top], ctx)]
    return min(inner or top, key=lambda item: item[0])[1]


def encloses(place: str | None, others: Iterable[str | None], ctx: EventContext) -> bool:
    """Whether `place` is the country another of `others` lies in."""
    if place is None:
        return False
    country = ctx.place_country(place)
    if country is None or place != place_id("country", "", country.removeprefix("country:")):
        return False
    return any(o is not None and o != place and ctx.place_country(o) == country for o in others)


def names_a_place(sent: Span) -> bool:
    """Whether the sentence names a place where something happens (a place entity in a
    locative or destination phrase): then the dateline is not its events' place."""
    words = load_place_words()
    return any(
        ent.label_ in PLACE_LABELS
        and ent.root.dep_ == "pobj"
        and (words.leads_there(ent.root.head) or ent.root.head.lower_ in words.with_event)
        for ent in sent.ents
    )


def dateline_place(
    event: Event, dateline: Place | None, actors: ActorIndex, published: date | None
) -> str | None:
    """The dateline's place for an event without one, when the event plausibly happened
    there: asserted or reported, not dated well before publication, and done by an actor
    of the dateline's country, by a local unnamed one ("police", "protesters") or by an
    international organization seated in that country (ingest/data/organization_seats.tsv).

    A foreign actor is not placed by a dateline: "KYIV — Russia said …" happened in
    Moscow, "TBILISI — the EU said …" in Brussels.
    """
    if event.place is not None or dateline is None or not dateline.country:
        return event.place
    if event.modality not in {"asserted", "reported"}:
        return None
    words = load_place_words()
    if event.date_text is not None and event.date is not None:  # explicitly dated
        recent = published is not None and (published - event.date).days <= words.dateline_days
        if not recent:
            return None  # a background event, or one that cannot be dated against the story
    actor = actors.actors.get(event.source)
    if actor is not None:
        country = actor.country
    else:  # a country actor made from a place or demonym (`country:ISO3`)
        country = event.source.partition(":")[2] if event.source.startswith("country:") else None
    if country == dateline.country:
        return dateline.id
    if actor is None or actor.country:
        return None
    if event.source in actors.lazy:
        return dateline.id if actor.kind in {"group", "organization"} else None
    seat = load_organization_seats().get(fold(actor.name))
    return dateline.id if seat == dateline.country else None


def in_time_phrase(tok: Token, root: Token) -> bool:
    """Whether `tok` sits in a time phrase ("Before his stop in Quito, Kast met …")."""
    current = tok
    while current.i != root.i and current.head.i != current.i:
        current = current.head
        if current.dep_ in {"prep", "mark"} and current.lower_ in TIME_PREPS:
            return True
    return False


def clause_of(tok: Token) -> int:
    """Index of the nearest verb (or sentence root) governing `tok`."""
    current = tok.head
    while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
        current = current.head
    return current.i


def event_date(trigger: Trigger, sent: Span, ctx: EventContext) -> tuple[date | None, str | None]:
    """The date of the DATE entity nearest the trigger in its own clause, with its text;
    else the article's publication date (and no text)."""
    dates = [ent for ent in sent.ents if ent.label_ == "DATE"]
    if not dates:
        return ctx.article.published, None
    own = [e for e in dates if clause_of(e.root) in {trigger.token.i, trigger.predicate.i}]
    if not own:
        # a date in another clause ("who assumes office on March 11") is not this event's
        return ctx.article.published, None
    chosen = min(own, key=lambda e: abs(e.start - trigger.token.i))
    return ctx.date_of(chosen)

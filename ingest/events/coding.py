"""The Events of one trigger: its CAMEO code, one event per source-target pair.

CAMEO's rules for talk about acts recode the lexicon's code (a planned act is an intent,
"X said Y must …" a demand); each event gets its place, date, framing and confidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from ingest.actors import ActorIndex
from ingest.events.arguments import event_arguments, home_country
from ingest.events.context import EventContext
from ingest.events.framing import Framing, framing_of, negation_mark, reporter_actor
from ingest.events.setting import event_date, event_place, event_site
from ingest.events.triggers import Trigger
from ingest.events.words import IntentCodes
from ingest.model import Event, Modality, mention_id


def recoded(
    code: str,
    framing: Framing,
    reporter: str | None,
    sources: list[str],
    targets: list[str],
    intents: IntentCodes,
) -> tuple[str, list[str], list[str], Modality]:
    """CAMEO's rules for talk about acts: "said Y must …" is a demand from the speaker to Y,
    "said Y violated the law" an accusation; a planned act is an intent; an asserted act
    someone else tells of is reported."""
    modality = framing.modality
    if framing.obliged and reporter is not None and reporter not in sources:
        demanded = intents.recode(code, intents.demanded)
        if demanded:
            return demanded, [reporter], sources, "asserted"
    if modality == "asserted" and reporter is not None and reporter not in sources:
        alleged = intents.recode(code, intents.alleged)
        if alleged:
            return alleged, [reporter], sources, "asserted"
    if framing.refused:
        refused = intents.recode(code, intents.refused)
        if refused and (modality == "planned" or not code.startswith("04")):
            return refused, sources, targets, modality
    if modality == "planned" and not framing.negated:
        code = intents.recode(code, intents.planned) or code
        if framing.conditional and not code.startswith("13"):
            code = intents.ultimatum  # "will withdraw unless …"
    if reporter is not None and modality == "asserted" and reporter not in sources:
        modality = "reported"
    return code, sources, targets, modality


def trigger_events(trigger: Trigger, sent: Span, ctx: EventContext) -> Iterator[Event]:
    """The events a trigger codes: none without a source, else one per source-target pair."""
    actors = ctx.actors
    args = event_arguments(trigger, ctx)
    if not args.sources and not trigger.by_reporter:
        return
    framing = framing_of(trigger, ctx.words)
    reporter = reporter_actor(framing.reporter_verb, actors)
    if trigger.by_reporter:
        # "Kenya said the move was illegal": the reporter's verdict on the move;
        # "Kenya said Uganda must …": the reporter's demand on Uganda
        if reporter is None:
            return
        said_of = args.targets if trigger.judgement else args.sources
        args = replace(args, sources=[reporter], targets=[t for t in said_of if t != reporter])
        if not trigger.judgement:
            # the demand was made, whatever it asks ("must not interfere"); it is negated
            # only if the saying is ("did not say that Y must …")
            said = framing.reporter_verb
            told = said is not None and negation_mark(said, ctx.words) is not None
            framing = replace(framing, modality="asserted", obliged=False, negated=told)
        if not args.targets:
            return  # "said the road must be repaired": a demand on no one
    if trigger.judgement and not args.targets:
        return  # a verdict on no one ("said the road was dangerous") is no interaction
    cameo, sources, targets, modality = recoded(
        trigger.entry.code, framing, reporter, args.sources, args.targets, ctx.intents
    )
    # "will not accept": the refusal is asserted, not negated
    negated = framing.negated and not (framing.refused and cameo != trigger.entry.code)
    place = event_place(trigger, ctx)
    confidence_target = 1.0
    site = event_site(trigger, ctx) if not targets and place else None
    if site:
        # "Serbia lifted a curfew in Montenegro": CAMEO's target is where the act lands
        country = ctx.place_country(site)
        if country and all(home_country(actors.actors.get(s)) != country for s in sources):
            targets, confidence_target = [country], 0.7
    mutual = not targets and len(sources) >= 2 and cameo.startswith(ctx.intents.mutual_codes)
    if not targets and not mutual and cameo.startswith(ctx.intents.directed_codes):
        return  # aid, sanctions, assault on no one found ("X and Y expelled …" pair up)
    pairs: list[tuple[str, str | None]]
    if mutual:
        # "X and Y agreed …": one event per pair of the coordinated subjects
        pairs = [(s, t) for n, s in enumerate(sources) for t in sources[n + 1 :]]
    else:
        ends: list[str | None] = list(targets) if targets else [None]
        pairs = [(s, t) for s in sources for t in ends if s != t]
    code = ctx.lexicon.code(cameo)
    label = (
        trigger.entry.label if cameo == trigger.entry.code and trigger.entry.label else code.label
    )
    day, day_text = event_date(trigger, sent, ctx)
    base = 0.85 if not trigger.nominal else 0.75
    # by offsets into the article's text, which is the Doc's: Span.text builds every Token
    start, end = sent.start_char, sent.end_char
    sentence = ctx.text[start:end].strip()
    for source, target in pairs:
        confidence = base * mention_confidence(args.subject, actors) * confidence_target
        confidence *= 1.0 if target else 0.8
        yield Event(
            id=mention_id(ctx.article.id, trigger.token.idx, code.code, source, target),
            cameo=code.code,
            label=label,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            source=source,
            target=target,
            sentence=sentence,
            start=start,
            end=end,
            place=place,
            date=day,
            date_text=day_text,
            negated=negated,
            modality=modality,
            reporter=reporter if reporter not in {source, target} else None,
            confidence=round(confidence, 3),
            trigger=trigger.token.text,
        )


def mention_confidence(subject: Token | None, actors: ActorIndex) -> float:
    """How sure the subject's mention is (a pronoun less than a name); 0.7 without one."""
    if subject is None:
        return 0.7
    return actors.confidence.get(subject.i, 0.9)

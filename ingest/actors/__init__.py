"""Find the political actors of one article: named, propagated, pronoun and role mentions.

spaCy's small model mislabels and misses names ("Kast" is a PERSON in only some of its
mentions; "Gustavo Petro of Colombia" comes out as one ORG; "Lula da Silva" is missed), so
entities are only a starting point. `find_actors` runs the rules in order, each a function
of a span or token, the article's `ActorContext` and the `Mentions` found so far:

1. `spans`: entity spans repaired, person names the NER missed added;
2. `classify`: each span becomes a dictionary actor, country, person, organization or
   people (titles and demonyms give roles and countries, see `titles`; dated background
   knowledge gives a person's office on the article's date, see `offices`);
3. `aliases`: a name seen once as a person is propagated to its other mentions, and the
   dictionaries' aliases are found wherever spelled;
4. `coref`: pronouns and role mentions ("he", "the Chilean President-elect", "both
   leaders") resolve to the last compatible actor; "I" and "we" in a quote to its speaker;
5. `generic`: common nouns ("police", "the Iranian government");
6. `index`: the mentions become the article's `ActorIndex`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc

from ingest.actors.aliases import add_alias_mentions, add_propagated_names
from ingest.actors.classify import add_name_span
from ingest.actors.context import ActorContext, ActorResources, Geography
from ingest.actors.coref import add_plural_pronouns, add_quoted_speakers, resolve_references
from ingest.actors.generic import add_generic_nouns
from ingest.actors.index import ActorIndex, actor_index
from ingest.actors.mentions import Mentions
from ingest.actors.names import AliasIndex, DictionaryEntryLike
from ingest.actors.spans import candidate_spans

__all__ = [
    "ActorContext",
    "ActorIndex",
    "ActorResources",
    "AliasIndex",
    "DictionaryEntryLike",
    "Geography",
    "find_actors",
]


def find_actors(
    doc: Doc,
    resources: ActorResources,
    skip: Sequence[tuple[int, int]] = (),
    day: date | None = None,
) -> ActorIndex:
    """All actors of the article in `doc`; tokens inside `skip` char ranges are ignored.
    `day` (the article's date) picks the offices background knowledge gives people."""
    ctx = ActorContext.build(doc, resources, skip, day)
    found = Mentions(ctx.skipped)
    for span in candidate_spans(ctx):
        add_name_span(span, ctx, found)
    add_propagated_names(ctx, found)
    add_alias_mentions(resources.known, ctx, found)
    plural_refs = resolve_references(ctx, found)
    add_generic_nouns(ctx, found)
    add_plural_pronouns(ctx, found)
    add_quoted_speakers(ctx, found)
    return actor_index(found, plural_refs)

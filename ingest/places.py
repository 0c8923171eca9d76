"""The places one article names: its GPE/LOC/FAC mentions resolved by the gazetteer.

Each resolved place brings the places around it (Carondelet Palace → Quito → Ecuador). A
country named right after a place decides between same-named ones ("Santiago, Dominican
Republic"); "the Chinese capital" is Beijing; the dateline ("LAGOS, Nigeria —") is the
place the story was filed from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ingest.actors import ActorIndex
from ingest.actors.classify import mislabelled_place
from ingest.actors.context import token_demonym
from ingest.actors.names import proper_noun_runs
from ingest.boilerplate import Dateline, TextLayout
from ingest.gazetteer import Gazetteer
from ingest.gazetteer.countries import read_tsv
from ingest.model import Actor, Place, fold
from ingest.roles import read_data_yaml

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# labels spaCy's small model gives some places ("in Niamey" as ORG, "in Tunis" as NORP or
# LANGUAGE): such a name counts as a place where a locative phrase says it is one. A name
# it misses altogether ("shelled Donetsk") counts only as a capital or a large city.
MISLABELLED = frozenset({"ORG", "NORP", "PERSON", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT"})
CAPITAL_NOUNS = frozenset({"capital"})  # "the Georgian capital", "Chile's capital"


@dataclass(frozen=True)
class PlaceWords:
    """The word lists of ingest/data/place_words.yaml (see the file for their meaning)."""

    locative: frozenset[str]
    nested: frozenset[str]
    destination_preps: frozenset[str]
    motion_lemmas: frozenset[str]
    visit_objects: frozenset[str]
    object_place_codes: frozenset[str]
    site_target_codes: frozenset[str]
    with_event: frozenset[str]
    after_event: frozenset[str]
    away: frozenset[str]
    gatherings: frozenset[str]
    host_verbs: frozenset[str]
    dateline_days: int

    def leads_there(self, prep: Token) -> bool:
        """Whether the preposition `prep` says where: "in X", or "to X" after a visit."""
        word = prep.lower_
        if word in self.locative:
            return True
        return word in self.destination_preps and fold(prep.head.lemma_) in self.motion_lemmas

    def object_is_place(self, code: str) -> bool:
        """Whether an act coded `code` happens at the place its object names."""
        return any(code.startswith(prefix) for prefix in self.object_place_codes)

    def site_is_target(self, code: str) -> bool:
        """Whether an act coded `code` is aimed at the place where it happens."""
        return any(code.startswith(prefix) for prefix in self.site_target_codes)


@lru_cache(maxsize=1)
def load_organization_seats() -> dict[str, str]:
    """Folded name of an international organization → ISO3 of its seat's country."""
    return {fold(name): iso3 for name, iso3 in read_tsv("organization_seats.tsv")}


@lru_cache(maxsize=1)
def load_place_words() -> PlaceWords:
    data = read_data_yaml("place_words.yaml")
    lists = {k: frozenset(map(str, v)) for k, v in data.items() if isinstance(v, list)}
    return PlaceWords(**lists, dateline_days=int(data["dateline_days"]))


def in_place_phrase(ent: Span, words: PlaceWords) -> bool:
    """Whether a name stands where only a place can: "in Tunis", "a visit to Kyiv"."""
    root = ent.root
    if root.dep_ == "pobj":
        return words.leads_there(root.head)
    return root.dep_ == "dobj" and fold(root.head.lemma_) in words.visit_objects


class ArticlePlaces:
    """Locations named in one article, and the country actors events reach through them.

    Country actors are made on demand (`place_country`, `demonym_country`) and remembered in
    the order events asked for them, so the pipeline lists those an event used.
    """

    def __init__(
        self, doc: Doc, gazetteer: Gazetteer, layout: TextLayout, actors: ActorIndex
    ) -> None:
        self.gazetteer = gazetteer
        self.by_token: dict[int, str] = {}
        self.places: dict[str, Place] = {}
        self.country_actors: dict[str, Actor] = {}
        context = [a.country for a in actors.actors.values() if a.kind == "country" and a.country]
        starts = {ent.start: ent for ent in doc.ents}
        words = load_place_words()
        tagged = {t.i for ent in doc.ents for t in ent}
        for ent in [*doc.ents, *proper_noun_runs(doc, tagged)]:
            if layout.in_furniture(ent.start_char) or not self._names_place(ent, words):
                continue
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            self._add(self._resolve(text, self._country_after(ent, starts), context), ent)
        for tok in doc:
            if tok.lower_ in CAPITAL_NOUNS and tok.pos_ == "NOUN" and tok.i not in self.by_token:
                self._add(self._capital(tok), doc[tok.i : tok.i + 1])
        self.dateline = self._dateline_place(layout.dateline, context)

    def _names_place(self, span: Span, words: PlaceWords) -> bool:
        """Whether a name span is a place: tagged as one, a capital or large city tagged
        otherwise or not at all, or a name tagged otherwise where only a place can stand."""
        if span.label_ in PLACE_LABELS or mislabelled_place(span, self.gazetteer):
            return True
        return span.label_ in MISLABELLED and in_place_phrase(span, words)

    def _add(self, place: Place | None, span: Span) -> None:
        if place is not None:
            self._remember(place)
            for tok in span:
                self.by_token[tok.i] = place.id

    def _remember(self, place: Place) -> None:
        """List `place` and the places around it among the article's places."""
        self.places.setdefault(place.id, place)
        for outer in self.gazetteer.enclosing_places(place):
            self.places.setdefault(outer.id, outer)

    def _resolve(self, text: str, hint: str | None, context: Sequence[str]) -> Place | None:
        """The place `text` names: in the `hint` country if it has one there, else the
        best for the article's countries."""
        if hint is not None:
            place = self.gazetteer.resolve_place(text, context_countries=[hint])
            if place is not None and place.country == hint:
                return place
        return self.gazetteer.resolve_place(text, context_countries=context)

    def _country_after(self, ent: Span, starts: dict[int, Span]) -> str | None:
        """The country named right after a place ("Nadi, Fiji"), as a resolution hint."""
        doc = ent.doc
        if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
            return None
        after = starts.get(ent.end + 1)
        return self.gazetteer.country_code(after.text) if after is not None else None

    def _capital(self, tok: Token) -> Place | None:
        """The capital city a "the Chinese capital" / "Chile's capital" phrase names."""
        geo = self.gazetteer
        if not any(c.dep_ in {"det", "poss"} for c in tok.lefts):
            return None  # "Chinese capital flowed in": money, not a city
        for child in tok.children:
            if child.dep_ in {"amod", "compound", "nmod"}:
                code = token_demonym(child, geo) or geo.country_code(child.text)
            elif child.dep_ == "poss":
                code = geo.country_code(child.text)
            else:
                continue
            if code:
                return geo.capital_place(code)
        return None

    def _dateline_place(self, dateline: Dateline | None, context: Sequence[str]) -> Place | None:
        """The one place a dateline names, resolved with its region as context; none for
        a dateline naming several ("WARSAW, SOFIA, KYIV") or none the gazetteer knows."""
        if dateline is None or len(dateline.places) != 1:
            return None
        region = self.gazetteer.country_code(dateline.region) if dateline.region else None
        place = self._resolve(dateline.places[0], region, context)
        if place is not None:
            self._remember(place)
        return place

    def place_at(self, token: Token) -> str | None:
        """The id of the place `token` is part of the name of, if any."""
        return self.by_token.get(token.i)

    def place_country(self, place_id: str) -> str | None:
        """The id of the country actor a place belongs to, for place-as-target coding."""
        place = self.places.get(place_id)
        if place is None or not place.country or place.kind in {"facility"}:
            return None
        return self._country(place.country)

    def demonym_country(self, token: Token) -> str | None:
        """The id of the country actor a demonym names ("Indian" → India)."""
        iso3 = token_demonym(token, self.gazetteer)
        return self._country(iso3) if iso3 else None

    def _country(self, iso3: str) -> str:
        actor = self.gazetteer.country_actor(iso3)
        self.country_actors.setdefault(actor.id, actor)
        return actor.id

    def all_places(self) -> tuple[Place, ...]:
        return tuple(self.places.values())

"""The places one article names: its GPE/LOC/FAC mentions resolved by the gazetteer.

Each resolved place brings the places around it (Carondelet Palace → Quito → Ecuador).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ingest.actors import ActorIndex
from ingest.boilerplate import TextLayout
from ingest.gazetteer import Gazetteer
from ingest.model import Actor, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


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
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS or layout.in_furniture(ent.start_char):
                continue
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            place = gazetteer.resolve_place(text, context_countries=context, label=ent.label_)
            if place is None:
                continue
            self.places.setdefault(place.id, place)
            for outer in gazetteer.enclosing_places(place):
                self.places.setdefault(outer.id, outer)
            for tok in ent:
                self.by_token[tok.i] = place.id

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
        iso3 = self.gazetteer.demonym_country(token.text) if token.text[:1].isupper() else None
        return self._country(iso3) if iso3 else None

    def _country(self, iso3: str) -> str:
        actor = self.gazetteer.country_actor(iso3)
        self.country_actors.setdefault(actor.id, actor)
        return actor.id

    def all_places(self) -> tuple[Place, ...]:
        return tuple(self.places.values())

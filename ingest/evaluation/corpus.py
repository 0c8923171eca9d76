"""A folder of gold articles against a stream of extractions: which extraction is which
article, the scores summed over all articles, the confusion by CAMEO root, and the whole
as JSON for programs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import reduce
from operator import add
from pathlib import PurePath
from typing import Any

from ingest.evaluation.gold import GoldArticle, GoldEvent
from ingest.evaluation.names import folded_name
from ingest.evaluation.scoring import ArticleScore, CodedEvent, Tally, score_article
from ingest.model import Extraction

# A JSON Lines record's path ends in ":N" (its line number); the file stem is before it.
_LINE_NUMBER = re.compile(r":\d+$")


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Every gold article's score (those without an extraction score nothing found), and
    the extractions that matched no gold article (by path or title)."""

    articles: tuple[ArticleScore, ...]
    unpaired: tuple[str, ...]

    @property
    def tally(self) -> Tally:
        return reduce(add, (score.tally for score in self.articles), Tally())

    def confusion(self) -> Counter[tuple[str | None, str | None]]:
        """(gold root, predicted root) → events: a right event coded with another root;
        (gold root, None): core events missed outright; (None, predicted root): spurious
        predictions that agree with no gold event even on the actors."""
        cells: Counter[tuple[str | None, str | None]] = Counter()
        for score in self.articles:
            confused_gold = {id(gold) for gold, _ in score.confused}
            confused_predicted = {id(predicted) for _, predicted in score.confused}
            cells.update((gold.root, predicted.root) for gold, predicted in score.confused)
            cells.update((g.root, None) for g in score.missed if id(g) not in confused_gold)
            cells.update((None, p.root) for p in score.spurious if id(p) not in confused_predicted)
        return cells

    def to_dict(self) -> dict[str, Any]:
        """Scores overall and per article, the events behind them, and the confusion."""
        return {
            "overall": _scores(self.tally),
            "articles": [_article_dict(score) for score in self.articles],
            "confusion": [
                {"gold_root": gold, "predicted_root": predicted, "events": count}
                for (gold, predicted), count in sorted(
                    self.confusion().items(), key=lambda cell: (cell[0][0] or "", cell[0][1] or "")
                )
            ],
            "unpaired_extractions": list(self.unpaired),
        }


def evaluate(gold: Iterable[GoldArticle], extractions: Iterable[Extraction]) -> Evaluation:
    """Score `extractions` against the `gold` articles (see `pair_extractions`)."""
    gold = list(gold)
    paired, unpaired = pair_extractions(gold, extractions)
    scores = tuple(score_article(article, paired.get(article.name)) for article in gold)
    return Evaluation(scores, tuple(unpaired))


def pair_extractions(
    gold: Iterable[GoldArticle], extractions: Iterable[Extraction]
) -> tuple[dict[str, Extraction], list[str]]:
    """Which extraction is which gold article: the same file stem (`NAME.json` in the gold
    folder, or the gold's `article` field, against the article's path or id), else the
    same title (case, accents and punctuation ignored). The first extraction found for an
    article counts; the others, and those of no gold article, are returned by label."""
    by_stem: dict[str, str] = {}
    by_title: dict[str, str] = {}
    for article in gold:
        for name in (article.name, article.article):
            if name:
                by_stem.setdefault(_stem(name), article.name)
        if article.title:
            by_title.setdefault(folded_name(article.title), article.name)
    paired: dict[str, Extraction] = {}
    unpaired: list[str] = []
    for extraction in extractions:
        meta = extraction.article
        keys = [_stem(ref) for ref in (meta.path, meta.id) if ref]
        name = next((by_stem[key] for key in keys if key in by_stem), None)
        if name is None and meta.title:
            name = by_title.get(folded_name(meta.title))
        if name is None or name in paired:
            unpaired.append(meta.path or meta.title or meta.id)
        else:
            paired[name] = extraction
    return paired, unpaired


def _stem(reference: str) -> str:
    """'articles/01-kast.txt' → '01-kast'; 'feed.jsonl:3' → 'feed'."""
    return PurePath(_LINE_NUMBER.sub("", reference)).stem


def _scores(tally: Tally) -> dict[str, Any]:
    return {
        "precision": tally.precision,
        "recall": tally.recall,
        "f1": tally.f1,
        "actor_recall": tally.actor_recall,
        "country_accuracy": tally.country_accuracy,
        "place_accuracy": tally.place_accuracy,
        **{field.name: getattr(tally, field.name) for field in fields(tally)},
    }


def _article_dict(score: ArticleScore) -> dict[str, Any]:
    return {
        "article": score.gold.name,
        "paired": score.extraction is not None,
        **_scores(score.tally),
        "missed": [gold_event_dict(event) for event in score.missed],
        "spurious": [coded_event_dict(event) for event in score.spurious],
        "confused": [
            {"gold": gold_event_dict(gold), "predicted": coded_event_dict(predicted)}
            for gold, predicted in score.confused
        ],
    }


def gold_event_dict(event: GoldEvent) -> dict[str, Any]:
    return {
        "root": event.root,
        "alt_roots": list(event.alt_roots),
        "source": list(event.source or []) or None,
        "target": list(event.target or []) or None,
        "core": event.core,
        "place": list(event.place or []) or None,
        "evidence": event.evidence,
    }


def coded_event_dict(event: CodedEvent) -> dict[str, Any]:
    return {
        "id": event.event.id,
        "cameo": event.event.cameo,
        "source": event.source,
        "target": event.target,
        "place": event.places[0] if event.places else None,
        "sentence": event.event.sentence,
    }

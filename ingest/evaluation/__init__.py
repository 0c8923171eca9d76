"""Score extractions against gold annotations: validate the coder on your own corpus.

    from pathlib import Path
    from ingest.evaluation import evaluate, read_gold_folder
    from ingest.jsonl import read_extractions

    gold = read_gold_folder(Path("gold/"), on_error=print)
    result = evaluate(gold, read_extractions(Path("out/extraction.jsonl")))
    print(result.tally.f1, result.confusion())

It reads only the model (`ingest.model`) and the gold files, so it lives beside the
extractor it judges and needs neither networkx nor Neo4j; `polgraph evaluate` prints it.
"""

from __future__ import annotations

from ingest.evaluation.corpus import Evaluation, evaluate, pair_extractions
from ingest.evaluation.gold import (
    GoldActor,
    GoldArticle,
    GoldEvent,
    read_gold_file,
    read_gold_folder,
)
from ingest.evaluation.names import name_match
from ingest.evaluation.scoring import ArticleScore, CodedEvent, Tally, score_article

__all__ = [
    "ArticleScore",
    "CodedEvent",
    "Evaluation",
    "GoldActor",
    "GoldArticle",
    "GoldEvent",
    "Tally",
    "evaluate",
    "name_match",
    "pair_extractions",
    "read_gold_file",
    "read_gold_folder",
    "score_article",
]

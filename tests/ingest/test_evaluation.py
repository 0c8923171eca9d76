"""ingest.evaluation: gold files, the name rule, one-to-one matching, the scores and the
confusion by root, on small gold files and predictions written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.evaluation import (
    GoldArticle,
    evaluate,
    name_match,
    read_gold_file,
    read_gold_folder,
    score_article,
)
from ingest.evaluation.names import CONTAINED, EXACT, NO_MATCH, SURNAME
from tests.ingest.evaluation_helpers import Said, gold_event, predicted, write_gold

MET = "Chilean President Gabriel Boric met Argentine President Javier Milei in Santiago."


def gold(tmp_path: Path, events: list[dict[str, object]], **fields: object) -> GoldArticle:
    return read_gold_file(write_gold(tmp_path, "story", events, **fields))


@pytest.mark.parametrize(
    ("predicted_name", "gold_name", "strength"),
    [
        ("José Antonio Kast", "Jose Antonio Kast", EXACT),
        ("U.S.", "U S", EXACT),
        ("Kim Jong-un", "Kim Jong Un", EXACT),
        ("Government of Chile", "Chile", CONTAINED),
        ("Boric", "Gabriel Boric", CONTAINED),
        ("President Milei", "Javier Milei", SURNAME),
        ("the Chilean government", "the Peruvian government", NO_MATCH),  # generic last word
        ("the government", "the Chilean government", NO_MATCH),  # only generic words contained
        ("Chilean", "Chile", NO_MATCH),  # no partial words
        ("Li Wei", "Wang Wei", NO_MATCH),  # a shared last word under four letters
    ],
)
def test_the_name_rule(predicted_name: str, gold_name: str, strength: int) -> None:
    assert name_match(predicted_name, gold_name) == strength


def test_symmetric_events_may_swap_and_others_may_not(tmp_path: Path) -> None:
    article = gold(
        tmp_path,
        [
            gold_event(["Boric"], "04", ["Milei"], symmetric=True),
            gold_event(["Boric"], "11", ["Milei"]),
        ],
    )
    swapped = predicted(
        "story.txt",
        [Said("Javier Milei", "040", "Gabriel Boric", MET), Said("Milei", "111", "Boric", "x")],
    )
    score = score_article(article, swapped)
    assert (score.tally.matched, score.tally.core_found) == (1, 1)
    assert [p.event.cameo for p in score.spurious] == ["111"]


def test_alternative_roots_and_a_null_target(tmp_path: Path) -> None:
    article = gold(
        tmp_path,
        [
            gold_event(["Boric"], "05", ["Milei"], alt_roots=["03"]),
            gold_event(["Boric"], "01", None, core=False),
        ],
    )
    score = score_article(
        article,
        predicted(
            "story.txt",
            [
                Said("Boric", "036", "Milei", "Boric offered to meet Milei."),  # alt root: match
                Said("Boric", "010", None, "Boric made a statement."),  # no target: match
                Said("Boric", "010", "Milei", "Boric spoke of Milei."),  # a target: no match
            ],
        ),
    )
    assert score.tally.matched == 2 and score.tally.precision == pytest.approx(2 / 3)
    assert score.tally.recall == 1.0  # the optional event counts for precision only
    assert [p.event.sentence for p in score.spurious] == ["Boric spoke of Milei."]


def test_core_events_alone_count_for_recall(tmp_path: Path) -> None:
    article = gold(
        tmp_path,
        [
            gold_event(["Boric"], "04", ["Milei"]),
            gold_event(["Milei"], "05", ["Boric"], core=False),
        ],
    )
    score = score_article(article, predicted("story.txt", [Said("Milei", "051", "Boric", "x")]))
    assert (score.tally.matched, score.tally.core, score.tally.core_found) == (1, 1, 0)
    assert (score.tally.precision, score.tally.recall, score.tally.f1) == (1.0, 0.0, 0.0)
    assert [g.root for g in score.missed] == ["04"]


def test_matching_is_one_to_one_and_as_large_as_possible(tmp_path: Path) -> None:
    article = gold(
        tmp_path,
        [
            gold_event(["Boric"], "04", ["Milei"], symmetric=True),  # either prediction fits
            gold_event(["Milei"], "04", ["Boric"], core=False),  # only the second fits
        ],
    )
    twice = predicted(
        "story.txt",
        [Said("Boric", "040", "Milei", "first"), Said("Milei", "040", "Boric", "second")],
    )
    score = score_article(article, twice)
    assert score.tally.matched == 2 and score.tally.core_found == 1
    pairs = {(p.event.sentence, g.core) for p, g in score.matched}
    assert pairs == {("first", True), ("second", False)}
    duplicate = predicted(
        "story.txt", [Said("Boric", "040", "Milei", "a"), Said("Boric", "040", "Milei", "b")]
    )
    dup_score = score_article(gold(tmp_path, [gold_event(["Boric"], "04", ["Milei"])]), duplicate)
    assert (dup_score.tally.matched, len(dup_score.spurious)) == (1, 1)


def test_a_core_event_wins_a_prediction_both_could_take(tmp_path: Path) -> None:
    article = gold(
        tmp_path,
        [
            gold_event(["Boric"], "04", ["Milei"], core=False),
            gold_event(["Boric"], "04", ["Milei"], core=True, place=["Santiago"]),
        ],
    )
    score = score_article(article, predicted("story.txt", [Said("Boric", "040", "Milei", MET)]))
    assert score.tally.core_found == 1 and score.missed == ()


def test_places_count_with_the_places_they_lie_within(tmp_path: Path) -> None:
    article = gold(
        tmp_path,
        [
            gold_event(["Boric"], "04", ["Milei"], place=["Chile"]),
            gold_event(["Milei"], "05", ["Boric"], place=["Buenos Aires"]),
        ],
    )
    score = score_article(
        article,
        predicted(
            "story.txt",
            [
                Said("Boric", "040", "Milei", MET, place="La Moneda Palace", within="Chile"),
                Said("Milei", "051", "Boric", "Milei praised Boric.", place="Santiago"),
            ],
        ),
    )
    assert (score.tally.places, score.tally.places_right) == (2, 1)


def test_actor_recall_and_country_accuracy(tmp_path: Path) -> None:
    actors = [
        {"names": ["Gabriel Boric", "Boric"], "country": "CHL"},
        {"names": ["Javier Milei"], "country": "ARG"},
        {"names": ["Mercosur"], "country": None},
    ]
    article = gold(tmp_path, [], actors=actors)
    extraction = predicted("story.txt", [], countries={"Gabriel Boric": "CHL", "Milei": "PER"})
    tally = score_article(article, extraction).tally
    assert (tally.actors, tally.actors_found) == (3, 2)
    assert (tally.countries, tally.countries_right) == (2, 1)


def test_the_confusion_by_root_and_its_margins(tmp_path: Path) -> None:
    write_gold(
        tmp_path,
        "one",
        [
            gold_event(["Boric"], "04", ["Milei"]),  # coded 05: confused
            gold_event(["Milei"], "11", ["Boric"]),  # nothing: missed
            gold_event(["Boric"], "01", None, core=False),  # optional, not found: no margin
        ],
    )
    write_gold(tmp_path, "two", [gold_event(["Milei"], "19", ["Boric"])])
    result = evaluate(
        read_gold_folder(tmp_path, pytest.fail),
        [
            predicted(
                "in/one.txt",
                [Said("Boric", "051", "Milei", MET), Said("Lula", "173", "Boric", "y")],
            ),
            predicted("in/two.txt", [Said("Milei", "190", "Boric", "z")]),
        ],
    )
    assert result.confusion() == {("04", "05"): 1, ("11", None): 1, (None, "17"): 1}
    one, two = result.articles
    assert [(g.root, p.event.cameo) for g, p in one.confused] == [("04", "051")]
    assert (two.tally.precision, two.tally.recall) == (1.0, 1.0)
    overall = result.tally
    assert (overall.predicted, overall.matched, overall.core, overall.core_found) == (3, 1, 3, 1)
    assert overall.f1 == pytest.approx(1 / 3)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["overall"]["f1"] == pytest.approx(1 / 3)
    assert data["articles"][0]["confused"][0]["predicted"]["sentence"] == MET
    assert {"gold_root": "11", "predicted_root": None, "events": 1} in data["confusion"]


def test_extractions_pair_with_gold_files_by_file_name_or_title(tmp_path: Path) -> None:
    write_gold(tmp_path, "01-boric-milei", [gold_event(["Boric"], "04", ["Milei"])])
    write_gold(tmp_path, "02-lula", [gold_event(["Lula"], "05", ["Boric"])], article="lula.html")
    write_gold(tmp_path, "03-titled", [], title="Milei Visits Santiago!")
    found = [
        predicted("feeds/01-boric-milei.txt", [Said("Boric", "040", "Milei", MET)]),
        predicted("pages/lula.html", [Said("Lula", "051", "Boric", "w")]),
        predicted("feed.jsonl:7", [], title="milei visits Santiago"),
        predicted("elsewhere.txt", []),
        predicted("copies/01-boric-milei.md", []),  # a second extraction of the first
    ]
    result = evaluate(read_gold_folder(tmp_path, pytest.fail), found)
    assert [score.extraction is not None for score in result.articles] == [True, True, True]
    assert result.tally.f1 == 1.0
    assert result.unpaired == ("elsewhere.txt", "copies/01-boric-milei.md")


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ("{not json", "not a readable JSON file"),
        ("[]", "one JSON object"),
        ('{"events": [{"cameo_root": "4", "core": true}]}', "event 1: '4' is not a CAMEO root"),
        ('{"events": [{"cameo_root": "04", "alt_roots": ["21"], "core": true}]}', "'21'"),
        ('{"events": [{"cameo_root": "04"}]}', "event 1: 'core' must be true or false"),
        ('{"events": [{"cameo_root": "04", "core": true, "source": "Boric"}]}', "list of names"),
    ],
)
def test_a_bad_gold_file_is_named_and_the_others_are_read(
    tmp_path: Path, document: str, reason: str
) -> None:
    (tmp_path / "a-bad.json").write_text(document, encoding="utf-8")
    write_gold(tmp_path, "b-good", [gold_event(["Boric"], "04", ["Milei"])])
    errors: list[InputError] = []
    (article,) = read_gold_folder(tmp_path, errors.append)
    assert article.name == "b-good"
    (error,) = errors
    assert error.path == str(tmp_path / "a-bad.json") and reason in error.reason

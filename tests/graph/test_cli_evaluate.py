"""`polgraph evaluate` through the installed entry point, on gold files and predictions
written for the test."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.jsonl import write_extractions
from tests.graph.test_cli_extract import polgraph
from tests.ingest.evaluation_helpers import Said, gold_event, predicted, write_gold

ROOT = Path(__file__).resolve().parents[2]
MET = "Chilean President Gabriel Boric met Argentine President Javier Milei in Santiago."
PRAISED = "Milei praised Boric for his hospitality."
THREAT = "Boric warned Lula of consequences."


def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A gold folder of two articles and a run folder holding their extraction."""
    gold = tmp_path / "gold"
    write_gold(
        gold,
        "01-visit",
        [
            gold_event(["Gabriel Boric"], "04", ["Javier Milei"], symmetric=True, evidence=MET),
            gold_event(["Milei"], "05", ["Boric"], evidence=PRAISED),
        ],
        actors=[{"names": ["Gabriel Boric"], "country": "CHL"}],
    )
    write_gold(
        gold,
        "02-warning",
        [gold_event(["Boric"], "13", ["Lula"], evidence=THREAT)],
    )
    run = tmp_path / "out"
    run.mkdir()
    extractions = [
        predicted(
            "articles/01-visit.txt",
            [
                Said("Javier Milei", "040", "Gabriel Boric", MET),
                Said("Milei", "043", "Chile", "x y"),
            ],
            countries={"Gabriel Boric": "CHL"},
        ),
        predicted("articles/02-warning.txt", [Said("Boric", "112", "Lula", THREAT)]),
    ]
    with (run / "extraction.jsonl").open("w", encoding="utf-8") as stream:
        write_extractions(extractions, stream)
    return gold, run


def test_evaluate_prints_scores_events_and_the_confusion(tmp_path: Path) -> None:
    gold, run = corpus(tmp_path)
    result = polgraph("evaluate", "--gold", str(gold), str(run))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    (overall,) = [line for line in lines if line.startswith("overall ")]
    assert overall.split()[1:] == ["3", "1", "1/3", "0.33", "0.33", "0.333"]
    (visit,) = [line for line in lines if line.startswith("01-visit ")]
    assert visit.split()[1:] == ["2", "1", "1/2", "0.50", "0.50", "0.500"]
    assert f'  missed      05  Milei → Boric: "{PRAISED}"' in lines
    assert '  spurious    043 Milei → Chile: "x y"' in lines
    assert f'  wrong code  gold 13 Boric → Lula coded 112: "{THREAT}"' in lines
    assert "actor recall 1.00 (1/1), actor country accuracy 1.00 (1/1)" in result.stdout
    table = lines[
        lines.index("confusion by CAMEO root (rows: gold root; columns: predicted root)") :
    ]
    assert table[1].split()[-3:] == ["04", "11", "missed"]
    assert table[2].split() == ["05", ".", ".", "1"]
    assert table[3].split() == ["13", ".", "1", "."]
    assert table[4].split() == ["spurious", "1", ".", "."]


def test_evaluate_json_and_a_jsonl_file(tmp_path: Path) -> None:
    gold, run = corpus(tmp_path)
    result = polgraph("evaluate", "--gold", str(gold), str(run / "extraction.jsonl"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["overall"]["matched"] == 1 and report["overall"]["f1"] == 1 / 3
    assert [a["article"] for a in report["articles"]] == ["01-visit", "02-warning"]
    assert report["articles"][0]["missed"][0]["evidence"] == PRAISED


def test_evaluate_names_bad_gold_files_and_unpaired_articles(tmp_path: Path) -> None:
    gold, run = corpus(tmp_path)
    (gold / "03-broken.json").write_text('{"events": [{"cameo_root": "99"}]}', encoding="utf-8")
    with (run / "extraction.jsonl").open("a", encoding="utf-8") as stream:
        write_extractions([predicted("articles/elsewhere.txt", [])], stream)
    result = polgraph("evaluate", "--gold", str(gold), str(run))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert any(str(gold / "03-broken.json") in line and "'99'" in line for line in errors)
    assert any("articles/elsewhere.txt" in line and "no gold file" in line for line in errors)
    assert any(line.startswith("overall ") for line in result.stdout.splitlines())


def test_evaluate_usage_errors(tmp_path: Path) -> None:
    gold, run = corpus(tmp_path)
    for args in (
        ["--gold", str(tmp_path / "nowhere"), str(run)],
        ["--gold", str(gold), str(tmp_path / "nowhere.jsonl")],
        ["--gold", str(tmp_path), str(run)],  # a folder without gold files
    ):
        result = polgraph("evaluate", *args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1

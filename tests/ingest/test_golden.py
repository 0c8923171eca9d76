"""Whole-article checks on examples/: the Kast–Noboa acceptance facts and golden files.

The golden files in tests/golden/ are the reviewed output of `polgraph extract` on each
example; regenerate them with `POLGRAPH_UPDATE_GOLDEN=1 pytest tests/ingest/test_golden.py`
and review the diff when extraction changes on purpose.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.model import Extraction
from ingest.pipeline import ExtractOptions, extract_paths
from tests.ingest.extraction_helpers import actor_named, describe, events_between, place_chain

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def examples() -> dict[str, Extraction]:
    errors: list[InputError] = []
    out = {
        Path(e.article.path or e.article.id).name + f"#{e.article.id}": e
        for e in extract_paths([str(EXAMPLES)], ExtractOptions(), errors.append)
    }
    assert not errors, errors
    return out


@pytest.fixture(scope="module")
def kast(examples: dict[str, Extraction]) -> Extraction:
    return next(e for key, e in examples.items() if key.startswith("kast-noboa"))


def test_kast_meets_noboa_in_quito(kast: Extraction) -> None:
    events = events_between(kast, "Kast", "Noboa", "04")
    assert events, describe(kast)
    assert any("Quito" in place_chain(kast, e.place) for e in events)
    palace = next(p for p in kast.places if "Carondelet" in p.name)
    quito = next(p for p in kast.places if p.name == "Quito")
    assert palace.within == quito.id
    assert quito.lat is not None and quito.lon is not None


@pytest.mark.parametrize(
    ("source", "target", "root"),
    [
        ("Chile", "Venezuela", "16"),
        ("Kast", "Venezuela", "12"),
        ("Kast", "Petro", "02"),
        ("Kast", "Lula", "02"),
        ("Kast", "Hugo de Zela", "04"),
        ("Kast", "Noboa", "03"),
    ],
)
def test_kast_article_dyads(kast: Extraction, source: str, target: str, root: str) -> None:
    forward = events_between(kast, source, target, root)
    backward = events_between(kast, target, source, root)
    assert forward or backward, describe(kast)


def test_kast_meets_de_zela_in_lima(kast: Extraction) -> None:
    (event,) = events_between(kast, "Kast", "Hugo de Zela", "04")
    assert "Lima" in place_chain(kast, event.place)


@pytest.mark.parametrize(
    ("name", "country", "role"),
    [
        ("Kast", "CHL", "President-elect"),
        ("Noboa", "ECU", "President"),
        ("Hugo de Zela", "PER", "Foreign Minister"),
        ("Sommerfeld", "ECU", "Foreign Minister"),
        ("Petro", "COL", None),
        ("Lula", "BRA", None),
        ("Maduro", "VEN", None),
    ],
)
def test_kast_article_people(kast: Extraction, name: str, country: str, role: str | None) -> None:
    actor = actor_named(kast, name)
    assert actor.kind == "person"
    assert actor.country == country
    if role:
        assert role in actor.roles


def test_nothing_from_the_site_footer(kast: Extraction) -> None:
    names = {n.lower() for a in kast.actors for n in (a.name, *a.aliases)}
    assert not names & {
        "google news",
        "facebook",
        "instagram",
        "tiktok",
        "colombia one",
        "colombiaone.com",
    }
    text = kast.article.text
    footer = text.index("See all the latest news")
    assert all(e.start < footer for e in kast.events)


def test_examples_match_their_golden_files(examples: dict[str, Extraction]) -> None:
    GOLDEN.mkdir(exist_ok=True)
    update = os.environ.get("POLGRAPH_UPDATE_GOLDEN") == "1"
    for key, extraction in sorted(examples.items()):
        path = GOLDEN / (key.replace("#article:", "-") + ".json")
        actual = extraction.to_dict()
        actual["article"].pop("path", None)
        if update:
            path.write_text(
                json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                encoding="utf-8",
            )
            continue
        assert path.exists(), (
            f"no golden file for {key}; run with POLGRAPH_UPDATE_GOLDEN=1 and review"
        )
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert actual == expected, (
            f"{key} differs from {path.name}; rerun with POLGRAPH_UPDATE_GOLDEN=1 and review"
        )

"""The actors an Extraction lists: affiliation countries, named from the project's own table."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ingest.model import Article, Extraction, article_id
from ingest.pipeline import ExtractOptions, extract_articles
from tests.ingest.extraction_helpers import extract_text

# Countries whose ISO short name is not what the news calls them (pycountry says "Russian
# Federation", "Türkiye", "Congo", "Korea, Republic of").
NEWS_NAMED: tuple[str, ...] = ("RUS", "TUR", "COD", "IRN", "SYR", "VEN", "BOL", "KOR", "PRK")
NEWS_NAMED += ("TZA", "VNM", "LAO", "MDA", "GBR", "USA")


def project_country_names() -> dict[str, str]:
    """ISO3 → name, as ingest/data/country_names.tsv spells it."""
    text = (resources.files("ingest") / "data" / "country_names.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {code: name for code, name in rows}


def countries(extraction: Extraction) -> dict[str, str]:
    return {a.id: a.name for a in extraction.actors if a.kind == "country"}


def extract_with_dictionary(text: str, dictionary: Path) -> Extraction:
    article = Article(article_id(None, text), None, None, None, None, text)
    return next(extract_articles([article], ExtractOptions(actor_dictionary=dictionary)))


def test_a_russian_and_a_turkish_person_bring_their_countries() -> None:
    extraction = extract_text(
        "Russian Foreign Minister Ivan Petrov met Turkish Foreign Minister Mehmet Yilmaz "
        "in Geneva on Monday."
    )
    assert countries(extraction) == {"country:RUS": "Russia", "country:TUR": "Turkey"}


def test_every_affiliation_has_its_country_actor() -> None:
    extraction = extract_text(
        "Chilean President-elect Jose Antonio Kast met Ecuadorian President Daniel Noboa in "
        "Quito. Peruvian Foreign Minister Hugo de Zela praised the meeting."
    )
    listed = {a.id for a in extraction.actors}
    for actor in extraction.actors:
        if actor.kind != "country" and actor.country:
            assert f"country:{actor.country}" in listed, actor


def test_affiliation_countries_are_named_from_the_project_table(tmp_path: Path) -> None:
    """One person per country, known only through a user dictionary: no country is named
    in the text, so each country actor comes from the affiliation alone."""
    table = project_country_names()
    assert set(NEWS_NAMED) <= set(table)
    people = [f"Zorblat Quenby{chr(ord('a') + n)}" for n in range(len(NEWS_NAMED))]
    dictionary = tmp_path / "people.yaml"
    dictionary.write_text(
        "".join(
            f"- {{name: {name}, kind: person, country: {code}}}\n"
            for name, code in zip(people, NEWS_NAMED, strict=True)
        ),
        encoding="utf-8",
    )
    text = " ".join(f"{name} spoke on Monday." for name in people)
    extraction = extract_with_dictionary(text, dictionary)
    assert countries(extraction) == {f"country:{code}": table[code] for code in NEWS_NAMED}
    assert table["RUS"] == "Russia" and table["COD"] == "Democratic Republic of the Congo"


def test_a_code_the_gazetteer_does_not_know_names_itself(tmp_path: Path) -> None:
    dictionary = tmp_path / "people.yaml"
    entry = "- {name: Zorblat Quenby, kind: person, country: AAB}\n"
    dictionary.write_text(entry, encoding="utf-8")
    extraction = extract_with_dictionary("Zorblat Quenby spoke on Monday.", dictionary)
    (country,) = (a for a in extraction.actors if a.kind == "country")
    assert (country.id, country.name, country.country) == ("country:AAB", "AAB", "AAB")

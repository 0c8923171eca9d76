"""graph.store row building without a server: what a batch sends, and what a load that has
already committed rows leaves out of later batches."""

from __future__ import annotations

from dataclasses import replace

from graph.store.rows import BatchRows, CommittedRows, batch_rows, read_record
from tests.plugins.neo4j_server import political_extractions


def _ids(batch: BatchRows, name: str) -> list[str]:
    return [row["id"] for row in batch.rows[name]]


def test_a_batch_merges_its_actors_once_with_the_store_rule() -> None:
    kast_noboa, chile_venezuela, _ = political_extractions()
    batch = batch_rows([kast_noboa, chile_venezuela])
    kast = [row for row in batch.rows["actors"] if row["id"] == "person:jose-antonio-kast"]
    assert len(kast) == 1  # "José Antonio Kast" and "Jose Antonio Kast": one row
    assert kast[0]["name"] == "José Antonio Kast"  # the accented form is preferred
    assert kast[0]["roles"] == ["President-elect", "Republican leader"]
    assert kast[0]["aliases"] == ["Jose Antonio Kast", "José Antonio Kast", "Kast"]
    # countries the people belong to become actors, with an affiliation edge each
    assert {"country:CHL", "country:ECU", "country:VEN"} <= set(_ids(batch, "actors"))
    assert {(r["from"], r["to"]) for r in batch.rows["affiliations"]} >= {
        ("person:jose-antonio-kast", "country:CHL"),
        ("person:daniel-noboa", "country:ECU"),
    }
    article = batch.rows["articles"][0]
    assert article["id"] == kast_noboa.article.id
    report = article["reports"][0]  # each mention, with its event family
    assert report["family"] == "factual|04|pair|person:daniel-noboa|person:jose-antonio-kast"
    assert report["props"]["mention"] == kast_noboa.events[0].id
    assert report["props"]["source"] == "person:jose-antonio-kast"
    assert report["props"]["place"].endswith("quito")
    # the article's record of each actor, kept on its MENTIONED_IN
    records = {actor["id"]: read_record(actor["record"]) for actor in article["actors"]}
    assert records["person:jose-antonio-kast"] == {
        "name": "José Antonio Kast",
        "country": "CHL",
        "roles": ["President-elect"],
        "aliases": ["Kast"],
    }


def test_committed_rows_are_not_sent_again() -> None:
    kast_noboa, chile_venezuela, petro_noboa = political_extractions()
    committed = CommittedRows()
    first = batch_rows([kast_noboa], committed)
    committed.add(first)
    again = batch_rows([kast_noboa], committed)
    # the article and its mentions are always sent (they are compared, never skipped) ...
    assert again.rows["articles"] == first.rows["articles"]
    # ... while actors, places and their edges committed by this load are not
    assert again.rows["actors"] == [] and again.rows["places"] == []
    assert again.rows["affiliations"] == [] and again.rows["within"] == []
    assert again.known.nodes_matched == len(first.rows["actors"]) + len(first.rows["places"])
    assert again.known.relationships_matched == len(first.rows["affiliations"]) + len(
        first.rows["within"]
    )
    # Noboa is committed; Petro is new; Ecuador (country) is committed
    later = batch_rows([petro_noboa], committed)
    assert "person:daniel-noboa" not in _ids(later, "actors")
    assert "person:gustavo-petro" in _ids(later, "actors")
    assert "country:ECU" not in _ids(later, "actors")
    # an actor record that adds to what was committed (a new role) is sent again
    kast = chile_venezuela.actors[2]
    assert kast.id == "person:jose-antonio-kast"
    assert kast.id in _ids(batch_rows([chile_venezuela], committed), "actors")


def test_a_record_that_adds_nothing_is_left_out_even_if_it_differs() -> None:
    kast_noboa, *_ = political_extractions()
    committed = CommittedRows()
    committed.add(batch_rows([kast_noboa], committed))
    kast = kast_noboa.actors[0]
    subset = replace(kast, aliases=(), roles=())  # same id, less information
    article = replace(kast_noboa, actors=(subset,), places=(), events=())
    assert batch_rows([article], committed).rows["actors"] == []


def test_uncommitted_rows_are_sent_again() -> None:
    """A batch built while an earlier one is in flight (or after it failed) carries every
    actor and place it uses: only committed batches are added to CommittedRows."""
    kast_noboa, *_ = political_extractions()
    committed = CommittedRows()
    first = batch_rows([kast_noboa], committed)
    second = batch_rows([kast_noboa], committed)  # the first was never committed
    assert _ids(second, "actors") == _ids(first, "actors")
    assert _ids(second, "places") == _ids(first, "places")


def test_an_article_given_twice_in_a_batch_is_written_once() -> None:
    kast_noboa, *_ = political_extractions()
    batch = batch_rows([kast_noboa, kast_noboa])
    assert _ids(batch, "articles") == [kast_noboa.article.id]
    assert len(batch.rows["articles"][0]["reports"]) == len(kast_noboa.events)


def test_an_article_given_twice_in_a_batch_is_written_as_last_given() -> None:
    kast_noboa, *_ = political_extractions()
    shorter = replace(kast_noboa, events=kast_noboa.events[:1])
    batch = batch_rows([kast_noboa, shorter])
    assert [report["id"] for report in batch.rows["articles"][0]["reports"]] == [
        kast_noboa.events[0].id
    ]
    assert [report.mention for report in batch.reports] == [kast_noboa.events[0]]

"""Event identity across reports (graph.events, graph.build): many reports, one event, the same
events whatever the order the articles come in."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import networkx as nx

from graph.build import build_graph
from graph.events import Report, enclosing_places, family_key, group_mentions
from graph.relations import event_reports, graph_summary, relation_graph
from ingest.model import Event
from tests.graph.event_corpus import (
    EVENTS,
    GUAYAQUIL,
    INTERACTIONS,
    KAST,
    NOBOA,
    PALACE,
    QUITO,
    QUITO_MEETING_REPORTS,
    REPORTS,
    event_corpus,
)

CHAINS = enclosing_places(
    (place.id, place.within) for place in (PALACE, QUITO, GUAYAQUIL) if place.within
)


def events_of(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Every event node: its attributes, its ends and the mentions reporting it."""
    found = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("node_type") != "event":
            continue
        edges = sorted(
            (u, v, key)
            for u, v, key in [*graph.in_edges(node, keys=True), *graph.out_edges(node, keys=True)]
        )
        found[node] = {**attrs, "edges": edges}
    return found


def meeting(events: dict[str, dict[str, Any]], day: str, place: str) -> dict[str, Any]:
    (found,) = [
        e
        for e in events.values()
        if e["cameo"] == "040" and e["date"] == day and not e["negated"]
        and (e["edges"] and any(v == place for _, v, k in e["edges"] if k == "OCCURRED_IN"))
    ]  # fmt: skip
    return found


def test_the_corpus_has_its_events_and_reports() -> None:
    graph = build_graph(event_corpus())
    events = events_of(graph)
    assert len(events) == EVENTS
    reports = [key for *_, key in graph.edges(keys=True) if key.startswith("mention:")]
    assert len(reports) == REPORTS == sum(e["reports"] for e in events.values())
    quito = meeting(events, "2025-12-15", PALACE.id)
    assert (quito["reports"], quito["articles"]) == (QUITO_MEETING_REPORTS, 4)
    assert quito["cameo"] == "040"  # four reports of 040, one of 046
    assert quito["modality"] == "asserted" and quito["modalities"] == ["asserted", "reported"]
    assert (quito["first_reported"], quito["last_reported"]) == ("2025-12-15", "2025-12-17")
    assert quito["confidence"] == 0.9
    assert graph.has_edge(KAST.id, _id(events, quito), key="SOURCE_OF")  # as most reports say
    assert graph.has_edge(_id(events, quito), NOBOA.id, key="TARGETS")
    # the same day in Guayaquil, three days later in Quito: other meetings
    assert meeting(events, "2025-12-15", GUAYAQUIL.id)["reports"] == 1
    assert meeting(events, "2025-12-18", QUITO.id)["reports"] == 1
    assert meeting(events, "2026-01-20", GUAYAQUIL.id)["reports"] == 2
    negated = [e for e in events.values() if e["negated"]]
    assert [(e["cameo"], e["reports"]) for e in negated] == [("040", 1)]
    ties = sorted((e["edges"][0][0], e["reports"]) for e in events.values() if e["cameo"] == "161")
    assert ties == [("country:CHL", 2), ("country:VEN", 1)]  # directed: both ways, two events
    relations = relation_graph(graph)
    assert sum(count for *_, count in relations.edges(data="count")) == INTERACTIONS
    assert relations.edges[KAST.id, NOBOA.id]["count"] == 4
    assert relations.edges[KAST.id, NOBOA.id]["reports"] == 9


def _id(events: dict[str, dict[str, Any]], wanted: dict[str, Any]) -> str:
    return next(node for node, attrs in events.items() if attrs is wanted)


def test_every_order_of_the_articles_gives_the_same_events() -> None:
    corpus = event_corpus()
    expected = events_of(build_graph(corpus))
    rng = random.Random(10)
    orders = [list(reversed(corpus)), *(rng.sample(corpus, len(corpus)) for _ in range(40))]
    for order in orders:
        assert events_of(build_graph(order)) == expected


def test_an_article_given_again_replaces_what_it_said() -> None:
    corpus = event_corpus()
    first = corpus[0]
    shorter = replace(first, events=first.events[:1])
    graph = build_graph([*corpus, shorter])
    assert events_of(graph) == events_of(build_graph([*corpus[1:], shorter]))
    quito = meeting(events_of(graph), "2025-12-15", PALACE.id)
    assert quito["reports"] == QUITO_MEETING_REPORTS - 1


def _dated(day: int, place: str | None = QUITO.id, **changes: Any) -> Event:
    when = date(2025, 1, day) if day else None
    fields = {
        "id": f"mention:{day:02d}{changes.pop('suffix', '')}",
        "cameo": "040",
        "label": "met",
        "quad_class": 1,
        "goldstein": 1.0,
        "source": KAST.id,
        "target": NOBOA.id,
        "place": place,
        "date": when,
        "sentence": "Kast met Noboa.",
        "start": 0,
        "end": 15,
    }
    return Event(**{**fields, **changes})


def _group(*mentions: Event) -> list[list[str]]:
    reports = [Report(m, f"article:{m.id}", None) for m in mentions]
    return [[r.mention.id for r in e.mentions] for e in group_mentions(reports, CHAINS)]


def test_a_chain_of_days_is_one_event_in_any_order() -> None:
    jan1, jan2, jan3 = _dated(1), _dated(2), _dated(3)
    assert _group(jan1, jan3) == [["mention:01"], ["mention:03"]]
    for order in itertools.permutations([jan1, jan2, jan3]):
        assert _group(*order) == [["mention:01", "mention:02", "mention:03"]]


def test_an_event_keeps_its_id_when_a_later_report_joins() -> None:
    def ids(*mentions: Event) -> list[str]:
        reports = [Report(m, f"article:{m.id}", None) for m in mentions]
        return [event.id for event in group_mentions(reports, CHAINS)]

    (first,) = ids(_dated(1))
    assert ids(_dated(1), _dated(2)) == [first]
    assert ids(_dated(1), _dated(2, suffix="b"), _dated(1, suffix="b")) == [first]
    (earlier,) = ids(_dated(1), _dated(2), _dated(3))
    assert earlier == first
    assert ids(_dated(2), _dated(3)) != [first]  # begins a day later: another id


def test_places_are_compatible_along_the_within_chain() -> None:
    palace, quito, guayaquil = (
        _dated(1, PALACE.id),
        _dated(1, QUITO.id, suffix="q"),
        _dated(1, GUAYAQUIL.id, suffix="g"),
    )
    assert len(_group(palace, quito)) == 1  # the palace lies within Quito
    assert len(_group(quito, guayaquil)) == 2  # two cities: two meetings
    assert len(_group(palace, quito, guayaquil)) == 2
    unplaced = _dated(1, None, suffix="n")
    assert len(_group(quito, guayaquil, unplaced)) == 1  # a report without a place links both


def test_negated_and_hypothetical_reports_never_join_an_asserted_event() -> None:
    asserted = _dated(1)
    negated = _dated(1, suffix="n", negated=True)
    hypothetical = _dated(1, suffix="h", modality="hypothetical")
    reported = _dated(1, suffix="r", modality="reported")
    assert sorted(map(len, _group(asserted, negated, hypothetical, reported))) == [1, 1, 2]
    assert family_key(asserted) == family_key(reported)
    assert len({family_key(m) for m in (asserted, negated, hypothetical)}) == 3


def test_symmetric_codes_join_both_directions_directed_ones_do_not() -> None:
    met = _dated(1)
    met_back = _dated(1, suffix="b", source=NOBOA.id, target=KAST.id)
    assert len(_group(met, met_back)) == 1
    cut = _dated(1, suffix="c", cameo="161", label="reduced relations")
    cut_back = replace(cut, id="mention:cb", source=NOBOA.id, target=KAST.id)
    assert len(_group(cut, cut_back)) == 2


def test_undated_reports_join_only_undated_ones() -> None:
    undated = _dated(0)
    dated = _dated(1, suffix="d")
    events = group_mentions(
        [Report(undated, "article:a", None), Report(dated, "article:b", None)], CHAINS
    )
    assert [(e.date, e.reports) for e in events] == [(date(2025, 1, 1), 1), (None, 1)]
    # an undated sentence takes its article's publication date
    published = Report(undated, "article:a", date(2025, 1, 2))
    (joined,) = group_mentions([published, Report(dated, "article:b", None)], CHAINS)
    assert joined.reports == 2 and joined.date == date(2025, 1, 1)


def test_two_sentences_of_one_article_are_one_event_with_two_reports() -> None:
    graph = build_graph(event_corpus()[:1])
    (event,) = [n for n, a in graph.nodes(data=True) if a.get("node_type") == "event"]
    reports = event_reports(graph, event)
    assert [r["cameo"] for r in reports] == ["040", "046"]
    assert {r["article"] for r in reports} == {event_corpus()[0].article.id}
    assert graph.nodes[event]["articles"] == 1 and graph.nodes[event]["reports"] == 2


def test_the_run_summary_counts_what_the_map_draws() -> None:
    from graph.maps.network import MapOptions, build_network

    corpus = event_corpus()
    graph = build_graph(corpus)
    _, info = build_network(graph, MapOptions())
    drawn = [item["kind"] for item in info["nodes"].values()]
    summary = dict(graph_summary(graph))
    for kind in ("person", "country"):
        assert summary[f"actors: {kind}"] == drawn.count(kind)
    # Chile and Venezuela; Ecuador, named in A12 and Noboa's country (one actor); and
    # Colombia, which only Petro's affiliation adds (the extractions' actors lack it)
    assert summary["actors: country"] == 4
    assert summary["events (all)"] == EVENTS and summary["reports of events"] == REPORTS
    assert summary["events negated or hypothetical"] == EVENTS - INTERACTIONS
    assert summary["articles"] == len(corpus)


def test_a_long_chain_is_grouped_in_linear_steps() -> None:
    """A year of daily reports of one family is one event (no quadratic blow-up needed)."""
    start = date(2024, 1, 1)
    mentions = [
        replace(_dated(1), id=f"mention:{n:04d}", date=start + timedelta(days=n))
        for n in range(366)
    ]
    (event,) = group_mentions([Report(m, "article:x", None) for m in mentions], CHAINS)
    assert event.reports == 366 and event.date == start

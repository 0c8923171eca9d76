"""A real Neo4j for integration tests: the server at NEO4J_URI if set, else one started with
graph.store.server.launcher (the code behind `polgraph neo4j start`) in a temp state dir,
with auth on and a known password, stopped at session end. Also the synthetic Extractions
the tests load.

Without Neo4j the tests skip, except under CI=true, where they fail with the reason.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from neo4j import Driver

from graph.store.connection import Neo4jSettings, connect
from graph.store.server.launcher import ServerOptions, ServerPaths, start_server, stop_server
from ingest.errors import PolgraphError
from ingest.model import Actor, Article, Event, Extraction, Place, actor_id, article_id, mention_id
from ingest.model import place_id as make_place_id

INJECTION = "'}) DETACH DELETE n //"


@dataclass(frozen=True)
class Neo4jSession:
    settings: Neo4jSettings
    paths: ServerPaths | None  # None when the server came from NEO4J_URI


def neo4j_unavailable(reason: str) -> None:
    """Skip, or fail under CI=true, because no Neo4j can be had."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Neo4j unavailable under CI: {reason}", pytrace=False)
    pytest.skip(f"Neo4j unavailable: {reason}")


@pytest.fixture(scope="session")
def neo4j_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jSession]:
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSession(Neo4jSettings.from_env(os.environ), None)
        return
    paths = ServerPaths.from_env(os.environ, state_dir=tmp_path_factory.mktemp("neo4j-state"))
    password = "polgraph-test-" + secrets.token_hex(6)
    try:
        state = start_server(paths, ServerOptions(port=0, auth=("neo4j", password)))
    except PolgraphError as exc:
        neo4j_unavailable(str(exc))
        raise  # unreachable: skip/fail raise
    try:
        yield Neo4jSession(Neo4jSettings(uri=state.uri, password=password), paths)
    finally:
        stop_server(paths)


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_session: Neo4jSession) -> Neo4jSettings:
    return neo4j_session.settings


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Neo4jSettings) -> Iterator[Driver]:
    try:
        driver = connect(neo4j_settings)
    except PolgraphError as exc:
        neo4j_unavailable(str(exc))
        raise
    with driver:
        yield driver


@pytest.fixture
def neo4j_db(neo4j_driver: Driver, neo4j_settings: Neo4jSettings) -> Driver:
    """The session driver on an emptied database (schema kept)."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    return neo4j_driver


def _mention(
    article: Article,
    start: int,
    sentence: str,
    code: tuple[str, str, int, float],
    source: Actor,
    target: Actor | None,
    **details: Any,
) -> Event:
    """One report at `start` of the article's text; `code` is (cameo, label, quad, goldstein)."""
    cameo, label, quad_class, goldstein = code
    target_id = target.id if target else None
    return Event(
        id=mention_id(article.id, start, cameo, source.id, target_id),
        cameo=cameo,
        label=label,
        quad_class=quad_class,
        goldstein=goldstein,
        source=source.id,
        target=target_id,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        **details,
    )


def _kast_noboa() -> Extraction:
    url = "https://news.example/kast-noboa-quito"
    article = Article(
        id=article_id(url, ""),
        title="Kast meets Noboa in Quito",
        url=url,
        published=date(2025, 12, 16),
        source="Example Wire",
        text="…",
    )
    kast = Actor(
        id=actor_id("person", "José Antonio Kast"),
        name="José Antonio Kast",
        kind="person",
        country="CHL",
        roles=("President-elect",),
        aliases=("Kast",),
    )
    noboa = Actor(
        id=actor_id("person", "Daniel Noboa"),
        name="Daniel Noboa",
        kind="person",
        country="ECU",
        roles=("President",),
        aliases=("Noboa",),
    )
    reuters = Actor(id=actor_id("organization", "Reuters"), name="Reuters", kind="organization")
    ecuador = Place(make_place_id("country", "Ecuador", "ECU"), "Ecuador", "country", "ECU")
    quito = Place(
        make_place_id("city", "Quito", "ECU"),
        "Quito",
        "city",
        "ECU",
        lat=-0.2299,
        lon=-78.5249,
        within=ecuador.id,
    )
    met = (
        "Chilean President-elect José Antonio Kast met Ecuadorian President Daniel Noboa "
        "in Quito on Monday."
    )
    praised = "Noboa praised Kast."
    plans = "Kast will meet Noboa again in January, Reuters reported."
    events = (
        _mention(
            article,
            0,
            met,
            ("040", "met", 1, 1.0),
            kast,
            noboa,
            place=quito.id,
            date=date(2025, 12, 15),
            date_text="Monday",
            confidence=0.9,
            trigger="met",
        ),
        _mention(
            article,
            101,
            praised,
            ("051", "praised", 1, 3.4),
            noboa,
            kast,
            date=date(2025, 12, 15),
            trigger="praised",
        ),
        _mention(
            article,
            121,
            plans,
            ("036", "will meet", 1, 4.0),
            kast,
            noboa,
            modality="planned",
            reporter=reuters.id,
            trigger="meet",
        ),
    )
    return Extraction(article, (kast, noboa, reuters), (ecuador, quito), events)


def _chile_venezuela() -> Extraction:
    url = "https://news.example/chile-venezuela"
    article = Article(
        id=article_id(url, ""),
        title="Chile downgrades ties with Venezuela",
        url=url,
        published=date(2025, 12, 21),
        source="Example Wire",
        text="…",
    )
    chile = Actor(actor_id("country", "Chile", "CHL"), "Chile", "country", "CHL", (), ("Chile",))
    venezuela = Actor(actor_id("country", "Venezuela", "VEN"), "Venezuela", "country", "VEN")
    kast = Actor(
        id=actor_id("person", "José Antonio Kast"),
        name="Jose Antonio Kast",
        kind="person",
        country="CHL",
        roles=("Republican leader",),
        aliases=("Jose Antonio Kast",),
    )
    maduro = Actor(actor_id("person", "Nicolás Maduro"), "Nicolás Maduro", "person", "VEN")
    chile_place = Place(make_place_id("country", "Chile", "CHL"), "Chile", "country", "CHL")
    santiago = Place(
        make_place_id("city", "Santiago", "CHL"),
        "Santiago",
        "city",
        "CHL",
        lat=-33.4489,
        lon=-70.6693,
        within=chile_place.id,
    )
    cut = "Chile reduced diplomatic relations with Venezuela on Saturday."
    snub = "Kast did not meet Maduro."
    events = (
        _mention(
            article,
            0,
            cut,
            ("161", "reduced relations", 4, -4.0),
            chile,
            venezuela,
            place=santiago.id,
            date=date(2025, 12, 20),
            date_text="Saturday",
        ),
        _mention(
            article,
            70,
            snub,
            ("040", "met", 1, 1.0),
            kast,
            maduro,
            date=date(2025, 12, 19),
            negated=True,
        ),
    )
    return Extraction(article, (chile, venezuela, kast, maduro), (chile_place, santiago), events)


def _petro_noboa() -> Extraction:
    url = "https://news.example/petro-noboa-guayaquil"
    article = Article(
        id=article_id(url, ""),
        title="Petro and Noboa meet in Guayaquil",
        url=url,
        published=date(2025, 11, 3),
        source="Andes Daily",
        text="…",
    )
    petro = Actor(actor_id("person", "Gustavo Petro"), "Gustavo Petro", "person", "COL")
    noboa = Actor(actor_id("person", "Daniel Noboa"), "Daniel Noboa", "person", "ECU")
    ecuador = Place(make_place_id("country", "Ecuador", "ECU"), "Ecuador", "country", "ECU")
    guayaquil = Place(
        make_place_id("city", "Guayaquil", "ECU"),
        "Guayaquil",
        "city",
        "ECU",
        lat=-2.1962,
        lon=-79.8862,
        within=ecuador.id,
    )
    sentence = "Colombian President Gustavo Petro met Noboa in Guayaquil."
    event = _mention(
        article,
        0,
        sentence,
        ("040", "met", 1, 1.0),
        petro,
        noboa,
        place=guayaquil.id,
        date=date(2025, 11, 2),
    )
    return Extraction(article, (petro, noboa), (ecuador, guayaquil), (event,))


def _injection() -> Extraction:
    """Cypher in every free-text field: it must be stored as text and run nowhere."""
    url = "https://news.example/injection"
    article = Article(
        id=article_id(url, ""),
        title=INJECTION,
        url=url,
        published=date(2025, 12, 1),
        source=INJECTION,
        text=INJECTION,
    )
    actor = Actor(actor_id("group", INJECTION), INJECTION, "group", None, (INJECTION,), ())
    sentence = f"{INJECTION} said nothing."
    event = _mention(
        article,
        0,
        sentence,
        ("010", INJECTION, 1, 0.0),
        actor,
        None,
        date_text=INJECTION,
    )
    return Extraction(article, (actor,), (), (event,))


def political_extractions() -> list[Extraction]:
    """Three small articles: Kast–Noboa in Quito (with a reporter), Chile→Venezuela 161 and a
    negated Kast–Maduro meeting, Petro–Noboa in Guayaquil."""
    return [_kast_noboa(), _chile_venezuela(), _petro_noboa()]


def injection_extraction() -> Extraction:
    return _injection()


@pytest.fixture
def sample_extractions() -> list[Extraction]:
    return political_extractions()

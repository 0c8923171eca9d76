"""Country names, demonyms, capitals and canonical country names from the offline gazetteer."""

from __future__ import annotations

import pycountry
import pytest

from ingest.errors import PolgraphError
from ingest.gazetteer import Gazetteer, load_gazetteer
from ingest.gazetteer.countries import NO_COUNTRY, UnknownCountryError, build_name_table, place_key


@pytest.fixture(scope="module")
def geo() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the U.S.’s", "us"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("  The   Hague ", "hague"),
        ("Guinea-Bissau", "guinea bissau"),
        ("Washington, D.C.", "washington dc"),
        ("Philippines'", "philippines"),
        ("Britain's", "britain"),
    ],
)
def test_place_key_folds_case_accents_the_possessive_and_dots(text: str, key: str) -> None:
    assert place_key(text) == key


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Chile", "CHL"),
        ("the United States", "USA"),
        ("United States of America", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("the US's", "USA"),
        ("the U.S.", "USA"),
        ("USA", "USA"),
        ("America", "USA"),
        ("America's", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("Great Britain", "GBR"),
        ("United Kingdom", "GBR"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Iran", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Syria", "SYR"),
        ("Venezuela", "VEN"),
        ("Venezuela’s", "VEN"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Taiwan", "TWN"),
        ("Palestine", "PSE"),
        ("the Palestinian territories", "PSE"),
        ("State of Palestine", "PSE"),
        ("Kosovo", "XKX"),
        ("Holy See", "VAT"),
        ("the Vatican", "VAT"),
        ("Burma", "MMR"),
        ("Myanmar", "MMR"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("DRC", "COD"),
        ("Democratic Republic of Congo", "COD"),
        ("the Democratic Republic of the Congo", "COD"),
        ("Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Congo-Brazzaville", "COG"),
        ("CHILE", "CHL"),
        ("peru", "PER"),
        ("México", "MEX"),
        ("the Netherlands", "NLD"),
        ("Holland", "NLD"),
        ("The Gambia", "GMB"),
        ("Guinea Bissau", "GNB"),
        ("Bolivia, Plurinational State of", "BOL"),
        ("Plurinational State of Bolivia", "BOL"),
        ("UAE", "ARE"),
        ("Swaziland", "SWZ"),
        ("North Macedonia", "MKD"),
        ("East Timor", "TLS"),
        ("Georgia", "GEO"),
        ("Hong Kong", "HKG"),
    ],
)
def test_country_names_and_aliases(geo: Gazetteer, text: str, iso3: str) -> None:
    assert geo.country_code(text) == iso3


@pytest.mark.parametrize(
    "text",
    [
        "us",  # the pronoun: abbreviations match only in capitals
        "Us",
        "drc",
        "Korea",  # North or South
        "Virgin Islands",  # British or U.S.
        "Latin America",
        "the Americas",
        "England",  # a region of GBR (places_extra.yaml), not a country
        "Soviet Union",
        "Atlantis",
        "",
    ],
)
def test_not_one_country(geo: Gazetteer, text: str) -> None:
    assert geo.country_code(text) is None


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Ecuadorian", "ECU"),
        ("Ecuadorean", "ECU"),
        ("Chilean", "CHL"),
        ("Peruvian", "PER"),
        ("Venezuelan", "VEN"),
        ("Venezuelans", "VEN"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("British", "GBR"),
        ("Britons", "GBR"),
        ("Scottish", "GBR"),
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("Chinese", "CHN"),
        ("Iranian", "IRN"),
        ("Israeli", "ISR"),
        ("Israelis", "ISR"),
        ("Palestinian", "PSE"),
        ("Palestinians", "PSE"),
        ("Ukrainian", "UKR"),
        ("French", "FRA"),
        ("the French", "FRA"),
        ("Frenchmen", "FRA"),
        ("German", "DEU"),
        ("Germans", "DEU"),
        ("Lebanese", "LBN"),
        ("Saudi", "SAU"),
        ("Saudis", "SAU"),
        ("Emirati", "ARE"),
        ("Filipino", "PHL"),
        ("Filipinos", "PHL"),
        ("Philippine", "PHL"),
        ("Dutch", "NLD"),
        ("Swiss", "CHE"),
        ("Kiwi", "NZL"),
        ("New Zealanders", "NZL"),
        ("North Korean", "PRK"),
        ("South Korean", "KOR"),
        ("South African", "ZAF"),
        ("South Sudanese", "SSD"),
        ("Sudanese", "SDN"),
        ("Nigerien", "NER"),
        ("Nigerian", "NGA"),
        ("Kosovar", "XKX"),
        ("Burkinabé", "BFA"),
        ("Taiwanese", "TWN"),
        ("Congolese", "COD"),
        ("Dominican", "DOM"),
        ("Georgian", "GEO"),
    ],
)
def test_demonyms(geo: Gazetteer, text: str, iso3: str) -> None:
    assert geo.demonym_country(text) == iso3
    assert not geo.is_regional_demonym(text)


@pytest.mark.parametrize(
    "text",
    [
        "Latin American",
        "Latin Americans",
        "European",
        "Europeans",
        "Arab",
        "Arabs",
        "African",
        "Asian",
        "Middle Eastern",
        "Scandinavian",
        "Korean",
        "Soviet",
    ],
)
def test_regional_demonyms_name_no_country(geo: Gazetteer, text: str) -> None:
    assert geo.demonym_country(text) is None
    assert geo.is_regional_demonym(text)


def test_unknown_demonym_is_neither_country_nor_regional(geo: Gazetteer) -> None:
    assert geo.demonym_country("Martian") is None
    assert not geo.is_regional_demonym("Martian")


def test_demonyms_cover_nearly_every_state(geo: Gazetteer) -> None:
    """≈200 countries have a demonym; the only UN members without one share theirs."""
    covered = set(geo.countries.demonyms.plain.values()) - {NO_COUNTRY}
    assert len(covered) >= 200
    assert {"COG", "DMA"}.isdisjoint(covered)  # "Congolese" → COD, "Dominican" → DOM


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Caracas", "VEN"),
        ("Washington", "USA"),
        ("Washington, D.C.", "USA"),
        ("Moscow", "RUS"),
        ("Beijing", "CHN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Tehran", "IRN"),
        ("Jerusalem", "ISR"),  # seat of the Israeli government (see seats_of_government.tsv)
        ("East Jerusalem", "PSE"),
        ("Ramallah", "PSE"),
        ("Brussels", "BEL"),  # often the EU in news; the actor stage decides
        ("Quito", "ECU"),
        ("Santiago", "CHL"),
        ("Bogota", "COL"),
        ("Brasilia", "BRA"),
        ("Astana", "KAZ"),
        ("La Paz", "BOL"),
        ("the Kremlin", "RUS"),
        ("Kremlin's", "RUS"),
        ("the White House", "USA"),
        ("Downing Street", "GBR"),
        ("the Elysee", "FRA"),
        ("Élysée", "FRA"),
        ("Zhongnanhai", "CHN"),
        ("Miraflores", "VEN"),
        ("La Moneda", "CHL"),
        ("Carondelet", "ECU"),
        ("Carondelet Palace", "ECU"),
        ("Planalto", "BRA"),
        ("Casa Rosada", "ARG"),
        ("Los Pinos", "MEX"),
        ("Palacio Nacional", "MEX"),
        ("the Pentagon", "USA"),
        ("Foggy Bottom", "USA"),
        ("Capitol Hill", "USA"),
        ("Bankova", "UKR"),
    ],
)
def test_capitals_and_seats_of_government(geo: Gazetteer, text: str, iso3: str) -> None:
    assert geo.capital_country(text) == iso3


@pytest.mark.parametrize("text", ["Victoria", "San Jose", "Male", "Sucre", "Stanley", "Lima, Ohio"])
def test_capitals_that_mostly_mean_something_else_are_not_metonyms(
    geo: Gazetteer, text: str
) -> None:
    assert geo.capital_country(text) is None


def test_country_or_capital(geo: Gazetteer) -> None:
    assert geo.country_or_capital("Ecuador") == "ECU"
    assert geo.country_or_capital("Quito") == "ECU"
    assert geo.country_or_capital("Guayaquil") is None


@pytest.mark.parametrize(
    ("iso3", "name"),
    [
        ("VEN", "Venezuela"),
        ("IRN", "Iran"),
        ("RUS", "Russia"),
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("BOL", "Bolivia"),
        ("TZA", "Tanzania"),
        ("SYR", "Syria"),
        ("VNM", "Vietnam"),
        ("LAO", "Laos"),
        ("MDA", "Moldova"),
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("TWN", "Taiwan"),
        ("PSE", "Palestine"),
        ("COD", "Democratic Republic of the Congo"),
        ("COG", "Republic of the Congo"),
        ("CIV", "Ivory Coast"),
        ("TUR", "Turkey"),
        ("XKX", "Kosovo"),
        ("VAT", "Vatican City"),
        ("ECU", "Ecuador"),
        ("chl", "Chile"),
    ],
)
def test_country_name_is_the_short_news_name(geo: Gazetteer, iso3: str, name: str) -> None:
    assert geo.country_name(iso3) == name


def test_every_country_name_is_short_and_resolves_back(geo: Gazetteer) -> None:
    """Canonical actor names must read as names and map back to their own code."""
    codes = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    for iso3 in codes:
        name = geo.country_name(iso3)
        assert "," not in name and "(" not in name, name
        assert geo.country_code(name) == iso3, name


def test_unknown_country_code_raises_a_project_error(geo: Gazetteer) -> None:
    with pytest.raises(UnknownCountryError) as caught:
        geo.country_name("XYZ")
    assert isinstance(caught.value, PolgraphError)


def test_name_table_layers_override_and_same_layer_conflicts_are_ambiguous() -> None:
    table = build_name_table(
        [("Congo", "COG"), ("Korea", "KOR"), ("Korea", "PRK")],
        [("Congo", "COD"), ("UK", "GBR")],
    )
    assert table.get("Congo") == "COD"
    assert table.get("Korea") is None
    assert table.has_marker("Korea")
    assert table.get("UK") == "GBR"
    assert table.get("uk") is None


@pytest.mark.parametrize(("iso3", "name"), [("RUS", "Russia"), ("XKX", "Kosovo"), ("AAB", "AAB")])
def test_country_actor_is_named_by_the_table_and_an_unknown_code_by_itself(
    geo: Gazetteer, iso3: str, name: str
) -> None:
    actor = geo.country_actor(iso3)
    assert (actor.id, actor.name, actor.kind, actor.country) == (
        f"country:{iso3}",
        name,
        "country",
        iso3,
    )
    assert (actor.roles, actor.aliases) == ((), ())

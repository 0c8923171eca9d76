"""Actor dictionaries in YAML and CSV: folded lookups and errors that name file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.dictionary import DictionaryEntry, load_actor_dictionary
from ingest.errors import ConfigError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

YAML_TEXT = """\
actors:
  - name: José Antonio Kast
    kind: person
    country: chl
    roles: [President-elect]
    aliases: [Kast, Jose Kast]
  - name: European Union
    kind: organization
    aliases: [EU]
"""

CSV_TEXT = """\
name,kind,country,roles,aliases
Daniel Noboa,person,ECU,President,Noboa
Gabriela Sommerfeld,person,ECU,Foreign Minister,Sommerfeld; G. Sommerfeld
Kosovo,country,XKX,,
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_dictionary_matches_names_and_aliases_folded(tmp_path: Path) -> None:
    actors = load_actor_dictionary(write(tmp_path, "actors.yaml", YAML_TEXT))
    kast = DictionaryEntry(
        name="José Antonio Kast",
        kind="person",
        country="CHL",
        roles=("President-elect",),
        aliases=("Kast", "Jose Kast"),
    )
    assert len(actors) == 2
    for surface in ("Kast", "KAST", "jose antonio  kast", "José Kast", "Kast’s", "Kast's"):
        assert actors.lookup(surface) == kast
    assert actors.lookup("the EU") == actors.lookup("European Union")
    assert actors.lookup("European Union").kind == "organization"  # type: ignore[union-attr]
    assert actors.lookup("Noboa") is None
    assert kast.id == "person:jose-antonio-kast"


def test_csv_dictionary_splits_lists_and_accepts_user_assigned_codes(tmp_path: Path) -> None:
    actors = load_actor_dictionary(write(tmp_path, "actors.csv", CSV_TEXT))
    sommerfeld = actors.lookup("g. sommerfeld")
    assert sommerfeld is not None
    assert (sommerfeld.name, sommerfeld.roles) == ("Gabriela Sommerfeld", ("Foreign Minister",))
    assert sommerfeld.aliases == ("Sommerfeld", "G. Sommerfeld")
    kosovo = actors.lookup("Kosovo")
    assert kosovo is not None and kosovo.country == "XKX" and kosovo.id == "country:XKX"
    assert [e.name for e in actors] == ["Daniel Noboa", "Gabriela Sommerfeld", "Kosovo"]


def test_example_dictionary_loads() -> None:
    actors = load_actor_dictionary(EXAMPLES / "actors.yaml")
    assert len(actors) >= 5
    maduro = actors.lookup("Nicolas Maduro")
    assert maduro is not None and (maduro.name, maduro.country) == ("Nicolás Maduro", "VEN")
    assert actors.lookup("PDVSA") == actors.lookup("Petroleos de Venezuela")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("kind.yaml", "- name: Kast\n  kind: politician\n", r"kind\.yaml:1: kind must be one of"),
        ("country.yaml", "- name: A\n  kind: person\n  country: XX\n", r":1: country must be"),
        ("unknown.yaml", "- name: A\n  kind: group\n  alias: [B]\n", r":1: unknown field 'alias'"),
        ("noname.yaml", "- name: A\n  kind: group\n- kind: group\n", r":3: every entry needs"),
        (
            "dup.yaml",
            "- name: Jose Kast\n  kind: person\n- name: Kast\n  kind: person\n"
            "  aliases: [José Kast]\n",
            r"dup\.yaml:3: 'José Kast' already names 'Jose Kast' \(line 1\)",
        ),
        ("broken.yaml", "actors:\n  - name: [unclosed\n", r"broken\.yaml:\d+: invalid YAML"),
        ("roles.yaml", "- name: A\n  kind: person\n  roles: {a: 1}\n", r"roles must be a list"),
        ("top.yaml", "people:\n  - name: A\n", r"unknown top-level key 'people'"),
        ("scalar.yaml", "- just a name\n", r"actor #1 is not a mapping"),
        ("empty.yaml", "# nothing yet\n", r"has no entries"),
        ("cells.csv", "name,kind\nA,person,extra\n", r"cells\.csv:2: 3 cells for 2 columns"),
        ("header.csv", "actor,kind\nA,person\n", r"header\.csv:1: CSV header needs a 'name'"),
        ("kind.csv", "name,kind\n\nA,person\nB,\n", r"kind\.csv:4: kind must be one of"),
        ("actors.txt", "name,kind\n", r"must be \.yaml, \.yml or \.csv"),
        (
            "dated.yaml",
            "- name: A\n  kind: person\n  dated_roles: [{role: X, from: 2020-13-01}]\n",
            r"dated\.yaml: invalid value \(month must be in 1\.\.12\)",
        ),
        (
            "text.yaml",
            "- name: A\n  kind: person\n  dated_roles: [{role: X, from: 'May 2020'}]\n",
            r"text\.yaml:1: 'May 2020' is not a date",
        ),
        (
            "order.yaml",
            "- name: A\n  kind: person\n  dated_roles: [{role: X, from: 2021-01-01, "
            "until: 2020-01-01}]\n",
            r"dated role 'X' ends before it starts",
        ),
        (
            "field.yaml",
            "- name: A\n  kind: person\n  dated_roles: [{role: X, since: 2020-01-01}]\n",
            r"unknown dated-role field 'since'",
        ),
    ],
)
def test_bad_dictionary_names_file_and_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_actor_dictionary(write(tmp_path, name, text))


def test_missing_dictionary_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="actor dictionary not found"):
        load_actor_dictionary(tmp_path / "absent.yaml")


DATED_YAML = """\
- name: Ana Example
  kind: person
  country: CHL
  roles: [Senator]
  dated_roles:
    - {role: Minister of Finance, from: 2010-03-11, until: 2014-03-11}
    - {role: President, country: CHL, from: 2022-03-11}
"""


@pytest.mark.parametrize(
    ("day", "roles"),
    [
        (date(2012, 6, 1), ("Minister of Finance",)),
        (date(2014, 3, 11), ("Minister of Finance",)),  # the end day is still in office
        (date(2018, 1, 1), ("former Minister of Finance",)),  # between offices
        (date(2024, 1, 1), ("President",)),  # an open term holds on
        (date(2005, 1, 1), ()),  # before any listed office
        (None, ("Senator",)),  # an undated article gets the undated roles
    ],
)
def test_dated_roles_give_the_office_held_on_the_day(
    tmp_path: Path, day: date | None, roles: tuple[str, ...]
) -> None:
    (entry,) = load_actor_dictionary(write(tmp_path, "dated.yaml", DATED_YAML))
    assert entry.on(day).roles == roles
    assert entry.on(day).country == "CHL"


def test_csv_dated_roles_read_role_country_and_span(tmp_path: Path) -> None:
    text = "name,kind,dated_roles\nB,person,Mayor PER 2015-01-01..2018-12-31|Senator ..2014-12-31\n"
    (entry,) = load_actor_dictionary(write(tmp_path, "dated.csv", text))
    assert [(r.role, r.country, r.start, r.end) for r in entry.dated_roles] == [
        ("Mayor", "PER", date(2015, 1, 1), date(2018, 12, 31)),
        ("Senator", None, None, date(2014, 12, 31)),
    ]
    assert entry.on(date(2016, 5, 5)).country == "PER"

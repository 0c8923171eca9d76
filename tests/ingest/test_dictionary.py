"""Actor dictionaries in YAML and CSV: folded lookups and errors that name file and line."""

from __future__ import annotations

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

"""The PETRARCH verb-pattern converter on a CAMEO-format snippet written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from ingest.lexicon import load_codebook, parse_lexicon
from scripts.convert_petrarch import Summary, convert, map_code, render_layer
from scripts.petrarch_layer import LayerEntry, read_layer
from scripts.petrarch_lemmas import Lemmatizer
from scripts.petrarch_verbs import Code, Item, parse_code, parse_verb_dictionary, tokenize_side

# A small dictionary in CAMEO.2.0.txt's syntax: a synonym set, two verb blocks, a phrasal
# verb with its own code, irregular forms, and every pattern shape the converter meets.
SNIPPET = """\
# test dictionary
&PROVISIONS
+FOOD
+RICE
+COOKING_OIL

---  HASTEN   [---]  ---
HASTEN
SPEED {SPEEDING SPEEDS SPED }
WIRETAP {WIRETAPPED WIRETAPPING}
+CALL_OFF {+CALLED_OFF +CALLING_OFF} [160]
- * (TO BORDER)                    [154]      # HASTEN
- * &PROVISIONS                    [073]      # SPEED
- * OUT (FOR +)                    [042:043]  # HASTEN
- * {ARMS SHIPMENT}                [072]      # SPEED
- &PROVISIONS *                    [154]      # HASTEN
- * (AT HEARING)                   [:173]     # HASTEN
- * PLEDGE                         [---]      # HASTEN
- * SANCTIONS                      [1213]     # WIRETAP

---  GREET   [051]  ---
GREET
WELCOME
- * VISITORS                       [051]      # GREET
- * (WITH PROTEST)                 [141]      # WELCOME
"""


@pytest.fixture(scope="module")
def lemmatizer(nlp: Language) -> Lemmatizer:
    return Lemmatizer(nlp)


def _keys(
    entries: list[LayerEntry],
) -> set[tuple[str, tuple[str, ...], str | None, tuple[str, ...], str | None]]:
    return {(e.code, e.verbs, e.particle, e.objects, e.prep) for e in entries}


def test_snippet_parses_into_synsets_blocks_and_patterns() -> None:
    parsed = parse_verb_dictionary(SNIPPET)
    assert parsed.synsets == {"provisions": (("food",), ("rice",), ("cooking", "oil"))}
    assert [b.family for b in parsed.blocks] == ["HASTEN", "GREET"]
    hasten = parsed.blocks[0]
    assert [v.words for v in hasten.verbs] == [
        ("hasten",),
        ("speed",),
        ("wiretap",),
        ("call", "off"),
    ]
    assert hasten.verbs[1].forms == (("speeding",), ("speeds",), ("sped",))
    assert hasten.verbs[3].code == Code("160", None, "160")
    assert len(hasten.patterns) == 8 and not parsed.malformed
    assert hasten.patterns[2].after == (
        Item("word", ("out",)),
        Item("prep", ("for",)),
        Item("marker", ("+",)),
    )


def test_two_way_and_null_codes() -> None:
    assert parse_code("042:043") == Code("042", "043", "042:043")
    assert parse_code(":173") == Code(None, "173", ":173")
    assert parse_code("---") == Code(None, None, "---")
    assert parse_code("080!") == Code("080", None, "080!")


def test_braces_and_parentheses_tokenize_in_order() -> None:
    assert tokenize_side(" (OF {BANNED PARTIES}) $ ") == (
        Item("prep", ("of",)),
        Item("phrase", ("banned", "parties")),
        Item("marker", ("$",)),
    )


def test_codes_missing_from_the_codebook_map_to_their_parent() -> None:
    codebook = load_codebook()
    assert map_code("1213", codebook) == "121"
    assert map_code("176", codebook) == "170"
    assert map_code("0874", codebook) == "0874"


def test_snippet_converts_to_lexicon_entries(lemmatizer: Lemmatizer) -> None:
    entries, summary = convert(parse_verb_dictionary(SNIPPET), lemmatizer, load_codebook())
    assert _keys(entries) == {
        # bare verbs: the phrasal verb's own code, and the GREET block's code
        ("160", ("call",), "off", (), None),
        ("051", ("greet", "welcome"), None, (), None),
        # (PREP NOUN) → particle + object; the comment limits the pattern to HASTEN
        ("154", ("hasten",), "to", ("border",), None),
        # a synonym set expands to its one-word members, lemmatized
        ("073", ("speed",), None, ("food", "rice"), None),
        # a two-way code keeps the source→target event; (FOR +) names the target's prep
        ("042", ("hasten",), "out", (), "for"),
        # an irregular form spaCy lemmatizes differently adds that lemma; 1213 → 121
        ("121", ("wiretap", "wiretappe"), None, ("sanction",), None),
        ("141", ("welcome",), "with", ("protest",), None),
    }
    assert summary.patterns == 10 and summary.patterns_converted == 5
    assert summary.patterns_dropped == Counter(
        {
            "noun phrase with modifiers ({A B})": 1,
            "words before the verb (subject or auxiliary constraint)": 1,
            "reverse-only code [:x] (needs target_is_subject)": 1,
            "null code [---]": 1,
            "all its atoms contradicted, duplicate or redundant": 1,  # "greet visitors" = bare
        }
    )
    assert summary.atoms_dropped["redundant (same code without the object/particle)"] == 1
    assert summary.codes_mapped == Counter({"1213→121": 2})  # atoms: one per lemma


def test_block_scope_applies_patterns_to_every_verb_that_fits(lemmatizer: Lemmatizer) -> None:
    entries, _ = convert(parse_verb_dictionary(SNIPPET), lemmatizer, load_codebook(), scope="block")
    border = [e for e in entries if e.objects == ("border",)]
    # "call off" already has a particle: "(TO BORDER)" cannot hold for it
    assert [e.verbs for e in border] == [("hasten", "speed", "wiretap", "wiretappe")]


def test_rendered_layer_loads_and_reads_back(lemmatizer: Lemmatizer) -> None:
    entries, summary = convert(parse_verb_dictionary(SNIPPET), lemmatizer, load_codebook())
    text = render_layer(entries, summary, filtered=False, scope="origin")
    lexicon = parse_lexicon(text, "snippet", load_codebook(), require_all_roots=False)
    assert len(lexicon.entries) == len(entries)
    border = [e for e in lexicon.entries_for_verb("hasten") if "border" in e.objects]
    call_off = [e for e in lexicon.entries_for_verb("call") if e.particle == "off"]
    assert [(e.code, e.particle) for e in border] == [("154", "to")]
    assert [e.code for e in call_off] == ["160"]
    assert read_layer(text) == entries
    assert "MIT License" in text and "LICENSE-petrarch2" in text


def test_conversion_is_deterministic(lemmatizer: Lemmatizer) -> None:
    parsed = parse_verb_dictionary(SNIPPET)
    runs = [convert(parsed, lemmatizer, load_codebook()) for _ in range(2)]
    texts = [render_layer(e, s, False, "origin") for e, s in runs]
    assert texts[0] == texts[1]


def test_summary_lines_count_every_pattern() -> None:
    summary = Summary(blocks=1, patterns=3, patterns_converted=1)
    summary.patterns_dropped["null code [---]"] = 2
    assert "patterns read: 3; converted: 1; dropped: 2" in summary.lines()

"""CAMEO codebook and event lexicon: published values, trigger choices on real parses, errors.

Trigger choices go through `ingest.events.triggers`, the matcher the pipeline runs.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import cast

import pytest
from spacy.language import Language

from ingest.errors import ConfigError
from ingest.events.triggers import matching_entry, verb_trigger
from ingest.lexicon import (
    ROOTS,
    Lexicon,
    LexiconEntry,
    frame_verbs,
    load_codebook,
    load_lexicon,
    parse_lexicon,
    read_lexicon_file,
    stack_lexicons,
)
from ingest.model import Article, article_id
from ingest.pipeline import ExtractOptions, extract_articles


# -- codebook -------------------------------------------------------------------------
def test_codebook_has_every_cameo_event_code() -> None:
    codes = load_codebook()
    # CAMEO 1.1b3 has 291 event codes below its 20 roots (010 .. 2042).
    assert len(codes) == 291
    assert {code[:2] for code in codes} == set(ROOTS)
    assert min(codes) == "010"
    assert max(codes) == "2042"
    assert all(len(code) in (3, 4) and code.isdigit() for code in codes)


def test_quad_classes_follow_the_roots() -> None:
    expected = {**dict.fromkeys(ROOTS[0:5], 1), **dict.fromkeys(ROOTS[5:9], 2)}
    expected |= {**dict.fromkeys(ROOTS[9:14], 3), **dict.fromkeys(ROOTS[14:20], 4)}
    assert {code: c.quad_class for code, c in load_codebook().items()} == {
        code: expected[code[:2]] for code in load_codebook()
    }


def test_goldstein_weights_are_on_the_scale() -> None:
    assert all(-10.0 <= c.goldstein <= 10.0 for c in load_codebook().values())


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [
        ("010", 0.0), ("016", -2.0), ("020", 3.0), ("036", 4.0), ("040", 1.0), ("042", 1.9),
        ("043", 2.8), ("046", 7.0), ("057", 8.0), ("061", 6.4), ("0874", 10.0), ("111", -2.0),
        ("120", -4.0), ("130", -4.4), ("138", -7.0), ("141", -6.5), ("145", -7.5),
        ("160", -4.0), ("161", -4.0), ("163", -8.0), ("164", -7.0), ("172", -5.0),
        ("173", -5.0), ("175", -9.0), ("180", -9.0), ("182", -9.5), ("190", -10.0),
        ("200", -10.0),
    ],
)  # fmt: skip
def test_goldstein_spot_checks_match_the_published_table(code: str, goldstein: float) -> None:
    assert load_codebook()[code].goldstein == goldstein


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("010", "Make public statement"),
        ("036", "Express intent to meet or negotiate"),
        ("043", "Host a visit"),
        ("106", "Demand meeting, negotiation"),  # GDELT's lookup file misnumbers 105-108
        ("163", "Impose embargo, boycott, or sanctions"),
        ("1663", "Expel or withdraw aid agencies"),
    ],
)
def test_labels_are_the_cameo_short_names(code: str, label: str) -> None:
    assert load_codebook()[code].label == label


# -- the packaged lexicon -------------------------------------------------------------
def test_packaged_lexicon_is_broad_and_valid() -> None:
    lexicon = load_lexicon()
    codebook = load_codebook()
    assert len(lexicon.entries) >= 300
    assert all(entry.code in codebook for entry in lexicon.entries)
    per_root = {root: sum(e.root == root for e in lexicon.entries) for root in ROOTS}
    assert min(per_root.values()) >= 5, per_root
    assert lexicon.code("040") == codebook["040"]


def test_constrained_entries_come_before_bare_ones(nlp: Language) -> None:
    lexicon = load_lexicon()
    for lemma in lexicon.verbs:
        ranks = [e.specificity for e in lexicon.entries_for_verb(lemma)]
        assert ranks == sorted(ranks, reverse=True), lemma
    met = _root_trigger(nlp, lexicon, "Noboa met the minister.")
    assert met is not None and met.code == "040"
    met_demands = _root_trigger(nlp, lexicon, "The government met the demands of the protesters.")
    assert met_demands is not None and met_demands.code == "083"


def test_lookup_folds_case_and_unknown_code_is_a_key_error() -> None:
    lexicon = load_lexicon()
    assert lexicon.entries_for_verb("Meet") == lexicon.entries_for_verb("meet")
    assert lexicon.entries_for_noun("unicorn") == ()
    with pytest.raises(KeyError):
        lexicon.code("999")


def _root_trigger(nlp: Language, lexicon: Lexicon, sentence: str) -> LexiconEntry | None:
    """The entry the pipeline's matcher picks for the sentence's root verb, if any."""
    trigger = verb_trigger(next(iter(nlp(sentence).sents)).root, lexicon)
    return cast(LexiconEntry, trigger.entry) if trigger else None


# The brief's multi-word patterns, on real parses (spaCy lemmas and dependencies).
@pytest.mark.parametrize(
    ("sentence", "root", "code"),
    [
        ("Putin met Xi Jinping in Beijing on Monday.", "04", "040"),
        ("China held talks with Japan on the islands.", "04", "040"),
        ("Japan severed ties with North Korea.", "16", "161"),
        ("The United Nations called on Israel to halt the offensive.", "02", "0256"),
        ("Iran ruled out talks with the United States.", "12", "125"),
        # An announced intent to take a conflictual step is THREATEN in CAMEO, not 17x.
        ("Russia vowed to expel British diplomats.", "13", "1313"),
        ("The European Union imposed sanctions on Russia.", "16", "163"),
        ("Police arrested 20 protesters in Paris.", "17", "173"),
        ("Police fired tear gas at protesters.", "17", "175"),
        # A summons delivers a formal diplomatic protest: 114 "Complain officially".
        ("France summoned the Italian ambassador.", "11", "114"),
        ("Germany recalled its ambassador from Moscow.", "16", "161"),
        ("North Korea expelled inspectors of the IAEA.", "16", "1662"),
        ("Police cracked down on protesters.", "17", "175"),
        ("Thousands of workers went on strike.", "14", "143"),
        ("Rebels shelled the capital.", "19", "194"),
        ("Israel and Egypt signed a peace treaty.", "05", "057"),
        ("Serbia lifted the curfew in Montenegro.", "08", "0813"),
        ("The court convicted the former minister.", "11", "116"),
    ],
)
def test_required_patterns_code_to_the_expected_root(
    nlp: Language, sentence: str, root: str, code: str
) -> None:
    entry = _root_trigger(nlp, load_lexicon(), sentence)
    assert entry is not None, sentence
    assert (entry.root, entry.code) == (root, code)


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("The army held the town for a week.", None),  # no bare "hold"
        ("The ministry said the talks went well.", None),  # "say" frames, it is not an event
    ],
)
def test_framing_and_light_verbs_alone_are_not_events(
    nlp: Language, sentence: str, code: str | None
) -> None:
    entry = _root_trigger(nlp, load_lexicon(), sentence)
    assert (entry.code if entry else None) == code


def test_event_nouns_are_indexed_by_spacy_lemma(nlp: Language) -> None:
    lexicon = load_lexicon()
    doc = nlp("The talks, the sanctions and the protests dominated the summit.")
    coded = {
        t.text: matching_entry(lexicon.entries_for_noun(t.lemma_), t)
        for t in doc
        if t.pos_ == "NOUN"
    }
    assert {k: v[0].code if v else None for k, v in coded.items()} == {
        "talks": "040",
        "sanctions": "163",
        "protests": "141",
        "summit": "040",
    }


# -- user lexicons and errors ---------------------------------------------------------
def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_lexicon_goes_on_top_of_the_packaged_one(nlp: Language, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '- {code: "042", verb: jet, particle: "off", label: jetted off}\n'
        '- {code: "0871", noun: [armistice, ceasefire]}\n'
        '- {code: "111", verb: meet, object: [criticism], label: met with criticism}\n',
    )
    lexicon = load_lexicon(path)
    assert lexicon.source.startswith(str(path))
    jet = _root_trigger(nlp, lexicon, "The minister jetted off to Geneva.")
    assert jet is not None and (jet.code, jet.particle, jet.label) == ("042", "off", "jetted off")
    assert _root_trigger(nlp, lexicon, "The minister jetted to Geneva.") is None
    # the user's file owns the lemmas it lists: its entries replace the packaged ones
    assert [e.code for e in lexicon.entries_for_noun("ceasefire")] == ["0871"]
    assert [e.code for e in lexicon.entries_for_verb("meet")] == ["111"]
    assert _root_trigger(nlp, lexicon, "Noboa met the minister.") is None
    # everything else is still coded by the packaged lexicon
    assert lexicon.entries_for_verb("sever") == load_lexicon().entries_for_verb("sever")


def test_a_lexicon_file_alone_can_be_read_and_checked(tmp_path: Path) -> None:
    path = _write(tmp_path, '- {code: "042", verb: jet, particle: "off"}\n')
    alone = read_lexicon_file(path)
    assert alone.source == str(path) and alone.verbs == frozenset({"jet"})


def test_packaged_layers_can_be_chosen_by_name(tmp_path: Path) -> None:
    curated = load_lexicon(layers=("curated",))
    assert curated.source == "event_lexicon.yaml"
    assert curated.verbs < load_lexicon().verbs
    path = _write(tmp_path, '- {code: "042", verb: jet, particle: "off"}\n')
    assert load_lexicon(path, layers=("curated",)).verbs == curated.verbs | {"jet"}
    with pytest.raises(ConfigError, match="unknown lexicon layer"):
        load_lexicon(layers=("wordnet",))


# -- the PETRARCH2 layer --------------------------------------------------------------
def test_the_petrarch_layer_codes_only_verbs_the_curated_lexicon_leaves_open() -> None:
    data = resources.files("ingest") / "data"
    curated = load_lexicon(layers=("curated",))
    packaged = load_lexicon()
    frames = frame_verbs((data / "modality.yaml").read_text(encoding="utf-8"))
    layer_verbs = packaged.verbs - curated.verbs
    assert len(layer_verbs) > 250  # the layer adds coverage
    assert not layer_verbs & frames  # "said" frames events, it never codes one
    # a curated lemma keeps exactly its curated entries, in order
    for lemma in curated.verbs:
        assert packaged.entries_for_verb(lemma) == curated.entries_for_verb(lemma), lemma
    assert packaged.entries[: len(curated.entries)] == curated.entries


def test_stacking_gives_each_lemma_to_the_highest_layer_that_lists_it() -> None:
    codebook = load_codebook()
    top = parse_lexicon('- {code: "040", verb: [meet, greet]}\n', "top", codebook,
                        require_all_roots=False)  # fmt: skip
    low = parse_lexicon(
        '- {code: "111", verb: [meet, scold, say]}\n- {code: "042", verb: greet}\n',
        "low",
        codebook,
        require_all_roots=False,
    )
    stacked = stack_lexicons([top, low], reserved=frozenset({"say"}))
    assert [e.code for e in stacked.entries_for_verb("meet")] == ["040"]
    assert [e.code for e in stacked.entries_for_verb("greet")] == ["040"]
    assert [e.code for e in stacked.entries_for_verb("scold")] == ["111"]
    assert stacked.entries_for_verb("say") == ()  # reserved: no layer codes it
    assert stacked.source == "top + low"


@pytest.mark.parametrize(
    ("text", "index", "message"),
    [
        ('- {code: "040", verb: meet}\n- {code: "040", verbb: talk}\n', 1, "unknown field"),
        ('- {code: "040", verb: meet}\n- {code: "999", verb: talk}\n', 1, "not in the CAMEO"),
        ("- {code: 173, verb: arrest}\n", 0, "quoted string"),
        ('- {code: "020", verb: call, particle: on}\n', 0, "particle"),
        ('- {code: "040", verb: meet, noun: meeting}\n', 0, "exactly one of verb, noun"),
        ('- {code: "040"}\n', 0, "exactly one of verb, noun or judgement"),
        ('- {code: "040", noun: talk, particle: "with"}\n', 0, "only a verb entry"),
        ('- {code: "111", judgement: illegal, object: vote}\n', 0, "takes no object"),
        ('- {code: "173", noun: arrest, genitive: victim}\n', 0, "agent or patient"),
        ('- {code: "173", verb: arrest, genitive: patient}\n', 0, "noun entries only"),
        ('- {code: "111", judgement: bad}\n- {code: "051", judgement: bad}\n', 1, "ambiguous"),
        ('- {code: "040", verb: "hold talks"}\n', 0, "single words"),
        ('- {code: "040", verb: meet, object: [1, 2]}\n', 0, "list of lemmas"),
        ("- just a string\n", 0, "expected a mapping"),
        ('- {code: "040", verb: meet}\n- {code: "111", verb: meet}\n', 1, "ambiguous"),
    ],
)
def test_bad_entries_name_file_and_index(
    tmp_path: Path, text: str, index: int, message: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_lexicon(path)
    assert str(path) in str(caught.value)
    assert f"entry {index}" in str(caught.value)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {code: [unclosed\n", "not valid YAML"),
        ("entries: {}\n", "non-empty list"),
        ("", "non-empty list"),
    ],
)
def test_unreadable_lexicon_files_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_lexicon(path)
    assert str(path) in str(caught.value)


def test_missing_roots_and_missing_file_are_config_errors(tmp_path: Path) -> None:
    path = _write(tmp_path, '- {code: "040", verb: meet}\n')
    with pytest.raises(ConfigError, match=r"root\(s\) 01, 02, 03"):
        read_lexicon_file(path, require_all_roots=True)
    with pytest.raises(ConfigError, match="cannot read"):
        load_lexicon(tmp_path / "absent.yaml")


def test_extraction_codes_a_user_word_and_the_packaged_ones(tmp_path: Path) -> None:
    path = _write(tmp_path, '- {code: "111", verb: pillory, label: pilloried}\n')
    text = "Chile pilloried Peru on Monday. Chile severed ties with Bolivia."
    article = Article(article_id(None, text), None, None, None, None, text)
    (extraction,) = extract_articles([article], ExtractOptions(lexicon=path))
    assert {(e.cameo, e.trigger) for e in extraction.events} == {
        ("111", "pilloried"),
        ("161", "severed"),
    }

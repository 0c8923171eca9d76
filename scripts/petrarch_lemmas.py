"""Word classes and lemmas for PETRARCH dictionary words, as spaCy's lemmatizer produces them.

PETRARCH writes words in upper case and base form; the project's lexicon matches spaCy
lemmas of parsed tokens. This module asks spaCy's rule lemmatizer (the one in the
project's pipeline) what lemma a verb form or an object noun gets, so that the converted
entries match what ingest/events.py sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ingest.model import fold
from scripts.petrarch_words import load_words

_PAST = "Tense=Past|VerbForm=Fin"
_THIRD = "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
_GERUND = "VerbForm=Ger"


@dataclass(frozen=True)
class Lemmatizer:
    """spaCy's rule lemmatizer and its WordNet index, asked one word at a time."""

    nlp: Language

    @cache  # noqa: B019 - one Lemmatizer per run; the script ends with it
    def _lemma(self, word: str, pos: str, morph: str | None = None) -> str:
        doc = Doc(self.nlp.vocab, words=[word], pos=[pos], morphs=[morph] if morph else None)
        forms = self.nlp.get_pipe("lemmatizer").rule_lemmatize(doc[0])  # type: ignore[attr-defined]
        return fold(forms[0]) if forms else fold(word)

    @cache  # noqa: B019
    def _indexed(self, word: str, pos: str) -> bool:
        table = self.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        return word in table.get(pos, ())

    def verb_lemmas(self, word: str, irregular: Iterable[str] = ()) -> tuple[str, ...]:
        """The verb's lemma first, then other lemmas spaCy gives its inflected forms.

        A form whose lemma is the base without its final "e" ("staged" → "stag") is left
        out: the matcher already retries such lemmas with the "e".
        """
        base = word if self._indexed(word, "verb") else self._lemma(word, "VERB")
        extra = []
        for form, morph in [*_regular_forms(base), *((f, _morph_of(f)) for f in irregular)]:
            lemma = self._lemma(form, "VERB", morph)
            if lemma != base and lemma + "e" != base and lemma not in extra:
                extra.append(lemma)
        return (base, *sorted(extra))

    def noun_lemma(self, word: str) -> str:
        """A noun's lemma: itself when the index knows it ("press", "news"), else the
        rule lemma of a plural ("sanctions" → "sanction")."""
        return word if self._indexed(word, "noun") else self._lemma(word, "NOUN")

    def is_particle(self, word: str) -> bool:
        """A preposition/particle, or an adverb that is no noun ("positively", "abroad")."""
        return word in load_words().particles or (
            self._indexed(word, "adv") and not self._indexed(word, "noun")
        )


def _regular_forms(base: str) -> list[tuple[str, str]]:
    """The regular inflections PETRARCH itself generates (S, ED, ING), with their morphology."""
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        third, past = base[:-1] + "ies", base[:-1] + "ied"
    else:
        third = base + ("es" if base.endswith(("s", "x", "z", "ch", "sh")) else "s")
        past = base + ("d" if base.endswith("e") else "ed")
    gerund = (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
    return [(third, _THIRD), (past, _PAST), (gerund, _GERUND)]


def _morph_of(form: str) -> str:
    if form.endswith("ing"):
        return _GERUND
    if form.endswith("s") and not form.endswith("ss"):
        return _THIRD
    return _PAST

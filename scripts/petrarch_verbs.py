"""Read PETRARCH2's CAMEO verb dictionary (CAMEO.2.0.txt): synonym sets, verb blocks, patterns.

Syntax only: words stay as written (lower-cased); deciding what a word is (particle, noun,
lemma) is the converter's job (scripts/convert_petrarch.py). The format is documented in
PETRARCH2's `dictionaries.rst` ("Verb Dictionary"):

    &SYNSET               a synonym set, followed by `+WORD` / `+TWO_WORDS` lines
    --- FAMILY [code] --- a verb block (a "family"): its verbs share the patterns below
    VERB {FORMS} [code]   a verb of the block; `+VERB_PARTICLE` marks the verb of a phrase
    - pre * post [code]   a pattern: `*` is the verb, `{A B}` a noun phrase headed by B,
                          `(PREP ...)` a prepositional phrase, `&NAME` a synonym set,
                          `$` / `+` the source / target, `^` / `%` skip / compound markers
    ~ ...                 a verb-verb transformation (counted, not converted)

Codes are `[abc]`, `[abc:def]` (source→target code, then the reverse event) or `[---]`
(no event).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

MARKERS = frozenset({"$", "+", "^", "%"})
_BLOCK = re.compile(r"^---\s+(?P<family>\S+)\s+\[(?P<code>[^\]]*)\]\s*---")
_CODE_AT_END = re.compile(r"\[(?P<code>[^\]]*)\]\s*$")
_VERB_LINE = re.compile(
    r"^(?P<phrase>[^\s{\[]+)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$"
)

ItemKind = Literal["word", "phrase", "prep", "marker"]


@dataclass(frozen=True)
class Code:
    """A pattern's code: the source→target event and the reverse (target→source) one.

    `[---]` gives neither; `[:173]` only the reverse; `[042:043]` both.
    """

    forward: str | None
    reverse: str | None
    raw: str


@dataclass(frozen=True)
class VerbLine:
    """One verb of a block: `+CALL_OFF {+CALLED_OFF ...} [160]` → words (call, off), head 0."""

    words: tuple[str, ...]
    head: int  # index of the verb among `words` (the `+`-marked word of a phrase)
    forms: tuple[tuple[str, ...], ...]  # irregular forms as written ({SPED} → (("sped",),))
    code: Code | None  # the verb's own code; None: the block's code applies
    line: int


@dataclass(frozen=True)
class Item:
    """One element of a pattern side, in order.

    word: a bare word or `&SYNSET`; phrase: `{A B}` (head last); prep: the preposition
    opening a `( ... )` group (its content follows as further items); marker: $ + ^ %.
    """

    kind: ItemKind
    words: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    """`- before * after [code] # comment` under a verb block."""

    before: tuple[Item, ...]
    after: tuple[Item, ...]
    code: Code
    comment: str
    line: int


@dataclass(frozen=True)
class VerbBlock:
    """A verb synonym block (PETRARCH's unit of meaning; the converter's "family")."""

    family: str
    code: Code
    verbs: tuple[VerbLine, ...]
    patterns: tuple[Pattern, ...]
    line: int


@dataclass(frozen=True)
class VerbDictionary:
    """The whole file: synonym sets by name (without `&` and trailing `_`), blocks in order."""

    synsets: dict[str, tuple[tuple[str, ...], ...]]
    blocks: tuple[VerbBlock, ...]
    transformations: int
    malformed: tuple[tuple[int, str], ...]  # (line number, text) of lines not understood


def parse_code(text: str) -> Code:
    """`042:043` → Code("042", "043"); `---` → no event; `080!` → "080" (stray mark)."""
    raw = text.strip()
    forward, _, reverse = raw.partition(":")

    def clean(part: str) -> str | None:
        digits = re.sub(r"[^0-9]", "", part)
        return digits or None

    return Code(forward=clean(forward), reverse=clean(reverse), raw=raw)


def _strip_comment(line: str, marks: str = "#") -> tuple[str, str]:
    cut = min((i for i in (line.find(m) for m in marks) if i >= 0), default=-1)
    return (line, "") if cut < 0 else (line[:cut], line[cut + 1 :].strip())


def _split_words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in phrase.lower().split("_") if w)


def parse_verb_line(text: str, line: int) -> VerbLine | None:
    """A verb line of a block, or None when it does not follow the verb-line syntax."""
    body, _ = _strip_comment(text, "#;")
    match = _VERB_LINE.match(body.strip())
    if not match:
        return None
    phrase = match["phrase"]
    parts = [p for p in phrase.split("_") if p]
    head = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    words = tuple(p.lstrip("+").lower() for p in parts)
    forms = tuple(
        tuple(w.lstrip("+") for w in _split_words(form))
        for form in (match["forms"] or "").replace(",", " ").split()
    )
    code = parse_code(match["code"]) if match["code"] is not None else None
    return VerbLine(words=words, head=head, forms=forms, code=code, line=line)


def tokenize_side(text: str) -> tuple[Item, ...]:
    """Items of one side of a pattern, in order; parentheses are flattened into a `prep`
    item followed by their content, braces become one `phrase` item."""
    spaced = re.sub(r"([(){}])", r" \1 ", text)
    tokens = spaced.split()
    items: list[Item] = []
    phrase: list[str] | None = None
    expect_prep = False
    for token in tokens:
        if token == "{":
            phrase = []
        elif token == "}":
            if phrase:
                items.append(Item("phrase", tuple(phrase)))
            phrase = None
        elif phrase is not None:
            phrase.append(token.lower())
        elif token == "(":
            expect_prep = True
        elif token == ")":
            expect_prep = False
        elif token in MARKERS:
            items.append(Item("marker", (token,)))
            expect_prep = False
        elif expect_prep:
            items.append(Item("prep", (token.lower(),)))
            expect_prep = False
        else:
            items.extend(_word_items(token))
    return tuple(items)


def _word_items(token: str) -> Iterator[Item]:
    """A bare token; a marker glued to a word (`+BORDER`) is split off."""
    if token[0] in MARKERS and len(token) > 1 and token[1] != "&":
        yield Item("marker", (token[0],))
        token = token[1:]
    yield Item("word", (token.lower(),))


def parse_pattern(text: str, line: int) -> Pattern | None:
    """`- pre * post [code] # comment` → Pattern; None without `*` or code."""
    body, comment = _strip_comment(text.lstrip()[1:])
    code = _CODE_AT_END.search(body)
    if code is None or body.count("*") != 1:
        return None
    before, after = body[: code.start()].split("*")
    return Pattern(
        before=tokenize_side(before),
        after=tokenize_side(after),
        code=parse_code(code["code"]),
        comment=comment,
        line=line,
    )


@dataclass
class _OpenBlock:
    family: str
    code: Code
    line: int
    verbs: list[VerbLine]
    patterns: list[Pattern]

    def close(self) -> VerbBlock:
        return VerbBlock(self.family, self.code, tuple(self.verbs), tuple(self.patterns), self.line)


def parse_verb_dictionary(text: str) -> VerbDictionary:
    """The synonym sets, verb blocks and patterns of a CAMEO verb dictionary text."""
    synsets: dict[str, list[tuple[str, ...]]] = {}
    blocks: list[VerbBlock] = []
    malformed: list[tuple[int, str]] = []
    transformations = 0
    current_synset: str | None = None
    block: _OpenBlock | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _BLOCK.match(stripped)
        if header:
            if block is not None:
                blocks.append(block.close())
            block = _OpenBlock(header["family"], parse_code(header["code"]), number, [], [])
            current_synset = None
        elif stripped.startswith("~"):
            transformations += 1
        elif stripped.startswith("&"):
            current_synset = _strip_comment(stripped)[0].strip()[1:].rstrip("_").lower()
            synsets[current_synset] = []
        elif block is None and current_synset is not None and stripped.startswith("+"):
            member = _strip_comment(stripped)[0].strip()[1:]
            synsets[current_synset].append(_split_words(member))
        elif block is not None and stripped.startswith("-"):
            pattern = parse_pattern(stripped, number)
            if pattern is None:
                malformed.append((number, stripped))
            else:
                block.patterns.append(pattern)
        elif block is not None:
            verb = parse_verb_line(stripped, number)
            if verb is None:
                malformed.append((number, stripped))
            else:
                block.verbs.append(verb)
        else:
            malformed.append((number, stripped))
    if block is not None:
        blocks.append(block.close())
    return VerbDictionary(
        synsets={name: tuple(members) for name, members in synsets.items()},
        blocks=tuple(blocks),
        transformations=transformations,
        malformed=tuple(malformed),
    )

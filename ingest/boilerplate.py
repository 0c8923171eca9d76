"""Find site furniture, headings and the dateline in an article's text, without moving offsets.

Real pages keep their footers, share bars and photo credits in the text we receive.
Extraction skips them; headings (lines with no sentence-ending punctuation) still name
actors but are not coded for events, since they repeat the story's sentences. A wire
story's dateline ("TBILISI (Reuters) –") says where it was filed: the parser never sees it
(`parse_text` blanks it) and the events that happen there are placed by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
DATELINE_LINES = 3  # a dateline opens the story: it is looked for in the first lines only
_MIN_BARE_DATELINE = 4  # "US –" is a headline fragment; "LIMA –" or "KYIV (AP) –" a dateline


@dataclass(frozen=True)
class Dateline:
    """The dateline opening a wire story: where it was filed, by which agency.

    `places` are the names as written ("PANAMA CITY"; several for "WARSAW, SOFIA, KYIV"),
    `region` the country or state after them ("Nigeria" in "LAGOS, Nigeria —").
    """

    start: int
    end: int
    places: tuple[str, ...]
    region: str | None
    agency: str | None


@dataclass(frozen=True)
class TextLayout:
    """Character ranges of an article's text: furniture to skip, headings to not code,
    and the dateline."""

    furniture: tuple[tuple[int, int], ...]
    headings: tuple[tuple[int, int], ...]
    dateline: Dateline | None = None

    def in_furniture(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.furniture)

    def in_heading(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.headings)


@dataclass(frozen=True)
class FurniturePatterns:
    lines: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]


@lru_cache(maxsize=1)
def load_furniture_patterns() -> FurniturePatterns:
    path = resources.files("ingest") / "data" / "boilerplate.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    compile_all = lambda items: tuple(re.compile(p, re.IGNORECASE) for p in items)  # noqa: E731
    return FurniturePatterns(
        compile_all(data["line_patterns"]),
        compile_all(data["inline_patterns"]),
        re.compile(data["dateline_pattern"], re.VERBOSE | re.MULTILINE),
    )


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of one of the first `DATELINE_LINES` lines of `text`.

    Only a form news wires use counts: place names in capitals, optionally a region, a
    date and an agency in brackets, then a dash or colon with the story going on after it
    on the same line (so a spoken-by header such as "U.S. PRESIDENT JOE BIDEN:" is none).
    """
    pattern = load_furniture_patterns().dateline
    offset, seen = 0, 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        if not line.strip():
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        match = pattern.match(line)
        if match is None:
            continue
        places = tuple(p.strip() for p in match.group("places").split(","))
        agency = match.group("agency")
        if not agency and len(re.sub(r"[^A-Z]", "", places[0])) < _MIN_BARE_DATELINE:
            continue
        return Dateline(start, start + match.end(), places, match.group("region"), agency)
    return None


def parse_text(text: str) -> str:
    """`text` as the parser should read it: the dateline blanked with spaces, so every
    offset still points at the original and "LAGOS, Nigeria —" is not read as a subject."""
    dateline = find_dateline(text)
    if dateline is None:
        return text
    return text[: dateline.start] + " " * (dateline.end - dateline.start) + text[dateline.end :]


def text_layout(text: str) -> TextLayout:
    """Furniture and heading ranges of `text`. A heading is a short line without sentence-end
    punctuation; a line equal to the title is not one by itself, since a text without a
    header takes its first sentence as its title."""
    patterns = load_furniture_patterns()
    furniture: list[tuple[int, int]] = []
    headings: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start, stripped = offset, line.rstrip("\r\n")
        offset += len(line)
        if not stripped.strip():
            continue
        end = start + len(stripped)
        if any(p.search(stripped) for p in patterns.lines):
            furniture.append((start, end))
            continue
        for pattern in patterns.inline:
            for match in pattern.finditer(stripped):
                furniture.append((start + match.start(), start + match.end()))
        words = stripped.split()
        if not SENTENCE_END.search(stripped) and len(words) <= 25:
            headings.append((start, end))
    return TextLayout(tuple(furniture), tuple(headings), find_dateline(text))

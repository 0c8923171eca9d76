"""Find site furniture and headings in an article's text, without moving any offsets.

Real pages keep their footers, share bars and photo credits in the text we receive.
Extraction skips them; headings (lines with no sentence-ending punctuation) still name
actors but are not coded for events, since they repeat the story's sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")


@dataclass(frozen=True)
class TextLayout:
    """Character ranges of an article's text: furniture to skip, headings to not code."""

    furniture: tuple[tuple[int, int], ...]
    headings: tuple[tuple[int, int], ...]

    def in_furniture(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.furniture)

    def in_heading(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.headings)


@dataclass(frozen=True)
class FurniturePatterns:
    lines: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def load_furniture_patterns() -> FurniturePatterns:
    path = resources.files("ingest") / "data" / "boilerplate.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    compile_all = lambda items: tuple(re.compile(p, re.IGNORECASE) for p in items)  # noqa: E731
    return FurniturePatterns(
        compile_all(data["line_patterns"]), compile_all(data["inline_patterns"])
    )


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
    return TextLayout(tuple(furniture), tuple(headings))

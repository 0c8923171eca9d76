"""Texts longer than spaCy's max_length: parsed in pieces, seen as one Doc of the whole text."""

from __future__ import annotations

import pytest
from spacy.language import Language

from ingest.nlp import parse_stream, text_pieces
from tests.ingest.hostile_inputs import long_english_text

PARAGRAPHS = (
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday. "
    "The two leaders discussed energy prices.",
    "Protesters clashed with police in Nairobi on Tuesday.  Officials said 12 people were "
    "hurt! Was the march planned? Nobody would say.",
    "Japan and South Korea agreed to resume security talks after a long pause.",
)


@pytest.mark.parametrize("limit", [1, 50, 120, 400])
def test_pieces_join_back_to_exactly_the_text_and_stay_under_the_limit(limit: int) -> None:
    text = "\n\n".join(PARAGRAPHS * 4) + "\n"
    pieces = text_pieces(text, limit, limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces)


def test_a_text_within_the_limit_is_one_piece() -> None:
    text = "\n\n".join(PARAGRAPHS)
    assert text_pieces(text, len(text)) == [text]


def test_pieces_end_at_paragraphs_then_sentences_then_spaces_then_anywhere() -> None:
    text = "\n\n".join(PARAGRAPHS)
    first, second, third = PARAGRAPHS
    assert text_pieces(text, 200, 200) == [first + "\n\n", second + "\n\n", third]
    sentences = text_pieces(second, 60, 60)
    assert sentences[0] == "Protesters clashed with police in Nairobi on Tuesday.  "
    assert sentences[1] == "Officials said 12 people were hurt! Was the march planned? "
    assert text_pieces("one two three four", 10, 10) == ["one two ", "three four"]
    assert text_pieces("x" * 25, 10, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_long_text_is_one_doc_with_whole_text_offsets_between_ordinary_ones(
    nlp: Language,
) -> None:
    long_text = "\n\n".join(PARAGRAPHS * 5)
    items = [("Kenya recalled its envoy.", "first"), (long_text, "long"), ("Ok then.", "last")]
    parsed = list(parse_stream(nlp, items, batch_size=2, max_chars=300))
    assert [context for _, context in parsed] == ["first", "long", "last"]
    assert [doc.text for doc, _ in parsed] == [text for text, _ in items]
    doc = parsed[1][0]
    whole = nlp(long_text)
    assert [(e.text, e.start_char, e.label_) for e in doc.ents] == [
        (e.text, e.start_char, e.label_) for e in whole.ents
    ]
    starts = [sent.start_char for sent in doc.sents]
    assert starts == [sent.start_char for sent in whole.sents]
    assert all(long_text[e.start_char : e.end_char] == e.text for e in doc.ents)


def test_long_text_generator_writes_paragraphs_of_english() -> None:
    text = long_english_text(5_000)
    assert len(text) >= 5_000 and "\n\n" in text and " met " in text
    assert long_english_text(5_000) == text  # seeded: the same text every run

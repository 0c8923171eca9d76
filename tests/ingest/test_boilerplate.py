"""Site furniture, headings and datelines (ingest.boilerplate), on texts written for the tests."""

from __future__ import annotations

import pytest

from ingest.boilerplate import find_dateline, parse_text, text_layout

DATELINES = [
    # text, places, region, agency
    ("KYIV (Reuters) – Ukrainian drones struck a depot.", ("KYIV",), None, "Reuters"),
    ("NAIROBI, Kenya — Police arrested dozens of students.", ("NAIROBI",), "Kenya", None),
    ("BRUSSELS, March 3 (AP) - Ministers met again.", ("BRUSSELS",), None, "AP"),
    ("NEW DELHI, (Reuters) – The ministry said no.", ("NEW DELHI",), None, "Reuters"),
    ("ANKARA, ISTANBUL: Turkish police detained 40.", ("ANKARA", "ISTANBUL"), None, None),
    ("Title line\n\nLIMA, Peru (EFE) -- Congress voted.", ("LIMA",), "Peru", "EFE"),
]


@pytest.mark.parametrize(("text", "places", "region", "agency"), DATELINES)
def test_a_wire_dateline_is_found_with_its_parts(
    text: str, places: tuple[str, ...], region: str | None, agency: str | None
) -> None:
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.places, dateline.region, dateline.agency) == (places, region, agency)
    assert text[dateline.end :].split()[0][0].isupper()  # the story starts right after it


@pytest.mark.parametrize(
    "text",
    [
        "U.S. PRESIDENT JOE BIDEN:\nWe congratulate the people of Mexico.",  # a speaker header
        "EU – China trade talks resumed on Monday.",  # a short capital word is no dateline
        "(Reuters) – The ministry said it would respond.",  # an agency without a place
        "The minister said: we will act.",
        "One.\nTwo.\nThree.\nCAIRO (AP) — A fourth line is not the opening of the story.",
    ],
)
def test_text_without_a_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_the_parser_reads_the_text_with_its_dateline_blanked() -> None:
    text = "Headline here\n\nNAIROBI, Kenya (AP) — Police arrested dozens of students."
    blanked = parse_text(text)
    assert len(blanked) == len(text)
    assert "NAIROBI" not in blanked and "Kenya" not in blanked
    assert blanked.index("Police") == text.index("Police")  # offsets are unchanged
    assert text_layout(text).dateline == find_dateline(text)
    assert parse_text("No dateline here.") == "No dateline here."

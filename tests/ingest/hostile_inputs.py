"""Inputs for the robustness tests: long English texts and hostile files, all generated.

Every sentence here was written for these tests. Generators are seeded, so a failing case
is the same case on every run and names itself by its file name.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass

LEADERS = (
    ("French President", "Emmanuel Macron", "Paris"),
    ("German Chancellor", "Olaf Scholz", "Berlin"),
    ("Kenyan President", "William Ruto", "Nairobi"),
    ("Japanese Prime Minister", "Fumio Kishida", "Tokyo"),
    ("Brazilian President", "Luiz Inacio Lula da Silva", "Brasilia"),
    ("Indian Prime Minister", "Narendra Modi", "New Delhi"),
    ("Mexican President", "Claudia Sheinbaum", "Mexico City"),
    ("Ecuadorian President", "Daniel Noboa", "Quito"),
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
TOPICS = ("trade", "migration", "energy prices", "border security", "climate finance")
# Sentences with no political event in them: the bulk of a long text, cheap to code.
FILLER = (
    "The morning was cold and grey, and the streets near the river stayed quiet until noon.",
    "Shops along the main avenue opened late because of the holiday.",
    "Rain was expected in the evening, and the temperature was falling.",
    "Traffic on the ring road moved slowly for most of the day.",
    "The old library on the square was busy with students preparing for exams.",
    "Several trains were late because of a signal fault outside the central station.",
)
# One-sentence English news items that the old function-word filter refused.
ONE_SENTENCE_ITEMS = (
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday.",
    "Chilean President-elect José Antonio Kast met Ecuadorian President Daniel Noboa in "
    "Quito on Tuesday.",
    "Modi met Sharif.",
    "Kenyan police arrested opposition supporters in Mombasa.",
)
# Paragraphs in other languages (written for the tests) and the language each must be named.
FOREIGN_PARAGRAPHS = (
    (
        "French",
        "Le président de la République a rencontré mardi le chancelier allemand à Berlin "
        "pour discuter de la défense européenne et des relations avec la Chine, a indiqué "
        "son entourage.",
    ),
    (
        "Spanish",
        "Miles de personas marcharon por las calles de la capital para exigir la liberación "
        "de los presos políticos, informaron los organizadores del acto.",
    ),
    (
        "German",
        "Der Bundeskanzler hat am Dienstag in Berlin den französischen Präsidenten getroffen, "
        "um über die Verteidigung Europas und die Lage in der Ukraine zu sprechen.",
    ),
    (
        "Russian",
        "Президент провёл во вторник переговоры с председателем правительства, обсудив "
        "вопросы торговли и безопасности, сообщила пресс-служба.",
    ),
    ("Chinese", "国家主席周二在北京会见了来访的总统，双方就贸易和安全问题交换了意见。"),
)


def meeting_sentence(rng: random.Random) -> str:
    """One sentence coding as a meeting (CAMEO 04) between two named leaders."""
    (role_a, name_a, _), (role_b, name_b, city) = rng.sample(LEADERS, 2)
    return (
        f"{role_a} {name_a} met {role_b} {name_b} in {city} on {rng.choice(DAYS)} "
        f"to discuss {rng.choice(TOPICS)}."
    )


def long_english_text(min_chars: int, seed: int = 11, meeting_every: int = 1) -> str:
    """Paragraphs of filler, every `meeting_every`-th one opening with a meeting, at least
    `min_chars` characters long."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < min_chars:
        sentences = rng.sample(FILLER, 3)
        if len(paragraphs) % meeting_every == 0:
            sentences.insert(0, meeting_sentence(rng))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def nested_json(depth: int, leaf: object = None) -> str:
    """A JSON document nested `depth` levels deep (alternating arrays and objects)."""
    opening = "".join('{"a":' if level % 2 else "[" for level in range(depth))
    closing = "".join("}" if level % 2 else "]" for level in reversed(range(depth)))
    return opening + json.dumps(leaf) + closing


@dataclass(frozen=True)
class Hostile:
    """One generated bad (or merely strange) input file."""

    name: str
    content: bytes


def hostile_inputs(count: int, seed: int = 7) -> Iterator[Hostile]:
    """`count` hostile files of every kind in turn (random bytes, deep or truncated JSON,
    huge lines, mixed encodings, HTML bombs, NUL bytes, ...), named `NNN-kind.ext`."""
    rng = random.Random(seed)
    makers = _MAKERS
    for number in range(count):
        kind, maker = makers[number % len(makers)]
        name, content = maker(rng)
        yield Hostile(f"{number:03d}-{kind}{name}", content)


def _random_bytes(rng: random.Random) -> tuple[str, bytes]:
    suffix = rng.choice((".txt", ".json", ".jsonl", ".html", ".md"))
    return suffix, rng.randbytes(rng.randrange(1, 4000))


def _random_printable_noise(rng: random.Random) -> tuple[str, bytes]:
    alphabet = "abcdefghijklmnopqrstuvwxyz  .,;:!?0123456789{}[]<>\"'\n\t-"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 3000)))
    return rng.choice((".txt", ".md")), text.encode()


def _deep_json(rng: random.Random) -> tuple[str, bytes]:
    depth = rng.choice((990, 1_000, 1_500, 5_000, 50_000))
    return ".json", nested_json(depth, {"text": rng.choice(FILLER)}).encode()


def _deep_jsonl(rng: random.Random) -> tuple[str, bytes]:
    good = json.dumps({"text": rng.choice(ONE_SENTENCE_ITEMS)})
    deep = '{"text": "x", "more": ' + nested_json(rng.choice((1_200, 5_000))) + "}"
    lines = [good, deep, good] if rng.random() < 0.5 else [deep, good]
    return ".jsonl", "\n".join(lines).encode()


def _truncated_json(rng: random.Random) -> tuple[str, bytes]:
    document = json.dumps([{"title": "t", "text": meeting_sentence(rng)} for _ in range(5)])
    cut = rng.randrange(1, len(document) - 1)
    return rng.choice((".json", ".jsonl")), document[:cut].encode()


def _wrong_json_types(rng: random.Random) -> tuple[str, bytes]:
    values: list[object] = [
        {"text": ["a", "list"]},
        {"text": {"nested": True}},
        {"text": 1e308, "published": 10**30},
        {"text": meeting_sentence(rng), "published": "9" * 5000, "title": ["x"]},
        {"text": meeting_sentence(rng), "source": {"name": 7}, "url": 12},
        [[], {}, None, 0, "text"],
        {"articles": "not a list"},
        "just a string",
        None,
    ]
    return ".json", json.dumps(rng.choice(values)).encode()


def _huge_line(rng: random.Random) -> tuple[str, bytes]:
    # Over the 256 KB cap the tests use, without a newline anywhere.
    line = (meeting_sentence(rng) + " ") * rng.randrange(2_500, 4_000)
    if rng.random() < 0.5:
        return ".jsonl", (json.dumps({"text": line}) + "\n" + json.dumps({"text": "x"})).encode()
    return ".txt", line.encode()


def _mixed_encodings(rng: random.Random) -> tuple[str, bytes]:
    sentence = rng.choice(ONE_SENTENCE_ITEMS)
    parts = [
        sentence.encode("utf-8"),
        "Le président a été élu à Genève.".encode("cp1252"),
        "Президент прибыл в Москву.".encode("koi8-r"),
        "東京で会談した。".encode("shift_jis"),
    ]
    rng.shuffle(parts)
    return rng.choice((".txt", ".md", ".jsonl")), b" ".join(parts)


def _html_bomb(rng: random.Random) -> tuple[str, bytes]:
    depth = rng.choice((500, 5_000, 50_000))
    kind = rng.randrange(3)
    if kind == 0:
        body = "<div>" * depth + "<p>" + meeting_sentence(rng) + "</p>" + "</div>" * depth
    elif kind == 1:
        body = "<p>" + "<b><i>" * depth + "deep"
    else:
        body = "<table>" + "<tr><td>" * depth + "&amp;" * depth + "<script>" * 50
    return ".html", f"<html><head><title>x</title></head><body>{body}</body></html>".encode()


def _nul_bytes(rng: random.Random) -> tuple[str, bytes]:
    text = meeting_sentence(rng).encode()
    cut = rng.randrange(len(text))
    suffix = rng.choice((".txt", ".json", ".jsonl", ".html", ".md"))
    if suffix in {".json", ".jsonl"}:
        return suffix, json.dumps({"text": "x"}).encode()[:5] + b"\x00" + text
    return suffix, text[:cut] + b"\x00" * rng.randrange(1, 20) + text[cut:]


def _control_characters(rng: random.Random) -> tuple[str, bytes]:
    controls = bytes(rng.randrange(1, 32) for _ in range(rng.randrange(100, 500)))
    return ".txt", controls + meeting_sentence(rng).encode()


def _bad_utf16(rng: random.Random) -> tuple[str, bytes]:
    encoded = meeting_sentence(rng).encode("utf-16")
    if rng.random() < 0.5:
        return ".txt", encoded[: len(encoded) - 1]  # odd length: a broken last character
    return ".txt", encoded[2:]  # no byte-order mark: NUL bytes everywhere


def _empty_and_blank(rng: random.Random) -> tuple[str, bytes]:
    content = rng.choice((b"", b"\n\n  \t", b"\xef\xbb\xbf", b"\xff\xfe", b"{}", b"[]", b"[{}]"))
    return rng.choice((".txt", ".json", ".jsonl", ".md", ".html")), content


def _not_prose(rng: random.Random) -> tuple[str, bytes]:
    choices = (
        b"1,2,3\n4,5,6\n" * 50,
        b"name,kind,country\nAna,person,ECU\nBo,person,KEN\n",
        b"def f(x):\n    return x * 2\n" * 20,
        ("\u2603\u2764" * 400).encode(),
        b"<<<<>>>>" * 300,
    )
    return rng.choice((".txt", ".md")), rng.choice(choices)


_MAKERS = (
    ("random", _random_bytes),
    ("noise", _random_printable_noise),
    ("deep", _deep_json),
    ("deepline", _deep_jsonl),
    ("truncated", _truncated_json),
    ("types", _wrong_json_types),
    ("hugeline", _huge_line),
    ("mixed", _mixed_encodings),
    ("htmlbomb", _html_bomb),
    ("nul", _nul_bytes),
    ("controls", _control_characters),
    ("utf16", _bad_utf16),
    ("empty", _empty_and_blank),
    ("notprose", _not_prose),
)

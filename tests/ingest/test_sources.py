"""Article readers on real and deliberately broken files: one error per bad input, never a stop."""

from __future__ import annotations

import io
import json
import random
from datetime import date
from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.model import Article, article_id
from ingest.sources import (
    DEFAULT_MAX_BYTES,
    InputNote,
    looks_like_english_prose,
    read_html_file,
    read_json_file,
    read_jsonl_file,
    read_sources,
    read_text_file,
    split_header,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ONE_SENTENCE = "The United States and Jordan have agreed upon a new free-trade pact."
BODY = (
    "Chilean President-elect Jose Antonio Kast met Ecuadorian President Daniel Noboa on "
    "Tuesday in Quito. The two leaders discussed a corridor for the return of migrants."
)
SPANISH = (
    "El presidente electo de Chile, José Antonio Kast, se reunió el martes con el presidente "
    "de Ecuador, Daniel Noboa, en el Palacio de Carondelet en Quito para discutir un corredor."
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def collect(
    paths: list[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: io.StringIO | io.BytesIO | None = None,
) -> tuple[list[Article], list[InputError]]:
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in read_sources(paths, max_bytes=max_bytes, stdin=stdin):
        if isinstance(item, Article):
            articles.append(item)
        else:
            errors.append(item)
    return articles, errors


# --- plain text -------------------------------------------------------------------------


def test_header_fields_are_parsed_case_insensitively_and_body_kept_exactly(
    tmp_path: Path,
) -> None:
    content = (
        "TITLE: Kast meets Noboa\nurl: https://example.org/a\nDate: 24 Dec 2025\n"
        f"Source: Example Wire\nNote: written for a test\n\n{BODY}\n"
    )
    article = read_text_file(write(tmp_path, "a.txt", content))
    assert article.title == "Kast meets Noboa"
    assert article.url == "https://example.org/a"
    assert article.published == date(2025, 12, 24)
    assert article.source == "Example Wire"
    assert article.text == BODY
    assert article.id == article_id("https://example.org/a", BODY)
    assert article.path == str(tmp_path / "a.txt")


def test_without_header_the_whole_file_is_body_and_first_line_the_title(tmp_path: Path) -> None:
    article = read_text_file(write(tmp_path, "b.md", f"# Kast in Quito\n\n{BODY}\n"))
    assert article.title == "Kast in Quito"
    assert article.text == f"# Kast in Quito\n\n{BODY}"
    assert (article.url, article.published, article.source) == (None, None, None)


def test_header_lines_not_followed_by_a_blank_line_are_body_text() -> None:
    fields, body = split_header(f"Title: Kast\n{BODY}")
    assert fields == {}
    assert body == f"Title: Kast\n{BODY}"


def test_unparseable_published_date_leaves_published_empty(tmp_path: Path) -> None:
    article = read_text_file(write(tmp_path, "c.txt", f"Published: someday\n\n{BODY}"))
    assert article.published is None
    assert article.text == BODY


def test_one_sentence_newswire_item_is_accepted(tmp_path: Path) -> None:
    article = read_text_file(write(tmp_path, "one.txt", ONE_SENTENCE + "\n"))
    assert article.text == ONE_SENTENCE


def test_kast_example_keeps_boilerplate_and_header(tmp_path: Path) -> None:
    article = read_text_file(EXAMPLES / "kast-noboa-colombiaone.txt")
    assert article.title == "Jose Antonio Kast to Recruit Ecuador for Deportation Corridor"
    assert article.url == "https://colombiaone.com/2025/12/24/kast-deportation-corridor"
    assert article.published == date(2025, 12, 24)
    assert article.source == "ColombiaOne.com"
    assert article.text.startswith("ColombiaOne.comPoliticsJose Antonio Kast")
    assert article.text.endswith("THE LATEST IN YOUR INBOX!")


# --- stable ids -------------------------------------------------------------------------


def test_same_article_read_twice_or_in_another_format_has_the_same_id(tmp_path: Path) -> None:
    as_text = read_text_file(write(tmp_path, "x.txt", f"\n{BODY}\n\n"))
    again = read_text_file(write(tmp_path, "y.txt", BODY.replace(" ", "  ")))
    as_json = read_json_file(write(tmp_path, "x.json", json.dumps({"body": BODY})))
    assert as_text.id == again.id == as_json[0].id  # type: ignore[union-attr]
    with_url = read_text_file(write(tmp_path, "u.txt", f"URL: https://e.org/1\n\n{BODY}"))
    other_text = read_text_file(write(tmp_path, "v.txt", f"URL: https://e.org/1\n\n{ONE_SENTENCE}"))
    assert with_url.id == other_text.id != as_text.id


# --- HTML -------------------------------------------------------------------------------


def test_html_example_keeps_the_story_and_drops_site_furniture() -> None:
    article = read_html_file(EXAMPLES / "biden-xi-woodside-2023.html")
    assert article.title == "Biden and Xi agree to restore military talks at California summit"
    assert article.url == "https://example.org/polgraph/2023/11/16/biden-xi-woodside-summit"
    assert article.published == date(2023, 11, 16)
    assert article.source == "Polgraph examples (written for the project)"
    assert "Chinese President Xi Jinping agreed on Wednesday" in article.text
    assert "Biden said he did." in article.text
    for furniture in ("cookie", "Privacy policy", "Most read", "Subscribe", "All rights reserved"):
        assert furniture not in article.text
    assert "\n\n" in article.text  # paragraphs stay separate for the sentence splitter


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<script>var x = 1;</script>", "no article text"),
        ("<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>", "no English prose"),
    ],
)
def test_html_page_without_a_story_is_rejected(tmp_path: Path, body: str, reason: str) -> None:
    page = f"<html><head><title>Home</title></head><body>{body}</body></html>"
    with pytest.raises(InputError, match=reason):
        read_html_file(write(tmp_path, "empty.html", page))


# --- JSON and JSON Lines ----------------------------------------------------------------


def test_json_aliases_and_newsapi_source_object(tmp_path: Path) -> None:
    records = [
        {
            "headline": "Pact agreed",
            "content": ONE_SENTENCE,
            "link": "https://e.org/pact",
            "publishedAt": "2004-06-16T10:00:00Z",
            "source": {"id": None, "name": "Example Wire"},
        },
        {"title": "Meeting", "article": BODY, "pubDate": "Wed, 24 Dec 2025 10:00:00 +0000"},
    ]
    path = write(tmp_path, "dump.json", json.dumps({"status": "ok", "articles": records}))
    first, second = read_json_file(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.title, first.url, first.source) == (
        "Pact agreed",
        "https://e.org/pact",
        "Example Wire",
    )
    assert first.published == date(2004, 6, 16)
    assert (second.title, second.published, second.text) == ("Meeting", date(2025, 12, 24), BODY)
    assert first.path == f"{path}:1" and second.path == f"{path}:2"


def test_json_list_with_one_bad_record_reports_it_and_keeps_the_rest(tmp_path: Path) -> None:
    records = [{"text": BODY}, {"title": "no text here"}, "not an object", {"text": ONE_SENTENCE}]
    path = write(tmp_path, "list.json", json.dumps(records))
    articles, errors = collect([str(path)])
    assert [a.text for a in articles] == [BODY, ONE_SENTENCE]
    assert [e.path for e in errors] == [f"{path}:2", f"{path}:3"]
    assert "no article text" in errors[0].reason
    assert "not a JSON object" in errors[1].reason


def test_malformed_json_is_one_error_for_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '[{"text": "unterminated')
    articles, errors = collect([str(path)])
    assert articles == []
    assert len(errors) == 1 and errors[0].path == str(path)
    assert errors[0].reason.startswith("malformed JSON")


def test_jsonl_bad_line_is_reported_by_line_number(tmp_path: Path) -> None:
    lines = [json.dumps({"text": BODY}), "", "{broken", json.dumps({"body": ONE_SENTENCE})]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    items = list(read_jsonl_file(path))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert items[1].path == f"{path}:3"


def test_example_jsonl_uses_two_field_vocabularies() -> None:
    first, second = read_jsonl_file(EXAMPLES / "sanctions-2019-2022.jsonl")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.published == date(2022, 2, 25) and second.published == date(2019, 1, 28)
    assert "Sergei Lavrov" in first.text and "PDVSA" in second.text
    assert first.source == second.source == "polgraph examples (written for the project)"


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("header-only.txt", b"Title: Nothing\n\n", "header but no article text"),
        ("nul.txt", b"PK\x03\x04\x00\x00binary zip", "NUL bytes"),
        ("controls.txt", bytes(range(1, 9)) * 40 + b" The talks ended.", "control characters"),
        ("latin1.txt", "Le président a été élu.".encode("cp1252"), "the text is in French"),
        ("spanish.txt", SPANISH.encode(), "no English prose"),
        ("numbers.txt", b"1,2,3\n4,5,6\n7,8,9\n", "no English prose"),
        ("empty.json", b"", "empty file"),
        ("empty-list.json", b"[]", "empty JSON list"),
        ("scalar.json", b"42", "object or a list"),
        ("empty-text.json", b'{"text": "   "}', "article text is empty"),
        ("number-text.json", b'{"text": 7}', "not a string"),
        ("picture.png", b"\x89PNG\r\n", "unsupported file type '.png'"),
    ],
)
def test_bad_file_gives_one_error_naming_it(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = write(tmp_path, name, content)
    articles, errors = collect([str(path)])
    assert articles == []
    assert len(errors) == 1
    assert errors[0].path == str(path)
    assert reason in errors[0].reason


def test_utf8_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    article = read_text_file(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + BODY.encode()))
    assert article.text == BODY


def test_file_over_the_size_cap_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", (ONE_SENTENCE + " ") * 50)
    articles, errors = collect([str(path)], max_bytes=1024)
    assert articles == [] and "over the 1 KB limit" in errors[0].reason
    articles, errors = collect([str(path)], max_bytes=10_000)
    assert len(articles) == 1 and errors == []


def test_missing_path_is_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", BODY)
    missing = str(tmp_path / "nope.txt")
    articles, errors = collect([missing, str(good)])
    assert [a.text for a in articles] == [BODY]
    assert [(e.path, e.reason) for e in errors] == [(missing, "no such file or directory")]
    with pytest.raises(InputError, match="no such file or directory"):
        read_text_file(Path(missing))


def test_folder_is_walked_in_sorted_order_with_errors_in_place(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", BODY)
    write(tmp_path, "a/2.json", json.dumps([{"text": ONE_SENTENCE}, {"text": 1}]))
    write(tmp_path, "a/1.txt", b"")
    write(tmp_path, "c.jsonl", json.dumps({"text": SPANISH}) + "\n")
    write(tmp_path, ".hidden.txt", BODY)
    write(tmp_path, ".git/x.txt", BODY)
    write(tmp_path, "README.md", "# How to use this folder of articles for the test.")
    write(tmp_path, "notes.docx", b"\x00\x01")
    items = list(read_sources([str(tmp_path)]))
    summary = [(i.path, "ok") if isinstance(i, Article) else (i.path, "error") for i in items]
    assert summary == [
        (str(tmp_path / "a/1.txt"), "error"),
        (f"{tmp_path / 'a/2.json'}:1", "ok"),
        (f"{tmp_path / 'a/2.json'}:2", "error"),
        (str(tmp_path / "b.txt"), "ok"),
        (f"{tmp_path / 'c.jsonl'}:1", "error"),
    ]


def test_examples_folder_reads_cleanly() -> None:
    articles, errors = collect([str(EXAMPLES)])
    assert errors == []
    assert len(articles) == 7
    assert len({a.id for a in articles}) == 7
    assert all(a.title and a.published and a.url for a in articles)
    written = [a for a in articles if a.source and "written for the project" in a.source]
    assert len(written) == 6
    assert all(150 <= len(a.text.split()) <= 350 for a in written)


# --- stdin ------------------------------------------------------------------------------


def test_stdin_text_with_header() -> None:
    stream = io.StringIO(f"Title: Pact\nPublished: 2004-06-16\n\n{ONE_SENTENCE}\n")
    articles, errors = collect(["-"], stdin=stream)
    assert errors == []
    assert (articles[0].title, articles[0].published) == ("Pact", date(2004, 6, 16))
    assert articles[0].path == "<stdin>"


def test_stdin_json_document_and_json_lines() -> None:
    pretty = json.dumps([{"text": ONE_SENTENCE}, {"text": BODY}], indent=2)
    articles, errors = collect(["-"], stdin=io.StringIO(pretty))
    assert [a.text for a in articles] == [ONE_SENTENCE, BODY] and errors == []
    lines = json.dumps({"text": BODY}) + "\nnot json\n" + json.dumps({"text": ONE_SENTENCE})
    articles, errors = collect(["-"], stdin=io.StringIO(lines))
    assert [a.text for a in articles] == [BODY, ONE_SENTENCE]
    assert [e.path for e in errors] == ["<stdin>:2"]


def test_stdin_html_and_empty_input() -> None:
    page = (EXAMPLES / "biden-xi-woodside-2023.html").read_text(encoding="utf-8")
    articles, _ = collect(["-"], stdin=io.StringIO(page))
    assert articles[0].title == "Biden and Xi agree to restore military talks at California summit"
    articles, errors = collect(["-"], stdin=io.StringIO(""))
    assert articles == [] and [(e.path, e.reason) for e in errors] == [("<stdin>", "empty file")]


# --- the prose heuristic ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ONE_SENTENCE, True),
        ("Protesters clashed with police in Nairobi.", True),
        ("Biden meets Xi", True),
        (BODY, True),
        (SPANISH, False),
        ("Der Präsident hat am Dienstag in Berlin den Kanzler getroffen, um zu sprechen.", False),
        ("def f(x):\n    return x + 1\nfor i in range(10): print(f(i))", False),
        ("name,kind,country\nJoe Biden,person,USA\nXi Jinping,person,CHN", False),
        ("12 34 56 78", False),
    ],
)
def test_english_prose_heuristic(text: str, expected: bool) -> None:
    assert looks_like_english_prose(text) is expected


# --- encodings --------------------------------------------------------------------------


def collect_notes(paths: list[str]) -> tuple[list[Article], list[InputError], list[InputNote]]:
    notes: list[InputNote] = []
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in read_sources(paths, on_note=notes.append):
        if isinstance(item, Article):
            articles.append(item)
        else:
            errors.append(item)
    return articles, errors, notes


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("suffix", [".txt", ".json", ".jsonl", ".html", ""])
def test_byte_order_marked_utf16_and_utf32_are_read_in_every_format(
    tmp_path: Path, encoding: str, suffix: str
) -> None:
    text = "Title: Über\n\n" + BODY if suffix in {".txt", ""} else BODY
    if suffix == ".json":
        text = json.dumps([{"text": BODY}], ensure_ascii=False)
    elif suffix == ".jsonl":
        text = json.dumps({"text": BODY}) + "\n" + json.dumps({"text": ONE_SENTENCE}) + "\n"
    elif suffix == ".html":
        text = f"<html><head><title>Über</title></head><body><p>{BODY}</p></body></html>"
    mark = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path = write(tmp_path, f"wide{suffix}", mark + text.encode(encoding))
    articles, errors, notes = collect_notes([str(path)])
    assert errors == [] and notes == []  # a declared encoding needs no note
    assert articles[0].text == BODY
    if suffix == ".jsonl":
        assert [a.text for a in articles] == [BODY, ONE_SENTENCE]
    if suffix in {".txt", "", ".html"}:
        assert articles[0].title == "Über"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("The minister’s “firm” reply – José Antonio Kast met Daniel Noboa in Quito.", "cp1252"),
        ("Talks in Zürich: Fernández met Müller on Monday, a naïve plan.", "latin-1"),
    ],
)
def test_undeclared_legacy_encoding_is_read_with_a_note_naming_it(
    tmp_path: Path, text: str, encoding: str
) -> None:
    path = write(tmp_path, "legacy.txt", text.encode(encoding))
    articles, errors, notes = collect_notes([str(path)])
    assert errors == [] and [a.text for a in articles] == [text]
    assert [(n.path, n.message) for n in notes] == [
        (str(path), "not UTF-8 and no encoding declared; read as cp1252")
    ]
    assert str(notes[0]) == f"{path}: not UTF-8 and no encoding declared; read as cp1252"


def test_legacy_encoded_foreign_text_is_decoded_then_skipped_naming_its_language(
    tmp_path: Path,
) -> None:
    russian = "Президент провёл во вторник переговоры с председателем правительства."
    path = write(tmp_path, "ru.txt", russian.encode("koi8-r"))
    articles, errors, notes = collect_notes([str(path)])
    assert articles == []
    assert [n.message for n in notes] == ["not UTF-8 and no encoding declared; read as koi8-r"]
    assert errors[0].path == str(path) and "the text is in Russian" in errors[0].reason


def test_jsonl_lines_are_decoded_each_on_its_own(tmp_path: Path) -> None:
    legacy = json.dumps({"text": "Kast met Noboa in Quito, said José."}, ensure_ascii=False)
    lines = [json.dumps({"text": BODY}).encode(), legacy.encode("cp1252"), b'{"text": "\x00"}']
    path = write(tmp_path, "mixed.jsonl", b"\n".join(lines))
    articles, errors, notes = collect_notes([str(path)])
    assert [a.text for a in articles] == [BODY, "Kast met Noboa in Quito, said José."]
    assert [n.path for n in notes] == [f"{path}:2"]
    assert [(e.path, e.reason) for e in errors] == [
        (f"{path}:3", "binary data (contains NUL bytes)")
    ]


def test_notes_go_to_the_log_when_no_sink_is_given(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, "legacy.md", "Kast met Noboa in Quito, said José.".encode("cp1252"))
    articles, errors = collect([str(path)])
    assert len(articles) == 1 and errors == []
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "ingest.sources",
            "WARNING",
            f"note: {path}: not UTF-8 and no encoding declared; read as cp1252",
        )
    ]


def test_bytes_that_fit_no_encoding_are_one_error(tmp_path: Path) -> None:
    noise = random.Random(3).randbytes(2048).replace(b"\x00", b"")
    path = write(tmp_path, "noise.txt", noise)
    articles, errors, notes = collect_notes([str(path)])
    assert articles == [] and notes == [] and len(errors) == 1
    assert errors[0].path == str(path)
    assert errors[0].reason.startswith("not UTF-8 text (byte 0x")
    assert "no other encoding fits" in errors[0].reason


def test_stdin_bytes_are_decoded_like_files() -> None:
    legacy = io.BytesIO(f"Title: Pact\n\n{ONE_SENTENCE} Said José.".encode("cp1252"))
    notes: list[InputNote] = []
    (article,) = read_sources(["-"], stdin=legacy, on_note=notes.append)
    assert isinstance(article, Article) and article.text.endswith("Said José.")
    assert [str(n) for n in notes] == [
        "<stdin>: not UTF-8 and no encoding declared; read as cp1252"
    ]
    wide = io.BytesIO(json.dumps({"text": BODY}).encode("utf-16"))
    (article,) = read_sources(["-"], stdin=wide)
    assert isinstance(article, Article) and article.text == BODY


# --- nesting and size -------------------------------------------------------------------


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_json_nested_deeper_than_the_parser_goes_is_one_error_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    deep = write(tmp_path, "a-deep.json", nested(5_000))
    deep_object = write(tmp_path, "b-deep.json", '{"text": ' + nested(100_000) + "}")
    good = write(tmp_path, "c-good.json", json.dumps({"text": BODY}))
    articles, errors = collect([str(tmp_path)])
    assert [a.path for a in articles] == [str(good)]
    assert [e.path for e in errors] == [str(deep), str(deep_object)]
    assert all("nested too deeply" in e.reason for e in errors)


def test_jsonl_line_nested_5000_deep_is_reported_by_line_and_the_rest_go_through(
    tmp_path: Path,
) -> None:
    deep = '{"text": ' + nested(5_000) + "}"
    lines = [json.dumps({"text": BODY}), deep, json.dumps({"text": ONE_SENTENCE})]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    articles, errors = collect([str(path)])
    assert [a.text for a in articles] == [BODY, ONE_SENTENCE]
    assert [e.path for e in errors] == [f"{path}:2"]
    assert "nested too deeply" in errors[0].reason
    for stream_lines in (lines, [deep, *lines]):  # a deep first line: still JSON Lines
        stdin = io.StringIO("\n".join(stream_lines))
        articles, errors = collect(["-"], stdin=stdin)
        assert [a.text for a in articles] == [BODY, ONE_SENTENCE]
        deep_lines = [n for n, line in enumerate(stream_lines, start=1) if line == deep]
        assert [e.path for e in errors] == [f"<stdin>:{n}" for n in deep_lines]
        assert all("nested too deeply" in e.reason for e in errors)


def test_jsonl_line_over_the_cap_is_skipped_without_losing_its_neighbours(
    tmp_path: Path,
) -> None:
    huge = json.dumps({"text": ONE_SENTENCE * 500})
    lines = [json.dumps({"text": BODY}), huge, json.dumps({"text": ONE_SENTENCE})]
    path = write(tmp_path, "big.jsonl", "\n".join(lines) + "\n")
    articles, errors = collect([str(path)], max_bytes=4096)
    assert [a.text for a in articles] == [BODY, ONE_SENTENCE]
    assert [(e.path, e.reason) for e in errors] == [(f"{path}:2", "line is over the 4 KB limit")]
    articles, errors = collect(["-"], max_bytes=4096, stdin=io.StringIO("\n".join(lines)))
    assert [a.text for a in articles] == [BODY, ONE_SENTENCE]
    assert [(e.path, e.reason) for e in errors] == [("<stdin>:2", "line is over the 4 KB limit")]
    huge_first = io.BytesIO("\n".join(["", huge, *lines[::2]]).encode())
    articles, errors = collect(["-"], max_bytes=4096, stdin=huge_first)
    assert [a.text for a in articles] == [BODY, ONE_SENTENCE]
    assert [(e.path, e.reason) for e in errors] == [("<stdin>:2", "line is over the 4 KB limit")]


def test_a_published_value_far_too_long_for_a_date_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "d.json", json.dumps({"text": BODY, "published": "2025 " * 10_000}))
    (article,) = read_json_file(path)
    assert isinstance(article, Article) and article.published is None


# --- languages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday.",
        "Chilean President-elect José Antonio Kast met Ecuadorian President Daniel Noboa in "
        "Quito on Tuesday.",
        "Modi met Sharif.",
        "Boluarte met Arce in La Paz.",
        "Juan Carlos Pérez denounced Andrés Manuel López Obrador.",
        "Santiago Peña met Javier Milei in Asunción.",
        "MACRON MEETS SCHOLZ IN BERLIN",
    ],
)
def test_one_sentence_english_news_items_are_read(tmp_path: Path, text: str) -> None:
    assert read_text_file(write(tmp_path, "one.txt", text + "\n")).text == text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "French",
            "Le ministre des Affaires étrangères a reçu mardi son homologue allemand à "
            "Paris pour discuter de la défense européenne et de la situation en Ukraine.",
        ),
        ("Spanish", SPANISH),
        (
            "German",
            "Der Präsident hat am Dienstag in Berlin den Kanzler getroffen, um über die "
            "Lage in Europa und die Hilfe für die Ukraine zu sprechen.",
        ),
        ("Russian", "Президент провёл во вторник переговоры с председателем правительства."),
        ("Chinese", "国家主席周二在北京会见了来访的总统，双方就贸易问题交换了意见。"),
        ("Russian", "Путин прибыл в Пекин."),
    ],
)
def test_foreign_prose_is_skipped_naming_the_language(
    tmp_path: Path, language: str, text: str
) -> None:
    path = write(tmp_path, "foreign.txt", text)
    articles, errors = collect([str(path)])
    assert articles == [] and len(errors) == 1
    assert errors[0].reason.startswith(f"no English prose found (the text is in {language}")

"""ingest.census: how many articles inputs hold, counted without parsing (progress totals)."""

from __future__ import annotations

from pathlib import Path

from ingest.census import count_articles, count_records


def test_files_folders_and_json_lines_are_counted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>Two.</p>", encoding="utf-8")
    (tmp_path / "sub" / "README.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skipped", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("skipped", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"text": "1"}\n\n  \n{"text": "2"}\r\n{"text": "3"}')
    assert count_records(feed) == 3
    assert count_articles([str(tmp_path)]) == 5
    assert count_articles([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")]) == 2


def test_a_long_line_across_read_chunks_is_one_record(tmp_path: Path) -> None:
    feed = tmp_path / "long.jsonl"
    feed.write_text('{"text": "' + "word " * 600_000 + '"}\n{"text": "short"}\n', encoding="utf-8")
    assert count_records(feed) == 2


def test_no_total_where_only_parsing_would_tell(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text('[{"text": "a"}, {"text": "b"}]', encoding="utf-8")
    assert count_articles([str(tmp_path)]) is None
    assert count_articles(["-"]) is None
    (tmp_path / "list.json").unlink()
    (tmp_path / "sniffed").write_text("Some text.", encoding="utf-8")
    assert count_articles([str(tmp_path / "sniffed")]) is None

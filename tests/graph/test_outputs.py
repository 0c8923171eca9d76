"""graph.outputs: files written under a temporary name and renamed into place."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.outputs import replacing, staged_outputs


def test_staged_files_replace_their_targets_only_when_all_are_written(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "sub" / "b.html"
    first.write_text("old a", encoding="utf-8")
    with staged_outputs() as staged:
        staged.stage(first).write_text("new a", encoding="utf-8")
        temporary = staged.stage(second)
        assert temporary.parent == second.parent and temporary.name.startswith(".b.")
        assert temporary.suffix == ".html"
        temporary.write_text("new b", encoding="utf-8")
        assert first.read_text(encoding="utf-8") == "old a" and not second.exists()
    assert first.read_text(encoding="utf-8") == "new a"
    assert second.read_text(encoding="utf-8") == "new b"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.jsonl", "b.html", "sub"]


@pytest.mark.parametrize("failure", [ValueError, KeyboardInterrupt])
def test_a_failure_leaves_every_target_as_it_was(
    tmp_path: Path, failure: type[BaseException]
) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.json"
    first.write_bytes(b"old a")
    with pytest.raises(failure), staged_outputs() as staged:
        staged.stage(first).write_bytes(b"half")
        staged.stage(second).write_bytes(b"half")
        raise failure()
    assert first.read_bytes() == b"old a" and not second.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["a.jsonl"]


def test_a_rename_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    blocked = tmp_path / "out.json"
    blocked.mkdir()  # a folder where the file should go: os.replace fails
    with pytest.raises(OSError), replacing(blocked) as temporary:
        temporary.write_text("{}", encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

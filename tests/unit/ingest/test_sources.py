"""Expanding command-line arguments into files and reading them within the limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from claimwire_ingest.parsed import ParseContext
from claimwire_ingest.sources import SourceError, expand_paths, read_source
from claimwire_schemas.events import DeadLetterReason


def _tree(root: Path) -> None:
    (root / "a" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a" / "one.txt").write_text("T\n\nB\n")
    (root / "a" / "deep" / "two.json").write_text('{"title": "T2", "body": "B2"}')
    (root / "a" / "deep" / "three.jsonl").write_text("")
    (root / "a" / "notes.md").write_text("# not an article")
    (root / ".hidden" / "secret.txt").write_text("T\n\nB\n")
    (root / "a" / ".swap.txt").write_text("T\n\nB\n")


def test_folders_are_walked_recursively_sorted_hidden_skipped(tmp_path: Path) -> None:
    _tree(tmp_path)
    expansion = expand_paths([str(tmp_path)], [])
    names = [Path(s.location).name for s in expansion.sources]
    assert names == ["one.txt", "three.jsonl", "two.json"]  # a folder's files, then its subfolders
    assert [Path(s).name for s in expansion.skipped] == ["notes.md"]
    assert expansion.missing == []


def test_globs_and_recursive_globs(tmp_path: Path) -> None:
    _tree(tmp_path)
    expansion = expand_paths([f"{tmp_path}/**/*.json*"], [])
    assert sorted(Path(s.location).name for s in expansion.sources) == ["three.jsonl", "two.json"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    one = str(tmp_path / "a" / "one.txt")
    expansion = expand_paths([one, str(tmp_path / "a"), one], [])
    assert [s.location for s in expansion.sources].count(one) == 1


def test_missing_paths_and_empty_globs_are_reported(tmp_path: Path) -> None:
    expansion = expand_paths([str(tmp_path / "nope.txt"), f"{tmp_path}/*.xyz"], ["/no/feed.rss"])
    assert len(expansion.missing) == 3
    assert expansion.sources == []


def test_explicit_file_with_a_foreign_suffix_is_rejected_not_skipped(tmp_path: Path) -> None:
    path = tmp_path / "article.docx"
    path.write_bytes(b"PK\x03\x04 pretend word file")
    (source,) = expand_paths([str(path)], []).sources
    ctx = ParseContext(max_body_bytes=1000)
    size, items = read_source(source, ctx, max_file_bytes=10_000, fetch_timeout_s=1)
    (parsed,) = list(items)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.UNSUPPORTED_FORMAT
    assert parsed.original == path.read_bytes() and size == len(parsed.original)


def test_file_over_the_size_limit_is_too_large_and_its_head_kept(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Title\n\n" + b"x" * 5000)
    (source,) = expand_paths([str(path)], []).sources
    _, items = read_source(
        source, ParseContext(max_body_bytes=100_000), max_file_bytes=1000, fetch_timeout_s=1
    )
    (parsed,) = list(items)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.TOO_LARGE
    assert parsed.original.startswith(b"Title")


def test_feed_files_and_urls(tmp_path: Path) -> None:
    feed = tmp_path / "f.xml"
    feed.write_text("<rss/>")
    expansion = expand_paths([], [str(feed), "https://example.org/feed"])
    assert [(s.fmt, s.is_url) for s in expansion.sources] == [("feed", False), ("feed", True)]


def test_unreachable_feed_url_is_a_source_error() -> None:
    (source,) = expand_paths([], ["http://127.0.0.1:9/feed.rss"]).sources
    with pytest.raises(SourceError, match="could not be fetched"):
        read_source(
            source, ParseContext(max_body_bytes=1000), max_file_bytes=1000, fetch_timeout_s=2
        )

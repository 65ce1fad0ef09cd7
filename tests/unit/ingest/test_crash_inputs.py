"""Inputs that once crashed a parser: each becomes that input's own result, the rest go on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from claimwire_ingest.formats import parse_bytes, parse_json_document
from claimwire_ingest.parsed import ParseContext
from claimwire_ingest.sources import expand_paths, read_source
from claimwire_schemas.events import ArticleRaw, DeadLetterReason

# Python refuses to convert an integer literal of more than 4,300 digits (CVE-2020-10735).
HUGE_NUMBER = "9" * 5000
GOOD = {"title": "Tram line opens", "body": "BERGEN - The new tram line opened on Monday."}
NON_TEXT_CODECS = ("rot13", "rot_13", "zlib", "base64", "hex", "bz2", "uu", "quopri")


def _huge_json() -> bytes:
    head = '{"title": "Budget", "body": "The budget grew.", "count": '
    return (head + HUGE_NUMBER + "}").encode()


def _page(charset: str) -> bytes:
    paragraph = "The harbour authority said the new ferry will carry 400 passengers a day. " * 3
    return (
        f'<html><head><meta charset="{charset}"><title>Ferry adds crossings</title></head>'
        f"<body><article><h1>Ferry adds crossings</h1><p>{paragraph}</p><p>{paragraph}</p>"
        "</article></body></html>"
    ).encode()


def test_json_number_over_the_digit_limit_is_rejected_as_not_json(ctx: ParseContext) -> None:
    data = _huge_json()
    (parsed,) = parse_bytes("json", data, "big.json", ctx)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.NOT_JSON
    assert "4300 digits" in parsed.rejected.message or "digits" in parsed.rejected.message
    assert parsed.original == data


def test_json_number_over_the_digit_limit_in_one_line_rejects_that_line_only(
    ctx: ParseContext,
) -> None:
    lines = [json.dumps(GOOD).encode(), _huge_json(), json.dumps({**GOOD, "title": "B"}).encode()]
    parsed = list(parse_bytes("jsonl", b"\n".join(lines), "m.jsonl", ctx))
    assert [p.location for p in parsed] == ["m.jsonl:1", "m.jsonl:2", "m.jsonl:3"]
    assert [isinstance(p.result, ArticleRaw) for p in parsed] == [True, False, True]
    assert parsed[1].rejected is not None and parsed[1].original == lines[1]


def test_json_number_over_the_digit_limit_over_http(ctx: ParseContext) -> None:
    data = _huge_json()
    (parsed,) = parse_json_document(data, "http:1.2.3.4", ctx, kind="http", strict_utf8=True)
    assert parsed.rejected is not None and parsed.rejected.reason is DeadLetterReason.NOT_JSON


@pytest.mark.parametrize("charset", NON_TEXT_CODECS)
def test_meta_charset_naming_a_non_text_codec_is_ignored(ctx: ParseContext, charset: str) -> None:
    (parsed,) = parse_bytes("html", _page(charset), "p.html", ctx)
    assert isinstance(parsed.result, ArticleRaw), parsed.result
    assert parsed.result.title == "Ferry adds crossings"


@pytest.mark.parametrize("charset", ("rot13", "zlib"))
def test_http_charset_naming_a_non_text_codec_is_ignored(ctx: ParseContext, charset: str) -> None:
    (parsed,) = parse_bytes("html", _page("utf-8"), "p.html", ctx, declared_charset=charset)
    assert isinstance(parsed.result, ArticleRaw), parsed.result
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item>'
    feed += b"<title>T</title><description>The budget grew.</description></item></channel></rss>"
    (entry,) = parse_bytes("feed", feed, "f.rss", ctx, declared_charset=charset)
    assert isinstance(entry.result, ArticleRaw), entry.result


def test_a_folder_with_crash_inputs_is_read_to_the_end(ctx: ParseContext, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(GOOD))
    (tmp_path / "b.json").write_bytes(_huge_json())
    (tmp_path / "c.html").write_bytes(_page("rot13"))
    (tmp_path / "d.html").write_bytes(_page("zlib"))
    (tmp_path / "e.txt").write_text("Later story\n\nIt happened later.\n")
    outcomes = {}
    for source in expand_paths([str(tmp_path)], []).sources:
        _, items = read_source(source, ctx, max_file_bytes=10**6, fetch_timeout_s=1)
        for parsed in items:
            outcomes[Path(parsed.location).name] = (
                "article" if isinstance(parsed.result, ArticleRaw) else parsed.result.reason.value
            )
    assert outcomes == {
        "a.json": "article",
        "b.json": "not_json",
        "c.html": "article",
        "d.html": "article",
        "e.txt": "article",
    }


def test_an_unexpected_error_inside_one_input_rejects_that_input_only(
    ctx: ParseContext, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import claimwire_ingest.html_extract as html_extract

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a bug in the extractor")

    monkeypatch.setattr(html_extract.trafilatura, "bare_extraction", broken)
    (parsed,) = parse_bytes("html", _page("utf-8"), "p.html", ctx)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.EXTRACTION_FAILED
    assert "KeyError" in parsed.rejected.message
    assert parsed.original == _page("utf-8")
    assert "a bug in the extractor" in caplog.text, "the traceback is logged, not hidden"
    (txt,) = parse_bytes("txt", b"Title\n\nBody.\n", "t.txt", ctx)
    assert isinstance(txt.result, ArticleRaw)


def test_an_unexpected_error_before_the_first_entry_rejects_the_whole_input(
    ctx: ParseContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimwire_ingest.feeds as feeds

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("parser blew up")

    monkeypatch.setattr(feeds.feedparser, "parse", broken)
    (parsed,) = parse_bytes("feed", b"<rss/>", "f.rss", ctx)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.EXTRACTION_FAILED
    assert "RuntimeError: parser blew up" in parsed.rejected.message
    assert (parsed.location, parsed.original) == ("f.rss", b"<rss/>")

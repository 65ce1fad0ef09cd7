"""Per-format parsing: .txt, .json (object or array), JSON lines, HTML and feeds."""

from __future__ import annotations

import json

from claimwire_ingest.formats import parse_bytes, parse_json_document
from claimwire_ingest.parsed import ParseContext, Parsed
from claimwire_schemas.events import ArticleRaw, DeadLetterReason

from .conftest import FIXTURES, SAMPLES


def _articles(parsed: list[Parsed]) -> list[ArticleRaw]:
    return [p.result for p in parsed if isinstance(p.result, ArticleRaw)]


def _reasons(parsed: list[Parsed]) -> dict[str, str]:
    return {p.location: p.rejected.reason.value for p in parsed if p.rejected is not None}


def test_txt_first_non_empty_line_is_the_title(ctx: ParseContext) -> None:
    data = b"\n\n  Tram line opens  \n\nFirst paragraph.\n\nSecond paragraph.\n"
    (parsed,) = parse_bytes("txt", data, "a.txt", ctx)
    assert isinstance(parsed.result, ArticleRaw)
    assert parsed.result.title == "Tram line opens"
    assert parsed.result.body == "First paragraph.\nSecond paragraph."
    assert parsed.original == data


def test_txt_with_only_a_title_is_rejected(ctx: ParseContext) -> None:
    data = (FIXTURES / "bad" / "title-only.txt").read_bytes()
    (parsed,) = parse_bytes("txt", data, "t.txt", ctx)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.SCHEMA_INVALID
    assert parsed.rejected.field == "body"


def test_empty_file_is_empty(ctx: ParseContext) -> None:
    for fmt in ("txt", "json", "jsonl", "html", "feed"):
        (parsed,) = parse_bytes(fmt, b"", f"e.{fmt}", ctx)  # type: ignore[arg-type]
        assert parsed.rejected is not None and parsed.rejected.reason is DeadLetterReason.EMPTY


def test_legacy_encoded_txt_files(ctx: ParseContext) -> None:
    for name, title in [
        ("lyon-cafes-cp1252.txt", "Café owners in Lyon protest new terrace fees"),
        ("busan-port-euc-kr.txt", "부산 항만 노동자들, 임금 협상 타결"),
    ]:
        (parsed,) = parse_bytes("txt", (FIXTURES / "good" / name).read_bytes(), name, ctx)
        assert isinstance(parsed.result, ArticleRaw), parsed.result
        assert parsed.result.title == title


def test_damaged_utf8_and_binary_txt(ctx: ParseContext) -> None:
    for name, reason in [
        ("damaged-utf8.txt", DeadLetterReason.DECODE_ERROR),
        ("photo-named-txt.txt", DeadLetterReason.BINARY),
    ]:
        data = (FIXTURES / "bad" / name).read_bytes()
        (parsed,) = parse_bytes("txt", data, name, ctx)
        assert parsed.rejected is not None and parsed.rejected.reason is reason
        assert parsed.original == data


def test_json_object(ctx: ParseContext) -> None:
    data = (SAMPLES / "2026-03-04-geneva-talks-kessaria-dravonia.json").read_bytes()
    (parsed,) = parse_bytes("json", data, "g.json", ctx)
    assert isinstance(parsed.result, ArticleRaw)
    assert parsed.result.url is not None and parsed.result.source == "Harbor Press"
    assert parsed.result.origin.kind == "file"


def test_json_array_each_element_on_its_own(ctx: ParseContext) -> None:
    good = json.loads((FIXTURES / "good" / "two-articles.json").read_text(encoding="utf-8"))
    data = json.dumps([good[0], {"title": "no body"}, good[1]]).encode()
    parsed = list(parse_bytes("json", data, "b.json", ctx))
    assert [p.location for p in parsed] == ["b.json[0]", "b.json[1]", "b.json[2]"]
    assert len(_articles(parsed)) == 2
    assert _reasons(parsed) == {"b.json[1]": "schema_invalid"}
    assert json.loads(parsed[1].original) == {"title": "no body"}


def test_malformed_json_names_line_and_column(ctx: ParseContext) -> None:
    data = (FIXTURES / "bad" / "malformed.json").read_bytes()
    (parsed,) = parse_bytes("json", data, "m.json", ctx)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.NOT_JSON
    assert "line 2 column 1" in parsed.rejected.message


def test_empty_json_array(ctx: ParseContext) -> None:
    (parsed,) = parse_bytes("json", b"[]", "e.json", ctx)
    assert parsed.rejected is not None and parsed.rejected.reason is DeadLetterReason.EMPTY


def test_http_json_must_be_utf8(ctx: ParseContext) -> None:
    data = json.dumps({"title": "Café", "body": "Crème brûlée."}, ensure_ascii=False)
    (parsed,) = parse_json_document(data.encode("cp1252"), "http", ctx, strict_utf8=True)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.DECODE_ERROR


def test_jsonl_bad_lines_rejected_and_good_lines_go_through(ctx: ParseContext) -> None:
    data = (FIXTURES / "bad" / "mixed-lines.jsonl").read_bytes()
    parsed = list(parse_bytes("jsonl", data, "m.jsonl", ctx))
    assert [a.title for a in _articles(parsed)] == [
        "Ferry service resumes after storm",
        "Tram line opens in Bergen suburb",
    ]
    assert _reasons(parsed) == {
        "m.jsonl:2": "not_json",
        "m.jsonl:3": "bad_date",
        "m.jsonl:4": "decode_error",
    }
    assert parsed[1].original == data.split(b"\n")[1]
    assert all(a.origin.kind == "jsonl" for a in _articles(parsed))


def test_jsonl_line_with_an_array_is_rejected(ctx: ParseContext) -> None:
    (parsed,) = parse_bytes("jsonl", b'[{"title": "a", "body": "b"}]\n', "a.jsonl", ctx)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.SCHEMA_INVALID


def test_jsonl_binary_file_is_one_rejection(ctx: ParseContext) -> None:
    (parsed,) = parse_bytes("jsonl", b'{"a": 1}\n\x00\x01\x02\n', "b.jsonl", ctx)
    assert parsed.rejected is not None and parsed.rejected.reason is DeadLetterReason.BINARY


def test_html_main_text_and_metadata(ctx: ParseContext) -> None:
    data = (SAMPLES / "2026-03-06-refugees-border-aid.html").read_bytes()
    (parsed,) = parse_bytes("html", data, "r.html", ctx)
    article = parsed.result
    assert isinstance(article, ArticleRaw)
    assert article.title.startswith("Families flee Kessarian border villages")
    assert article.author == "Maya Lindqvist"
    assert article.source == "Coastline Daily"
    assert article.url is not None and article.url.endswith(
        "families-flee-kessarian-border-villages"
    )
    assert article.published_at is not None and article.published_at.isoformat().startswith(
        "2026-03-06T09:45"
    )
    assert article.body.startswith("SARNOVO, Kessaria")
    assert "Subscribe" not in article.body and "Related" not in article.body
    assert article.language_hint == "en"
    assert article.origin.kind == "html"


def test_html_declared_charset_is_honoured(ctx: ParseContext) -> None:
    page = (
        "<html><head><meta charset='windows-1252'><title>Crème</title></head><body><article>"
        + "<p>Le café « Crème » a rouvert ses portes après deux années de travaux.</p>" * 3
        + "</article></body></html>"
    )
    (parsed,) = parse_bytes("html", page.encode("cp1252"), "c.html", ctx)
    assert isinstance(parsed.result, ArticleRaw), parsed.result
    assert "café « Crème »" in parsed.result.body


def test_html_without_article_text(ctx: ParseContext) -> None:
    data = (FIXTURES / "bad" / "no-text.html").read_bytes()
    (parsed,) = parse_bytes("html", data, "n.html", ctx)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.NO_ARTICLE_TEXT


def test_html_with_a_bad_stated_date(ctx: ParseContext) -> None:
    page = (
        "<html><head><title>T</title>"
        "<meta property='article:published_time' content='soon'></head><body><article>"
        + "<p>A sentence long enough to count as the text of an article here.</p>" * 3
        + "</article></body></html>"
    )
    (parsed,) = parse_bytes("html", page.encode(), "d.html", ctx)
    assert parsed.rejected is not None and parsed.rejected.reason is DeadLetterReason.BAD_DATE


def test_feed_broken_entries_rejected_one_by_one(ctx: ParseContext) -> None:
    data = (FIXTURES / "bad" / "broken-feed.rss").read_bytes()
    parsed = list(parse_bytes("feed", data, "f.rss", ctx))
    (article,) = _articles(parsed)
    assert article.title == "Dutch port handles record container volume"
    assert article.author == "Lotte Visser"
    assert article.source == "Northwind Wire: Europe"
    assert article.body.startswith("ROTTERDAM — The port handled")
    assert "\n“Trade found its way back,”" in article.body
    assert _reasons(parsed) == {
        "f.rss#entry-2": "bad_feed_entry",
        "f.rss#entry-3": "bad_feed_entry",
        "f.rss#entry-4": "bad_date",
    }
    assert parsed[1].original.startswith(b"<item>")
    assert b"untitled" in parsed[1].original


def test_atom_feed(ctx: ParseContext) -> None:
    data = (FIXTURES / "good" / "alpine-feed.atom").read_bytes()
    parsed = list(parse_bytes("feed", data, "a.atom", ctx))
    articles = _articles(parsed)
    assert [a.title for a in articles] == [
        "Swiss glacier train line reopens after avalanche",
        "Ski resorts report strong February bookings",
    ]
    assert articles[0].published_at is not None and articles[0].published_at.hour == 8
    assert articles[0].author == "Sina Brunner"


def test_not_a_feed(ctx: ParseContext) -> None:
    (parsed,) = parse_bytes("feed", b"this is not xml at all", "x.rss", ctx)
    assert parsed.rejected is not None
    assert parsed.rejected.reason is DeadLetterReason.EXTRACTION_FAILED

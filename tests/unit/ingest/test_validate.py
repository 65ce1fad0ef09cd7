"""Article fields to ``ArticleRaw``: each schema error named by its field."""

from __future__ import annotations

import pytest
from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.validate import article_from_fields
from claimwire_schemas.events import ArticleRaw, DeadLetterReason, Origin
from claimwire_schemas.ids import article_id

from .conftest import NOW

ORIGIN = Origin(kind="file", location="in.json")
GOOD = {
    "title": "Ferry service resumes after storm",
    "body": "ORAN — Ferries resumed on Monday after a two-day storm, the operator said.",
}


def _article(fields: object, max_body_bytes: int = 10_000) -> ArticleRaw:
    return article_from_fields(fields, ORIGIN, max_body_bytes=max_body_bytes, now=NOW)


def _rejection(fields: object, max_body_bytes: int = 10_000) -> RejectedInput:
    with pytest.raises(RejectedInput) as caught:
        _article(fields, max_body_bytes)
    return caught.value


def test_good_article_gets_its_id_and_ingest_time() -> None:
    article = _article({**GOOD, "published_at": "2026-02-02", "language": "en", "author": " A  B "})
    assert article.article_id == article_id(None, GOOD["title"], GOOD["body"])
    assert article.ingested_at == NOW
    assert article.origin == ORIGIN
    assert article.author == "A B"
    assert article.language_hint == "en"


def test_url_decides_the_id_and_tracking_parameters_do_not() -> None:
    first = _article({**GOOD, "url": "https://e.com/a?utm_source=x"})
    second = _article({"title": "Other", "body": "Other body.", "url": "https://E.com/a/"})
    assert first.article_id == second.article_id


def test_html_body_becomes_paragraphs() -> None:
    article = _article({**GOOD, "body": "<p>First &amp; foremost.</p><p>Second.</p>"})
    assert article.body == "First & foremost.\nSecond."


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"body": GOOD["body"]}, "title", "title: missing"),
        ({"title": GOOD["title"]}, "body", "body: missing"),
        ({**GOOD, "title": "   "}, "title", "title: empty"),
        ({**GOOD, "body": " \n "}, "body", "body: empty"),
        ({**GOOD, "title": 42}, "title", "expected a string, got int"),
        ({**GOOD, "body": ["a"]}, "body", "got list"),
        ({**GOOD, "url": "ftp://e.com/x"}, "url", "not an absolute http(s) URL"),
        ({**GOOD, "url": "/relative/path"}, "url", "not an absolute http(s) URL"),
        ({**GOOD, "language": "English please"}, "language", "not a language tag"),
        ({**GOOD, "titel": "typo"}, "titel", "unexpected field"),
        ({**GOOD, "title": "x" * 1001}, "title", "longer than 1000"),
    ],
)
def test_schema_errors_name_the_field(fields: object, field: str, fragment: str) -> None:
    rejection = _rejection(fields)
    assert rejection.reason is DeadLetterReason.SCHEMA_INVALID
    assert rejection.field == field
    assert fragment in rejection.message
    assert rejection.message.startswith(field)


@pytest.mark.parametrize("fields", [["a"], "text", 3, None])
def test_not_an_object_is_a_schema_error(fields: object) -> None:
    assert _rejection(fields).reason is DeadLetterReason.SCHEMA_INVALID


def test_body_over_the_limit_is_too_large() -> None:
    rejection = _rejection({**GOOD, "body": "word " * 300}, max_body_bytes=1000)
    assert rejection.reason is DeadLetterReason.TOO_LARGE
    assert "1,000" in rejection.message


def test_limit_counts_normalised_utf8_bytes() -> None:
    body = "é" * 600  # 600 characters, 1,200 bytes in UTF-8
    assert _rejection({**GOOD, "body": body}, max_body_bytes=1000).reason is (
        DeadLetterReason.TOO_LARGE
    )
    assert _article({**GOOD, "body": "a  " * 400}, max_body_bytes=1000).body == "a " * 399 + "a"


def test_far_too_large_raw_body_is_refused_before_normalising() -> None:
    rejection = _rejection({**GOOD, "body": " " * 100_000 + "x"}, max_body_bytes=1000)
    assert rejection.reason is DeadLetterReason.TOO_LARGE


def test_bad_published_at_is_bad_date() -> None:
    rejection = _rejection({**GOOD, "published_at": "last Tuesday"})
    assert rejection.reason is DeadLetterReason.BAD_DATE
    assert rejection.field == "published_at"

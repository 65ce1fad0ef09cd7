"""Text normalisation (NFC, entities, whitespace, paragraphs) and publication dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.normalise import (
    clean_body,
    clean_line,
    html_fragment_to_text,
    looks_like_html,
    parse_published_at,
)
from claimwire_schemas.events import DeadLetterReason


def test_entities_are_decoded() -> None:
    assert clean_body("Salt &amp; pepper &#8212; &ldquo;fine&rdquo;") == "Salt & pepper — “fine”"


def test_text_is_nfc() -> None:
    assert clean_body("Cafe\u0301") == "Café"


def test_whitespace_collapses_and_paragraphs_join_with_one_newline() -> None:
    raw = "  First\u00a0 paragraph\there. \r\n\r\n\n  Second\u2029Third  \n"
    assert clean_body(raw) == "First paragraph here.\nSecond\nThird"


def test_invisible_and_control_characters_go() -> None:
    assert clean_body("zero\u200bwidth soft\u00adhyphen bell\x07") == "zerowidth softhyphen bell"


def test_clean_body_is_idempotent_on_decoded_text() -> None:
    once = clean_body(" A  B \n\n C\u0301\u200b ")
    assert clean_body(once) == once == "A B\nĆ"


def test_clean_line_folds_paragraphs() -> None:
    assert clean_line("Title\non two lines") == "Title on two lines"


def test_html_fragments_become_paragraphs() -> None:
    fragment = "<p>One &amp; two</p><p>Three<br/>four</p><script>alert(1)</script>"
    assert looks_like_html(fragment)
    assert html_fragment_to_text(fragment) == "One & two\nThree\nfour"


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    assert not looks_like_html("Inflation < 2% and growth > 1%")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-04", datetime(2026, 3, 4, tzinfo=UTC)),
        ("2026-03-04T10:00:00Z", datetime(2026, 3, 4, 10, tzinfo=UTC)),
        ("2026-03-04T12:00:00+02:00", datetime(2026, 3, 4, 10, tzinfo=UTC)),
        ("2026-03-04T10:00:00", datetime(2026, 3, 4, 10, tzinfo=UTC)),
        ("Wed, 04 Mar 2026 10:00:00 GMT", datetime(2026, 3, 4, 10, tzinfo=UTC)),
    ],
)
def test_dates_parse_to_utc(text: str, expected: datetime) -> None:
    assert parse_published_at(text) == expected


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_dates_are_none(value: object) -> None:
    assert parse_published_at(value) is None


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("yesterday", "'yesterday' is not an ISO 8601"),
        ("2026-02-31", "is not an ISO 8601"),
        ("3026-01-01", "year 3026"),
        (1709546400, "got int"),
    ],
)
def test_bad_dates_are_rejected_naming_the_field(value: object, fragment: str) -> None:
    with pytest.raises(RejectedInput) as caught:
        parse_published_at(value)
    assert caught.value.reason is DeadLetterReason.BAD_DATE
    assert caught.value.field == "published_at"
    assert fragment in caught.value.message

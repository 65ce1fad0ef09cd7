"""Text and date normalisation: what every article goes through, whatever its source.

Pure functions. ``clean_body`` is idempotent on text without ``&``: it decodes
HTML entities once per call, so double-escaped input (``&amp;amp;``) loses one
level each time, which is why it runs exactly once per article.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import lxml.etree
import lxml.html
from claimwire_schemas.events import DeadLetterReason

from claimwire_ingest.errors import RejectedInput

# Invisible characters that carry no text: zero-width space/joiners, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Unicode category Cc without the newline (tabs become spaces before this applies).
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x0b|\x0c|\x85")
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|em|strong|b|i|ul|ol|li|blockquote|h[1-6])\b[^>]*>", re.I
)
_EARLIEST_YEAR = 1900
_LATEST_YEAR = 2100


def clean_body(text: str) -> str:
    """Entities decoded, NFC, invisible and control characters removed, whitespace collapsed.

    Each non-empty line is a paragraph; paragraphs are joined by a single ``"\\n"``.
    """
    text = _INVISIBLE.sub("", html.unescape(text))
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text))
    text = _CONTROLS.sub("", text.replace("\t", " "))
    paragraphs = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(p for p in paragraphs if p)


def clean_line(text: str) -> str:
    """``clean_body`` folded onto one line: for titles, names and outlets."""
    return " ".join(clean_body(text).split("\n"))


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries paragraph or inline markup (CMS exports, feed content)."""
    return _HTML_TAG.search(text) is not None


def html_fragment_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one paragraph per block element, then ``clean_body``."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return clean_body(re.sub(r"<[^>]+>", " ", fragment))
    for element in root.iter("script", "style"):
        element.drop_tree()
    for element in root.iter("br", "p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5"):
        element.tail = "\n" + (element.tail or "")
    return clean_body(root.text_content())


def parse_published_at(value: object, field: str = "published_at") -> datetime | None:
    """An aware UTC datetime from ISO 8601 or RFC 2822 text; None for a missing value.

    A date without a time means midnight UTC; a time without an offset is taken
    as UTC. Raises ``RejectedInput(bad_date)`` for anything else, for a
    non-string, and for a year outside 1900..2100 (a typo, not news).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise RejectedInput(
            DeadLetterReason.BAD_DATE,
            f"{field}: expected an ISO 8601 date string, got {type(value).__name__}",
            field=field,
        )
    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        raise RejectedInput(
            DeadLetterReason.BAD_DATE,
            f"{field}: {text[:60]!r} is not an ISO 8601 or RFC 2822 date",
            field=field,
        )
    if not _EARLIEST_YEAR <= parsed.year <= _LATEST_YEAR:
        raise RejectedInput(
            DeadLetterReason.BAD_DATE,
            f"{field}: year {parsed.year} is outside {_EARLIEST_YEAR}..{_LATEST_YEAR}",
            field=field,
        )
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)

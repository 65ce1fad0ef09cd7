"""Article fields (from JSON, text, HTML or a feed) to an ``ArticleRaw``, or a clear rejection.

Pure: the same fields, origin and clock give the same event; nothing here
touches a broker or the network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

from claimwire_schemas.events import ArticleRaw, DeadLetterReason, Origin
from claimwire_schemas.ids import article_id

from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.normalise import (
    clean_body,
    clean_line,
    html_fragment_to_text,
    looks_like_html,
    parse_published_at,
)

INPUT_FIELDS = ("title", "body", "url", "published_at", "source", "author", "language")
MAX_TITLE_CHARS = 1000
MAX_LINE_CHARS = 500
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
# A raw body this many times over the limit is rejected before normalising it:
# collapsing whitespace and entities never shrinks real text that much.
_RAW_SLACK = 8


def _schema_error(field: str, message: str) -> RejectedInput:
    return RejectedInput(DeadLetterReason.SCHEMA_INVALID, f"{field}: {message}", field=field)


def _optional_string(fields: Mapping[str, object], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _schema_error(name, f"expected a string, got {type(value).__name__}")
    cleaned = clean_line(value)
    if len(cleaned) > MAX_LINE_CHARS:
        raise _schema_error(name, f"longer than {MAX_LINE_CHARS} characters")
    return cleaned or None


def _required_string(fields: Mapping[str, object], name: str) -> str:
    value = fields.get(name)
    if value is None:
        raise _schema_error(name, "missing")
    if not isinstance(value, str):
        raise _schema_error(name, f"expected a string, got {type(value).__name__}")
    return value


def _url(fields: Mapping[str, object]) -> str | None:
    url = _optional_string(fields, "url")
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise _schema_error("url", f"{url[:80]!r} is not an absolute http(s) URL")
    return url


def _language(fields: Mapping[str, object]) -> str | None:
    language = _optional_string(fields, "language")
    if language is not None and not LANGUAGE_TAG.match(language):
        raise _schema_error("language", f"{language[:20]!r} is not a language tag such as 'en'")
    return language


def _body(fields: Mapping[str, object], max_body_bytes: int) -> str:
    raw = _required_string(fields, "body")
    if len(raw) > max_body_bytes * _RAW_SLACK:
        raise RejectedInput(
            DeadLetterReason.TOO_LARGE,
            f"body: {len(raw):,} characters, far over the limit of {max_body_bytes:,} bytes",
            field="body",
        )
    body = html_fragment_to_text(raw) if looks_like_html(raw) else clean_body(raw)
    if not body:
        raise _schema_error("body", "empty after normalisation")
    size = len(body.encode("utf-8"))
    if size > max_body_bytes:
        raise RejectedInput(
            DeadLetterReason.TOO_LARGE,
            f"body: {size:,} bytes exceeds the limit of {max_body_bytes:,}",
            field="body",
        )
    return body


def article_from_fields(
    fields: object, origin: Origin, *, max_body_bytes: int, now: datetime
) -> ArticleRaw:
    """Validate and normalise one article given as a mapping of the input fields.

    ``fields`` takes ``title`` and ``body`` (required strings; ``body`` may be an
    HTML fragment), and optional ``url`` (absolute http(s)), ``published_at``
    (ISO 8601 or RFC 2822), ``source``, ``author`` and ``language``. Unknown
    fields are rejected so a typo cannot drop data silently.

    Returns the ``ArticleRaw`` with its ``article_id`` (canonical URL, else
    normalised title and body) and ``ingested_at = now``. Raises
    ``RejectedInput`` (``schema_invalid``, ``too_large`` or ``bad_date``) whose
    message names the field. Pure and idempotent.
    """
    if not isinstance(fields, Mapping):
        raise RejectedInput(
            DeadLetterReason.SCHEMA_INVALID,
            f"expected an object with title and body, got {type(fields).__name__}",
        )
    unknown = sorted(str(k) for k in fields if k not in INPUT_FIELDS)
    if unknown:
        raise _schema_error(unknown[0], f"unexpected field (allowed: {', '.join(INPUT_FIELDS)})")
    title = clean_line(_required_string(fields, "title"))
    if not title:
        raise _schema_error("title", "empty after normalisation")
    if len(title) > MAX_TITLE_CHARS:
        raise _schema_error("title", f"longer than {MAX_TITLE_CHARS} characters")
    body = _body(fields, max_body_bytes)
    url = _url(fields)
    return ArticleRaw(
        article_id=article_id(url, title, body),
        url=url,
        title=title,
        body=body,
        published_at=parse_published_at(fields.get("published_at")),
        source=_optional_string(fields, "source"),
        author=_optional_string(fields, "author"),
        language_hint=_language(fields),
        origin=origin,
        ingested_at=now,
    )

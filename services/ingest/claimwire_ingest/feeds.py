"""RSS and Atom feeds to articles, one ``Parsed`` per entry (feedparser).

A broken entry is rejected on its own with reason ``bad_feed_entry`` (or
``bad_date``/``too_large`` when that is the trouble); the other entries go on.
Pure: fetching a feed from a URL is ``sources.fetch_url``'s job.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from typing import Any

import feedparser
import lxml.etree
from claimwire_schemas.events import ArticleRaw, DeadLetterReason, Origin

from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.parsed import ParseContext, Parsed, attempt, rejected
from claimwire_ingest.validate import article_from_fields

# What goes wrong with the entry itself, rather than with one of its values.
_ENTRY_REASONS = {DeadLetterReason.SCHEMA_INVALID, DeadLetterReason.EMPTY}


def _entry_xml(data: bytes, expected: int) -> list[bytes] | None:
    """The raw XML of each ``<item>``/``<entry>``, when it lines up with feedparser's entries."""
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = lxml.etree.fromstring(data, parser=parser)
    except lxml.etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    elements = [
        el
        for el in root.iter()
        if isinstance(el.tag, str) and lxml.etree.QName(el).localname in ("item", "entry")
    ]
    if len(elements) != expected:
        return None
    return [lxml.etree.tostring(el) for el in elements]


def _published(entry: Any) -> str | None:
    """feedparser reads more date dialects than ISO 8601 and RFC 2822; use its reading."""
    for name in ("published", "updated"):
        # Only keys that exist: asking for a missing *_parsed key triggers a fallback warning.
        if name not in entry:
            continue
        raw = entry[name]
        parsed = entry.get(f"{name}_parsed")
        if raw and parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
        return str(raw) if raw else None
    return None


def entry_fields(entry: Any, feed_info: Any) -> dict[str, object]:
    """The article fields of one feedparser entry (content, else summary, is the body)."""
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary")
    fields: dict[str, object] = {
        "title": entry.get("title"),
        "body": body,
        "url": entry.get("link"),
        "published_at": _published(entry),
        # RSS <author> is "mail (Name)"; feedparser's author_detail has the name alone.
        "author": (entry.get("author_detail") or {}).get("name") or entry.get("author"),
        "source": feed_info.get("title"),
        "language": feed_info.get("language"),
    }
    return {k: v for k, v in fields.items() if v is not None or k in ("title", "body")}


def _entry_article(
    entry: Any, feed_info: Any, index: int, location: str, ctx: ParseContext
) -> ArticleRaw:
    try:
        return article_from_fields(
            entry_fields(entry, feed_info),
            Origin(kind="feed", location=location),
            max_body_bytes=ctx.max_body_bytes,
            now=ctx.clock(),
        )
    except RejectedInput as error:
        if error.reason not in _ENTRY_REASONS:
            raise
        raise RejectedInput(
            DeadLetterReason.BAD_FEED_ENTRY,
            f"entry {index + 1}: {error.message}",
            field=error.field,
        ) from None


def parse_feed(
    data: bytes, location: str, ctx: ParseContext, declared: str | None = None
) -> Iterator[Parsed]:
    """An RSS or Atom document: one ``Parsed`` per entry, located as ``location#entry-N``.

    Original bytes are each entry's XML when it can be cut out, else its fields
    as JSON. A document that is not a feed is one ``extraction_failed``
    rejection; a feed without entries is one ``empty`` rejection.
    """
    if not data.strip():
        yield rejected("feed", location, data, RejectedInput(DeadLetterReason.EMPTY, "empty feed"))
        return
    headers = {"content-type": f"application/xml; charset={declared}"} if declared else None
    parsed = feedparser.parse(data, response_headers=headers)
    entries = list(parsed.entries)
    if not entries:
        problem = (
            RejectedInput(
                DeadLetterReason.EXTRACTION_FAILED,
                f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}",
            )
            if parsed.get("bozo") or not parsed.get("version")
            else RejectedInput(DeadLetterReason.EMPTY, "feed has no entries")
        )
        yield rejected("feed", location, data, problem)
        return
    originals = _entry_xml(data, len(entries))
    for index, entry in enumerate(entries):
        where = f"{location}#entry-{index + 1}"
        original = (
            originals[index]
            if originals
            else json.dumps(entry_fields(entry, parsed.feed), default=str).encode()
        )
        make = partial(_entry_article, entry, parsed.feed, index, where, ctx)
        yield attempt("feed", where, original, make)

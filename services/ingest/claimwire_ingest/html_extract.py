"""An HTML page to an article: main text, title, author, date, canonical URL (trafilatura).

Pure apart from trafilatura's own logging; yields exactly one ``Parsed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from claimwire_schemas.events import ArticleRaw, DeadLetterReason, Origin

from claimwire_ingest.decoding import decode_text
from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.normalise import clean_line
from claimwire_ingest.parsed import ParseContext, Parsed, attempt
from claimwire_ingest.validate import LANGUAGE_TAG, article_from_fields

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HEAD_BYTES = 4096
# Below this, what trafilatura found is navigation or a teaser, not an article.
MIN_ARTICLE_CHARS = 80
# Where pages state their publication time, most specific first.
_DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate']/@content",
    "//meta[@name='dc.date']/@content",
    "//article//time/@datetime",
)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` near its top, if any."""
    match = _META_CHARSET.search(data[:_HEAD_BYTES])
    return match.group(1).decode("ascii") if match else None


def _first(tree: Any, xpaths: tuple[str, ...]) -> str | None:
    for xpath in xpaths:
        values = [v.strip() for v in tree.xpath(xpath) if isinstance(v, str) and v.strip()]
        if values:
            return values[0]
    return None


def _outlet(site_name: str | None, page_title: str, title: str, fallback: object) -> str | None:
    """``og:site_name``; else the suffix of ``<title>`` after the headline; else trafilatura's."""
    if site_name:
        return site_name
    for separator in (" | ", " - ", " — ", " – "):
        head, found, tail = page_title.rpartition(separator)
        if found and tail and head.casefold() == title.casefold():
            return tail
    return fallback if isinstance(fallback, str) else None


def _absolute_http(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _without_title_line(text: str, title: str) -> str:
    """trafilatura keeps the ``<h1>`` as the first line; the title is a field of its own."""
    first, _, rest = text.partition("\n")
    return rest if clean_line(first).casefold() == title.casefold() else text


def html_article(text: str, location: str, ctx: ParseContext) -> ArticleRaw:
    """Extract and validate the article of one decoded HTML page.

    The canonical URL is kept only when absolute (a relative one cannot be
    resolved for a file). Raises ``RejectedInput``: ``no_article_text`` when the
    page has no main text, ``schema_invalid`` when it has no title,
    ``bad_date`` when its stated publication time is not a date.
    """
    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise RejectedInput(
            DeadLetterReason.NO_ARTICLE_TEXT, f"not parseable as HTML: {exc}"
        ) from None
    stated_date = _first(tree, _DATE_XPATHS)
    # Read before trafilatura runs: it prunes the tree it is given.
    site_name = _first(tree, ("//meta[@property='og:site_name']/@content",))
    page_title = clean_line(" ".join(tree.xpath("//head/title//text()")))
    language = tree.get("lang")
    extracted = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False
    )
    body_text = (extracted or {}).get("text") or ""
    title = clean_line((extracted or {}).get("title") or "")
    if extracted is None or len(body_text.strip()) < MIN_ARTICLE_CHARS:
        raise RejectedInput(DeadLetterReason.NO_ARTICLE_TEXT, "no article text found in the HTML")
    if not title:
        raise RejectedInput(
            DeadLetterReason.SCHEMA_INVALID,
            "title: not found in the HTML (no <title>, og:title or <h1>)",
            field="title",
        )
    fields = {
        "title": title,
        "body": _without_title_line(body_text, title),
        "url": _absolute_http(extracted.get("url")),
        "published_at": stated_date or extracted.get("date"),
        "source": _outlet(site_name, page_title, title, extracted.get("sitename")),
        "author": extracted.get("author"),
        # A malformed lang attribute is the page template's fault, not the article's.
        "language": language if language and LANGUAGE_TAG.match(language) else None,
    }
    return article_from_fields(
        fields,
        Origin(kind="html", location=location),
        max_body_bytes=ctx.max_body_bytes,
        now=ctx.clock(),
    )


def parse_html(
    data: bytes, location: str, ctx: ParseContext, declared: str | None = None
) -> Iterator[Parsed]:
    """One HTML file or response: one ``Parsed``. ``declared`` is an HTTP header's charset."""
    yield attempt(
        "html",
        location,
        data,
        lambda: html_article(decode_text(data, declared or declared_charset(data)), location, ctx),
    )

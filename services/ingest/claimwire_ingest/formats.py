"""Input bytes of one file (or one HTTP body) to parsed articles: ``.txt``, ``.json``, JSON lines.

Every parser yields ``Parsed`` items, one per article-sized piece of input, each
holding either the ``ArticleRaw`` or the ``RejectedInput`` together with the
original bytes of that piece (what a dead-letter record keeps). ``parse_bytes``
and ``parse_json_document`` never raise: bad input, and any error inside a
parser, is that input's rejection (``parsed.guarded``); one bad line or element
does not stop the others. Pure.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from pathlib import PurePath

from claimwire_schemas.events import ArticleRaw, DeadLetterReason, Origin

from claimwire_ingest.decoding import check_not_binary, decode_text, decode_utf8
from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.feeds import parse_feed
from claimwire_ingest.html_extract import parse_html
from claimwire_ingest.parsed import (
    Format,
    ParseContext,
    Parsed,
    SourceKind,
    attempt,
    guarded,
    rejected,
)
from claimwire_ingest.validate import article_from_fields

FORMAT_BY_SUFFIX: dict[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
KIND_BY_FORMAT: dict[Format, SourceKind] = {
    "txt": "file",
    "json": "file",
    "jsonl": "jsonl",
    "html": "html",
    "feed": "feed",
}


def format_for_path(path: str | PurePath) -> Format | None:
    """The format a file name implies, or None for a suffix ingest does not read."""
    return FORMAT_BY_SUFFIX.get(PurePath(path).suffix.lower())


def _from_fields(fields: object, kind: SourceKind, location: str, ctx: ParseContext) -> ArticleRaw:
    return article_from_fields(
        fields,
        Origin(kind=kind, location=location),
        max_body_bytes=ctx.max_body_bytes,
        now=ctx.clock(),
    )


def load_json(text: str) -> object:
    """``json.loads``; ``RejectedInput(not_json)`` naming line and column, or the number
    too long to read (over 4,300 digits), or the nesting too deep. Pure."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RejectedInput(
            DeadLetterReason.NOT_JSON,
            f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
        ) from None
    except ValueError as exc:
        # Python refuses integers of more than sys.get_int_max_str_digits() digits.
        raise RejectedInput(
            DeadLetterReason.NOT_JSON, f"JSON number not readable: {str(exc).split(';')[0]}"
        ) from None
    except RecursionError:
        raise RejectedInput(DeadLetterReason.NOT_JSON, "JSON nested too deeply") from None


def txt_fields(text: str) -> dict[str, str]:
    """A ``.txt`` article: the first non-empty line is the title, the rest the body."""
    lines = text.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise RejectedInput(DeadLetterReason.EMPTY, "empty text file")
    body = "\n".join(lines[1:])
    if not body.strip():
        raise RejectedInput(
            DeadLetterReason.SCHEMA_INVALID,
            "body: missing (the file has only a title line)",
            field="body",
        )
    return {"title": lines[0], "body": body}


def parse_txt(data: bytes, location: str, ctx: ParseContext) -> Iterator[Parsed]:
    """One ``.txt`` file: one article (title on the first line)."""
    yield attempt(
        "file",
        location,
        data,
        lambda: _from_fields(txt_fields(decode_text(data)), "file", location, ctx),
    )


def _json_document(
    data: bytes,
    location: str,
    ctx: ParseContext,
    *,
    kind: SourceKind = "file",
    strict_utf8: bool = False,
) -> Iterator[Parsed]:
    """A JSON document: one article object, or an array of them (each its own ``Parsed``).

    Elements of an array are located as ``location[i]`` and their original bytes
    are the element re-encoded as JSON (the file's bytes cannot be sliced apart).
    ``strict_utf8`` is for HTTP, where RFC 8259 leaves no room for detection.
    """
    try:
        text = decode_utf8(data) if strict_utf8 else decode_text(data)
        if not text.strip():
            raise RejectedInput(DeadLetterReason.EMPTY, "empty input")
        document = load_json(text)
    except RejectedInput as error:
        yield rejected(kind, location, data, error)
        return
    if not isinstance(document, list):
        yield attempt(kind, location, data, lambda: _from_fields(document, kind, location, ctx))
        return
    if not document:
        yield rejected(kind, location, data, RejectedInput(DeadLetterReason.EMPTY, "empty array"))
        return
    for index, element in enumerate(document):
        where = f"{location}[{index}]"
        original = json.dumps(element, ensure_ascii=False).encode("utf-8")
        yield attempt(kind, where, original, partial(_from_fields, element, kind, where, ctx))


def _jsonl_line(line: bytes, location: str, ctx: ParseContext) -> ArticleRaw:
    fields = load_json(decode_utf8(line))
    if isinstance(fields, list):
        raise RejectedInput(
            DeadLetterReason.SCHEMA_INVALID, "expected one article object per line, got an array"
        )
    return _from_fields(fields, "jsonl", location, ctx)


def parse_json_document(
    data: bytes,
    location: str,
    ctx: ParseContext,
    *,
    kind: SourceKind = "file",
    strict_utf8: bool = False,
) -> Iterator[Parsed]:
    """``_json_document`` behind the per-input boundary (for HTTP and ``claimwire extract``)."""
    return guarded(
        _json_document(data, location, ctx, kind=kind, strict_utf8=strict_utf8),
        kind,
        location,
        data,
    )


def parse_jsonl(data: bytes, location: str, ctx: ParseContext) -> Iterator[Parsed]:
    """JSON lines: one article object per line, located as ``path:line``; blank lines skipped.

    A malformed line is rejected on its own (original bytes = that line) and the
    other lines still go through. A binary or empty file is one rejection.
    """
    try:
        if not data.strip():
            raise RejectedInput(DeadLetterReason.EMPTY, "empty JSON lines file")
        check_not_binary(data)
    except RejectedInput as error:
        yield rejected("jsonl", location, data, error)
        return
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        line = raw_line.rstrip(b"\r")
        if not line.strip():
            continue
        where = f"{location}:{number}"
        yield attempt("jsonl", where, line, partial(_jsonl_line, line, where, ctx))


def parse_bytes(
    fmt: Format, data: bytes, location: str, ctx: ParseContext, declared_charset: str | None = None
) -> Iterator[Parsed]:
    """The parsed pieces of one input of format ``fmt``, behind the per-input boundary.

    ``declared_charset`` is an HTTP header's, if any. Whatever goes wrong inside
    the parser becomes a rejection of this input (``parsed.guarded``); nothing
    raises. Lazy and pure.
    """
    if fmt == "txt":
        parser = parse_txt(data, location, ctx)
    elif fmt == "json":
        parser = _json_document(data, location, ctx)
    elif fmt == "jsonl":
        parser = parse_jsonl(data, location, ctx)
    elif fmt == "html":
        parser = parse_html(data, location, ctx, declared_charset)
    else:
        parser = parse_feed(data, location, ctx, declared_charset)
    return guarded(parser, KIND_BY_FORMAT[fmt], location, data)

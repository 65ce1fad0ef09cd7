"""Reading one article from a file or stdin, for ``claimwire extract`` and tests.

``read_single_article`` runs the same pure core as ``claimwire ingest``, so
an article that extracts is an article that ingests, with the same id.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claimwire_schemas.events import ArticleRaw, DeadLetterReason

from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.formats import format_for_path, parse_bytes, parse_json_document
from claimwire_ingest.parsed import Format, ParseContext, Parsed

DEFAULT_MAX_BODY_BYTES = 512 * 1024
SINGLE_ARTICLE_FORMATS: tuple[Format, ...] = ("txt", "json", "html")
STDIN = "-"


def _only_article(parsed: list[Parsed], location: str) -> ArticleRaw:
    if len(parsed) != 1:
        raise RejectedInput(
            DeadLetterReason.SCHEMA_INVALID,
            f"{location}: expected one article, found {len(parsed)}",
        )
    result = parsed[0].result
    if isinstance(result, RejectedInput):
        raise result
    return result


def read_single_article(
    path: str, *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, stdin: bytes | None = None
) -> ArticleRaw:
    """Read and normalise the one article in ``path``.

    ``path`` is ``-`` (one JSON object on stdin, or in ``stdin`` when given),
    a ``.json`` file (``title``, ``body``, optional ``url``, ``published_at``,
    ``source``, ``author``, ``language``), a ``.txt`` file (first non-empty
    line is the title) or an ``.html`` page (main text and metadata via
    trafilatura). Returns the ``ArticleRaw`` with its stable ``article_id``.

    Raises ``RejectedInput`` for bad content (its ``reason`` and ``message``
    say what is wrong), for a JSON array or an unsupported suffix
    (``unsupported_format``), and ``OSError`` when the file cannot be read.
    Reads only; idempotent apart from ``ingested_at``.
    """
    ctx = ParseContext(max_body_bytes=max_body_bytes)
    if path == STDIN:
        data = sys.stdin.buffer.read() if stdin is None else stdin
        return _only_article(list(parse_json_document(data, "<stdin>", ctx)), "<stdin>")
    fmt = format_for_path(path)
    if fmt is None or fmt not in SINGLE_ARTICLE_FORMATS:
        raise RejectedInput(
            DeadLetterReason.UNSUPPORTED_FORMAT,
            f"{path}: expected a .json, .txt or .html file",
        )
    data = Path(path).read_bytes()
    return _only_article(list(parse_bytes(fmt, data, path, ctx)), path)

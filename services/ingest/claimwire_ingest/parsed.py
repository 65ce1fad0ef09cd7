"""What a parser yields, and the boundary around parsing one input.

``Parsed`` is one article-sized piece of input with either its ``ArticleRaw``
or its ``RejectedInput`` and the original bytes a dead-letter record keeps.
Every parser module (``formats``, ``html_extract``, ``feeds``) imports these
types from here, so none of them imports another to get them.

The boundary: ``attempt`` runs the making of one article and ``guarded``
runs a whole input's parser; any exception inside either becomes that
input's rejection (``extraction_failed``, the exception named, the
traceback logged), so one hostile input never stops the inputs after it.
It wraps parsing only: errors in publishing or counting are not caught here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from claimwire_schemas.events import ArticleRaw, DeadLetterReason

from claimwire_ingest.errors import RejectedInput

log = logging.getLogger(__name__)

SourceKind = Literal["file", "jsonl", "html", "feed", "http"]
Format = Literal["txt", "json", "jsonl", "html", "feed"]
# Of an unexpected error's message, this much goes into the rejection (the log has it all).
_ERROR_CHARS = 300


def _utc_now() -> datetime:
    return datetime.now(UTC)


class IncreasingClock:
    """``now`` (UTC by default), but each reading strictly later than the one before.

    ``ingested_at`` orders the revisions of an article (the index keeps the one
    with the larger), so two readings must never tie, nor go back when the wall
    clock is stepped back. Thread-safe.
    """

    def __init__(self, now: Callable[[], datetime] = _utc_now) -> None:
        self._now = now
        self._last: datetime | None = None
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            reading = self._now()
            if self._last is not None and reading <= self._last:
                reading = self._last + timedelta(microseconds=1)
            self._last = reading
            return reading


# One per process: every parse context shares it, so readings never tie across them.
INGEST_CLOCK = IncreasingClock()


@dataclass(frozen=True)
class ParseContext:
    """What parsing needs besides the bytes: the body size limit and a clock."""

    max_body_bytes: int
    clock: Callable[[], datetime] = field(default=INGEST_CLOCK)


@dataclass(frozen=True)
class Parsed:
    """One article-sized piece of input and what the core made of it."""

    kind: SourceKind
    location: str
    original: bytes
    result: ArticleRaw | RejectedInput

    @property
    def rejected(self) -> RejectedInput | None:
        return self.result if isinstance(self.result, RejectedInput) else None


def rejected(kind: SourceKind, location: str, original: bytes, error: RejectedInput) -> Parsed:
    """A ``Parsed`` holding ``error``. Pure."""
    return Parsed(kind, location, original, error)


def unexpected(exc: Exception, location: str) -> RejectedInput:
    """The rejection of input whose parsing raised ``exc``; logs the traceback (a bug or a
    library's limit worth fixing, so it must stay visible). Consumes and emits nothing else."""
    log.warning("parsing %s raised %s", location, type(exc).__name__, exc_info=exc)
    text = " ".join(str(exc).split())[:_ERROR_CHARS]
    return RejectedInput(
        DeadLetterReason.EXTRACTION_FAILED,
        f"the parser failed on this input: {type(exc).__name__}: {text}",
    )


def attempt(
    kind: SourceKind, location: str, original: bytes, make: Callable[[], ArticleRaw]
) -> Parsed:
    """Run ``make`` for one article-sized piece of input and wrap what it gave.

    Returns a ``Parsed`` with the article, with the ``RejectedInput`` it
    raised, or with an ``extraction_failed`` rejection for any other
    exception (see ``unexpected``). Never raises an ``Exception``.
    """
    try:
        return Parsed(kind, location, original, make())
    except RejectedInput as error:
        return Parsed(kind, location, original, error)
    except Exception as exc:  # the per-input boundary (module docstring)
        return Parsed(kind, location, original, unexpected(exc, location))


def guarded(
    parsed: Iterator[Parsed], kind: SourceKind, location: str, original: bytes
) -> Iterator[Parsed]:
    """Yield what the parser ``parsed`` yields for one input; if it raises, yield one more
    ``Parsed``: the whole input (``original``) rejected as ``extraction_failed``.

    Pieces already yielded stay as they were (at least once: none is lost, the
    dead letter keeps all the bytes). Never raises an ``Exception``. Lazy.
    """
    yielded = 0
    try:
        for item in parsed:
            yielded += 1
            yield item
    except Exception as exc:  # the per-input boundary (module docstring)
        error = unexpected(exc, location)
        if yielded:
            error = RejectedInput(error.reason, f"{error.message} (after {yielded} piece(s))")
        yield rejected(kind, location, original, error)

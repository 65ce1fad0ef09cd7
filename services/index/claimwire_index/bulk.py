"""The Elasticsearch sink: bulk requests with per-document results and bounded retries.

Retriable failures (HTTP 429, 5xx, connection errors, and a 403 write block or
read-only index; per request or per document) are sent again with capped
exponential backoff, only the documents that failed. Non-retriable
per-document failures come back as ``Rejection`` for the dead-letter topic;
any other 403 (not authorised) is an operator's problem, never the document's,
and raises ``ElasticsearchForbiddenError``. A batch that Elasticsearch does not
take within ``deadline_s`` raises ``ElasticsearchUnavailableError``: the caller
commits nothing and a restart redelivers the batch. Writes carry external
versions: a version conflict (409) means the stored version is the same or
newer, which is success, as is deleting a document that is already gone.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from claimwire_schemas.deadletter import short_error
from claimwire_schemas.events import DeadLetterReason
from elasticsearch import ApiError, TransportError

from claimwire_base.retry import RetryPolicy
from claimwire_index.metrics import IndexMetrics

log = logging.getLogger(__name__)

JsonObject = dict[str, Any]
# Elasticsearch 8+ reports a document that does not fit the mapping as
# document_parsing_exception (7.x: mapper_parsing_exception).
MAPPING_ERROR_TYPES = frozenset(
    {
        "document_parsing_exception",
        "mapper_parsing_exception",
        "strict_dynamic_mapping_exception",
        "mapper_exception",
    }
)
# A write block or read-only index (index.blocks.write, .read_only, a cluster-wide block):
# an operator's maintenance that ends, so the write waits for it like a 429.
BLOCKED_TYPE = "cluster_block_exception"
VERSION_CONFLICT_TYPE = "version_conflict_engine_exception"


class BulkClient(Protocol):
    """The one call of ``elasticsearch.Elasticsearch`` the sink makes."""

    def bulk(self, *, body: Any) -> Any: ...


class BulkOperation(Protocol):
    """One operation of a bulk request (an index or a delete), as its NDJSON lines."""

    @property
    def ndjson(self) -> bytes: ...


class ElasticsearchUnavailableError(Exception):
    """Elasticsearch did not take the batch within the retry deadline."""


class BulkRequestRejectedError(Exception):
    """Elasticsearch refused the whole request for a reason retrying cannot fix (401, 403, 400)."""


class ElasticsearchForbiddenError(BulkRequestRejectedError):
    """A 403 that is not a block: the service may not write there. Nothing is dead-lettered."""


@dataclass(frozen=True)
class Rejection:
    """A document Elasticsearch refused for good, with the reason for its dead letter."""

    position: int
    status: int
    reason: DeadLetterReason
    error: str


@dataclass(frozen=True)
class ItemResults:
    """Per-document outcome of one bulk response, by position in the caller's actions."""

    accepted: list[int] = field(default_factory=list)
    retriable: list[tuple[int, str]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    replaced: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SinkResult:
    """What became of every action of a batch: accepted or rejected, nothing else.

    ``replaced`` (a subset of ``accepted``) are the positions whose id was stored
    already: an older version replaced ("updated"), or the same or a newer
    version kept (409).
    """

    accepted: list[int]
    rejected: list[Rejection]
    replaced: list[int] = field(default_factory=list)


class _RetriableError(Exception):
    def __init__(self, cause: str, error: str) -> None:
        super().__init__(error)
        self.cause = cause


class _RequestTooLargeError(Exception):
    pass


def is_retriable_status(status: int) -> bool:
    """429 (queue full, memory pressure) and 5xx are transient; other 4xx are not."""
    return status == 429 or status >= 500


def error_type(error: JsonObject | str | None) -> str | None:
    """The ``type`` of an Elasticsearch error object (``cluster_block_exception``). Pure."""
    if isinstance(error, dict):
        kind = error.get("type")
        return kind if isinstance(kind, str) else None
    return None


def is_blocked(status: int, error: JsonObject | str | None) -> bool:
    """A 403 write block or read-only index, as opposed to a 403 authorisation error. Pure."""
    return status == 403 and error_type(error) == BLOCKED_TYPE


def describe_error(status: int, error: JsonObject | str | None) -> str:
    """``400 mapper_parsing_exception: failed to parse ... (caused by ...)``. Pure."""
    if not isinstance(error, dict):
        return f"{status} {error or 'error'}"
    text = f"{status} {error.get('type', 'error')}: {error.get('reason', '')}"
    cause = error.get("caused_by")
    if isinstance(cause, dict):
        text += f" (caused by {cause.get('type', 'error')}: {cause.get('reason', '')})"
    return text


def rejection_reason(status: int, error: JsonObject | str | None) -> DeadLetterReason:
    """The dead-letter reason of a non-retriable per-document failure. Pure."""
    text = describe_error(status, error)
    if status == 413 or "immense term" in text or "max_bytes_length_exceeded" in text:
        return DeadLetterReason.TOO_LARGE
    if isinstance(error, dict) and error.get("type") in MAPPING_ERROR_TYPES:
        return DeadLetterReason.MAPPING_CONFLICT
    return DeadLetterReason.DOCUMENT_REJECTED


def classify_items(positions: Sequence[int], items: Sequence[JsonObject]) -> ItemResults:
    """Split a bulk response's items into accepted, retriable and rejected. Pure.

    A 403 is never rejected: a block is retriable, anything else raises
    ``ElasticsearchForbiddenError``. Raises ``BulkRequestRejectedError`` when the
    response does not answer every document.
    """
    if len(items) != len(positions):
        raise BulkRequestRejectedError(
            f"bulk response has {len(items)} items for {len(positions)} documents"
        )
    results = ItemResults()
    for position, item in zip(positions, items, strict=True):
        operation, result = next(iter(item.items()))
        status = int(result.get("status", 500))
        error = result.get("error")
        if status < 300 or (operation == "delete" and status == 404):
            results.accepted.append(position)
            if result.get("result") == "updated":
                results.replaced.append(position)
        elif status == 409 and error_type(error) == VERSION_CONFLICT_TYPE:
            results.accepted.append(position)
            results.replaced.append(position)
        elif is_retriable_status(status) or is_blocked(status, error):
            results.retriable.append((position, describe_error(status, error)))
        elif status == 403:
            raise ElasticsearchForbiddenError(describe_error(status, error))
        else:
            results.rejected.append(
                Rejection(
                    position, status, rejection_reason(status, error), describe_error(status, error)
                )
            )
    return results


class _Backoff:
    """Sleeps between attempts; gives up once a failure streak outlasts the deadline."""

    def __init__(
        self, policy: RetryPolicy, sleep: Callable[[float], None], clock: Callable[[], float]
    ) -> None:
        self._policy = policy
        self._sleep = sleep
        self._clock = clock
        self._attempt = 0
        self._failing_since: float | None = None

    def reset(self) -> None:
        self._attempt = 0
        self._failing_since = None

    def wait(self, error: str) -> None:
        now = self._clock()
        if self._failing_since is None:
            self._failing_since = now
        failing_for = now - self._failing_since
        delay = self._policy.next_delay(self._attempt, failing_for)
        if delay is None:
            raise ElasticsearchUnavailableError(
                f"Elasticsearch still failing after {failing_for:.0f}s "
                f"and {self._attempt + 1} attempt(s): {error}"
            )
        log.warning("bulk attempt %d failed (%s); retry in %.1fs", self._attempt + 1, error, delay)
        self._attempt += 1
        self._sleep(delay)


class BulkSink:
    """Indexes batches of actions through ``client.bulk``; see the module docstring."""

    def __init__(
        self,
        client: BulkClient,
        policy: RetryPolicy,
        metrics: IndexMetrics,
        sleep: Callable[[float], None],
        clock: Callable[[], float],
        report_connected: Callable[[bool], None] = lambda connected: None,
    ) -> None:
        self._client = client
        self._report_connected = report_connected
        self._policy = policy
        self._metrics = metrics
        self._sleep = sleep
        self._clock = clock

    def index(self, actions: Sequence[BulkOperation]) -> SinkResult:
        """Send ``actions`` until each one is accepted or rejected.

        Consumes the actions (positions in the result refer to this sequence);
        emits bulk requests, re-sending only retriable failures. Raises
        ``ElasticsearchUnavailableError`` after the deadline and ``BulkRequestRejectedError`` when
        the whole request is refused for good. Idempotent: ids are stable, so a
        document sent twice is stored once.
        """
        accepted: list[int] = []
        rejected: list[Rejection] = []
        replaced: list[int] = []
        chunks: deque[list[int]] = deque([list(range(len(actions)))] if actions else [])
        backoff = _Backoff(self._policy, self._sleep, self._clock)
        while chunks:
            positions = chunks.popleft()
            try:
                items = self._send([actions[p] for p in positions])
            except _RequestTooLargeError:
                if len(positions) == 1:
                    reason = DeadLetterReason.TOO_LARGE
                    rejected.append(Rejection(positions[0], 413, reason, "413 request too large"))
                    continue
                half = len(positions) // 2
                chunks.extendleft([positions[half:], positions[:half]])
                continue
            except _RetriableError as exc:
                self._report_connected(False)
                self._metrics.bulk_retries.labels(cause=exc.cause).inc()
                backoff.wait(str(exc))
                chunks.appendleft(positions)
                continue
            self._report_connected(True)
            results = classify_items(positions, items)
            accepted.extend(results.accepted)
            rejected.extend(results.rejected)
            replaced.extend(results.replaced)
            if results.retriable:
                cause = "blocked" if BLOCKED_TYPE in results.retriable[0][1] else "document"
                self._metrics.bulk_retries.labels(cause=cause).inc(len(results.retriable))
                backoff.wait(f"{len(results.retriable)} documents: {results.retriable[0][1]}")
                chunks.appendleft([position for position, _ in results.retriable])
            else:
                backoff.reset()
        return SinkResult(accepted=accepted, rejected=rejected, replaced=replaced)

    def _send(self, chunk: list[BulkOperation]) -> list[JsonObject]:
        started = self._clock()
        try:
            response = self._client.bulk(body=b"".join(action.ndjson for action in chunk))
        except TransportError as exc:
            # The 9.x client's transport failures (refused, reset, timed out): no HTTP status.
            raise _RetriableError("connection", short_error(exc)) from exc
        except ApiError as exc:
            status = exc.status_code
            if status == 413:
                raise _RequestTooLargeError() from exc
            if isinstance(status, int) and is_retriable_status(status):
                raise _RetriableError(str(status), short_error(exc)) from exc
            if status == 403 and _response_error_type(exc) == BLOCKED_TYPE:
                raise _RetriableError("blocked", short_error(exc)) from exc
            if status == 403:
                raise ElasticsearchForbiddenError(short_error(exc)) from exc
            raise BulkRequestRejectedError(short_error(exc)) from exc
        finally:
            self._metrics.bulk_seconds.observe(self._clock() - started)
        items: list[JsonObject] = response["items"]
        return items


def _response_error_type(exc: ApiError) -> str | None:
    """The error ``type`` in the body of a refused request (the 9.x client's ``exc.body``)."""
    body = exc.body
    return error_type(body.get("error")) if isinstance(body, dict) else None

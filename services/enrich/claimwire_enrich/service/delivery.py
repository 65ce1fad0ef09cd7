"""Producing records and waiting for the broker's acks, with a bounded, backed-off retry.

``produce_all`` returns only once the broker acknowledged every record
(``acks=all`` on an idempotent producer), so the caller may then ack the
consumed message; it raises ``OutputRejectedError`` when it cannot get there.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from aiokafka.errors import (
    KafkaError,
    MessageSizeTooLargeError,
    RecordListTooLargeError,
    RecordTooLargeError,
)
from claimwire_schemas.deadletter import short_error
from claimwire_schemas.events import DeadLetterReason
from faust.exceptions import ProducerSendError
from faust.types import ProducerT

from claimwire_base.retry import RetryPolicy
from claimwire_enrich.service.messages import OutgoingRecord, OutputRejectedError

log = logging.getLogger(__name__)

_TOO_LARGE = (MessageSizeTooLargeError, RecordListTooLargeError, RecordTooLargeError)
# What a send can fail with: aiokafka's errors, which faust wraps when they
# happen while queueing the record rather than while waiting for the ack.
SEND_ERRORS = (KafkaError, ProducerSendError)

Sleep = Callable[[float], Awaitable[None]]


def is_too_large(exc: BaseException) -> bool:
    """True when the broker or the client refused a record for its size. Pure."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, _TOO_LARGE):
            return True
        seen = seen.__cause__
    return False


async def produce_all(
    producer: ProducerT,
    records: Sequence[OutgoingRecord],
    policy: RetryPolicy,
    *,
    sleep: Sleep = asyncio.sleep,
) -> None:
    """Produce ``records`` in order and wait until the broker acknowledged each one.

    Records that fail are sent again after a capped exponential backoff, at
    most as many times as ``policy.delays()`` allows (the policy's attempts and deadline,
    the tries themselves counted as taking no time). Raises ``OutputRejectedError`` with
    reason ``too_large`` at once when a record is refused for its size, and
    with ``produce_failed`` when the attempts run out; other exceptions (a bug,
    a cancelled task) propagate. Not idempotent by itself: a retried record may
    be stored twice, which the keyed, id-carrying outputs tolerate.
    """
    pending = list(records)
    waits = policy.delays()
    attempts = len(waits) + 1
    last_error: BaseException | None = None
    for attempt, delay in enumerate([0.0, *waits], start=1):
        if delay:
            await sleep(delay)
        failures = await _send_and_wait(producer, pending)
        for record, error in failures:
            if is_too_large(error):
                raise OutputRejectedError(
                    DeadLetterReason.TOO_LARGE,
                    f"{record.topic} refused a record of {len(record.value or b'')} bytes: "
                    f"{short_error(error)}",
                )
        if not failures:
            return
        pending = [record for record, _ in failures]
        last_error = failures[0][1]
        log.warning(
            "attempt %d/%d: %d record(s) not acknowledged: %s",
            attempt,
            attempts,
            len(pending),
            short_error(last_error),
        )
    raise OutputRejectedError(
        DeadLetterReason.PRODUCE_FAILED,
        f"not acknowledged after {attempts} attempt(s): {short_error(last_error or '')}",
    )


async def _send_and_wait(
    producer: ProducerT, records: Sequence[OutgoingRecord]
) -> list[tuple[OutgoingRecord, BaseException]]:
    """Queue every record in order, then wait for all acks; the records that failed."""
    queued: list[tuple[OutgoingRecord, Awaitable[object]]] = []
    failures: list[tuple[OutgoingRecord, BaseException]] = []
    for record in records:
        try:
            ack = await producer.send(
                record.topic, record.key, record.value, None, None, record.headers
            )
        except SEND_ERRORS as exc:
            failures.append((record, exc))
        else:
            queued.append((record, ack))
    results = await asyncio.gather(*(ack for _, ack in queued), return_exceptions=True)
    for (record, _), result in zip(queued, results, strict=True):
        if isinstance(result, SEND_ERRORS):
            failures.append((record, result))
        elif isinstance(result, BaseException):
            raise result
    return failures

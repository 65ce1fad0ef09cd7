"""Produce-and-wait with bounded retry, against a scripted fake producer (no broker)."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any, cast

import pytest
from aiokafka.errors import KafkaTimeoutError, MessageSizeTooLargeError, NotLeaderForPartitionError
from claimwire_enrich.service.delivery import is_too_large, produce_all
from claimwire_enrich.service.messages import OutgoingRecord, OutputRejectedError
from claimwire_schemas.events import DeadLetterReason
from faust.exceptions import ProducerSendError
from faust.types import ProducerT

from claimwire_base.retry import RetryPolicy

POLICY = RetryPolicy(attempts=3, initial_s=0.1, max_s=0.15)


class ScriptedProducer:
    """Answers each send with the next scripted outcome: None (acked), or an exception.

    ``("raise", exc)`` fails while queueing, as aiokafka does for an oversized record.
    """

    def __init__(self, *outcomes: Any) -> None:
        self._outcomes = deque(outcomes)
        self.sent: list[tuple[str, bytes | None]] = []

    async def send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        partition: int | None,
        timestamp: float | None,
        headers: Any,
    ) -> asyncio.Future[None]:
        outcome = self._outcomes.popleft() if self._outcomes else None
        if isinstance(outcome, tuple):
            raise outcome[1]
        self.sent.append((topic, value))
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if outcome is None:
            future.set_result(None)
        else:
            future.set_exception(outcome)
        return future


def _records(n: int) -> list[OutgoingRecord]:
    return [
        OutgoingRecord(topic="t", key=b"k", value=f"v{i}".encode(), headers=[]) for i in range(n)
    ]


def _run(producer: ScriptedProducer, records: list[OutgoingRecord]) -> list[float]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    asyncio.run(produce_all(cast(ProducerT, producer), records, POLICY, sleep=sleep))
    return slept


def test_all_acked_at_once_sends_each_record_once_in_order() -> None:
    producer = ScriptedProducer()
    assert _run(producer, _records(3)) == []
    assert [value for _, value in producer.sent] == [b"v0", b"v1", b"v2"]


def test_only_the_failed_record_is_sent_again_after_a_backoff() -> None:
    producer = ScriptedProducer(None, NotLeaderForPartitionError(), None, None)
    slept = _run(producer, _records(3))
    assert slept == [0.1]
    assert [value for _, value in producer.sent] == [b"v0", b"v1", b"v2", b"v1"]


def test_attempts_run_out_into_produce_failed() -> None:
    producer = ScriptedProducer(KafkaTimeoutError(), KafkaTimeoutError(), KafkaTimeoutError())
    with pytest.raises(OutputRejectedError) as caught:
        _run(producer, _records(1))
    assert caught.value.reason is DeadLetterReason.PRODUCE_FAILED
    assert "3 attempt(s)" in str(caught.value)
    assert len(producer.sent) == 3


def test_backoff_doubles_up_to_its_cap() -> None:
    producer = ScriptedProducer(KafkaTimeoutError(), KafkaTimeoutError(), None)
    assert _run(producer, _records(1)) == [0.1, 0.15]


def test_a_record_too_large_is_not_retried() -> None:
    too_large = ProducerSendError("Error while sending")
    too_large.__cause__ = MessageSizeTooLargeError()
    producer = ScriptedProducer(None, ("raise", too_large))
    with pytest.raises(OutputRejectedError) as caught:
        _run(producer, _records(2))
    assert caught.value.reason is DeadLetterReason.TOO_LARGE
    assert len(producer.sent) == 1


def test_the_broker_refusing_the_size_is_too_large_as_well() -> None:
    producer = ScriptedProducer(MessageSizeTooLargeError())
    with pytest.raises(OutputRejectedError) as caught:
        _run(producer, _records(1))
    assert caught.value.reason is DeadLetterReason.TOO_LARGE


def test_an_error_that_is_not_a_send_error_propagates() -> None:
    producer = ScriptedProducer(TypeError("a bug, not the broker"))
    with pytest.raises(TypeError):
        _run(producer, _records(1))


def test_is_too_large_follows_the_cause_chain() -> None:
    outer = ProducerSendError("wrapped")
    outer.__cause__ = MessageSizeTooLargeError()
    assert is_too_large(outer)
    assert not is_too_large(KafkaTimeoutError())


def test_retry_policy_is_capped_and_bounded() -> None:
    assert RetryPolicy(attempts=6, initial_s=0.5, max_s=3.0).delays() == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert RetryPolicy(attempts=1, initial_s=0.5, max_s=3.0).delays() == []

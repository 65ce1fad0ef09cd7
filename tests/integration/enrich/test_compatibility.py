"""A v1 raw event from a newer producer (an added optional field) is enriched, not dead-lettered."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from claimwire_enrich.service.settings import EnrichSettings
from claimwire_schemas.cloudevents import CloudEvent, new_traceparent, to_headers
from claimwire_schemas.events import ArticleEnriched, ArticleRaw
from claimwire_schemas.topics import RAW

pytestmark = pytest.mark.integration

Broker = Any  # conftest.Broker
StartWorker = Callable[..., Any]
Wire = Callable[[int], ArticleRaw]


def test_a_raw_event_with_fields_this_version_does_not_know_flows_through(
    enrich_settings: EnrichSettings, broker: Broker, start_worker: StartWorker, wire: Wire
) -> None:
    article = wire(7)
    newer = json.loads(article.model_dump_json())
    newer["paywall"] = "metered"
    newer["origin"]["crawler"] = {"name": "feedbot", "version": 3}
    event = CloudEvent(
        id="ingest-newer-1",
        source="claimwire/ingest",
        type=RAW.ce_type,
        time=article.ingested_at,
        traceparent=new_traceparent(),
    )
    broker.send_bytes(article.article_id.encode(), json.dumps(newer).encode(), to_headers(event))
    worker = start_worker("w")
    worker.wait_ready()

    enriched = broker.read(enrich_settings.topic_enriched, lambda rs: len(rs) >= 1)

    assert broker.read(enrich_settings.topic_deadletter, lambda rs: False, timeout_s=2) == []
    assert [r.key.decode() for r in enriched] == [article.article_id]
    assert ArticleEnriched.model_validate_json(enriched[0].value).title == article.title
    assert worker.stop() == 0

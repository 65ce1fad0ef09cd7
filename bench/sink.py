"""The sink's limit: a run's enriched events as bulk actions, to load without the service."""

from __future__ import annotations

from typing import Any

from claimwire_index.documents import decode_event, to_action
from claimwire_index.names import DocKind

from claimwire_base.kafka_io import create_consumer
from claimwire_base.settings import KafkaSettings


def enriched_actions(kafka: KafkaSettings, group: str, index_prefix: str) -> list[dict[str, Any]]:
    """Every enriched article and claim on the run's topics, as ``helpers.bulk`` actions.

    Reads both topics from the start in consumer group ``group`` until five polls in a
    row bring nothing; the documents are the index service's own (``to_action``).
    """
    consumer = create_consumer(kafka, group, [kafka.topic_enriched, kafka.topic_claims])
    actions: list[dict[str, Any]] = []
    idle = 0
    try:
        while idle < 5:
            batches = consumer.poll(timeout_ms=1000, max_records=5000)
            idle = 0 if batches else idle + 1
            for tp, records in batches.items():
                kind = DocKind.ARTICLES if tp.topic == kafka.topic_enriched else DocKind.CLAIMS
                for record in records:
                    action = to_action(decode_event(kind, record.value), index_prefix)
                    actions.append(
                        {"_index": action.index, "_id": action.doc_id, "_source": action.source}
                    )
    finally:
        consumer.close()
    return actions

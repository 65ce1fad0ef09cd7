"""Producers write strictly, consumers read tolerantly: a newer producer's extra field reads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from claimwire_schemas import generate
from claimwire_schemas.events import COMPATIBILITY, read_event
from claimwire_schemas.topics import ALL_TOPICS, TopicSpec
from pydantic import ValidationError

EXAMPLES = generate.SCHEMAS_DIR / "examples" / "v1"


def _example(topic: TopicSpec) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((EXAMPLES / f"{topic.name}.json").read_text("utf-8"))
    return loaded


def _with_extras(value: Any) -> Any:
    """``value`` with a field no v1 model knows added to every object, at every depth."""
    if isinstance(value, dict):
        return {**{k: _with_extras(v) for k, v in value.items()}, "added_in_v1_9": {"x": 1}}
    if isinstance(value, list):
        return [_with_extras(item) for item in value]
    return value


@pytest.mark.parametrize("topic", ALL_TOPICS, ids=lambda t: t.name)
def test_an_event_with_unknown_fields_at_every_depth_reads_as_the_v1_event(
    topic: TopicSpec,
) -> None:
    example = _example(topic)
    newer = json.dumps(_with_extras(example))

    assert read_event(topic.model, newer) == topic.model.model_validate(example)
    assert read_event(topic.model, newer.encode()) == topic.model.model_validate(example)


@pytest.mark.parametrize("topic", ALL_TOPICS, ids=lambda t: t.name)
def test_producers_stay_strict(topic: TopicSpec) -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        topic.model.model_validate({**_example(topic), "surprise": 1})


@pytest.mark.parametrize("topic", ALL_TOPICS, ids=lambda t: t.name)
def test_the_tolerant_reader_still_refuses_a_missing_or_wrong_field(topic: TopicSpec) -> None:
    example = _example(topic)
    first_required = next(iter(topic.model.model_json_schema()["required"]))
    missing = {k: v for k, v in example.items() if k != first_required}
    with pytest.raises(ValidationError, match="Field required"):
        read_event(topic.model, json.dumps(missing))
    with pytest.raises(ValidationError):
        read_event(topic.model, json.dumps({**example, first_required: {"not": "this"}}))


def test_the_asyncapi_document_states_the_compatibility_policy() -> None:
    description = generate.asyncapi_document()["info"]["description"]
    assert COMPATIBILITY in description
    assert "ignore fields they do not know" in description

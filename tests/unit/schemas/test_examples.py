"""Compatibility: payloads written against v1 stay valid for the models and the committed schemas.

``schemas/examples/v1`` holds hand-written example payloads, one per topic.
A model change that makes one of them invalid breaks consumers: it needs a
new topic version instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from claimwire_schemas import generate
from claimwire_schemas.events import ArticleRaw, DeadLetter
from claimwire_schemas.topics import ALL_TOPICS, TopicSpec
from pydantic import ValidationError

EXAMPLES = generate.SCHEMAS_DIR / "examples" / "v1"


def _example(topic: TopicSpec) -> dict[str, object]:
    path = EXAMPLES / f"{topic.name}.json"
    loaded: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _validator(topic: TopicSpec) -> jsonschema.Draft202012Validator:
    schema = json.loads(generate.json_schema_path(topic).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_every_topic_has_an_example() -> None:
    names = {p.stem for p in EXAMPLES.glob("*.json")}
    assert names == {t.name for t in ALL_TOPICS}


@pytest.mark.parametrize("topic", ALL_TOPICS, ids=lambda t: t.name)
def test_example_validates_against_the_model(topic: TopicSpec) -> None:
    model = topic.model.model_validate(_example(topic))
    again = topic.model.model_validate_json(model.model_dump_json())
    assert again == model


@pytest.mark.parametrize("topic", ALL_TOPICS, ids=lambda t: t.name)
def test_example_validates_against_the_committed_json_schema(topic: TopicSpec) -> None:
    errors = [e.message for e in _validator(topic).iter_errors(_example(topic))]
    assert errors == []


@pytest.mark.parametrize("topic", ALL_TOPICS, ids=lambda t: t.name)
def test_what_the_model_writes_validates_against_the_json_schema(topic: TopicSpec) -> None:
    dumped = json.loads(topic.model.model_validate(_example(topic)).model_dump_json())
    assert [e.message for e in _validator(topic).iter_errors(dumped)] == []


def test_schema_and_model_both_refuse_an_unknown_field() -> None:
    from claimwire_schemas.topics import RAW

    payload = {**_example(RAW), "surprise": 1}
    with pytest.raises(ValidationError):
        ArticleRaw.model_validate(payload)
    assert not _validator(RAW).is_valid(payload)


def test_models_are_frozen() -> None:
    from claimwire_schemas.topics import DEADLETTER

    letter = DeadLetter.model_validate(_example(DEADLETTER))
    with pytest.raises(ValidationError):
        letter.reason = "empty"  # type: ignore[assignment]


def test_examples_folder_is_in_the_repository() -> None:
    assert Path(EXAMPLES).is_dir()

"""The committed JSON Schemas and AsyncAPI document are exactly what the models generate."""

from __future__ import annotations

import json

import yaml
from claimwire_schemas import generate
from claimwire_schemas.topics import ALL_TOPICS, DEADLETTER, RAW

REGENERATE = "run `python -m claimwire_schemas.generate` (make schemas) and commit the result"


def test_committed_files_match_the_models() -> None:
    stale = [str(p.relative_to(generate.SCHEMAS_DIR)) for p in generate.stale_files()]
    assert not stale, f"stale contract files {stale}: {REGENERATE}"


def test_generation_is_deterministic() -> None:
    assert generate.generated_files() == generate.generated_files()


def test_one_json_schema_per_topic_with_dialect_and_id() -> None:
    for topic in ALL_TOPICS:
        schema = json.loads(generate.json_schema_path(topic).read_text(encoding="utf-8"))
        assert schema["$schema"] == generate.JSON_SCHEMA_DIALECT
        assert schema["$id"].endswith(f"{topic.name}.schema.json")
        assert schema["title"] == topic.model.__name__
        assert schema["additionalProperties"] is False


def test_asyncapi_describes_the_four_topics_with_keys_and_headers() -> None:
    document = yaml.safe_load(generate.ASYNCAPI_PATH.read_text(encoding="utf-8"))
    assert document["asyncapi"].startswith("3.")
    addresses = {channel["address"] for channel in document["channels"].values()}
    assert addresses == {topic.name for topic in ALL_TOPICS}
    messages = document["components"]["messages"]
    raw = messages[RAW.model.__name__]
    assert raw["payload"] == {"$ref": "#/components/schemas/ArticleRaw"}
    assert raw["headers"]["properties"]["ce_type"]["const"] == RAW.ce_type
    assert "traceparent" in raw["headers"]["required"]
    assert "article_id" in raw["bindings"]["kafka"]["key"]["description"]
    dead = messages[DEADLETTER.model.__name__]
    assert dead["contentType"] == "application/octet-stream"
    assert "$ref" not in dead["payload"], "a dead letter's payload is the original bytes"
    assert "x-claimwire-reason" in dead["headers"]["required"]
    assert "bad_date" in dead["headers"]["properties"]["x-claimwire-reason"]["enum"]


def test_asyncapi_references_resolve() -> None:
    document = yaml.safe_load(generate.ASYNCAPI_PATH.read_text(encoding="utf-8"))

    def refs(node: object) -> list[str]:
        if isinstance(node, dict):
            found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
            return found + [r for value in node.values() for r in refs(value)]
        if isinstance(node, list):
            return [r for value in node for r in refs(value)]
        return []

    for ref in refs(document):
        target: object = document
        for part in ref.removeprefix("#/").split("/"):
            assert isinstance(target, dict) and part in target, f"unresolved $ref {ref}"
            target = target[part]

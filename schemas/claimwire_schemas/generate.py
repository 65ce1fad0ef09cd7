"""Write the committed contract files from the models: JSON Schemas and the AsyncAPI document.

``python -m claimwire_schemas.generate`` (``make schemas``) rewrites
``schemas/json/<topic>.schema.json`` and ``schemas/asyncapi.yaml``;
``--check`` writes nothing and exits 1 when a committed file differs from
what the models generate. Output is deterministic (sorted JSON keys, fixed
YAML order), so regenerating without a model change changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from claimwire_schemas.cloudevents import CONTENT_TYPE, SPECVERSION
from claimwire_schemas.deadletter import HEADER_PREFIX
from claimwire_schemas.events import COMPATIBILITY, SCHEMA_VERSION, DeadLetter
from claimwire_schemas.topics import ALL_TOPICS, DEADLETTER, TopicSpec

SCHEMAS_DIR = Path(__file__).resolve().parent.parent
JSON_DIR = SCHEMAS_DIR / "json"
ASYNCAPI_PATH = SCHEMAS_DIR / "asyncapi.yaml"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID_BASE = "https://claimwire.dev/schemas/"
TRACEPARENT_PATTERN = "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"
KAFKA_BINDING_VERSION = "0.5.0"


def json_schema_path(topic: TopicSpec) -> Path:
    return JSON_DIR / f"{topic.name}.schema.json"


def topic_json_schema(topic: TopicSpec) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a topic's payload model, with ``$schema`` and ``$id``."""
    schema = topic.model.model_json_schema()
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"{SCHEMA_ID_BASE}{topic.name}.schema.json",
        **schema,
    }


def render_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _camel(name: str) -> str:
    first, *rest = name.replace(".", "_").split("_")
    return first + "".join(part.title() for part in rest)


def _channel_id(topic: TopicSpec) -> str:
    # "claimwire.articles.raw.v1" -> "articlesRawV1"
    return _camel(topic.name.removeprefix("claimwire.").replace(".", "_"))


def _cloudevents_headers(topic: TopicSpec) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "CloudEvents 1.0 Kafka binary mode, plus W3C trace context. "
        "Kafka header values are UTF-8 strings.",
        "required": [
            "ce_specversion",
            "ce_id",
            "ce_source",
            "ce_type",
            "ce_time",
            "content-type",
            "traceparent",
        ],
        "properties": {
            "ce_specversion": {"type": "string", "const": SPECVERSION},
            "ce_id": {"type": "string", "description": "Unique per event of one source."},
            "ce_source": {"type": "string", "description": "The stage, e.g. claimwire/ingest."},
            "ce_type": {"type": "string", "const": topic.ce_type},
            "ce_time": {"type": "string", "format": "date-time"},
            "content-type": {"type": "string", "const": CONTENT_TYPE},
            "traceparent": {
                "type": "string",
                "pattern": TRACEPARENT_PATTERN,
                "description": "W3C trace context: the trace started at ingest, carried to index.",
            },
        },
    }


def _dead_letter_headers() -> dict[str, Any]:
    """CloudEvents headers plus one ``x-claimwire-*`` string header per ``DeadLetter`` field."""
    headers = _cloudevents_headers(DEADLETTER)
    model = DeadLetter.model_json_schema()
    for name, prop in model["properties"].items():
        header: dict[str, Any] = {"type": "string"}
        variants = prop.get("anyOf", [prop])
        if any(v.get("format") == "date-time" for v in variants):
            header["format"] = "date-time"
        if any(v.get("type") == "integer" for v in variants):
            header["pattern"] = "^-?[0-9]+$"
        if "description" in prop:
            header["description"] = prop["description"]
        ref = prop.get("$ref", "")
        if ref:
            enum = model["$defs"][ref.rsplit("/", 1)[-1]]["enum"]
            header["enum"] = enum
        headers["properties"][f"{HEADER_PREFIX}{name.replace('_', '-')}"] = header
    headers["required"] += [
        f"{HEADER_PREFIX}{name.replace('_', '-')}" for name in model.get("required", [])
    ]
    headers["description"] += (
        f" The {HEADER_PREFIX}* headers carry the DeadLetter model (schema DeadLetter)."
    )
    return headers


def _message(topic: TopicSpec) -> dict[str, Any]:
    is_dead_letter = topic is DEADLETTER
    model_name = topic.model.__name__
    message: dict[str, Any] = {
        "name": model_name,
        "title": model_name,
        "summary": topic.summary,
        "contentType": "application/octet-stream" if is_dead_letter else CONTENT_TYPE,
        "headers": _dead_letter_headers() if is_dead_letter else _cloudevents_headers(topic),
        "bindings": {
            "kafka": {
                "key": {
                    "type": "string",
                    "description": "The original message's key, unchanged (may be absent)."
                    if is_dead_letter
                    else f"{topic.key}, UTF-8.",
                },
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
    }
    if is_dead_letter:
        message["payload"] = {
            "description": "The original message value, byte for byte (any content), "
            "so it can be replayed after a fix.",
        }
    else:
        message["payload"] = {"$ref": f"#/components/schemas/{model_name}"}
    return message


def asyncapi_document() -> dict[str, Any]:
    """The AsyncAPI 3.0 description of the four topics: keys, headers, payload schemas."""
    models: list[type[BaseModel]] = [t.model for t in ALL_TOPICS]
    _, defs = models_json_schema(
        [(m, "validation") for m in models], ref_template="#/components/schemas/{model}"
    )
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for topic in ALL_TOPICS:
        channel = _channel_id(topic)
        message_id = topic.model.__name__
        messages[message_id] = _message(topic)
        channels[channel] = {
            "address": topic.name,
            "description": topic.summary,
            "messages": {message_id: {"$ref": f"#/components/messages/{message_id}"}},
            "bindings": {"kafka": {"topic": topic.name, "bindingVersion": KAFKA_BINDING_VERSION}},
        }
        operations[f"send{channel[0].upper()}{channel[1:]}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel}"},
            "summary": f"Claimwire publishes to {topic.name}; consumers subscribe.",
            "messages": [{"$ref": f"#/channels/{channel}/messages/{message_id}"}],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Claimwire events",
            "version": f"{SCHEMA_VERSION}.0.0",
            "description": "Topics of Claimwire, a public API: news articles in, enriched "
            "articles and attributed claims out. Generated from the pydantic models by "
            "`python -m claimwire_schemas.generate`; do not edit by hand.\n\n" + COMPATIBILITY,
        },
        "defaultContentType": CONTENT_TYPE,
        "channels": channels,
        "operations": operations,
        "components": {
            "messages": messages,
            "schemas": dict(sorted(defs["$defs"].items())),
        },
    }


def render_asyncapi() -> str:
    header = "# Generated by `python -m claimwire_schemas.generate` (make schemas). Do not edit.\n"
    body = yaml.safe_dump(asyncapi_document(), sort_keys=False, allow_unicode=True, width=100)
    return header + body


def generated_files() -> dict[Path, str]:
    """Every contract file and the text it must hold. Pure."""
    files = {json_schema_path(t): render_json(topic_json_schema(t)) for t in ALL_TOPICS}
    files[ASYNCAPI_PATH] = render_asyncapi()
    return files


def stale_files() -> list[Path]:
    """Committed files that differ from (or are missing next to) what the models generate."""
    return [
        path
        for path, text in generated_files().items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimwire_schemas.generate")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"stale: {path} (run `python -m claimwire_schemas.generate`)", file=sys.stderr)
        return 1 if stale else 0
    JSON_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in generated_files().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(SCHEMAS_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

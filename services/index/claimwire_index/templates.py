"""The mappings of the public indices and the composable index templates that carry them.

The mapping is chosen field by field (``dynamic: strict``): a document with a
field not listed here is rejected instead of growing the mapping. The JSON
files in ``deploy/elasticsearch/`` are these templates rendered with the
default prefix; regenerate them with ``python -m claimwire_index.templates``
(a unit test fails when they drift).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from claimwire_index.names import (
    MAPPING_VERSION,
    DocKind,
    alias_name,
    index_pattern,
    template_name,
)

JsonObject = dict[str, Any]

DEFAULT_PREFIX = "claimwire"
# Above the built-in templates (logs-*-*, metrics-*-* use 100), so ours win if patterns overlap.
TEMPLATE_PRIORITY = 200
# English stemming from the core `hunspell` token filter and an en_US dictionary in the
# node's config/hunspell/en_US/ (the local stack copies it there; compose mounts it): the
# built-in `english` analyzer and the stemmers live in analysis-common, which the
# distribution zip of the local stack lacks. One definition serves both.
ENGLISH = "claimwire_english"
HUNSPELL_LOCALE = "en_US"
ANALYSIS: JsonObject = {
    "filter": {
        "claimwire_en_us_stem": {"type": "hunspell", "locale": HUNSPELL_LOCALE, "dedup": True}
    },
    "analyzer": {
        ENGLISH: {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "stop", "claimwire_en_us_stem"],
        }
    },
}
STANDARD_SUBFIELD = "standard"
TEXT_SUBFIELD = "text"

KEYWORD: JsonObject = {"type": "keyword"}
DATE: JsonObject = {"type": "date"}
FLOAT: JsonObject = {"type": "float"}
DOUBLE: JsonObject = {"type": "double"}
INTEGER: JsonObject = {"type": "integer"}
BOOLEAN: JsonObject = {"type": "boolean"}
GEO_POINT: JsonObject = {"type": "geo_point"}

# Stemmed English for recall, the standard analyzer beside it for exact words;
# offsets in the postings make the unified highlighter fast on long bodies.
FULL_TEXT: JsonObject = {
    "type": "text",
    "analyzer": ENGLISH,
    "index_options": "offsets",
    "fields": {
        STANDARD_SUBFIELD: {"type": "text", "analyzer": "standard", "index_options": "offsets"}
    },
}
# A name aggregates as a keyword and is found by part ("Singh") through ``.text``.
NAME: JsonObject = {
    "type": "keyword",
    "fields": {TEXT_SUBFIELD: {"type": "text", "analyzer": "standard"}},
}


def _object(**properties: JsonObject) -> JsonObject:
    return {"properties": properties}


ECS_EVENT: JsonObject = _object(id=KEYWORD, created=DATE, ingested=DATE, dataset=KEYWORD)
# The W3C trace the event belongs to (from its traceparent header), as ECS names it.
ECS_TRACE: JsonObject = _object(id=KEYWORD)
PLACES: JsonObject = _object(names=NAME, country_codes=KEYWORD, location=GEO_POINT)

ARTICLE_PROPERTIES: JsonObject = {
    "@timestamp": DATE,
    "event": ECS_EVENT,
    "trace": ECS_TRACE,
    "article_id": KEYWORD,
    "url": KEYWORD,
    "title": FULL_TEXT,
    "body": FULL_TEXT,
    "source": KEYWORD,
    "author": KEYWORD,
    "language": KEYWORD,
    "published_at": DATE,
    "entities": _object(persons=NAME, organisations=NAME, locations=NAME, groups=NAME, roles=NAME),
    "places": PLACES,
    "quotes": _object(text=FULL_TEXT, speaker=NAME, speaker_type=KEYWORD),
    "amounts": _object(value=DOUBLE, unit=KEYWORD, kind=KEYWORD, text=KEYWORD),
    "claimants": NAME,
    "claim_count": INTEGER,
    "warnings": KEYWORD,
}

CLAIM_PROPERTIES: JsonObject = {
    "@timestamp": DATE,
    "event": ECS_EVENT,
    "trace": ECS_TRACE,
    "claim_id": KEYWORD,
    "article_id": KEYWORD,
    "text": FULL_TEXT,
    "claimant": NAME,
    "claimant_type": KEYWORD,
    "quoted": BOOLEAN,
    "url": KEYWORD,
    "source": KEYWORD,
    "datePublished": DATE,
    "language": KEYWORD,
    "claim_type": KEYWORD,
    "checkworthiness": FLOAT,
    "certainty": FLOAT,
    "hedges": KEYWORD,
    "amount_values": DOUBLE,
    "amount_units": KEYWORD,
    "entities": NAME,
    "places": PLACES,
    "fingerprint": KEYWORD,
}

PROPERTIES: dict[DocKind, JsonObject] = {
    DocKind.ARTICLES: ARTICLE_PROPERTIES,
    DocKind.CLAIMS: CLAIM_PROPERTIES,
}

DESCRIPTIONS: dict[DocKind, str] = {
    DocKind.ARTICLES: "Enriched news articles (topic claimwire.articles.enriched.v1).",
    DocKind.CLAIMS: "Attributed claims, one flat document each (topic claimwire.claims.v1).",
}


def mappings(kind: DocKind) -> JsonObject:
    """The strict mapping of one document kind. Pure; a fresh dict each call."""
    return {
        "dynamic": "strict",
        "_meta": {"claimwire_kind": kind.value, "claimwire_mapping_version": MAPPING_VERSION},
        "properties": json.loads(json.dumps(PROPERTIES[kind])),
    }


def index_template(
    kind: DocKind, prefix: str, shards: int = 1, auto_expand_replicas: str = "0-1"
) -> JsonObject:
    """The composable index template body for ``PUT _index_template/<name>``. Pure.

    Every concrete index it creates joins the kind's alias, so readers never
    need to know the monthly index names.
    """
    return {
        "index_patterns": [index_pattern(prefix, kind)],
        "priority": TEMPLATE_PRIORITY,
        "version": MAPPING_VERSION,
        "_meta": {"description": DESCRIPTIONS[kind], "managed_by": "claimwire index setup"},
        "template": {
            "settings": {
                "index": {
                    "number_of_shards": shards,
                    "auto_expand_replicas": auto_expand_replicas,
                    "analysis": json.loads(json.dumps(ANALYSIS)),
                }
            },
            "mappings": mappings(kind),
            "aliases": {alias_name(prefix, kind): {}},
        },
    }


def leaf_fields(properties: JsonObject, parent: str = "") -> dict[str, str]:
    """``{"places.location": "geo_point", "title": "text", ...}`` without multi-fields. Pure."""
    fields: dict[str, str] = {}
    for name, spec in properties.items():
        path = f"{parent}{name}"
        if "properties" in spec:
            fields.update(leaf_fields(spec["properties"], f"{path}."))
        else:
            fields[path] = spec["type"]
    return fields


def all_fields(properties: JsonObject) -> dict[str, str]:
    """Like ``leaf_fields`` plus the multi-fields (``title.standard``, ``claimant.text``). Pure."""
    fields: dict[str, str] = {}
    for name, spec in properties.items():
        if "properties" in spec:
            fields.update({f"{name}.{k}": v for k, v in all_fields(spec["properties"]).items()})
            continue
        fields[name] = spec["type"]
        for sub, sub_spec in spec.get("fields", {}).items():
            fields[f"{name}.{sub}"] = sub_spec["type"]
    return fields


def template_file_name(kind: DocKind, prefix: str = DEFAULT_PREFIX) -> str:
    return f"{template_name(prefix, kind)}.index-template.json"


def render_template_file(kind: DocKind) -> str:
    """The committed JSON text of one template (default prefix), newline-terminated."""
    return json.dumps(index_template(kind, DEFAULT_PREFIX), indent=2, ensure_ascii=False) + "\n"


def write_template_files(directory: Path) -> list[Path]:
    """Write both templates into ``directory``; idempotent. Returns the paths written."""
    written = []
    for kind in DocKind:
        path = directory / template_file_name(kind)
        path.write_text(render_template_file(kind), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "deploy/elasticsearch")
    for written_path in write_template_files(target):
        print(written_path)

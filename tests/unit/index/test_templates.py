"""Index templates: strict mappings, aliases, and the committed JSON files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from claimwire_index.names import DocKind, alias_name, index_pattern, template_name
from claimwire_index.templates import (
    ENGLISH,
    PROPERTIES,
    STANDARD_SUBFIELD,
    all_fields,
    index_template,
    leaf_fields,
    render_template_file,
    template_file_name,
)

DEPLOY = Path(__file__).resolve().parents[3] / "deploy" / "elasticsearch"


@pytest.mark.parametrize("kind", list(DocKind))
def test_committed_template_files_match_the_code(kind: DocKind) -> None:
    path = DEPLOY / template_file_name(kind)
    assert path.is_file(), f"{path} missing: run python -m claimwire_index.templates"
    assert path.read_text(encoding="utf-8") == render_template_file(kind), (
        f"{path.name} drifted from claimwire_index.templates: "
        "run `python -m claimwire_index.templates deploy/elasticsearch`"
    )


@pytest.mark.parametrize("kind", list(DocKind))
def test_template_is_strict_aliased_and_scoped_to_its_prefix(kind: DocKind) -> None:
    body = index_template(kind, "cwtest-abc")
    assert body["index_patterns"] == [f"cwtest-abc-{kind.value}-v1-*"]
    assert body["index_patterns"] == [index_pattern("cwtest-abc", kind)]
    assert body["template"]["mappings"]["dynamic"] == "strict"
    assert body["template"]["aliases"] == {alias_name("cwtest-abc", kind): {}}
    assert template_name("cwtest-abc", kind) == f"cwtest-abc-{kind.value}-v1"


@pytest.mark.parametrize("kind", list(DocKind))
def test_ecs_base_fields_are_mapped(kind: DocKind) -> None:
    fields = leaf_fields(PROPERTIES[kind])
    assert fields["@timestamp"] == "date"
    assert fields["event.id"] == "keyword"
    assert fields["event.created"] == "date"
    assert fields["event.ingested"] == "date"
    assert fields["event.dataset"] == "keyword"


def test_full_text_fields_use_english_with_a_standard_subfield() -> None:
    for kind, field in [
        (DocKind.ARTICLES, "title"),
        (DocKind.ARTICLES, "body"),
        (DocKind.ARTICLES, "quotes"),
        (DocKind.CLAIMS, "text"),
    ]:
        spec = PROPERTIES[kind][field]
        spec = spec["properties"]["text"] if "properties" in spec else spec
        assert spec["analyzer"] == ENGLISH
        assert spec["fields"][STANDARD_SUBFIELD]["analyzer"] == "standard"


def test_aggregated_fields_are_keywords_and_places_are_geo_points() -> None:
    articles = all_fields(PROPERTIES[DocKind.ARTICLES])
    claims = all_fields(PROPERTIES[DocKind.CLAIMS])
    for name in [
        "source",
        "language",
        "url",
        "entities.persons",
        "entities.organisations",
        "entities.locations",
        "quotes.speaker",
        "places.names",
        "places.country_codes",
    ]:
        assert articles[name] == "keyword", name
    for name in [
        "claimant",
        "source",
        "article_id",
        "amount_units",
        "entities",
        "fingerprint",
        "claim_type",
    ]:
        assert claims[name] == "keyword", name
    assert articles["places.location"] == claims["places.location"] == "geo_point"
    assert claims["amount_values"] == "double"
    assert claims["datePublished"] == "date"
    assert claims["claimant.text"] == "text"


def test_generated_template_is_plain_json() -> None:
    for kind in DocKind:
        assert json.loads(render_template_file(kind))["version"] == 1


def test_the_english_analyzer_needs_nothing_outside_the_core_modules() -> None:
    # The local stack's distribution zip has no analysis-common: no `english` analyzer,
    # no stemmer filters. Stemming comes from the core hunspell filter (en_US).
    settings = index_template(DocKind.ARTICLES, "claimwire")["template"]["settings"]["index"]
    analyzer = settings["analysis"]["analyzer"][ENGLISH]
    filters = settings["analysis"]["filter"]
    assert analyzer["tokenizer"] == "standard"
    core = {"lowercase", "stop"}
    custom = [name for name in analyzer["filter"] if name not in core]
    assert [filters[name]["type"] for name in custom] == ["hunspell"]
    assert filters[custom[0]]["locale"] == "en_US"

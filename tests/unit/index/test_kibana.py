"""deploy/kibana/claimwire.ndjson: importable by Kibana 9 and true to the mappings."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from claimwire_index.kibana import render_ndjson
from claimwire_index.names import DocKind, alias_name
from claimwire_index.templates import DEFAULT_PREFIX, PROPERTIES, all_fields

NDJSON = Path(__file__).resolve().parents[3] / "deploy" / "kibana" / "claimwire.ndjson"
KNOWN_TYPES = {"index-pattern", "search", "visualization", "lens", "map", "dashboard"}
META_FIELDS = {"_id", "_index", "_score", "_source"}
# Kibana 9 import migrates objects forward and refuses versions it does not know yet.
NEWEST_KNOWN = {
    "index-pattern": (8, 0, 0),
    "search": (10, 5, 0),
    "visualization": (8, 5, 0),
    "lens": (8, 9, 0),
    "map": (8, 4, 0),
    "dashboard": (10, 3, 0),
}
KQL_FIELD = re.compile(r"([A-Za-z_@][\w.@]*)\s*(?::|<=|>=|<|>)")


def load() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    lines = [line for line in NDJSON.read_text(encoding="utf-8").splitlines() if line.strip()]
    parsed = [json.loads(line) for line in lines]
    return parsed[:-1], parsed[-1]


OBJECTS, SUMMARY = load()
BY_KEY = {(obj["type"], obj["id"]): obj for obj in OBJECTS}
MAPPED = {
    alias_name(DEFAULT_PREFIX, kind): set(all_fields(PROPERTIES[kind])) | META_FIELDS
    for kind in DocKind
}


def mapped_fields_of(obj: dict[str, Any], ref_name: str) -> set[str]:
    """The mapped fields behind the index pattern that ``obj`` references as ``ref_name``."""
    ref = next(r for r in obj["references"] if r["name"] == ref_name)
    pattern = BY_KEY[("index-pattern", ref["id"])]
    return MAPPED[pattern["attributes"]["title"]]


def test_file_matches_the_generator() -> None:
    assert NDJSON.read_text(encoding="utf-8") == render_ndjson(), (
        "deploy/kibana/claimwire.ndjson drifted: run `python -m claimwire_index.kibana`"
    )


def test_export_summary_counts_the_objects() -> None:
    assert SUMMARY["exportedCount"] == len(OBJECTS)
    assert SUMMARY["missingRefCount"] == 0 and SUMMARY["missingReferences"] == []


@pytest.mark.parametrize("obj", OBJECTS, ids=lambda o: f"{o['type']}:{o['id']}")
def test_every_object_has_what_import_needs(obj: dict[str, Any]) -> None:
    assert obj["type"] in KNOWN_TYPES
    assert isinstance(obj["id"], str) and obj["id"]
    assert isinstance(obj["attributes"], dict) and obj["attributes"]["title"]
    assert isinstance(obj["references"], list)
    assert "migrationVersion" not in obj, "the 7.x field: Kibana 9 exports typeMigrationVersion"
    assert obj["coreMigrationVersion"] == "8.8.0"
    version = tuple(int(part) for part in obj["typeMigrationVersion"].split("."))
    assert version <= NEWEST_KNOWN[obj["type"]]
    for ref in obj["references"]:
        assert set(ref) == {"id", "name", "type"}
        assert (ref["type"], ref["id"]) in BY_KEY, f"dangling reference {ref}"


def test_ids_are_unique() -> None:
    assert len(BY_KEY) == len(OBJECTS)


def test_index_patterns_cover_both_aliases_with_a_date_time_field() -> None:
    patterns = [o for o in OBJECTS if o["type"] == "index-pattern"]
    assert {p["attributes"]["title"] for p in patterns} == set(MAPPED)
    for pattern in patterns:
        title = pattern["attributes"]["title"]
        fields = json.loads(pattern["attributes"]["fields"])
        by_name = {f["name"]: f for f in fields}
        assert by_name[pattern["attributes"]["timeFieldName"]]["type"] == "date"
        assert set(by_name) == MAPPED[title]


@pytest.mark.parametrize(
    "obj",
    [o for o in OBJECTS if o["type"] in {"search", "visualization"}],
    ids=lambda o: o["id"],
)
def test_search_sources_point_at_a_reference_and_use_mapped_fields(obj: dict[str, Any]) -> None:
    source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
    ref_name = source["indexRefName"]
    fields = mapped_fields_of(obj, ref_name)
    query_fields = set(KQL_FIELD.findall(source["query"]["query"]))
    assert query_fields <= fields
    if obj["type"] == "search":
        assert set(obj["attributes"]["columns"]) <= fields
        assert {field for field, _ in obj["attributes"]["sort"]} <= fields
    else:
        vis_state = json.loads(obj["attributes"]["visState"])
        used = {agg["params"]["field"] for agg in vis_state["aggs"] if "field" in agg["params"]}
        assert used, "a visualization that aggregates nothing"
        assert used <= fields


def test_saved_searches_exist_for_checkworthiness_and_speakers() -> None:
    searches = {o["attributes"]["title"]: o for o in OBJECTS if o["type"] == "search"}
    high = searches["Claims: high check-worthiness"]
    query = json.loads(high["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]
    assert "checkworthiness >=" in query["query"]
    quotes = searches["Articles: quotations by speaker"]
    assert quotes["attributes"]["columns"][:2] == ["quotes.speaker", "quotes.text"]


def test_map_layers_use_mapped_geo_points() -> None:
    maps = [o for o in OBJECTS if o["type"] == "map"]
    assert maps
    for map_obj in maps:
        layers = json.loads(map_obj["attributes"]["layerListJSON"])
        data_layers = [
            layer for layer in layers if "indexPatternRefName" in layer["sourceDescriptor"]
        ]
        assert data_layers
        for layer in data_layers:
            descriptor = layer["sourceDescriptor"]
            assert descriptor["geoField"] in mapped_fields_of(
                map_obj, descriptor["indexPatternRefName"]
            )
        json.loads(map_obj["attributes"]["mapStateJSON"])


def test_dashboard_panels_resolve_and_show_what_analysts_asked_for() -> None:
    dashboards = [o for o in OBJECTS if o["type"] == "dashboard"]
    assert len(dashboards) == 1
    dashboard = dashboards[0]
    panels = json.loads(dashboard["attributes"]["panelsJSON"])
    ref_names = {r["name"]: r for r in dashboard["references"]}
    assert all(panel["panelRefName"] in ref_names for panel in panels)
    titles = {BY_KEY[(r["type"], r["id"])]["attributes"]["title"] for r in dashboard["references"]}
    assert {
        "Claims over time",
        "Top claimants",
        "Top entities in claims",
        "Amounts by unit and claimant",
        "Places in the news",
    } <= titles

"""Kibana 7.10 saved objects for both aliases, rendered as the NDJSON Kibana's import API takes.

Index patterns carry their field lists (derived from the mappings), so
Kibana needs no refresh after import. ``deploy/kibana/claimwire.ndjson`` is
this module's output for the default prefix; regenerate it with
``python -m claimwire_index.kibana`` (a unit test fails when it drifts).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from claimwire_index.names import DocKind, alias_name
from claimwire_index.templates import DEFAULT_PREFIX, PROPERTIES, all_fields

JsonObject = dict[str, Any]

KIBANA_VERSION = "7.10.2"
# The newest migration each type knows in Kibana 7.10; a higher one would make import fail.
MIGRATION_VERSION = {
    "index-pattern": "7.6.0",
    "search": "7.9.3",
    "visualization": "7.10.0",
    "dashboard": "7.9.3",
    "map": "7.10.0",
}
SEARCH_SOURCE_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"
TIME_FIELD = "@timestamp"
HIGH_CHECKWORTHINESS = 0.7

_KIBANA_TYPES = {
    "text": "string",
    "keyword": "string",
    "date": "date",
    "float": "number",
    "double": "number",
    "integer": "number",
    "boolean": "boolean",
    "geo_point": "geo_point",
}
_META_FIELDS: list[JsonObject] = [
    {"name": "_id", "type": "string", "esTypes": ["_id"], "searchable": True, "aggregatable": True},
    {
        "name": "_index",
        "type": "string",
        "esTypes": ["_index"],
        "searchable": True,
        "aggregatable": True,
    },
    {"name": "_score", "type": "number", "searchable": False, "aggregatable": False},
    {
        "name": "_source",
        "type": "_source",
        "esTypes": ["_source"],
        "searchable": False,
        "aggregatable": False,
    },
    {
        "name": "_type",
        "type": "string",
        "esTypes": ["_type"],
        "searchable": True,
        "aggregatable": True,
    },
]


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _json_sorted(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def pattern_id(kind: DocKind, prefix: str = DEFAULT_PREFIX) -> str:
    return alias_name(prefix, kind)


def index_pattern_fields(kind: DocKind) -> list[JsonObject]:
    """Kibana's field list of one alias, from the mapping (multi-fields marked as such). Pure."""
    fields: list[JsonObject] = [
        {**meta, "count": 0, "scripted": False, "readFromDocValues": False} for meta in _META_FIELDS
    ]
    for name, es_type in sorted(all_fields(PROPERTIES[kind]).items()):
        field: JsonObject = {
            "name": name,
            "type": _KIBANA_TYPES[es_type],
            "esTypes": [es_type],
            "count": 0,
            "scripted": False,
            "searchable": True,
            "aggregatable": es_type != "text",
            "readFromDocValues": es_type != "text",
        }
        parent = name.rsplit(".", 1)[0]
        if "." in name and parent in all_fields(PROPERTIES[kind]):
            field["subType"] = {"multi": {"parent": parent}}
        fields.append(field)
    return fields


def _saved_object(
    obj_type: str, obj_id: str, attributes: JsonObject, references: list[JsonObject]
) -> JsonObject:
    return {
        "attributes": attributes,
        "id": obj_id,
        "migrationVersion": {obj_type: MIGRATION_VERSION[obj_type]},
        "references": references,
        "type": obj_type,
    }


def _index_ref(kind: DocKind, prefix: str, name: str = SEARCH_SOURCE_REF) -> JsonObject:
    return {"id": pattern_id(kind, prefix), "name": name, "type": "index-pattern"}


def _search_source(kql: str = "") -> JsonObject:
    return {
        "kibanaSavedObjectMeta": {
            "searchSourceJSON": _json(
                {
                    "query": {"query": kql, "language": "kuery"},
                    "filter": [],
                    "indexRefName": SEARCH_SOURCE_REF,
                }
            )
        }
    }


def index_pattern(kind: DocKind, prefix: str) -> JsonObject:
    attributes = {
        "fields": _json(index_pattern_fields(kind)),
        "timeFieldName": TIME_FIELD,
        "title": alias_name(prefix, kind),
    }
    return _saved_object("index-pattern", pattern_id(kind, prefix), attributes, [])


def saved_search(
    obj_id: str,
    title: str,
    kind: DocKind,
    prefix: str,
    kql: str,
    columns: list[str],
    sort: list[list[str]],
) -> JsonObject:
    attributes = {
        "title": title,
        "description": "",
        "hits": 0,
        "columns": columns,
        "sort": sort,
        "version": 1,
        **_search_source(kql),
    }
    return _saved_object("search", obj_id, attributes, [_index_ref(kind, prefix)])


def _count() -> JsonObject:
    return {"id": "1", "enabled": True, "type": "count", "schema": "metric", "params": {}}


def _terms(agg_id: str, field: str, size: int, schema: str, label: str) -> JsonObject:
    return {
        "id": agg_id,
        "enabled": True,
        "type": "terms",
        "schema": schema,
        "params": {
            "field": field,
            "orderBy": "1",
            "order": "desc",
            "size": size,
            "otherBucket": False,
            "missingBucket": False,
            "customLabel": label,
        },
    }


def _metric(agg_id: str, agg_type: str, field: str, label: str) -> JsonObject:
    return {
        "id": agg_id,
        "enabled": True,
        "type": agg_type,
        "schema": "metric",
        "params": {"field": field, "customLabel": label},
    }


def visualization(
    obj_id: str,
    title: str,
    vis_type: str,
    params: JsonObject,
    aggs: list[JsonObject],
    kind: DocKind,
    prefix: str,
) -> JsonObject:
    vis_state = {"title": title, "type": vis_type, "aggs": aggs, "params": params}
    attributes = {
        "title": title,
        "description": "",
        "uiStateJSON": "{}",
        "version": 1,
        "visState": _json(vis_state),
        **_search_source(),
    }
    return _saved_object("visualization", obj_id, attributes, [_index_ref(kind, prefix)])


def _histogram_params() -> JsonObject:
    return {
        "type": "histogram",
        "addLegend": True,
        "addTooltip": True,
        "legendPosition": "right",
        "times": [],
        "addTimeMarker": False,
        "grid": {"categoryLines": False},
        "categoryAxes": [
            {
                "id": "CategoryAxis-1",
                "type": "category",
                "position": "bottom",
                "show": True,
                "style": {},
                "scale": {"type": "linear"},
                "labels": {"show": True, "filter": True, "truncate": 100},
                "title": {},
            }
        ],
        "valueAxes": [
            {
                "id": "ValueAxis-1",
                "name": "LeftAxis-1",
                "type": "value",
                "position": "left",
                "show": True,
                "style": {},
                "scale": {"type": "linear", "mode": "normal"},
                "labels": {"show": True, "rotate": 0, "filter": False, "truncate": 100},
                "title": {"text": "Claims"},
            }
        ],
        "seriesParams": [
            {
                "show": True,
                "type": "histogram",
                "mode": "stacked",
                "data": {"label": "Claims", "id": "1"},
                "valueAxis": "ValueAxis-1",
                "drawLinesBetweenPoints": True,
                "lineWidth": 2,
                "showCircles": True,
            }
        ],
    }


def _table_params(per_page: int) -> JsonObject:
    return {
        "perPage": per_page,
        "showPartialRows": False,
        "showMetricsAtAllLevels": False,
        "sort": {"columnIndex": None, "direction": None},
        "showTotal": False,
        "totalFunc": "sum",
        "percentageCol": "",
    }


def _map(obj_id: str, title: str, prefix: str) -> JsonObject:
    def grid_layer(layer_id: str, label: str, ref: str, color: str) -> JsonObject:
        count_field = {"name": "doc_count", "origin": "source"}
        return {
            "id": layer_id,
            "label": label,
            "type": "VECTOR",
            "minZoom": 0,
            "maxZoom": 24,
            "alpha": 0.75,
            "visible": True,
            "joins": [],
            "sourceDescriptor": {
                "type": "ES_GEO_GRID",
                "id": f"{layer_id}-source",
                "indexPatternRefName": ref,
                "geoField": "places.location",
                "requestType": "point",
                "resolution": "COARSE",
                "metrics": [{"type": "count"}],
                "applyGlobalQuery": True,
            },
            "style": {
                "type": "VECTOR",
                "isTimeAware": True,
                "properties": {
                    "fillColor": {"type": "STATIC", "options": {"color": color}},
                    "lineColor": {"type": "STATIC", "options": {"color": "#FFFFFF"}},
                    "lineWidth": {"type": "STATIC", "options": {"size": 1}},
                    "iconSize": {
                        "type": "DYNAMIC",
                        "options": {
                            "minSize": 6,
                            "maxSize": 32,
                            "field": count_field,
                            "fieldMetaOptions": {"isEnabled": True, "sigma": 3},
                        },
                    },
                    "labelText": {"type": "DYNAMIC", "options": {"field": count_field}},
                },
            },
        }

    base = {
        "id": "basemap",
        "label": None,
        "type": "VECTOR_TILE",
        "minZoom": 0,
        "maxZoom": 24,
        "alpha": 1,
        "visible": True,
        "style": {"type": "TILE"},
        "sourceDescriptor": {"type": "EMS_TMS", "isAutoSelect": True},
    }
    layers = [
        base,
        grid_layer(
            "article-places", "Places in articles", "layer_1_source_index_pattern", "#6092C0"
        ),
        grid_layer("claim-places", "Places in claims", "layer_2_source_index_pattern", "#D36086"),
    ]
    map_state = {
        "zoom": 1.4,
        "center": {"lon": 10.0, "lat": 30.0},
        "timeFilters": {"from": "now-1y", "to": "now"},
        "refreshConfig": {"isPaused": True, "interval": 0},
        "query": {"query": "", "language": "kuery"},
        "filters": [],
        "settings": {"autoFitToDataBounds": False},
    }
    attributes = {
        "title": title,
        "description": "Where the articles and claims are about, clustered.",
        "layerListJSON": _json(layers),
        "mapStateJSON": _json(map_state),
        "uiStateJSON": _json({"isLayerTOCOpen": True, "openTOCDetails": []}),
    }
    references = [
        _index_ref(DocKind.ARTICLES, prefix, "layer_1_source_index_pattern"),
        _index_ref(DocKind.CLAIMS, prefix, "layer_2_source_index_pattern"),
    ]
    return _saved_object("map", obj_id, attributes, references)


def _dashboard(
    obj_id: str, title: str, panels: list[tuple[str, str, int, int, int, int]]
) -> JsonObject:
    """``panels``: (type, id, x, y, w, h) on Kibana's 48-column grid."""
    panels_json, references = [], []
    for number, (obj_type, panel_id, x, y, w, h) in enumerate(panels):
        ref = f"panel_{number}"
        panels_json.append(
            {
                "version": KIBANA_VERSION,
                "gridData": {"x": x, "y": y, "w": w, "h": h, "i": str(number + 1)},
                "panelIndex": str(number + 1),
                "embeddableConfig": {},
                "panelRefName": ref,
            }
        )
        references.append({"id": panel_id, "name": ref, "type": obj_type})
    attributes = {
        "title": title,
        "description": "Who claims what, how often, when, with which numbers and where.",
        "hits": 0,
        "panelsJSON": _json(panels_json),
        "optionsJSON": _json({"hidePanelTitles": False, "useMargins": True}),
        "version": 1,
        "timeRestore": False,
        "kibanaSavedObjectMeta": {
            "searchSourceJSON": _json({"query": {"query": "", "language": "kuery"}, "filter": []})
        },
    }
    return _saved_object("dashboard", obj_id, attributes, references)


def saved_objects(prefix: str = DEFAULT_PREFIX) -> list[JsonObject]:
    """Every saved object, dependencies before dependents (the order an export has). Pure."""
    claims, articles = DocKind.CLAIMS, DocKind.ARTICLES
    date_histogram = {
        "id": "2",
        "enabled": True,
        "type": "date_histogram",
        "schema": "segment",
        "params": {
            "field": TIME_FIELD,
            "useNormalizedEsInterval": True,
            "scaleMetricValues": False,
            "interval": "auto",
            "drop_partials": False,
            "min_doc_count": 1,
            "extended_bounds": {},
            "customLabel": "Published",
        },
    }
    by_type = _terms("3", "claim_type", 7, "group", "Claim type")
    objects = [
        index_pattern(articles, prefix),
        index_pattern(claims, prefix),
        saved_search(
            f"{prefix}-high-checkworthiness-claims",
            "Claims: high check-worthiness",
            claims,
            prefix,
            f"checkworthiness >= {HIGH_CHECKWORTHINESS}",
            ["claimant", "text", "checkworthiness", "certainty", "claim_type", "source"],
            [["checkworthiness", "desc"], [TIME_FIELD, "desc"]],
        ),
        saved_search(
            f"{prefix}-quotations-by-speaker",
            "Articles: quotations by speaker",
            articles,
            prefix,
            "quotes.speaker:*",
            ["quotes.speaker", "quotes.text", "title", "source"],
            [["quotes.speaker", "asc"], [TIME_FIELD, "desc"]],
        ),
        visualization(
            f"{prefix}-claims-over-time",
            "Claims over time",
            "histogram",
            _histogram_params(),
            [_count(), date_histogram, by_type],
            claims,
            prefix,
        ),
        visualization(
            f"{prefix}-top-claimants",
            "Top claimants",
            "table",
            _table_params(20),
            [
                _count(),
                _terms("2", "claimant", 20, "bucket", "Claimant"),
                _metric("3", "avg", "checkworthiness", "Mean check-worthiness"),
            ],
            claims,
            prefix,
        ),
        visualization(
            f"{prefix}-top-entities",
            "Top entities in claims",
            "tagcloud",
            {
                "scale": "linear",
                "orientation": "single",
                "minFontSize": 14,
                "maxFontSize": 60,
                "showLabel": True,
            },
            [_count(), _terms("2", "entities", 40, "segment", "Entity")],
            claims,
            prefix,
        ),
        visualization(
            f"{prefix}-amounts-by-unit-and-claimant",
            "Amounts by unit and claimant",
            "table",
            _table_params(20),
            [
                _count(),
                _terms("2", "amount_units", 15, "bucket", "Unit"),
                _terms("3", "claimant", 5, "bucket", "Claimant"),
                _metric("4", "sum", "amount_values", "Sum of values"),
                _metric("5", "max", "amount_values", "Largest value"),
            ],
            claims,
            prefix,
        ),
        _map(f"{prefix}-places", "Places in the news", prefix),
    ]
    objects.append(
        _dashboard(
            f"{prefix}-claims-dashboard",
            "Claimwire: claims",
            [
                ("visualization", f"{prefix}-claims-over-time", 0, 0, 48, 12),
                ("visualization", f"{prefix}-top-claimants", 0, 12, 24, 16),
                ("visualization", f"{prefix}-top-entities", 24, 12, 24, 16),
                ("visualization", f"{prefix}-amounts-by-unit-and-claimant", 0, 28, 24, 16),
                ("map", f"{prefix}-places", 24, 28, 24, 16),
                ("search", f"{prefix}-high-checkworthiness-claims", 0, 44, 48, 16),
            ],
        )
    )
    return objects


def render_ndjson(prefix: str = DEFAULT_PREFIX) -> str:
    """The NDJSON text, ending with the export summary line Kibana writes (and skips on import)."""
    objects = saved_objects(prefix)
    lines = [_json_sorted(obj) for obj in objects]
    summary = {"exportedCount": len(objects), "missingRefCount": 0, "missingReferences": []}
    lines.append(_json_sorted(summary))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "deploy/kibana/claimwire.ndjson")
    target.write_text(render_ndjson(), encoding="utf-8")
    print(target)

"""Builders of Kibana 9 saved objects (data views, searches, visualizations, maps,
dashboards) in the shape Kibana 9's saved-objects export writes and its import reads.

Each object carries ``coreMigrationVersion`` and its type's ``typeMigrationVersion``
as a Kibana 9 export does; import migrates an older version forward but refuses a
newer one, so these are versions every 9.x knows. Data views keep the ``index-pattern``
type name.
"""

from __future__ import annotations

import json
from typing import Any

from claimwire_index.names import DocKind, alias_name
from claimwire_index.templates import DEFAULT_PREFIX, PROPERTIES, all_fields

JsonObject = dict[str, Any]

KIBANA_MAJOR = 9
CORE_MIGRATION_VERSION = "8.8.0"
# The type versions of Kibana 9 exports (model versions are 10.x); each is known to 9.x.
TYPE_MIGRATION_VERSION = {
    "index-pattern": "8.0.0",
    "search": "10.5.0",
    "visualization": "8.5.0",
    "dashboard": "10.3.0",
    "map": "8.4.0",
}
SEARCH_SOURCE_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"
TIME_FIELD = "@timestamp"

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
]


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


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
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "id": obj_id,
        "managed": False,
        "references": references,
        "type": obj_type,
        "typeMigrationVersion": TYPE_MIGRATION_VERSION[obj_type],
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
    """A data view of one alias; it may exist before the alias does (the first document)."""
    attributes = {
        "allowNoIndex": True,
        "fieldFormatMap": "{}",
        "fields": _json(index_pattern_fields(kind)),
        "name": alias_name(prefix, kind),
        "runtimeFieldMap": "{}",
        "sourceFilters": "[]",
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
        "columns": columns,
        "sort": sort,
        "grid": {},
        "hideChart": False,
        "isTextBasedQuery": False,
        "timeRestore": False,
        **_search_source(kql),
    }
    return _saved_object("search", obj_id, attributes, [_index_ref(kind, prefix)])


def count_agg() -> JsonObject:
    return {"id": "1", "enabled": True, "type": "count", "schema": "metric", "params": {}}


def terms_agg(agg_id: str, field: str, size: int, schema: str, label: str) -> JsonObject:
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


def metric_agg(agg_id: str, agg_type: str, field: str, label: str) -> JsonObject:
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
        "visState": _json(vis_state),
        **_search_source(),
    }
    return _saved_object("visualization", obj_id, attributes, [_index_ref(kind, prefix)])


def histogram_params() -> JsonObject:
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


def table_params(per_page: int) -> JsonObject:
    return {
        "perPage": per_page,
        "showPartialRows": False,
        "showMetricsAtAllLevels": False,
        "sort": {"columnIndex": None, "direction": None},
        "showTotal": False,
        "totalFunc": "sum",
        "percentageCol": "",
    }


def map_object(obj_id: str, title: str, prefix: str) -> JsonObject:
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


def dashboard(
    obj_id: str, title: str, panels: list[tuple[str, str, int, int, int, int]]
) -> JsonObject:
    """``panels``: (type, id, x, y, w, h) on Kibana's 48-column grid."""
    panels_json, references = [], []
    for number, (obj_type, panel_id, x, y, w, h) in enumerate(panels):
        ref = f"panel_{number}"
        panels_json.append(
            {
                "type": obj_type,
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
        "panelsJSON": _json(panels_json),
        "optionsJSON": _json({"hidePanelTitles": False, "useMargins": True, "syncColors": False}),
        "timeRestore": False,
        "kibanaSavedObjectMeta": {
            "searchSourceJSON": _json({"query": {"query": "", "language": "kuery"}, "filter": []})
        },
    }
    return _saved_object("dashboard", obj_id, attributes, references)

"""Claimwire's Kibana 9 saved objects, rendered as the NDJSON Kibana's import API takes.

Data views carry their field lists (derived from the mappings), so Kibana
needs no refresh after import. The compose setup imports the file with
``POST /api/saved_objects/_import?overwrite=true``. ``deploy/kibana/claimwire.ndjson`` is
this module's output for the default prefix; regenerate it with
``python -m claimwire_index.kibana`` (a unit test fails when it drifts).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from claimwire_index.kibana_objects import (
    TIME_FIELD,
    JsonObject,
    count_agg,
    dashboard,
    histogram_params,
    index_pattern,
    map_object,
    metric_agg,
    saved_search,
    table_params,
    terms_agg,
    visualization,
)
from claimwire_index.names import DocKind
from claimwire_index.templates import DEFAULT_PREFIX

HIGH_CHECKWORTHINESS = 0.7


def _json_sorted(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


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
    by_type = terms_agg("3", "claim_type", 7, "group", "Claim type")
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
            histogram_params(),
            [count_agg(), date_histogram, by_type],
            claims,
            prefix,
        ),
        visualization(
            f"{prefix}-top-claimants",
            "Top claimants",
            "table",
            table_params(20),
            [
                count_agg(),
                terms_agg("2", "claimant", 20, "bucket", "Claimant"),
                metric_agg("3", "avg", "checkworthiness", "Mean check-worthiness"),
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
            [count_agg(), terms_agg("2", "entities", 40, "segment", "Entity")],
            claims,
            prefix,
        ),
        visualization(
            f"{prefix}-amounts-by-unit-and-claimant",
            "Amounts by unit and claimant",
            "table",
            table_params(20),
            [
                count_agg(),
                terms_agg("2", "amount_units", 15, "bucket", "Unit"),
                terms_agg("3", "claimant", 5, "bucket", "Claimant"),
                metric_agg("4", "sum", "amount_values", "Sum of values"),
                metric_agg("5", "max", "amount_values", "Largest value"),
            ],
            claims,
            prefix,
        ),
        map_object(f"{prefix}-places", "Places in the news", prefix),
    ]
    objects.append(
        dashboard(
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
    summary = {
        "excludedObjects": [],
        "excludedObjectsCount": 0,
        "exportedCount": len(objects),
        "missingRefCount": 0,
        "missingReferences": [],
    }
    lines.append(_json_sorted(summary))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "deploy/kibana/claimwire.ndjson")
    target.write_text(render_ndjson(), encoding="utf-8")
    print(target)

"""``claimwire search``: request bodies and result rendering (pure), and one call to run them.

Queries go through ``simple_query_string``, which never fails on syntax, so
a query full of Lucene special characters gives results or none, not an
error page.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from claimwire_index.names import DocKind, alias_name

JsonObject = dict[str, Any]

MARK_START, MARK_END = "\x02", "\x03"
TOP_CHOICES = ("claimants", "entities", "places")
ARTICLE_TEXT_FIELDS = ["title^3", "title.standard^2", "body", "body.standard", "quotes.text"]
CLAIM_TEXT_FIELDS = ["text^2", "text.standard"]
ENTITY_TYPE_FIELDS = ("persons", "organisations", "locations", "groups", "roles")


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked for; dates are inclusive days or exact instants."""

    query: str = ""
    claims: bool = False
    claimant: str | None = None
    entity: str | None = None
    place: str | None = None
    date_from: date | datetime | None = None
    date_to: date | datetime | None = None
    source: str | None = None
    size: int = 10
    top: str | None = None

    @property
    def kind(self) -> DocKind:
        return DocKind.CLAIMS if self.claims else DocKind.ARTICLES


def parse_when(text: str) -> date | datetime:
    """``2024-10-03`` (a whole day) or an ISO datetime. Raises ValueError with a clear message."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD or an ISO datetime)") from None


def _match_all_words(field: str, text: str) -> JsonObject:
    return {"match": {field: {"query": text, "operator": "and"}}}


def _date_range(request: SearchRequest) -> JsonObject | None:
    bounds: JsonObject = {}
    if request.date_from is not None:
        bounds["gte"] = request.date_from.isoformat()
    if request.date_to is not None:
        to = request.date_to
        # A bare day means "to the end of that day": date math rounds it up.
        bounds["lte"] = to.isoformat() if isinstance(to, datetime) else f"{to.isoformat()}||/d"
    return {"range": {"@timestamp": bounds}} if bounds else None


def build_query(request: SearchRequest) -> JsonObject:
    """The ``query`` clause: full text plus filters. Pure."""
    must: list[JsonObject] = []
    if request.query.strip():
        must.append(
            {
                "simple_query_string": {
                    "query": request.query,
                    "fields": CLAIM_TEXT_FIELDS if request.claims else ARTICLE_TEXT_FIELDS,
                    "default_operator": "and",
                }
            }
        )
    filters: list[JsonObject] = []
    if request.claimant:
        if request.claims:
            filters.append(_match_all_words("claimant.text", request.claimant))
        else:
            filters.append(
                {
                    "bool": {
                        "should": [
                            _match_all_words("claimants.text", request.claimant),
                            _match_all_words("quotes.speaker.text", request.claimant),
                        ],
                        "minimum_should_match": 1,
                    }
                }
            )
    if request.entity:
        if request.claims:
            filters.append(_match_all_words("entities.text", request.entity))
        else:
            filters.append(
                {
                    "multi_match": {
                        "query": request.entity,
                        "fields": [f"entities.{name}.text" for name in ENTITY_TYPE_FIELDS],
                        "operator": "and",
                    }
                }
            )
    if request.place:
        filters.append(_match_all_words("places.names.text", request.place))
    if request.source:
        filters.append({"term": {"source": {"value": request.source, "case_insensitive": True}}})
    date_range = _date_range(request)
    if date_range:
        filters.append(date_range)
    if not must and not filters:
        return {"match_all": {}}
    return {"bool": {"must": must or [{"match_all": {}}], "filter": filters}}


def _top_aggregations(request: SearchRequest) -> JsonObject:
    terms = {"size": request.size}
    if request.top == "places":
        return {"places": {"terms": {"field": "places.names", **terms}}}
    if request.top == "claimants":
        field = "claimant" if request.claims else "claimants"
        return {"claimants": {"terms": {"field": field, **terms}}}
    if request.claims:
        return {"entities": {"terms": {"field": "entities", **terms}}}
    return {name: {"terms": {"field": f"entities.{name}", **terms}} for name in ENTITY_TYPE_FIELDS}


def build_body(request: SearchRequest) -> JsonObject:
    """The whole search body: hits with highlights, or only the ``--top`` aggregation. Pure."""
    body: JsonObject = {"query": build_query(request), "track_total_hits": True}
    if request.top:
        body["size"] = 0
        body["aggs"] = _top_aggregations(request)
        return body
    body["size"] = request.size
    if not request.query.strip():
        body["sort"] = [{"@timestamp": {"order": "desc"}}]
    fields: JsonObject = (
        {"text": {"number_of_fragments": 0}}
        if request.claims
        else {
            "title": {"number_of_fragments": 0},
            "body": {"fragment_size": 180, "number_of_fragments": 2},
            "quotes.text": {"fragment_size": 180, "number_of_fragments": 1},
        }
    )
    body["highlight"] = {
        "pre_tags": [MARK_START],
        "post_tags": [MARK_END],
        "require_field_match": False,
        "fields": fields,
    }
    return body


@dataclass(frozen=True)
class ResultRow:
    """One hit, reduced to what the table and ``--json`` show."""

    doc_id: str
    score: float | None
    when: str
    source: str
    who: str
    headline: str
    snippets: list[str]
    extra: JsonObject


def _first(highlight: JsonObject, field: str, fallback: str) -> str:
    fragments = highlight.get(field)
    return " … ".join(fragments) if fragments else fallback


def to_rows(response: JsonObject, request: SearchRequest) -> list[ResultRow]:
    """Hits of a search response as rows (highlight marks kept). Pure."""
    rows = []
    for hit in response["hits"]["hits"]:
        src, hl = hit.get("_source", {}), hit.get("highlight", {})
        when = (src.get("@timestamp") or "")[:10]
        if request.claims:
            rows.append(
                ResultRow(
                    doc_id=hit["_id"],
                    score=hit.get("_score"),
                    when=when,
                    source=src.get("source") or "",
                    who=src.get("claimant") or "",
                    headline=_first(hl, "text", src.get("text", "")),
                    snippets=[],
                    extra={
                        "checkworthiness": src.get("checkworthiness"),
                        "certainty": src.get("certainty"),
                        "article_id": src.get("article_id"),
                        "url": src.get("url"),
                    },
                )
            )
            continue
        snippets = list(hl.get("body", [])) + list(hl.get("quotes.text", []))
        rows.append(
            ResultRow(
                doc_id=hit["_id"],
                score=hit.get("_score"),
                when=when,
                source=src.get("source") or "",
                who=", ".join(src.get("claimants", [])),
                headline=_first(hl, "title", src.get("title", "")),
                snippets=snippets or [textwrap.shorten(src.get("body", ""), 180, placeholder=" …")],
                extra={"url": src.get("url"), "language": src.get("language")},
            )
        )
    return rows


def to_top(response: JsonObject) -> list[tuple[str, str, int]]:
    """``(group, key, count)`` rows of a ``--top`` response. Pure."""
    rows: list[tuple[str, str, int]] = []
    for group, agg in response.get("aggregations", {}).items():
        rows.extend((group, bucket["key"], bucket["doc_count"]) for bucket in agg["buckets"])
    return rows


def _replace_marks(text: str, start: str, end: str) -> str:
    return text.replace(MARK_START, start).replace(MARK_END, end)


def wrap_marked(text: str, width: int, start: str, end: str) -> list[str]:
    """Wrap ``text`` to ``width`` visible columns, turning marks into ``start``/``end``.

    A highlight that crosses a line break is closed and reopened, so each
    line renders on its own. Pure.
    """
    lines: list[str] = []
    current: list[str] = []
    visible = 0
    for word in text.split():
        size = len(word.replace(MARK_START, "").replace(MARK_END, ""))
        if current and visible + 1 + size > width:
            lines.append(" ".join(current))
            current, visible = [], 0
        current.append(word)
        visible += size + (1 if len(current) > 1 else 0)
    if current:
        lines.append(" ".join(current))
    rendered, open_mark = [], False
    for line in lines:
        prefix = MARK_START if open_mark else ""
        opened = (prefix + line).count(MARK_START) - (prefix + line).count(MARK_END)
        open_mark = opened > 0
        line = prefix + line + (MARK_END if open_mark else "")
        rendered.append(_replace_marks(line, start, end))
    return rendered or [""]


def render_table(
    rows: list[ResultRow], request: SearchRequest, total: int, width: int, bold: bool
) -> str:
    """A plain-text table of hits: date, source/claimant, then the text with highlights. Pure."""
    start, end = ("\x1b[1;33m", "\x1b[0m") if bold else ("«", "»")
    what = "claims" if request.claims else "articles"
    out = [f"{total} {what} match; showing {len(rows)}."]
    left = 12 + 22
    text_width = max(30, width - left)
    for row in rows:
        label = (row.who or "(unattributed)") if request.claims else (row.source or "?")
        if request.claims and row.extra.get("checkworthiness") is not None:
            label = f"{label} ({row.extra['checkworthiness']:.2f})"
        body_lines = wrap_marked(row.headline, text_width, start, end)
        for snippet in row.snippets:
            body_lines += ["  " + line for line in wrap_marked(snippet, text_width - 2, start, end)]
        for number, line in enumerate(body_lines):
            date_cell = row.when if number == 0 else ""
            label_cell = textwrap.shorten(label, 20, placeholder="…") if number == 0 else ""
            out.append(f"{date_cell:<11} {label_cell:<21} {line}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_top(rows: list[tuple[str, str, int]], request: SearchRequest) -> str:
    """The ``--top`` aggregation as a ranked list per group. Pure."""
    if not rows:
        return f"no {request.top} found.\n"
    out: list[str] = []
    group = None
    for name, key, count in rows:
        if name != group:
            out.append(f"{name}:" if out == [] else f"\n{name}:")
            group = name
        out.append(f"  {count:>6}  {key}")
    return "\n".join(out) + "\n"


def to_json(response: JsonObject, request: SearchRequest) -> str:
    """The ``--json`` output: total, hits with ``<em>`` highlights, or the top buckets. Pure."""
    total = response["hits"]["total"]["value"]
    if request.top:
        top = [{"group": g, "key": k, "count": c} for g, k, c in to_top(response)]
        return json.dumps({"total": total, "top": top}, ensure_ascii=False, indent=2)
    hits = [
        {
            "id": row.doc_id,
            "score": row.score,
            "date": row.when,
            "source": row.source,
            ("claimant" if request.claims else "claimants"): (
                (row.who or None) if request.claims else [w for w in row.who.split(", ") if w]
            ),
            ("text" if request.claims else "title"): _replace_marks(row.headline, "<em>", "</em>"),
            "snippets": [_replace_marks(s, "<em>", "</em>") for s in row.snippets],
            **row.extra,
        }
        for row in to_rows(response, request)
    ]
    return json.dumps({"total": total, "hits": hits}, ensure_ascii=False, indent=2)


def run_search(client: Any, prefix: str, request: SearchRequest) -> JsonObject:
    """Send the search to the kind's alias. Raises the client's ``TransportError``."""
    response: JsonObject = client.search(
        index=alias_name(prefix, request.kind), body=build_body(request)
    )
    return response

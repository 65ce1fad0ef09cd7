"""Turn an article's analysis into the public events: ArticleEnriched and Claim.

Pure functions that read the analysis and change nothing; every span they emit
satisfies ``body[start:end] == text``. ``shared_models`` builds the amount and
place events once, for both the article and its claims.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from claimwire_schemas.events import (
    Amount,
    ArticleEnriched,
    Claim,
    EntityType,
    GeoPoint,
    Place,
)
from pydantic import BaseModel, TypeAdapter, ValidationError

from claimwire_enrich.amounts import FoundAmount
from claimwire_enrich.analysis import Analysis
from claimwire_enrich.attribution.speaker import OUTLET_RULE, Speaker
from claimwire_enrich.claim_candidates import ClaimCandidate
from claimwire_enrich.entities import EntityRec
from claimwire_enrich.mention import LOC, NORP, ORG, PERSON

_ENTITY_KINDS = {PERSON, ORG, LOC, NORP}
_MIN_QUOTE_WORDS_UNATTRIBUTED = 2

M = TypeVar("M", bound=BaseModel)
# An article's amounts and claims are each validated as one list in one call: pydantic
# checks every item in its core, where building each model through its own ``__init__``
# cost about 1.6x as much. Same fields, same checks, same models.
_AMOUNTS: Final = TypeAdapter(list[Amount])
_CLAIMS: Final = TypeAdapter(list[Claim])


def _validated(
    adapter: TypeAdapter[list[M]], model: type[M], items: list[dict[str, Any]]
) -> list[M]:
    """The models of ``items``, validated in one call. On an invalid item the error
    raised is the one that item's own model gives, as when each was built alone."""
    try:
        return adapter.validate_python(items)
    except ValidationError:
        for item in items:
            model(**item)  # raises the single model's error for the first invalid item
        raise


def _kept(entities: Sequence[EntityRec]) -> list[tuple[int, EntityRec]]:
    return [
        (i, e)
        for i, e in enumerate(entities)
        if e.mentions
        and e.kind in _ENTITY_KINDS
        and not all(m.kind == NORP for m in e.mentions)  # rule demonym_only: "Kuwaiti"
    ]


def _title_counts(title: str, kept: list[tuple[int, EntityRec]]) -> dict[int, int]:
    """Mentions of each entity in the title: its names as whole words, longest first."""
    forms: dict[str, int] = {}
    for index, ent in kept:
        for form in (ent.name, *ent.aliases):
            if len(form) > 1:
                forms.setdefault(form, index)
    counts: dict[int, int] = {}
    taken = [False] * len(title)
    for form in sorted(forms, key=len, reverse=True):
        pos = title.find(form)
        while pos >= 0:
            end = pos + len(form)
            whole = (pos == 0 or not title[pos - 1].isalnum()) and (
                end == len(title) or not title[end].isalnum()
            )
            if whole and not any(taken[pos:end]):
                taken[pos:end] = [True] * (end - pos)
                counts[forms[form]] = counts.get(forms[form], 0) + 1
            pos = title.find(form, end)
    return counts


def _entities(a: Analysis) -> list[dict[str, Any]]:
    kept = _kept(a.entities)
    in_title = _title_counts(a.raw.title, kept)
    out = []
    for index, ent in sorted(kept, key=lambda p: (-len(p[1].mentions), p[1].mentions[0].start)):
        spans = [{"start": m.start, "end": m.end, "text": m.text} for m in ent.mentions]
        out.append(
            {
                "name": ent.name,
                "type": EntityType(ent.kind),
                "aliases": list(ent.aliases),
                "count": len(spans) + in_title.get(index, 0),
                "mentions": spans,
            }
        )
    return out


def _partial(body: str, q_open: int, sentence_start: int) -> bool:
    """A fragment quoted inside a sentence: words before it, no colon or comma."""
    pos = q_open
    while pos > sentence_start and body[pos - 1].isspace():
        pos -= 1
    return pos > sentence_start and (body[pos - 1].isalnum() or body[pos - 1] in "'’)")


def _speaker_type(s: Speaker | None) -> EntityType | None:
    return s.kind if s is not None else None


def _quotes(a: Analysis) -> list[dict[str, Any]]:
    body = a.raw.body
    starts = [s.start for s in a.sentences]
    out = []
    for q, att in zip(a.quotes, a.attributions, strict=True):
        text = body[q.start : q.end]
        if att.speaker is None and len(text.split()) < _MIN_QUOTE_WORDS_UNATTRIBUTED:
            continue  # a scare-quoted word ("two-plus-two"), not a quotation
        i = bisect.bisect_right(starts, q.open_mark) - 1
        sentence_start = a.sentences[i].start if i >= 0 else 0
        out.append(
            {
                "text": text,
                "speaker": att.speaker.name if att.speaker else None,
                "speaker_type": _speaker_type(att.speaker),
                "verb": att.verb,
                "attribution_rule": att.rule,
                "start": q.start,
                "end": q.end,
                "partial": _partial(body, q.open_mark, sentence_start),
            }
        )
    return out


def _amount(body: str, f: FoundAmount) -> dict[str, Any]:
    return {
        "value": f.value,
        "value_max": f.value_max,
        "unit": f.unit,
        "kind": f.kind,
        "approximate": f.approximate,
        "currency": f.currency,
        "text": body[f.start : f.end],
        "start": f.start,
        "end": f.end,
    }


def _place(ent: EntityRec, count: int) -> Place:
    geo = ent.geo
    if geo is None:
        return Place(name=ent.name, feature="other", count=count)
    location = (
        GeoPoint(lat=geo.lat, lon=geo.lon) if geo.lat is not None and geo.lon is not None else None
    )
    return Place(
        name=ent.name,
        geonames_id=geo.geonames_id,
        country_code=geo.country_code,
        feature=geo.feature,
        location=location,
        count=count,
    )


@dataclass(frozen=True, slots=True)
class SharedModels:
    """The events the article and its claims both carry, built once per article."""

    amounts: list[Amount]  # aligned with ``Analysis.amounts``
    places: dict[int, Place]  # the place of each kept LOC entity, by entity index


def shared_models(a: Analysis) -> SharedModels:
    """The amount and place events of an analysis. Pure."""
    return SharedModels(
        amounts=_validated(_AMOUNTS, Amount, [_amount(a.raw.body, f) for f in a.amounts]),
        places={i: _place(e, len(e.mentions)) for i, e in _kept(a.entities) if e.kind == LOC},
    )


def build_article(
    a: Analysis, claims: list[Claim], models: SharedModels, warnings: list[str]
) -> ArticleEnriched:
    """The ArticleEnriched event of an analysis, its claims and every warning. Pure.

    Validated as one nested dict in a single call: pydantic then checks every entity,
    mention span, quotation, date and claim summary in its core, where building each of
    those models through its own ``__init__`` (about 250 per article) cost twice as much.
    Same fields, same checks, same event. The amounts and places are already validated
    models (shared with the claims) and go in as they are."""
    raw, body = a.raw, a.raw.body
    return ArticleEnriched.model_validate(
        {
            "article_id": raw.article_id,
            "url": raw.url,
            "title": raw.title,
            "body": body,
            "published_at": raw.published_at,
            "source": raw.source,
            "author": raw.author,
            "language": a.language,
            "ingested_at": raw.ingested_at,
            "enriched_at": a.now,
            "entities": _entities(a),
            "quotes": _quotes(a),
            "amounts": models.amounts,
            "dates": [
                {
                    "text": body[d.start : d.end],
                    "start": d.start,
                    "end": d.end,
                    "date_from": d.date_from,
                    "date_to": d.date_to,
                    "relative": d.relative,
                }
                for d in a.dates
            ],
            "places": list(models.places.values()),
            "claims": [
                {
                    "claim_id": c.claim_id,
                    "text": c.text,
                    "claimant": c.claimant,
                    "checkworthiness": c.checkworthiness,
                    "start": c.start,
                    "end": c.end,
                    "attribution_rule": c.attribution_rule,
                }
                for c in claims
            ],
            "warnings": warnings,
        }
    )


def build_claims(
    a: Analysis, candidates: tuple[ClaimCandidate, ...], models: SharedModels
) -> list[Claim]:
    """The ``Claim`` event of each candidate, in order. A pure mapping."""
    raw = a.raw
    places = models.places
    amount_models = models.amounts
    out: list[dict[str, Any]] = []
    for c in candidates:
        speaker = c.claimant.speaker if c.claimant is not None else None
        lo, hi = c.amounts
        out.append(
            {
                "claim_id": c.claim_id,
                "article_id": raw.article_id,
                "text": raw.body[c.sentence.start : c.sentence.end],
                "start": c.sentence.start,
                "end": c.sentence.end,
                "claimant": speaker.name if speaker else raw.source,
                "claimant_type": _speaker_type(speaker)
                if speaker
                else (EntityType.ORG if raw.source else None),
                "attribution_rule": c.claimant.rule
                if c.claimant is not None
                else (OUTLET_RULE if raw.source else None),
                "quoted": c.quoted,
                "appearance": raw.url,
                "author": raw.source,
                "datePublished": raw.published_at,
                "language": a.language,
                "claim_type": c.kind,
                "checkworthiness": c.score,
                "certainty": c.certainty,
                "hedges": list(c.hedges),
                "amounts": amount_models[lo:hi],
                "entities": [a.entities[e].name for e in c.entities],
                "places": [places[e] for e in c.entities if e in places],
                "fingerprint": c.fingerprint,
                "ingested_at": raw.ingested_at,
                "extracted_at": a.now,
            }
        )
    return _validated(_CLAIMS, Claim, out)

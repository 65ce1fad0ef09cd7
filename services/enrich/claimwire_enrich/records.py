"""Turn an article's analysis into the public events: ArticleEnriched and Claim.

Pure functions; every span they emit satisfies ``body[start:end] == text``.
"""

from __future__ import annotations

import bisect
from typing import TypeVar

from claimwire_schemas.events import (
    Amount,
    AmountKind,
    ArticleEnriched,
    Claim,
    ClaimSummary,
    ClaimType,
    DateMention,
    Entity,
    EntityType,
    GeoPoint,
    Place,
    Quote,
    Span,
)
from claimwire_schemas.ids import claim_id

from claimwire_enrich import claims as cl
from claimwire_enrich import lexicon as lx
from claimwire_enrich.amounts import FoundAmount
from claimwire_enrich.analysis import Analysis
from claimwire_enrich.attribution.speaker import OUTLET_RULE, Attribution, Speaker
from claimwire_enrich.coref import EntityRec
from claimwire_enrich.text import Sentence

T = TypeVar("T")
_ENTITY_KINDS = {"PERSON", "ORG", "LOC", "NORP"}
_MIN_QUOTE_WORDS_UNATTRIBUTED = 2


def _kept(entities: list[EntityRec]) -> list[tuple[int, EntityRec]]:
    return [(i, e) for i, e in enumerate(entities) if e.mentions and e.kind in _ENTITY_KINDS]


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


def _entities(a: Analysis) -> list[Entity]:
    kept = _kept(a.entities)
    in_title = _title_counts(a.raw.title, kept)
    out = []
    for index, ent in sorted(kept, key=lambda p: (-len(p[1].mentions), p[1].mentions[0].start)):
        spans = [Span(start=m.start, end=m.end, text=m.text) for m in ent.mentions]
        out.append(
            Entity(
                name=ent.name,
                type=EntityType(ent.kind),
                aliases=ent.aliases,
                count=len(spans) + in_title.get(index, 0),
                mentions=spans,
            )
        )
    return out


def _partial(body: str, q_open: int, sentence_start: int) -> bool:
    """A fragment quoted inside a sentence: words before it, no colon or comma."""
    pos = q_open
    while pos > sentence_start and body[pos - 1].isspace():
        pos -= 1
    return pos > sentence_start and (body[pos - 1].isalnum() or body[pos - 1] in "'’)")


def _speaker_type(s: Speaker | None) -> EntityType | None:
    return EntityType(s.kind) if s is not None else None


def _quotes(a: Analysis) -> list[Quote]:
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
            Quote(
                text=text,
                speaker=att.speaker.name if att.speaker else None,
                speaker_type=_speaker_type(att.speaker),
                verb=att.verb,
                attribution_rule=att.rule,
                start=q.start,
                end=q.end,
                partial=_partial(body, q.open_mark, sentence_start),
            )
        )
    return out


def _amount(body: str, f: FoundAmount) -> Amount:
    return Amount(
        value=f.value,
        value_max=f.value_max,
        unit=f.unit,
        kind=AmountKind(f.kind),
        approximate=f.approximate,
        currency=f.currency,
        text=body[f.start : f.end],
        start=f.start,
        end=f.end,
    )


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


def _places(a: Analysis) -> dict[int, Place]:
    """Place events of the article's LOC entities, by entity index (built once)."""
    if a.place_models is None:
        a.place_models = {
            i: _place(e, len(e.mentions)) for i, e in _kept(a.entities) if e.kind == "LOC"
        }
    return a.place_models


def _amounts(a: Analysis) -> list[Amount]:
    """Amount events aligned with ``a.amounts`` (built once, shared by article and claims)."""
    if a.amount_models is None:
        a.amount_models = [_amount(a.raw.body, f) for f in a.amounts]
    return a.amount_models


def build_article(a: Analysis, claims: list[Claim]) -> ArticleEnriched:
    """The ArticleEnriched event of an analysis and its claims."""
    raw, body = a.raw, a.raw.body
    return ArticleEnriched(
        article_id=raw.article_id,
        url=raw.url,
        title=raw.title,
        body=body,
        published_at=raw.published_at,
        source=raw.source,
        author=raw.author,
        language=a.language,
        ingested_at=raw.ingested_at,
        enriched_at=a.now,
        entities=_entities(a),
        quotes=_quotes(a),
        amounts=_amounts(a),
        dates=[
            DateMention(
                text=body[d.start : d.end],
                start=d.start,
                end=d.end,
                date_from=d.date_from,
                date_to=d.date_to,
                relative=d.relative,
            )
            for d in a.dates
        ],
        places=list(_places(a).values()),
        claims=[
            ClaimSummary(
                claim_id=c.claim_id,
                text=c.text,
                claimant=c.claimant,
                checkworthiness=c.checkworthiness,
                start=c.start,
                end=c.end,
                attribution_rule=c.attribution_rule,
            )
            for c in claims
        ],
        warnings=a.warnings,
    )


def _quoted(a: Analysis, sent: Sentence, opens: list[int]) -> tuple[float, Attribution | None]:
    """Share of the sentence inside quotation marks, and the first quotation's attribution."""
    quoted_chars, found = 0, None
    first = max(0, bisect.bisect_left(opens, sent.start - 1) - 1)
    for index in range(first, len(a.quotes)):
        q = a.quotes[index]
        if q.open_mark >= sent.end:
            break
        overlap = min(q.end, sent.end) - max(q.start, sent.start)
        if overlap > 0:
            quoted_chars += overlap
            if found is None or found.speaker is None:
                found = a.attributions[index]
    return quoted_chars / max(1, sent.end - sent.start), found


def build_claims(a: Analysis) -> list[Claim]:
    """The check-worthy claims of an analysed article, in body order."""
    raw, body, tokens = a.raw, a.raw.body, a.tokens
    if a.language != "en":
        a.warnings.append(f"claims: no claim rules for language {a.language!r}")
        return []
    places = _places(a)
    amount_models = _amounts(a)
    amount_starts = [f.start for f in a.amounts]
    date_starts = [d.start for d in a.dates]
    mention_starts = [m.start for m in a.mentions]
    quote_opens = [q.open_mark for q in a.quotes]
    if tokens.flags is None:
        tokens.flags = cl.word_flags(tokens.cue)
    out: list[Claim] = []
    seen: set[str] = set()  # a sentence repeated in one article is one claim (same claim_id)
    for sent in a.sentences:
        span = tokens.span(sent.start, sent.end)
        if len(span) < 4:
            continue
        text = body[sent.start : sent.end]
        words = tokens.low[span.start : span.stop]
        flags = cl.cue_flags(tokens.flags[span.start : span.stop])
        lo, hi = _bounds(amount_starts, sent.start, sent.end)
        d_lo, d_hi = _bounds(date_starts, sent.start, sent.end)
        entity_ids = list(
            dict.fromkeys(
                m.entity
                for m in _between(a.mentions, mention_starts, sent.start, sent.end)
                if m.entity >= 0 and a.entities[m.entity].mentions
            )
        )
        quoted_share, quote_att = _quoted(a, sent, quote_opens)
        said = None
        if a.resolver is not None and (
            flags & cl.SPEECH
            or "according" in words
            or not lx.FINDING_VERBS.isdisjoint(words)
            or not lx.SPEECH_PARTICIPLES.isdisjoint(words)
        ):
            said = a.resolver.claimant(sent)
        score, kind = cl.score_sentence(
            text, words, flags, n_amounts=hi - lo, n_dates=d_hi - d_lo,
            n_entities=len(entity_ids), attributed=said is not None or quoted_share > 0.5,
            quoted_share=quoted_share,
        )  # fmt: skip
        if score < cl.CLAIM_THRESHOLD:
            continue
        cid = claim_id(raw.article_id, text)
        if cid in seen:
            continue
        seen.add(cid)
        chosen, quoted = cl.claimant_of(quoted_share, quote_att, said)
        speaker = chosen.speaker if chosen is not None else None
        hedges, certainty = cl.hedges_in(text, words) if flags & cl.HEDGE else ([], 1.0)
        countries = [a.entities[e].country or "" for e in entity_ids if a.entities[e].kind == "LOC"]
        names = [a.entities[e].name for e in entity_ids]
        out.append(
            Claim(
                claim_id=cid,
                article_id=raw.article_id,
                text=text,
                start=sent.start,
                end=sent.end,
                claimant=speaker.name if speaker else raw.source,
                claimant_type=_speaker_type(speaker)
                if speaker
                else (EntityType.ORG if raw.source else None),
                attribution_rule=chosen.rule
                if chosen is not None
                else (OUTLET_RULE if raw.source else None),
                quoted=quoted,
                appearance=raw.url,
                author=raw.source,
                datePublished=raw.published_at,
                language=a.language,
                claim_type=ClaimType(kind),
                checkworthiness=score,
                certainty=certainty,
                hedges=hedges,
                amounts=amount_models[lo:hi],
                entities=names,
                places=[places[e] for e in entity_ids if e in places],
                fingerprint=cl.fingerprint(
                    a.amounts[lo:hi], [c for c in countries if c], names, words
                ),
                ingested_at=raw.ingested_at,
                extracted_at=a.now,
            )
        )
    return out


def _bounds(starts: list[int], start: int, end: int) -> tuple[int, int]:
    return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)


def _between(items: list[T], starts: list[int], start: int, end: int) -> list[T]:
    lo, hi = _bounds(starts, start, end)
    return items[lo:hi]

"""The index service reads enriched articles and claims tolerantly (fields it does not know)."""

from __future__ import annotations

import json

from claimwire_index.documents import decode_event
from claimwire_index.names import DocKind
from claimwire_index.synthetic import claim_of, encode, enriched_article


def test_an_enriched_article_with_fields_added_by_a_newer_producer_decodes() -> None:
    article = enriched_article(1)
    newer = json.loads(encode(article))
    newer["sentiment"] = 0.4
    newer["entities"][0]["wikidata_id"] = "Q1"

    assert decode_event(DocKind.ARTICLES, json.dumps(newer).encode()) == article


def test_a_claim_with_fields_added_by_a_newer_producer_decodes() -> None:
    claim = claim_of(enriched_article(2))
    newer = {**json.loads(encode(claim)), "stance": "supports"}

    assert decode_event(DocKind.CLAIMS, json.dumps(newer).encode()) == claim

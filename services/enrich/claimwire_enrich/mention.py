"""The Mention record: one name in the body, as ``mentions`` finds it and ``coref`` links it."""

from __future__ import annotations

from dataclasses import dataclass

from claimwire_enrich.gazetteer import GeoPlace


@dataclass(slots=True)
class Mention:
    """A name in the body: ``body[start:end]`` is the name without title or possessive."""

    start: int
    end: int
    text: str
    kind: str  # PERSON, ORG, LOC, NORP, ACR, EVENT, UNK
    alias_start: int = -1  # the fuller form ("President Joe Biden"), when there is one
    title: str | None = None
    initial: bool = False
    locative: bool = False
    in_quote: bool = False
    geo: GeoPlace | None = None
    country: str | None = None  # ISO code for nationality words and places
    base: str | None = None  # "Kursk" for "Kursk region"
    cue: str | None = None  # lower-case word before it ("nurse", "company")
    gender: str | None = None
    followed_by_speech: bool = False
    adjectival: bool = False  # followed by a lower-case word: "Dravonian troops"
    appositive: bool = False
    nested: bool = False  # a place inside an organisation's name
    entity: int = -1

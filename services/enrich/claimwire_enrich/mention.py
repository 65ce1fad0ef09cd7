"""Mentions: one name in the body, as ``mentions`` finds it and ``coref`` links it.

``Mention`` is the frozen result the name-finding and linking stages hand on.
``MentionDraft`` is its mutable twin, used only inside those two stages while
they work out a mention's fields; ``freeze`` turns it into the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from claimwire_enrich.gazetteer import GeoPlace


class NameKind(StrEnum):
    """What a name is, as far as the rules can tell."""

    PERSON = "PERSON"
    ORG = "ORG"
    LOC = "LOC"
    NORP = "NORP"  # a nationality or group word: "Dravonian"
    ACR = "ACR"  # an acronym, until linking finds what it stands for
    EVENT = "EVENT"  # "the Velmara Summit": not an entity of the article
    UNK = "UNK"  # a single word no rule has placed yet


# The members as module constants: looking up ``NameKind.PERSON`` in a hot loop is several
# times slower than a global on Python 3.11, and the core compares kinds per mention.
PERSON: Final = NameKind.PERSON
ORG: Final = NameKind.ORG
LOC: Final = NameKind.LOC
NORP: Final = NameKind.NORP
ACR: Final = NameKind.ACR
EVENT: Final = NameKind.EVENT
UNK: Final = NameKind.UNK

# Speed: Mention and MentionDraft (like the other records the core builds per word, name
# or sentence) have a hand-written ``__init__`` (``init=False``), which mypyc compiles;
# the one ``dataclass`` generates stays interpreted, and for a frozen class it sets each
# field through a looked-up ``object.__setattr__``: about 9x slower compiled, and two
# frozen mentions are built per name. Written literally, ``object.__setattr__(self, ...)``
# becomes a direct slot store in mypyc (through an alias it is a slow generic call); the
# instances stay frozen for everyone else.


@dataclass(frozen=True, slots=True, init=False)
class Mention:
    """A name in the body: ``body[start:end]`` is the name without title or possessive.

    ``entity`` is the index of its entity in the linking result (-1: not linked).
    """

    start: int
    end: int
    text: str
    kind: NameKind
    alias_start: int  # the fuller form ("President Joe Biden"), when there is one
    title: str | None
    initial: bool
    locative: bool
    in_quote: bool
    geo: GeoPlace | None
    country: str | None  # ISO code for nationality words and places
    base: str | None  # "Kursk" for "Kursk region"
    cue: str | None  # lower-case word before it ("nurse", "company")
    gender: str | None
    followed_by_speech: bool
    adjectival: bool  # followed by a lower-case word: "Dravonian troops"
    appositive: bool
    nested: bool  # a place inside an organisation's name
    entity: int

    def __init__(
        self, start: int, end: int, text: str, kind: NameKind, alias_start: int = -1,
        title: str | None = None, initial: bool = False, locative: bool = False,
        in_quote: bool = False, geo: GeoPlace | None = None, country: str | None = None,
        base: str | None = None, cue: str | None = None, gender: str | None = None,
        followed_by_speech: bool = False, adjectival: bool = False, appositive: bool = False,
        nested: bool = False, entity: int = -1,
    ) -> None:  # fmt: skip
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "alias_start", alias_start)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "initial", initial)
        object.__setattr__(self, "locative", locative)
        object.__setattr__(self, "in_quote", in_quote)
        object.__setattr__(self, "geo", geo)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "base", base)
        object.__setattr__(self, "cue", cue)
        object.__setattr__(self, "gender", gender)
        object.__setattr__(self, "followed_by_speech", followed_by_speech)
        object.__setattr__(self, "adjectival", adjectival)
        object.__setattr__(self, "appositive", appositive)
        object.__setattr__(self, "nested", nested)
        object.__setattr__(self, "entity", entity)


@dataclass(slots=True, init=False)
class MentionDraft:
    """A ``Mention`` being built (same fields, mutable); see ``freeze``."""

    start: int
    end: int
    text: str
    kind: NameKind
    alias_start: int  # the fuller form ("President Joe Biden"), when there is one
    title: str | None
    initial: bool
    locative: bool
    in_quote: bool
    geo: GeoPlace | None
    country: str | None  # ISO code for nationality words and places
    base: str | None  # "Kursk" for "Kursk region"
    cue: str | None  # lower-case word before it ("nurse", "company")
    gender: str | None
    followed_by_speech: bool
    adjectival: bool  # followed by a lower-case word: "Dravonian troops"
    appositive: bool
    nested: bool  # a place inside an organisation's name
    entity: int

    def __init__(
        self, start: int, end: int, text: str, kind: NameKind, alias_start: int = -1,
        title: str | None = None, initial: bool = False, locative: bool = False,
        in_quote: bool = False, geo: GeoPlace | None = None, country: str | None = None,
        base: str | None = None, cue: str | None = None, gender: str | None = None,
        followed_by_speech: bool = False, adjectival: bool = False, appositive: bool = False,
        nested: bool = False, entity: int = -1,
    ) -> None:  # fmt: skip
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.alias_start = alias_start
        self.title = title
        self.initial = initial
        self.locative = locative
        self.in_quote = in_quote
        self.geo = geo
        self.country = country
        self.base = base
        self.cue = cue
        self.gender = gender
        self.followed_by_speech = followed_by_speech
        self.adjectival = adjectival
        self.appositive = appositive
        self.nested = nested
        self.entity = entity

    def freeze(self) -> Mention:
        """The frozen ``Mention`` with this draft's fields."""
        return Mention(
            self.start, self.end, self.text, self.kind, self.alias_start, self.title,
            self.initial, self.locative, self.in_quote, self.geo, self.country, self.base,
            self.cue, self.gender, self.followed_by_speech, self.adjectival, self.appositive,
            self.nested, self.entity,
        )  # fmt: skip


def draft_of(m: Mention) -> MentionDraft:
    """A mutable copy of ``m`` (for a stage that refines mentions it was given)."""
    return MentionDraft(
        m.start, m.end, m.text, m.kind, m.alias_start, m.title, m.initial, m.locative,
        m.in_quote, m.geo, m.country, m.base, m.cue, m.gender, m.followed_by_speech,
        m.adjectival, m.appositive, m.nested, m.entity,
    )  # fmt: skip


def freeze_marking_quotes(
    drafts: list[MentionDraft], quote_spans: Sequence[tuple[int, int]]
) -> tuple[Mention, ...]:
    """The frozen mentions of ``drafts`` (in body order), each marked ``in_quote`` when it
    starts inside one of ``quote_spans`` (sorted and disjoint). Marks the drafts too."""
    frozen = []
    j = 0
    for m in drafts:
        while j < len(quote_spans) and quote_spans[j][1] <= m.start:
            j += 1
        if j < len(quote_spans) and quote_spans[j][0] <= m.start < quote_spans[j][1]:
            m.in_quote = True
        frozen.append(m.freeze())
    return tuple(frozen)

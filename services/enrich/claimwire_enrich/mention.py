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


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the body: ``body[start:end]`` is the name without title or possessive.

    ``entity`` is the index of its entity in the linking result (-1: not linked).
    """

    start: int
    end: int
    text: str
    kind: NameKind
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


@dataclass(slots=True)
class MentionDraft:
    """A ``Mention`` being built (same fields, mutable); see ``freeze``."""

    start: int
    end: int
    text: str
    kind: NameKind
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

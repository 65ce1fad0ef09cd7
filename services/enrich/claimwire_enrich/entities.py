"""Entity records: the entities ``coref`` links mentions into, and their final names.

``EntityRec`` is the frozen result of linking; ``EntityDraft`` is the mutable record
the linker builds it from. ``finish_entities`` gives every draft with mentions its
kind (when no rule placed it), canonical name, aliases (every other form the text
used) and, for a person, a gender from a common given name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimwire_enrich import lexicon as lx
from claimwire_enrich.gazetteer import GeoPlace
from claimwire_enrich.mention import LOC, NORP, ORG, PERSON, Mention, MentionDraft, NameKind

STRIP_FORM = re.compile(r"^(?:the|The)\s+")


@dataclass(frozen=True, slots=True, init=False)
class EntityRec:
    """One entity of the article, with every mention that refers to it (in body order)."""

    key: str
    kind: NameKind
    mentions: tuple[Mention, ...]
    geo: GeoPlace | None
    country: str | None
    gender: str | None
    acronym: str | None
    name: str
    aliases: tuple[str, ...]

    def __init__(
        self, key: str, kind: NameKind, mentions: tuple[Mention, ...], geo: GeoPlace | None,
        country: str | None, gender: str | None, acronym: str | None, name: str,
        aliases: tuple[str, ...],
    ) -> None:  # fmt: skip
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "mentions", mentions)
        object.__setattr__(self, "geo", geo)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "gender", gender)
        object.__setattr__(self, "acronym", acronym)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "aliases", aliases)


@dataclass(slots=True, init=False)
class EntityDraft:
    """An entity while the linker builds it; ``freeze`` makes the ``EntityRec``."""

    key: str
    kind: NameKind
    mentions: list[MentionDraft]
    geo: GeoPlace | None
    country: str | None
    gender: str | None
    acronym: str | None
    name: str
    aliases: list[str]

    def __init__(self, key: str, kind: NameKind) -> None:
        self.key = key
        self.kind = kind
        self.mentions = []
        self.geo = None
        self.country = None
        self.gender = None
        self.acronym = None
        self.name = ""
        self.aliases = []

    def freeze(self, mentions: tuple[Mention, ...]) -> EntityRec:
        """The frozen entity, holding ``mentions`` (the frozen forms of this draft's)."""
        return EntityRec(
            self.key, self.kind, mentions, self.geo, self.country, self.gender, self.acronym,
            self.name, tuple(self.aliases),
        )  # fmt: skip


def _kind_of_unknown(ent: EntityDraft) -> NameKind:
    """A name no rule placed: a place if ever used as one, a person if one speaks, else ORG."""
    kinds = {m.kind for m in ent.mentions}
    if LOC in kinds or any(m.locative for m in ent.mentions):
        return LOC
    if PERSON in kinds or any(
        m.followed_by_speech or m.cue in lx.PERSON_CUES for m in ent.mentions
    ):
        return PERSON
    return ORG


def _forms(body: str, ent: EntityDraft) -> list[str]:
    """Every form the text wrote the entity in, in body order (with titles and bases)."""
    forms: list[str] = []
    for m in ent.mentions:
        forms.append(m.text)
        if m.alias_start >= 0:
            forms.append(body[m.alias_start : m.end])
        if m.base:
            forms.append(m.base)
    return forms


def _gender_of_given_name(name: str) -> str | None:
    first = name.split()[0].lower()
    if first in lx.FEMALE_NAMES:
        return "f"
    return "m" if first in lx.MALE_NAMES else None


def finish_entities(body: str, entities: list[EntityDraft]) -> None:
    """Canonical names, aliases and gender of every entity with mentions (set in place:
    the last step of linking, on the records the linker built). Idempotent."""
    for ent in entities:
        if not ent.mentions:
            continue
        if ent.key.startswith("name:") and ent.kind not in (LOC, NORP):
            ent.kind = _kind_of_unknown(ent)
        ent.mentions.sort(key=lambda x: x.start)
        forms = _forms(body, ent)
        ent.name = _canonical(ent)
        seen = {ent.name.lower()}
        ent.aliases = []
        for form in forms:
            if form.lower() not in seen:
                seen.add(form.lower())
                ent.aliases.append(form)
        if ent.kind == PERSON and ent.gender is None:
            ent.gender = _gender_of_given_name(ent.name)


def _canonical_place(ent: EntityDraft, texts: list[str]) -> str:
    headed = [t for t in texts if " " in t and t.split()[-1][:1].isupper()]
    if headed:
        return max(headed, key=len)
    base = ent.key[4:]
    plain = sorted((t for t in texts if t.lower() == base), key=str.isupper)
    return plain[0] if plain else max(texts, key=len)


def _canonical_org(ent: EntityDraft, texts: list[str]) -> str:
    spelled = [t for t in texts if not t.isupper()]
    if not spelled:
        return texts[0]
    best = max(spelled, key=lambda t: len(t.split()))
    key = ent.key[4:] if ent.key.startswith("org:") else best.lower()
    if best.lower().endswith(key) and best.lower() != key:
        return best[len(best) - len(key) :]
    return STRIP_FORM.sub("", best)


def _canonical(ent: EntityDraft) -> str:
    texts = [m.text for m in ent.mentions if m.kind != NORP] or [m.text for m in ent.mentions]
    geo = ent.geo
    if geo is not None and (
        geo.feature in ("country", "continent")
        or (ent.key.startswith("geo:") and geo.feature == "city")
        or (ent.key.startswith("geo:") and geo.feature == "region" and not ent.mentions[0].base)
    ):
        return geo.name
    if ent.kind == LOC and ent.key.startswith("loc:"):
        return _canonical_place(ent, texts)
    if ent.kind == ORG:
        return _canonical_org(ent, texts)
    if ent.kind == PERSON:
        return max(texts, key=lambda t: (len(t.split()), -texts.index(t)))
    return texts[0]

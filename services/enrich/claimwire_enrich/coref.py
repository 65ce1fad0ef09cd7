"""Link name mentions into entities: one person, organisation or place per entity.

Rules, most certain first: gazetteer places and nationality words go to their
country; full personal names and organisation names key themselves; an
acronym joins the name it abbreviates when the text spells it out ("National
Security Council (NSC)", "DPRK stands for ..."); a lone surname joins the one
person whose name holds it; a capital that is never a location in the text
stands for its country's government ("Moscow said"); "the North" joins
"North Korea"; "Kursk region" and "Kursk" join "Kursk Oblast". What no rule
places and opens a sentence ("Exercises have ...") is not a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimwire_enrich import lexicon as lx
from claimwire_enrich.entities import STRIP_FORM, EntityDraft, EntityRec, finish_entities
from claimwire_enrich.entity_aliases import acronym_fits, initialism_pairs
from claimwire_enrich.gazetteer import Gazetteer
from claimwire_enrich.mention import (
    ACR,
    EVENT,
    LOC,
    NORP,
    ORG,
    PERSON,
    UNK,
    Mention,
    MentionDraft,
    NameKind,
    draft_of,
)
from claimwire_enrich.mentions import PAREN_ACRONYM
from claimwire_enrich.text import UPPER

_STANDS_FOR = re.compile(
    rf"\b([{UPPER}][{UPPER}.&-]{{1,9}}),?\s+(?:which\s+)?(?:stands for|is short for|"
    r"short for|is an acronym for|is the acronym for)\b"
)
_STANDS_FOR_CUES = ("stands for", "short for", "acronym for")
_THE_COMPASS = re.compile(r"\b[Tt]he (North|South)\b(?![ \t]+[A-Z])")
# A company's legal form: "Tasman Freightlines Ltd" is later "Tasman Freightlines".
_LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:Co\.|Company))?,?\s+(?:Ltd\.?|Limited|Inc\.?|plc|PLC|Corp\.?|LLC|GmbH|AG|S\.?A\.?|N\.?V\.?)$"
)
_NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
# Buildings and streets that stand for an institution.
_BUILDING_METONYMS = {
    "pentagon": ("department of defense", "defense department", "us department of defense"),
    "foggy bottom": ("state department", "department of state"),
}


@dataclass(frozen=True, slots=True)
class Linking:
    """The linking stage's result: every mention in body order, each with the index of its
    entity in ``entities`` (-1: not a name after all), and the entities."""

    mentions: tuple[Mention, ...]
    entities: tuple[EntityRec, ...]


class Linker:
    """Turns one article's mentions into entities (``link`` does the work)."""

    def __init__(self, body: str, mentions: Sequence[Mention], gaz: Gazetteer) -> None:
        self.body = body
        self.mentions = [draft_of(m) for m in mentions]  # our own copies: the input stays
        self.gaz = gaz
        self.entities: list[EntityDraft] = []
        self.by_key: dict[str, int] = {}
        self.held_back: list[
            MentionDraft
        ] = []  # sentence-initial unknowns, kept if a rule needs them

    # -- entity registry ------------------------------------------------------------------

    def _entity(self, key: str, kind: NameKind) -> int:
        index = self.by_key.get(key)
        if index is None:
            index = len(self.entities)
            self.by_key[key] = index
            self.entities.append(EntityDraft(key, kind))
        return index

    def _attach(self, m: MentionDraft, index: int) -> None:
        m.entity = index
        ent = self.entities[index]
        ent.mentions.append(m)
        if m.geo is not None and ent.geo is None:
            ent.geo = m.geo
        if m.country and not ent.country:
            ent.country = m.country
        if m.gender and not ent.gender:
            ent.gender = m.gender

    def _country_entity(self, code: str) -> int:
        place = self.gaz.country_by_code(code)
        index = self._entity(f"geo:{code}", LOC)
        ent = self.entities[index]
        if place is not None and ent.geo is None:
            ent.geo = place
            ent.country = code
        return index

    # -- linking --------------------------------------------------------------------------

    def link(self) -> Linking:
        """The linked mentions and their entities (see ``Linking``)."""
        mentions = self.mentions
        self._add_compass_mentions()
        acronyms = self._acronyms()
        locative_names = {m.text.lower() for m in mentions if m.locative}
        event_tokens: set[str] = set()
        singles: list[MentionDraft] = []
        for m in mentions:
            if m.kind == EVENT:
                event_tokens.update(
                    w.lower() for w in m.text.split() if w.lower() not in lx.EVENT_MARKERS
                )
                continue
            index = self._keyed_entity(m)
            if index is None:
                singles.append(m)
            else:
                self._attach(m, index)
        for acronym, expansion in acronyms.items():
            if expansion.entity >= 0:
                self.entities[expansion.entity].acronym = acronym
        self._index_names()
        self._prefer = frozenset(e.country for e in self.entities if e.country)
        singles.sort(key=lambda x: (x.kind not in (PERSON, ACR), x.start))
        for m in singles:
            self._single(m, acronyms, locative_names, event_tokens)
        self._demonyms_of_local_places()
        for src, dst in initialism_pairs(self.entities):  # rule initialism_alias
            self._merge(src, dst)
        finish_entities(self.body, self.entities)
        return self._frozen()

    def _frozen(self) -> Linking:
        frozen = {id(m): m.freeze() for m in self.mentions}
        return Linking(
            mentions=tuple(frozen[id(m)] for m in self.mentions),
            entities=tuple(
                ent.freeze(tuple(frozen[id(m)] for m in ent.mentions)) for ent in self.entities
            ),
        )

    def _keyed_entity(self, m: MentionDraft) -> int | None:
        """The entity a mention keys itself to (a place, a nationality, a full name, an
        organisation), created when new; None for a single word that needs the rest."""
        if m.kind == LOC and m.geo is not None and m.base is None:
            code = m.geo.country_code if m.geo.feature == "country" else None
            key = f"geo:{code}" if code else f"geo:{m.geo.geonames_id or m.geo.name}"
            return self._entity(key, LOC)
        if m.kind == LOC and m.base is not None and len(m.text.split()) > 1:
            return self._entity(f"loc:{m.base.lower()}", LOC)
        if m.kind == NORP and m.country:
            return self._country_entity(m.country)
        if m.kind in (PERSON, LOC, UNK) and f"org:{m.text.lower()}" in self.by_key:
            return self.by_key[f"org:{m.text.lower()}"]  # a company without its legal form
        if m.kind == PERSON and " " in m.text:
            return self._entity(f"per:{m.text.lower()}", PERSON)
        if m.kind == ORG:
            return self._entity(f"org:{self._org_key(m.text)}", ORG)
        if m.kind == LOC and " " in m.text:
            return self._entity(f"loc:{m.text.lower()}", LOC)
        return None

    def _org_key(self, text: str) -> str:
        words = text.split()
        # "U.S. National Security Council" is the National Security Council; "Kenya Road
        # Running Association" keeps its country: only abbreviated country forms are dropped
        if len(words) > 2 and ("." in words[0] or words[0].isupper()):
            lead = self.gaz.countries.get(words[0].lower())
            if lead is not None and words[1][:1].isupper():
                return " ".join(words[1:]).lower()
        return _LEGAL_FORM.sub("", STRIP_FORM.sub("", text)).lower()

    def _single(
        self,
        m: MentionDraft,
        acronyms: dict[str, MentionDraft],
        locative_names: set[str],
        event_tokens: set[str],
    ) -> None:
        low = m.text.lower()
        if low in event_tokens:
            return
        known = self._named_before(m, low, acronyms)
        if known is not None:
            self._attach(m, known)
        elif not self._place_single(m, locative_names):
            self._new_single(m, low)

    def _named_before(
        self, m: MentionDraft, low: str, acronyms: dict[str, MentionDraft]
    ) -> int | None:
        """The entity a single word stands for when the text named it in full: an acronym's
        expansion, a surname's person, a short organisation name, a region, a metonym."""
        if m.kind == ACR or low.upper() == m.text:
            expansion = acronyms.get(m.text)
            if expansion is not None and expansion.entity >= 0:
                return expansion.entity
        person = self._person_with_token(low)
        if person is not None:
            return person
        demonym_like = m.adjectival and low.endswith(("an", "ese", "ish", "i"))
        org = self._org_with_first_token(low) if not demonym_like else None
        if org is not None and m.kind in (UNK, ACR):
            return org
        tail = self._org_last.get(low, ()) if m.kind in (UNK, ORG) else ()
        if len(tail) == 1 and not demonym_like:  # "the Cyclones" -> "the Gold Coast Cyclones"
            return tail[0]
        region = self.by_key.get(f"loc:{(m.base or m.text).lower()}")
        if region is not None:
            return region
        if m.kind == LOC and m.base is not None:  # "Sarn valley"
            return self._entity(f"loc:{m.base.lower()}", LOC)
        for name in _BUILDING_METONYMS.get(low, ()):
            index = self.by_key.get(f"org:{name}")
            if index is not None:
                return index
        return None

    def _new_single(self, m: MentionDraft, low: str) -> None:
        """A single word no earlier name explains: an entity of its own, or held back."""
        if m.kind == ACR:
            self._attach(m, self._entity(f"org:{low}", ORG))
        elif m.kind == PERSON:
            self._attach(m, self._entity(f"per:{low}", PERSON))
        elif m.initial and not (m.followed_by_speech or m.appositive):
            self.held_back.append(m)  # "Exercises have ...": most likely not a name
        elif not (m.kind == UNK and low in lx.TITLE_HEADS):
            # one entity per unknown name, whatever each mention suggested (typed when finished)
            self._attach(m, self._entity(f"name:{low}", m.kind))

    def _place_single(self, m: MentionDraft, locative_names: set[str]) -> bool:
        """A lone city name: a place, or its country's government when never a location."""
        gaz = self.gaz
        city = gaz.city(m.text, self._prefer) if m.text[:1].isupper() else None
        if city is None:
            region = gaz.continent(m.text)
            if region is not None:
                self._attach(m, self._entity(f"geo:{region.geonames_id or region.name}", LOC))
                m.geo = region
                self.entities[m.entity].geo = region
                return True
            return False
        is_located = m.text.lower() in locative_names
        if city.capital_of and not is_located:
            self._attach(m, self._country_entity(city.capital_of))
            return True
        if not (is_located or city.capital_of or city.population >= 1_000_000):
            return False
        m.geo = city
        m.country = city.country_code
        self._attach(m, self._entity(f"geo:{city.geonames_id}", LOC))
        return True

    def _index_names(self) -> None:
        """Word -> entities, for the multi-word people and organisations found so far."""
        self._last: dict[str, list[int]] = {}
        self._first: dict[str, list[int]] = {}
        self._org_first: dict[str, list[int]] = {}
        self._org_last: dict[str, list[int]] = {}
        for index, ent in enumerate(self.entities):
            parts = ent.key[4:].split()
            if len(parts) < 2:
                continue
            if ent.key.startswith("per:"):
                if parts[-1] in _NAME_SUFFIXES and len(parts) > 2:
                    parts = parts[:-1]  # "Ferdinand Marcos Jr." is later "Marcos"
                self._last.setdefault(parts[-1], []).append(index)
                self._first.setdefault(parts[0], []).append(index)
            elif ent.key.startswith("org:"):
                self._org_first.setdefault(parts[0], []).append(index)
                self._org_last.setdefault(parts[-1], []).append(index)

    def _person_with_token(self, low: str) -> int | None:
        """The one person whose name ends (or else starts) with ``low``."""
        own = self.by_key.get(f"per:{low}")
        if own is not None:
            return own
        last = self._last.get(low, ())
        if len(last) == 1:
            return last[0]
        first = self._first.get(low, ())
        if not last and len(first) == 1:
            return first[0]
        return None

    def _org_with_first_token(self, low: str) -> int | None:
        hits = self._org_first.get(low, ())
        return hits[0] if len(hits) == 1 else None

    def _acronyms(self) -> dict[str, MentionDraft]:
        """Acronym -> the mention that spells it out."""
        body = self.body
        found: dict[str, MentionDraft] = {}
        for m in self.mentions:
            if m.kind in (ACR, EVENT) or " " not in m.text:
                continue
            paren = PAREN_ACRONYM.match(body, m.end)
            # the text links them; the letters may come from another language ("FDP")
            if paren and (
                acronym_fits(paren.group(1), m.text)
                or (m.kind == ORG and paren.group(1)[:1] == m.text[:1])
            ):
                found.setdefault(paren.group(1), m)
        # Every phrase _STANDS_FOR accepts contains one of these words: checking for them
        # first spares the pattern's scan of the whole body (nearly every text has " for ").
        spelled_out = any(cue in body for cue in _STANDS_FOR_CUES)
        for sf in _STANDS_FOR.finditer(body) if spelled_out else ():
            acronym = sf.group(1)
            for m in self.mentions:
                if sf.end() <= m.start < sf.end() + 200 and acronym_fits(acronym, m.text):
                    found[acronym] = m
                    break
        return found

    def _add_compass_mentions(self) -> None:
        """ "the North" for a country whose name starts with North (when one is named)."""
        countries = {
            m.geo.name.split()[0]: m
            for m in self.mentions
            if m.geo is not None and m.geo.feature == "country" and " " in m.geo.name
        }
        if not countries:
            return
        if "he North" not in self.body and "he South" not in self.body:
            return
        for hit in _THE_COMPASS.finditer(self.body):
            word = hit.group(1)
            target = countries.get(word)
            if target is not None:
                extra = MentionDraft(hit.start(1), hit.end(1), word, NORP, geo=None)
                extra.country = target.geo.country_code if target.geo else None
                self.mentions.append(extra)
        self.mentions.sort(key=lambda x: x.start)

    def _demonyms_of_local_places(self) -> None:
        """ "Kessarian" -> "Kessaria" for places no nationality table knows."""
        names = {
            ent.mentions[0].text: i
            for i, ent in enumerate(self.entities)
            if ent.kind in (LOC, ORG, UNK) and ent.mentions
        }
        held = {m.text: m for m in self.held_back}
        for index, ent in enumerate(self.entities):
            if ent.kind not in (ORG, PERSON, LOC, UNK) or len(ent.mentions) == 0:
                continue
            word = ent.mentions[0].text
            if " " in word or not word.endswith(("n", "ns", "ese", "i", "ish")):
                continue
            for cut in (1, 2, 3):
                stem = word[:-cut]
                for candidate in (stem, stem + "a", stem + "ia"):
                    target = names.get(candidate)
                    if target is None and candidate in held:
                        target = self._entity(f"loc:{candidate.lower()}", LOC)
                        for m in self.held_back:
                            if m.text == candidate:
                                self._attach(m, target)
                        names[candidate] = target
                    if target is not None and target != index:
                        self._merge(index, target, nationality=True)
                        break
                else:
                    continue
                break

    def _merge(self, src: int, dst: int, *, nationality: bool = False) -> None:
        source, target = self.entities[src], self.entities[dst]
        for m in source.mentions:
            m.entity = dst
            if nationality:
                m.kind = NORP
            target.mentions.append(m)
        target.kind = LOC if nationality else target.kind
        source.mentions = []


def link_mentions(body: str, mentions: Sequence[Mention], gaz: Gazetteer) -> Linking:
    """Link ``mentions`` (in body order) into entities.

    Consumes the name-finding stage's mentions and leaves them as they are; emits a
    ``Linking``: new mentions (with ``entity`` set, and any the linking rules add)
    and the entities they point to. Pure and idempotent.
    """
    return Linker(body, mentions, gaz).link()

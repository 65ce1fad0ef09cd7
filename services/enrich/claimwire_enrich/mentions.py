"""Name mentions: runs of capitalised words, cut into names, titles and affiliations.

``MentionFinder.run`` reads the body once with one linear regex, then splits each
run at possessives and at connectors that do not belong inside a name ("Russia and
China"), peels off sentence-initial function words, and separates titles from the
names they precede ("European Commission President Ursula von der Leyen" -> an ORG, a
title, a PERSON). Each piece gets a provisional kind from its own words and context
(built as a ``MentionDraft``, handed on frozen); ``coref`` links them into entities.
"""

from __future__ import annotations

import itertools
import re

from claimwire_enrich import lexicon as lx
from claimwire_enrich.gazetteer import Gazetteer, GeoPlace
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
    freeze_marking_quotes,
)
from claimwire_enrich.name_runs import (
    Tok,
    first_name,
    outside,
    segments,
    strip_possessive,
    title_split,
    tokens_in,
)
from claimwire_enrich.text import UPPER, Tokens
from claimwire_enrich.wire_names import not_a_name, place_test, wire_split

_CONN = "(?:&|" + "|".join(sorted(lx.NAME_CONNECTORS, key=len, reverse=True)) + ")"
_PARTICLE_PREFIX = "(?:(?:al|el|ad|as|ash|at|az|bin|ibn)-)?"
# A run of capitalised words, possibly joined by lower-case connectors. A word starts
# with a capital (so the scan skips every other character quickly) and connectors are
# lower case, so the repeat cannot backtrack. Periods stay inside words ("U.S.",
# "Dr."); a sentence's final period is dropped when the run is cut into words.
NAME_RUN = re.compile(
    rf"[{UPPER}][\w'’&.-]*(?:[ \t]+(?:{_CONN}[ \t]+)*{_PARTICLE_PREFIX}[{UPPER}][\w'’&.-]*)*"
)
# "Sen. Jane Roe, D-Ohio," / "Rep. Tom Ruiz, R-Wyo.": party and state after a name.
PARTY_TAG = r"[DRI]-(?P<state>[A-Z][a-z]+\.?|[A-Z]\.(?:[A-Z][a-z]?\.)+)"
PARTY_STATE = re.compile(rf"(?<=, ){PARTY_TAG}")
_WORD_BEFORE = re.compile(r"(\w+)\.?\s+$")
_BEFORE_A_TEAM = lx.words_of("the against beat beating defeated versus vs")
# An acronym in parentheses right after a name: "National Security Council (NSC)".
PAREN_ACRONYM = re.compile(rf"\s*\(([{UPPER}][{UPPER}a-z.&-]{{1,9}})\)")
_STAFF_AFTER = re.compile(
    r" (?:economists|analysts|officials|executives|employees|staff|shareholders|investors|"
    r"spokesman|spokeswoman|spokesperson|lawyers|engineers|researchers|workers)\b"
)
_NEVER_ALONE = lx.FUNCTION_WORDS | lx.NOT_NAMES | lx.COMMON_NOUNS

_ACRONYM = re.compile(
    rf"^(?:[{UPPER}]{{2,8}}|[{UPPER}](?:\.[{UPPER}])+\.?|[{UPPER}]{{1,3}}[0-9]+)$"
)
_STATE_NOUN = re.compile(
    r"['’]s (?:government|army|military|president|prime minister|economy|capital|parliament|"
    r"border|currency|population|foreign minister|defence minister|defense minister)\b"
)
_NEXT_WORD = re.compile(r"[ \t]+([a-z][\w'’-]*)")
_DATELINE = re.compile(rf"^[{UPPER}][{UPPER} .'-]+(?=,| —| –| -|\s\()")


class MentionFinder:
    """Finds mentions in one article; ``quote_spans`` marks text inside quotation marks."""

    def __init__(
        self,
        body: str,
        gaz: Gazetteer,
        clause_starts: set[int],
        quote_spans: list[tuple[int, int]],
        tokens: Tokens | None = None,
    ) -> None:
        self.body = body
        self.tokens = tokens if tokens is not None else Tokens(body)
        self.gaz = gaz
        self._known_place = place_test(gaz)
        self.clause_starts = clause_starts
        self.quote_spans = quote_spans
        self.mentions: list[MentionDraft] = []
        self.roles: list[tuple[int, int, str, int]] = []  # title runs: start, end, title, mention

    def run(self) -> tuple[Mention, ...]:
        """All mentions of the body, in body order (pure; call once per finder)."""
        body = self.body
        tags = self._party_state_tags()
        for m in NAME_RUN.finditer(body):
            text = m.group(0)
            if " " not in text and text.lower() in _NEVER_ALONE:
                continue  # "The", "In", "Monday": the most frequent runs, never names
            if not tags:
                self._run(tokens_in(body, m.start(), m.end()))
                continue
            for start, end in outside(m.start(), m.end(), tags):
                toks = tokens_in(body, start, end)
                if toks:
                    self._run(toks)
        self.mentions.sort(key=lambda x: x.start)
        return freeze_marking_quotes(self.mentions, self.quote_spans)

    def _party_state_tags(self) -> list[tuple[int, int]]:
        """Where "D-Ohio", "R-Wyo." follow a lawmaker's name (AP style): each tag's span,
        and its state as a place. The party letter is no name."""
        if "-" not in self.body:
            return []
        tags = []
        for m in PARTY_STATE.finditer(self.body):
            written, end = m.group("state"), m.end()
            if written not in lx.AP_STATES and written.endswith("."):
                written, end = written[:-1], end - 1  # "D-Ohio.": the sentence's full stop
            state = lx.AP_STATES.get(written)
            geo = self.gaz.state(state) if state else None
            if geo is not None:
                tags.append((m.start(), end))
                self._add(m.start("state"), end, LOC, geo)
        return tags

    # -- one run of capitalised words ------------------------------------------------------

    def _run(self, toks: list[Tok]) -> None:
        toks, *rest = wire_split(self.body, toks, self._known_place, self.gaz.demonym)
        for part in rest:  # the words after a dateline or a subheading in capitals
            self._run(part)
        if len(toks) > 2:  # "Trinidad and Tobago": a country whose name has a connector
            last, _ = strip_possessive(toks[-1])
            whole = self._place(self.body[toks[0].start : last.end], toks[0].start)
            if whole is not None:
                self._add(toks[0].start, last.end, LOC, whole)
                return
        for seg in segments(toks):
            self._segment(seg)

    def _segment(self, seg: list[Tok]) -> None:
        while seg and (
            seg[0].low in lx.FUNCTION_WORDS
            or seg[0].low in lx.NOT_NAMES
            or seg[0].low in lx.DESCRIPTORS_BEFORE_NAMES
        ):
            if len(seg) > 1 and first_name(seg[0].low) and seg[1].text[:1].isupper():
                break  # "Jan Hatzius": a first name that is also a month's abbreviation
            seg = seg[1:]
        while seg and seg[-1].low in lx.NOT_NAMES and not self._spelled_out(seg):
            seg = seg[:-1]
        while seg and seg[0].low in lx.NAME_CONNECTORS:
            seg = seg[1:]
        if not seg:
            return
        if len(seg) == 1 and (len(seg[0].text) == 1 or seg[0].low in lx.COMMON_NOUNS):
            return
        affiliation, title, name = title_split(seg)
        if title:
            title_text = self.body[title[0].start : title[-1].end]
            if affiliation:
                self._classify(affiliation)
            if name:
                mention = self._add(name[0].start, name[-1].end, PERSON)
                mention.title = title_text
                mention.alias_start = title[0].start
                gender = lx.HONORIFIC_GENDER.get(title[-1].low) or lx.HONORIFIC_GENDER.get(
                    title[0].low
                )
                if title[-1].low in lx.MALE_ROLE_NOUNS:
                    gender = "m"
                elif title[-1].low in lx.FEMALE_ROLE_NOUNS:
                    gender = "f"
                mention.gender = gender
                self.roles.append(
                    (title[0].start, title[-1].end, title_text, len(self.mentions) - 1)
                )
            else:
                self.roles.append((title[0].start, title[-1].end, title_text, -1))
            return
        self._classify(seg)

    def _classify(self, seg: list[Tok]) -> None:
        """Add the mention ``seg`` names, with the kind its words and context give it."""
        if not_a_name(seg, self.body, self._known_place, self.gaz.demonym) is None and (
            not self._classify_place_or_marker(seg)
        ):
            self._classify_by_heads(seg)

    def _classify_place_or_marker(self, seg: list[Tok]) -> bool:
        """A place, a nationality, an event or an acronym: add it and say True."""
        body = self.body
        start, end = seg[0].start, seg[-1].end
        text = body[start:end]
        low = text.lower()
        first, last = seg[0].low, seg[-1].low
        place = self._place(text, start)
        if place is not None:
            self._add(start, end, LOC, place)
            return True
        if len(seg) > 1 and first in lx.DIRECTIONAL:  # "Northern Chile": a part of Chile
            rest = self._place(body[seg[1].start : end], seg[1].start)
            if rest is not None:
                self._add(seg[1].start, end, LOC, rest).locative = True
                return True
        code = self.gaz.demonym(low)
        if code is not None:
            m = self._add(start, end, NORP)
            m.country = code
            return True
        if first in lx.EVENT_MARKERS or last in lx.EVENT_MARKERS:
            self._add(start, end, EVENT)
            if len(seg) > 1:  # "Nairobi City Marathon": the city is still a place
                self._nested_place(seg)
            return True
        if len(seg) == 1 and _ACRONYM.match(text):
            dateline = self._dateline(start, end)
            self._add(start, end, LOC if dateline else ACR)
            return True
        return False

    def _classify_by_heads(self, seg: list[Tok]) -> None:
        """An organisation, a place or a person, by its head words and context."""
        body = self.body
        start, end = seg[0].start, seg[-1].end
        first, last = seg[0].low, seg[-1].low
        if (len(seg) > 1 and last in lx.ORG_HEADS) or any(
            t.low in lx.ORG_OPENERS and n.low in ("of", "for") for t, n in itertools.pairwise(seg)
        ):
            self._add(start, end, ORG)
            self._nested_place(seg)
            return
        if len(seg) > 1 and (last in lx.LOC_HEADS or first in lx.LOC_OPENERS):
            m = self._add(start, end, LOC)
            base_toks = seg[:-1] if last in lx.LOC_HEADS else seg[1:]
            m.base = body[base_toks[0].start : base_toks[-1].end]
            m.geo = self._region_geo(m.base)
            return
        if len(seg) == 1:
            self._single(seg[0])
            return
        if len(seg) > 4 or self._placed_plural(seg) or any(t.low == "&" for t in seg):
            self._add(start, end, ORG)
            return
        m = self._add(start, end, PERSON)
        spelled_out = self._spelled_out(seg) and (not first_name(first) or last.endswith("s"))
        if m.cue in lx.ORG_CUES or _STAFF_AFTER.match(self.body, end) or spelled_out:
            # "Goldman Sachs economists": a person has no economists, officials or staff, and
            # no acronym in parentheses ("Free Democrats (FDP)")
            m.kind = ORG
        elif m.locative and m.cue not in lx.PERSON_CUES and not first_name(first):
            m.kind = LOC  # "in the Rio Grande": a two-word name used as a place
        if any(t.low in lx.ORG_HEADS for t in seg):
            m.kind = ORG

    def _spelled_out(self, seg: list[Tok]) -> bool:
        """ "Free Democrats (FDP)": the words an acronym in parentheses spells out."""
        paren = PAREN_ACRONYM.match(self.body, seg[-1].end)
        if paren is None or len(seg) < 2 or not paren.group(1).isupper():
            return False
        acronym = paren.group(1)
        initials = "".join(t.text[:1] for t in seg if t.text[:1].isupper())
        return acronym.startswith(initials[:2]) and len(acronym) >= len(seg)

    def _placed_plural(self, seg: list[Tok]) -> bool:
        """ "the Gold Coast Cyclones": a place and a plural noun name a team or a group when
        "the" (or "against", "beat") comes before the name, or "the" before its plural alone
        elsewhere ("Glasgow Athenians ... the Athenians"): a person is never "the Sydney
        Jones"."""
        last, first = seg[-1].low, seg[0].low
        plural = last.endswith("men") or (last.endswith("s") and not last.endswith(("ss", "us")))
        if not plural or first in lx.MALE_NAMES or first in lx.FEMALE_NAMES:
            return False
        body = self.body
        prefix = body[seg[0].start : seg[-2].end]
        gaz = self.gaz
        if (gaz.city(prefix) or gaz.state(prefix) or gaz.country(prefix)) is None:
            return False
        before = _WORD_BEFORE.search(body, max(0, seg[0].start - 12), seg[0].start)
        if before is not None and before.group(1).lower() in _BEFORE_A_TEAM:
            return True  # "the Gold Coast Cyclones", "the final against Inverness Mariners"
        plural_alone = re.compile(r"\b[Tt]he " + re.escape(seg[-1].text) + r"\b")
        return plural_alone.search(body) is not None

    def _single(self, tok: Tok) -> None:
        m = self._add(tok.start, tok.end, UNK)
        low = tok.low
        if low in lx.MALE_NAMES or low in lx.FEMALE_NAMES:
            m.kind = PERSON
        if m.cue in lx.ORG_CUES:
            m.kind = ORG
        elif m.cue in lx.PERSON_CUES:
            m.kind = PERSON
        if _STATE_NOUN.match(self.body, tok.end):  # "Dravonia's government": a country
            m.locative = True
        nxt = _NEXT_WORD.match(self.body, tok.end)
        if nxt:
            word = nxt.group(1)
            m.adjectival = word not in lx.FUNCTION_WORDS
            if word in lx.SPEECH_VERBS:
                m.followed_by_speech = True
                m.adjectival = False
            elif word in lx.GEO_NOUNS and m.kind == UNK:
                if word in ("region", "province", "valley", "river", "oblast", "prefecture",
                            "county", "district", "island", "peninsula", "basin", "delta",
                            "mountains", "state"):  # fmt: skip
                    m.base = m.text
                    m.end = nxt.end(1)
                    m.text = self.body[m.start : m.end]
                    m.geo = self._region_geo(m.base)
                m.kind = LOC

    # -- helpers --------------------------------------------------------------------------

    def _add(
        self, start: int, end: int, kind: NameKind, geo: GeoPlace | None = None
    ) -> MentionDraft:
        body = self.body
        m = MentionDraft(start, end, body[start:end], kind, geo=geo)
        if geo is not None:
            m.country = geo.country_code
        m.initial = start in self.clause_starts
        tok = self.tokens
        i = tok.index_at(start - 1)
        if (
            i >= 0
            and tok.starts[i] < start
            and not body[tok.starts[i] + len(tok.raw[i]) : start].strip()
        ):
            # the word right before the name (no punctuation between them)
            word = tok.low[i]
            m.cue = word
            if word == "to" and i > 0 and tok.low[i - 1] == "according":
                pass  # "according to Maria Lopez": a source, not a destination
            elif word in lx.LOCATIVE_PREPS or word in lx.DIRECTIONAL:
                m.locative = True
            elif word == "the" and i > 0 and tok.low[i - 1] in lx.LOCATIVE_PREPS:
                m.locative = True  # "in the Rio Grande"
            elif word == "of" and i > 0 and tok.low[i - 1] in lx.PLACE_OF:
                m.locative = True
                if kind == UNK:
                    m.kind = LOC
        if self._dateline(start, end):
            m.locative = True
        elif m.initial and body.startswith((", a ", ", an ", ", the ", ", one "), end):
            m.appositive = True  # "Skarvebreen, one of the largest glaciers, ..."
        if body.startswith("-based", end):  # "Oslo-based": where something is
            m.locative = True
        self.mentions.append(m)
        return m

    def _dateline(self, start: int, end: int) -> bool:
        """ "VELMARA, March 2 (Wire) —": the place a story was filed from."""
        body = self.body
        if not (start == 0 or body[start - 1] == "\n"):
            return False
        dl = _DATELINE.match(body, start)
        return bool(dl and dl.end() >= end)

    def _place(self, text: str, start: int) -> GeoPlace | None:
        gaz = self.gaz
        if text.isupper() and len(text) > 3 and "." not in text:  # dateline "VELMARA"
            if not (start == 0 or self.body[start - 1] == "\n"):
                return None
            text = text.title()
        hit = gaz.country(text) or gaz.continent(text)
        if hit is None and gaz.capital(text) is None:  # "Washington" the capital, not the state
            hit = gaz.state(text)
        return hit

    def _region_geo(self, base: str) -> GeoPlace | None:
        gaz = self.gaz
        hit = gaz.country(base) or gaz.state(base) or gaz.city(base)
        if hit is None:
            return None
        return GeoPlace(hit.name, hit.geonames_id, hit.country_code, "region", hit.lat, hit.lon)

    def _nested_place(self, seg: list[Tok]) -> None:
        """A country, state or big city that opens an organisation's name."""
        for n in (2, 1):
            if len(seg) <= n:
                continue
            text = self.body[seg[0].start : seg[n - 1].end]
            gaz = self.gaz
            hit = gaz.country(text) or gaz.state(text)
            if hit is None:
                city = gaz.city(text)
                if city is not None and (city.capital_of or city.population >= 100_000):
                    hit = city
            if hit is not None:
                m = MentionDraft(seg[0].start, seg[n - 1].end, text, LOC, geo=hit, nested=True)
                m.country = hit.country_code
                m.locative = True
                self.mentions.append(m)
                return

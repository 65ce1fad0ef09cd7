"""Amounts written in set forms, found by their own patterns before the general scan.

Ratios as shares ("three in four" -> 75 percent), both sides of a game's score or
a vote's tally ("beat Tulsa 118-111" -> points, "passed 68-31" -> votes), spans of time
written as one word ("a 12-month freeze") and magnitudes ("a magnitude 7.1
earthquake"). Ages ("a 52-year-old", "aged 19", "Jane Roe, 47,") are found only to be
left out (CONVENTIONS.md: ages are no amounts). ``SetFormFinder.find`` is pure; the
general finder in ``amounts`` skips the text these cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from claimwire_schemas.events import AmountKind

from claimwire_enrich import lexicon as lx
from claimwire_enrich import lexicon_amounts as lxa
from claimwire_enrich.text import Tokens, last_match

WORD_NUMBER = (
    r"(?P<word>(?:(?:half\s+)?a\s+)?(?:dozen|hundred|thousand|million|billion)"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
NEXT_TOKEN = re.compile(r"[ \t]+([\w'’$€£-]+)([,.;:!?)]?)")
_APPROX_ONE = frozenset(w for w in lx.APPROX_WORDS if " " not in w)
_APPROX_MANY = frozenset(lx.APPROX_PHRASES)
_APPROX_MANY_LAST = frozenset(p.rsplit(" ", 1)[-1] for p in _APPROX_MANY)
_APPROX_SOFT = frozenset({"around", "about", "some", "nearly"})

_SMALL = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_SMALL_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})"
# Shares written as ratios, which news prefers to percentages for people: "three in four
# adults" (75 percent). "9 out of 14 ferries" counts ferries twice (``amount_units``), and
# word fractions ("a third", "about half") are no amounts (CONVENTIONS.md). The pattern
# starts with literal text: one that may start at any word costs a tenth of the finder.
_SHARE_OF = re.compile(rf" in (?P<d>{_SMALL_NUMBER})\b(?![.,]?\d)")
_SHARE_NUMERATOR = re.compile(rf"\b(?P<n>{_SMALL_NUMBER})$", re.IGNORECASE)
# Scores: "beat Tulsa 118-111", "trailed 58-49 at halftime", "a 14-7 run". Both sides are
# points. A pair of numbers is a score only where a game is spoken of, and a tally where a
# vote is ("voted 7-2"), so that "pages 12-14" is neither.
_SCORE = re.compile(r"(?<![\w.,/:#-])(\d{1,3})[-–](\d{1,3})(?![\w/%:-]|[.,]\d)")
_SCORE_CUE = re.compile(
    r"\b(?:won|wins?|beat(?:s|ing)?|lost|los(?:e|es|ing)|defeat(?:ed|ing)?|led|leads?|leading"
    r"|trail(?:ed|ing|s)?|drew|draw|edged|routed|scored?|victory|halftime|half-time)\b",
    re.IGNORECASE,
)
# Spans of time and distance written as one hyphenated word ("a 52-year-old", "a 12-month
# freeze", "a three-day strike") and ages ("aged 19", "aged between 24 and 41").
# Speed: the lookahead holds wherever a match starts (its first word runs into the hyphen,
# or it is "half a ..." / "a hundred-..."), so it changes no match; it stops the attempt at
# most word starts before the long case-insensitive alternation (the scan 2.6x faster).
_COMPOUND_UNIT = re.compile(
    rf"(?<![\w.,-])(?=\w+-|half\s|a\s)"
    rf"(?P<n>\d{{1,4}}|{WORD_NUMBER})-(?P<unit>(?-i:[a-z]{{3,}}))(?P<old>-olds?)?\b",
    re.IGNORECASE,
)
# "Karim Benali, 47, was sentenced": an age between commas after a name
# The comma first and the letter before it in a lookbehind: the same matches as
# "(?<=[a-z]), ...", but a pattern that opens with a literal is searched for by it (15x faster).
_AGE_AFTER_NAME = re.compile(r",(?<=[a-z],) (?P<age>[1-9]\d?|1[01]\d), (?=[a-z])")
# "a magnitude 7.1 earthquake", "a 6.4-magnitude quake"
_MAGNITUDE = re.compile(
    r"\bmagnitude[- ](?P<a>\d(?:\.\d)?)\b|(?<![\w.])(?P<b>\d(?:\.\d)?)[- ]magnitude\b",
    re.IGNORECASE,
)
_AGED = re.compile(
    r"\baged\s+(?:between\s+)?(?P<lo>\d{1,3})(?:\s*(?:to|and|-|–)\s*(?P<hi>\d{1,3}))?\b"
    r"(?![.,]?\d|%)"
)
# ... and a vote's tally where a vote is spoken of: "passed 68-31", "voted 7-2".
_TALLY_CUE = re.compile(
    rf"(?P<game>{_SCORE_CUE.pattern})|(?P<vote>\b(?:vot(?:e|es|ed|ing)|passed|approved|rejected"
    r"|confirmed|ballot)\b)",
    re.IGNORECASE,
)
# Tennis is scored in games within sets, and in points (15, 30, 40) within a game: where
# the text speaks of sets, or writes set scores in a row ("a 7-5 6-3 win"), "at 3-3" and
# "4-4" are games and "30-30" points, with or without a cue word.
_SET_SCORING = re.compile(
    r"\b(?:tennis|deuce|tie-?breaks?|tiebreakers?|break points?|(?:first|second|third|fourth"
    r"|fifth|final|deciding|opening) set|straight sets)\b"
    r"|(?<![\w.-])[0-7]-[0-7],? [0-7]-[0-7](?![\w-]|\.\d)",  # "7-5 6-3": set after set
    re.IGNORECASE,
)
_GAME_POINTS = frozenset({0, 15, 30, 40})
_VOTE_NOUNS = lx.words_of("vote votes majority margin ruling decision verdict")
_SCORE_NOUNS = lx.words_of("win victory lead defeat loss deficit advantage triumph draw run")
_AFTER_A_SCORE = lx.words_of("in at on after with against over before to")


def _small_number(word: str) -> int:
    low = word.lower()
    return _SMALL.index(low) + 1 if low in _SMALL else int(low)


# The kinds as module constants: an enum member lookup in a loop is slow on Python 3.11.
COUNT: Final = AmountKind.COUNT
MONEY: Final = AmountKind.MONEY
PERCENT: Final = AmountKind.PERCENT
MEASURE: Final = AmountKind.MEASURE


@dataclass(frozen=True, slots=True, init=False)
class FoundAmount:
    value: float
    value_max: float | None
    unit: str
    kind: AmountKind
    currency: str | None
    approximate: bool
    start: int
    end: int

    def __init__(
        self, value: float, value_max: float | None, unit: str, kind: AmountKind,
        currency: str | None, approximate: bool, start: int, end: int,
    ) -> None:  # fmt: skip
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "value_max", value_max)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "currency", currency)
        object.__setattr__(self, "approximate", approximate)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


@dataclass(frozen=True, slots=True)
class SetForms:
    """The set-form amounts of a text, and the spans of its ages (no amounts)."""

    amounts: list[FoundAmount]
    ages: list[tuple[int, int]]


def hedged(tok: Tokens, start: int) -> tuple[bool, int]:
    """Whether a hedge ("about", "more than", "a total of around") stands just before the
    word at ``start``, and where the amount then starts. Pure."""
    idx = tok.index_at(start)
    if idx < 0 or tok.starts[idx] != start:
        return False, start
    low, j = tok.low, idx
    if j > 0 and low[j - 1] in _APPROX_SOFT:
        j -= 1
    k = _phrase_before(low, j)
    if k:
        j -= k
    elif j == idx and j > 0 and low[j - 1] in _APPROX_ONE:
        j -= 1
    return (True, tok.starts[j]) if j < idx else (False, start)


def _phrase_before(low: list[str], j: int) -> int:
    """How many words the hedge phrase ending right before word ``j`` has (0: none)."""
    if j == 0 or low[j - 1] not in _APPROX_MANY_LAST:
        return 0  # a phrase ends in its last word: most numbers need no joined words tried
    for k in (4, 3, 2):
        if j - k >= 0 and " ".join(low[j - k : j]) in _APPROX_MANY:
            return k
    return 0


def _plural(word: str) -> str:
    """ "judge" -> "judges", "foot" -> "feet", "decade" -> "decades"; "times" stays."""
    if word in lxa.IRREGULAR_PLURALS:
        return lxa.IRREGULAR_PLURALS[word]
    if word.endswith("s") and not word.endswith("ss"):
        return word
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _compound(m: re.Match[str], tokens: Tokens) -> FoundAmount | None:
    """A number and its noun as one hyphenated word: "a three-judge panel" -> 3 judges,
    "a 100-mile-wide front" -> 100 miles, "a 12-month freeze" -> 12 months."""
    word = m.group("unit")
    if word in lxa.NOT_COMPOUND_UNITS or word in lx.NUMBER_WORDS:
        return None
    n = m.group("n").lower()
    value = float(lx.NUMBER_WORDS[n]) if n in lx.NUMBER_WORDS else float(n)
    unit = _plural(word)
    kind = MEASURE if unit in lx.MEASURE_UNITS else COUNT
    approx, start = hedged(tokens, m.start())
    return FoundAmount(value, None, unit, kind, None, approx, start, m.end())


class SetFormFinder:
    """Finds the amounts of one text that are written in set forms."""

    def __init__(self, body: str, tokens: Tokens) -> None:
        self.body = body
        self.tokens = tokens

    def find(self) -> SetForms:
        """Every set-form amount, grouped by form (the caller sorts), and the spans of the
        ages, which are no amounts but no counts either. Pure."""
        spans, ages = self.spans_ages_and_magnitudes()
        return SetForms(self.fractions() + self.scores_and_tallies() + spans, ages)

    def fractions(self) -> list[FoundAmount]:
        """Ratios as percentages: "about one in five" -> 20 percent, approximate."""
        body = self.body
        shares: list[tuple[int, int, int, int]] = []  # numerator, denominator, start, end
        for m in _SHARE_OF.finditer(body):
            n = _SHARE_NUMERATOR.search(body, max(0, m.start() - 6), m.start())
            if n is not None:
                shares.append(
                    (_small_number(n.group("n")), _small_number(m.group("d")), n.start(), m.end())
                )
        out = []
        for numerator, denominator, start, end in sorted(shares, key=lambda s: s[2]):
            if not 0 < numerator < denominator:
                continue  # "one in one", "5 in 3": not a share
            approx, start = hedged(self.tokens, start)
            value = 100 * numerator / denominator
            out.append(FoundAmount(value, None, "percent", PERCENT, None, approx, start, end))
        return out

    def spans_ages_and_magnitudes(self) -> tuple[list[FoundAmount], list[tuple[int, int]]]:
        """ "a 12-month freeze" -> 12 months, "a magnitude 7.1 quake"; and the spans of the
        ages "a 52-year-old", "aged 52", "aged between 24 and 41" and "Jane Roe, 52,"."""
        body = self.body
        out = []
        ages: list[tuple[int, int]] = []
        if "-" in body:
            for m in _COMPOUND_UNIT.finditer(body):
                if m.group("old"):
                    ages.append((m.start(), m.end()))
                    continue
                compound = _compound(m, self.tokens)
                if compound is not None:
                    out.append(compound)
        for m in _AGE_AFTER_NAME.finditer(body):
            if body[body.rfind(" ", 0, m.start()) + 1 : m.start()][:1].isupper():
                ages.append((m.start("age"), m.end("age")))
        if "agnitude" in body:
            for m in _MAGNITUDE.finditer(body):
                group = "a" if m.group("a") else "b"
                value = float(m.group(group))
                out.append(
                    FoundAmount(
                        value,
                        None,
                        "magnitude",
                        MEASURE,
                        None,
                        False,
                        m.start(),
                        m.end(),
                    )
                )
        if "aged" in body:
            ages.extend((m.start(), m.end()) for m in _AGED.finditer(body))
        return out, ages

    def scores_and_tallies(self) -> list[FoundAmount]:
        """Both sides of a game's score, in points: "won 25-24" -> 25 and 24 points, each
        with the text "25-24"; in a text scored in sets, games ("7-5") and points."""
        out = []
        candidates = self._score_candidates()
        in_sets = bool(candidates) and _SET_SCORING.search(self.body) is not None
        for m in candidates:
            unit = self._tally_unit(m, in_sets)
            if unit is None:
                continue
            for side in (1, 2):
                value = float(m.group(side))
                # both sides carry the whole tally as their text (CONVENTIONS.md)
                out.append(FoundAmount(value, None, unit, COUNT, None, False, m.start(), m.end()))
        return out

    def _set_score_unit(self, m: re.Match[str]) -> str | None:
        """In a text scored in sets: "games" for "7-5" or "3-3", "points" for "30-30"."""
        a, b = int(m.group(1)), int(m.group(2))
        if a <= 7 and b <= 7:
            return "games"
        return "points" if a in _GAME_POINTS and b in _GAME_POINTS else None

    def _tally_unit(self, m: re.Match[str], in_sets: bool) -> str | None:
        """ "points" for a game's score, "votes" for a vote's tally, None for neither."""
        body = self.body
        if in_sets:
            unit = self._set_score_unit(m)
            if unit is not None:
                return unit
        after = NEXT_TOKEN.match(body, m.end())
        following = after.group(1).lower() if after else ""
        if following in _VOTE_NOUNS:
            return "votes"  # "a 51-48 vote", "a 220-215 majority"
        if following in _SCORE_NOUNS:
            return "points"
        if following.isalpha() and following not in _AFTER_A_SCORE:
            return None
        sentence_start = max(body.rfind(". ", 0, m.start()), body.rfind("\n", 0, m.start()))
        window = max(sentence_start, m.start() - 80)
        last_cue = last_match(_TALLY_CUE, body, window, m.start())
        if last_cue is None:
            return None
        return "votes" if last_cue.group("vote") else "points"

    def _score_candidates(self) -> list[re.Match[str]]:
        """``_SCORE`` matches, looked for only at dashes between digits (few in any text)."""
        body, found = self.body, []
        for dash in "-–":
            pos = body.find(dash, 1)
            while 0 < pos < len(body) - 1:
                if body[pos - 1].isdigit() and body[pos + 1].isdigit():
                    start = pos - 1
                    while start > 0 and pos - start < 3 and body[start - 1].isdigit():
                        start -= 1
                    m = _SCORE.match(body, start)
                    if m is not None:
                        found.append(m)
                pos = body.find(dash, pos + 1)
        return sorted(found, key=lambda m: m.start())

"""Amounts: a number with what it counts or measures, money with its currency, percentages.

"around 10,000 troops" -> 10000 troops (approximate); "€280 million" -> 280000000
euros; "between 30 and 40 convoys" -> 30..40 convoys (and 40 convoys on its own);
"two meetings" -> 2 meetings. Odd formats are read as news writes them:
"10.000" (dot for thousands), "1,5 million" (comma for decimals), "3k".
A number with nothing counted after it (a date, a score, a page) is not an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimwire_enrich import lexicon as lx
from claimwire_enrich.text import MAX_SENTENCE_CHARS, Tokens, last_match

_CURRENCY = r"(?P<cur>US\$|C\$|A\$|HK\$|NZ\$|R\$|[$€£¥₹₩₽₺₦₱])"
_DIGITS = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 10,000 / 1,234.5
    r"|\d{1,3}(?:\.\d{3})+(?![\d,])"  # 10.000 (dot for thousands)
    r"|\d+,\d{1,2}(?=\s?(?:thousand|million|billion|trillion|mn|bn|m|k)\b)"  # 1,5 million
    r"|\d+(?:\.\d+)?)"
)
_WORD_NUM = (
    r"(?P<word>(?:(?:half\s+)?a\s+)?(?:dozen|hundred|thousand|million|billion)"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_SCALE = r"(?:\s?(?P<scale>dozen|thousand|million|billion|trillion|mln|bln|mn|bn|tn|k|m|b)\b)?"
_PERCENT = r"(?P<pct>\s?(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b))?"
_ATTACHED = r"(?P<att>km|kg|mm|cm|kwh|mwh|gwh|mw|gw|mph|kph|m)?"
AMOUNT = re.compile(
    rf"(?<![\w.,/:#-]){_CURRENCY}?\s?(?:{_DIGITS}{_ATTACHED}|\b{_WORD_NUM}\b)"
    rf"{_SCALE}(?![\w:/])(?!-[a-z]){_PERCENT}",
    re.IGNORECASE,
)
_NEXT_TOKEN = re.compile(r"[ \t]+([\w'’$€£-]+)([,.;:!?)]?)")
_APPROX_ONE = frozenset(w for w in lx.APPROX_WORDS if " " not in w)
_APPROX_MANY = frozenset(lx.APPROX_PHRASES)
_APPROX_SOFT = frozenset({"around", "about", "some", "nearly"})
_RANGE_JOIN_AHEAD = re.compile(r"(?:[ \t]*[-–][ \t]*|[ \t]+(?:to|and)[ \t]+)(?=[$€£¥\d]|[a-z])",
                               re.IGNORECASE)  # fmt: skip
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_MAX_UNIT_WORDS = 4
_SCALE_WORD = re.compile(r"(?:a\s*)?(dozen|hundred|thousand|million|billion)")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_COMMA_DECIMAL = re.compile(r"\d+,\d{1,2}")
_RATE = re.compile(r"\d{1,3}\.\d{3}")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_OF_THE = re.compile(r"\s+(?:the|its|their|his|her|our|these|those)\s+(?:[\w’']+['’]s\s+)?")
# Where a bare number may stand for a count named before it: after "from", "to", "than"
# (possibly "roughly"), and before the end of a clause.
_ELLIPSIS_LEAD = re.compile(
    r"\b(?:from|to|than|of|and)\s+(?:(?:about|around|roughly|some|nearly|almost|over|at least"
    r"|more than)\s+)?$",
    re.IGNORECASE,
)
# ... or before a verb in the past: "43 people were killed and about 86,000 forced from ..."
_ELLIPSIS_END = re.compile(
    r"[ \t]*(?:[,.;:)]|$|\s+(?:a|in|last|this|the|on)\s"
    r"|\s+(?:[a-z]{3,}ed|fled|fell|went|ran|sought)\b(?!\s+(?:by|with)\b))"
)
_PAST_TENSE = re.compile(r"[a-z]{3,}ed")
_IRREGULAR_PAST = lx.words_of("fled fell went ran sought")
_NOUNS_IN_ED = lx.words_of("hundred seed speed need feed bed breed shed creed weed")
# What follows a verb and not a noun ("forced from", "wanted a"); not "were", so that
# "40 injured were treated" still counts the injured.
_AFTER_A_VERB = lx.words_of("from to into out at by with in on a an the their his her its off")
_NUMBER_OF = re.compile(r"\bnumber of ([a-z][a-z-]+)")
_DEATH_TOLL = re.compile(r"\b(?:death|casualty) toll\b", re.IGNORECASE)
# Words between a number and what it counts that are not part of the unit.
_SKIPPED_MODIFIERS = lx.words_of("more fewer earlier further extra")
# What follows "N times" when it is a multiple ("80 times as much", "twice" aside).
_MULTIPLE_OF = lx.words_of(
    "as the more higher greater larger bigger faster lower smaller expected earnings sales "
    "what that its their his her our normal average"
)
_EXTRA_STOP = lx.words_of("another other others times time once twice percent")


_SMALL = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_SMALL_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})"
# Shares written as fractions, which news prefers to percentages for people:
# "three in four adults", "one out of five", "a third", "two-thirds", "three-quarters".
# Each pattern starts with literal text ("in", "out of"), or runs only when "third" or
# "quarter" is in the text: a pattern that may start at any word costs a tenth of the
# whole amount finder.
_SHARE_OF = re.compile(rf" (?:in|out of) (?P<d>{_SMALL_NUMBER})\b(?![.,]?\d)")
_SHARE_NUMERATOR = re.compile(rf"\b(?P<n>{_SMALL_NUMBER})$", re.IGNORECASE)
# "of", and not "of a(n)": "a third of voters", not "a quarter of an hour"
_PART_OF = re.compile(
    r"\b(?P<count>a|one|two|three)[ -](?P<part>thirds?|quarters?)(?=\s+of\s+(?!an?\s))",
    re.IGNORECASE,
)
# ... or after a hedge with nothing counted after it: "by as much as a third", "nearly a
# quarter."; and "about half of the money" (after a hedge: "the second half of" is time).
_PART_ALONE = re.compile(
    r"\b(?:as much as|up to|nearly|about|almost|roughly|around|some|more than|less than) "
    r"(?P<count>a|one|two|three)[ -](?P<part>thirds?|quarters?)(?=[”\"’'.,;:!?)]|\s+(?:in|on|by"
    r"|from|to|and|or|than|since|this|last)\b)",
    re.IGNORECASE,
)
_HALF_OF = re.compile(
    r"\b(?:about|nearly|almost|roughly|around|some|than|over|under|only|just|barely) "
    r"(?P<half>half)(?= of (?!an? )| the )",
    re.IGNORECASE,
)
_PARTS = {"third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
# Scores: "beat Tulsa 118-111", "trailed 58-49 at halftime", "a 14-7 run". Both sides are
# points. A pair of numbers is a score only where a game is spoken of, so that "aged 5-11"
# and "voted 7-2" are not.
_SCORE = re.compile(r"(?<![\w.,/:#-])(\d{1,3})[-–](\d{1,3})(?![\w/%:-]|[.,]\d)")
_SCORE_CUE = re.compile(
    r"\b(?:won|wins?|beat(?:s|ing)?|lost|los(?:e|es|ing)|defeat(?:ed|ing)?|led|leads?|leading"
    r"|trail(?:ed|ing|s)?|drew|draw|edged|routed|scored?|victory|halftime|half-time)\b",
    re.IGNORECASE,
)
# Spans of time and distance written as one hyphenated word ("a 52-year-old", "a 12-month
# freeze", "a three-day strike") and ages ("aged 19", "aged between 24 and 41").
_COMPOUND_UNIT = re.compile(
    rf"(?<![\w.,-])(?P<n>\d{{1,4}}|{_WORD_NUM})-(?P<unit>year|month|week|day|hour|minute"
    r"|mile|kilometre|kilometer|metre|meter)(?:-old)?\b(?!-(?!old))",
    re.IGNORECASE,
)
# "Karim Benali, 47, was sentenced": an age between commas after a name
_AGE_AFTER_NAME = re.compile(r"(?<=[a-z]), (?P<age>[1-9]\d?|1[01]\d), (?=[a-z])")
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
_VOTE_NOUNS = lx.words_of("vote votes majority margin ruling decision verdict")
_SCORE_NOUNS = lx.words_of("win victory lead defeat loss deficit advantage triumph draw run")
_AFTER_A_SCORE = lx.words_of("in at on after with against over before to")


def _small_number(word: str) -> int:
    low = word.lower()
    return _SMALL.index(low) + 1 if low in _SMALL else int(low)


@dataclass(frozen=True, slots=True)
class _Upper:
    value: float
    unit: str
    kind: str
    currency: str | None
    end: int
    scale: str | None


@dataclass(frozen=True, slots=True)
class FoundAmount:
    value: float
    value_max: float | None
    unit: str
    kind: str  # count, money, percent, measure
    currency: str | None
    approximate: bool
    start: int
    end: int


def _years(value: float, value_max: float | None, start: int, end: int) -> FoundAmount:
    return FoundAmount(value, value_max, "years", "measure", None, False, start, end)


def _number(text: str, scale: str | None, money: bool) -> float | None:
    raw = text.replace(" ", "")
    low = raw.lower()
    if low in lx.NUMBER_WORDS:
        value = float(lx.NUMBER_WORDS[low])
    elif low.startswith("halfa") and _SCALE_WORD.fullmatch(low[4:]):  # "half a million"
        return float(lx.NUMBER_WORDS.get("a " + low[5:], 0) or 0) / 2 or None
    elif _SCALE_WORD.fullmatch(low):
        value = float(lx.NUMBER_WORDS.get("a " + low.removeprefix("a"), 0) or 0)
        return value or None
    elif "-" in low:  # twenty-five
        tens, _, ones = low.partition("-")
        value = float(lx.NUMBER_WORDS.get(tens, 0) + lx.NUMBER_WORDS.get(ones, 0))
    elif _DOT_THOUSANDS.fullmatch(raw) and (raw.count(".") > 1 or not money):
        value = float(raw.replace(".", ""))
    elif _COMMA_DECIMAL.fullmatch(raw):
        value = float(raw.replace(",", "."))
    else:
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            return None
    if scale:
        s = scale.lower()
        if s in ("m", "b") and not money:
            return None  # "3m" is three metres unless money says million
        value *= lx.SCALES.get(s, 1.0)
    return value


def _ends_noun_phrase(word: str) -> bool:
    """A plural noun ends the phrase after a number: "169 lawmakers backing it"."""
    if word in ("police", "staff", "personnel", "cattle", "sheep") or word.endswith(
        ("people", "children", "men")  # "grandchildren", "townspeople", "women"
    ):
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


_NUMBER_WORD_KEYS = frozenset(w for w in lx.NUMBER_WORDS if " " not in w)
_SCALE_WORDS = lx.words_of("dozen hundred thousand million billion")
_TRIGGER_FIRST = frozenset("$€£¥₹₩₽₺₦₱0123456789")
# Number words, "twenty-five" forms and currency prefixes ("us$5" starts with a letter).
_TRIGGERS = (
    _NUMBER_WORD_KEYS
    | _SCALE_WORDS
    | frozenset(
        f"{tens}-{ones}"
        for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
        for ones in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    )
)


class AmountFinder:
    """Finds amounts in one text; ``find`` is pure and linear in the text's length."""

    def __init__(self, body: str, tokens: Tokens | None = None) -> None:
        self.body = body
        self.tokens = tokens if tokens is not None else Tokens(body)

    def find(self) -> list[FoundAmount]:
        body = self.body
        raw, low, starts = self.tokens.raw, self.tokens.low, self.tokens.starts
        fractions = self._fractions() + self._scores() + self._fixed_forms()
        found: list[FoundAmount] = []
        covered = -1
        in_fraction = {pos for f in fractions for pos in range(f.start, f.end)}
        candidates = [
            i
            for i, word in enumerate(low)
            if word[:1] in _TRIGGER_FIRST or word in _TRIGGERS or "$" in word
        ]
        for i in candidates:
            if starts[i] < covered or not raw[i] or starts[i] in in_fraction:
                continue
            pos = starts[i]
            if low[i] in _SCALE_WORDS and i > 0 and low[i - 1] == "a":
                pos = starts[i - 1]
                if i > 1 and low[i - 2] == "half":
                    pos = starts[i - 2]
            m = AMOUNT.match(body, pos)
            if m is None:
                continue
            covered = m.end()
            amount = self._one(m) or self._elliptical(m, found)
            if amount is not None:
                found.append(amount)
        if fractions:
            found = sorted(found + fractions, key=lambda f: f.start)
        return found

    def _fractions(self) -> list[FoundAmount]:
        """Fractions as percentages: "nearly a third" -> 33.3 percent, approximate."""
        body = self.body
        shares: list[tuple[int, int, int, int]] = []  # numerator, denominator, start, end
        for m in _SHARE_OF.finditer(body):
            n = _SHARE_NUMERATOR.search(body, max(0, m.start() - 6), m.start())
            if n is not None:
                shares.append(
                    (_small_number(n.group("n")), _small_number(m.group("d")), n.start(), m.end())
                )
        if "hird" in body or "uarter" in body:
            for pattern in (_PART_OF, _PART_ALONE):
                for m in pattern.finditer(body):
                    count = m.group("count").lower()
                    numerator = 1 if count in ("a", "one") else _small_number(count)
                    part = _PARTS[m.group("part").lower()]
                    shares.append((numerator, part, m.start("count"), m.end()))
        if "half" in body:
            for m in _HALF_OF.finditer(body):
                shares.append((1, 2, m.start("half"), m.end()))
        out = []
        for numerator, denominator, start, end in sorted(shares, key=lambda s: s[2]):
            if not 0 < numerator < denominator:
                continue  # "one in one", "5 in 3": not a share
            approx, start = self._approx(start)
            value = 100 * numerator / denominator
            out.append(FoundAmount(value, None, "percent", "percent", None, approx, start, end))
        return out

    def _fixed_forms(self) -> list[FoundAmount]:
        """ "a 12-month freeze" -> 12 months; "a 52-year-old", "aged 52" and "Jane Roe, 52,"
        -> 52 years; "aged between 24 and 41" -> 24..41 years; "a magnitude 7.1 quake"."""
        body = self.body
        out = []
        if "-" in body:
            for m in _COMPOUND_UNIT.finditer(body):
                n = m.group("n").lower()
                value = float(lx.NUMBER_WORDS[n]) if n in lx.NUMBER_WORDS else float(n)
                unit = m.group("unit").lower() + "s"
                approx, start = self._approx(m.start())
                out.append(FoundAmount(value, None, unit, "measure", None, approx, start, m.end()))
        for m in _AGE_AFTER_NAME.finditer(body):
            if body[body.rfind(" ", 0, m.start()) + 1 : m.start()][:1].isupper():
                out.append(_years(float(m.group("age")), None, m.start("age"), m.end("age")))
        if "agnitude" in body:
            for m in _MAGNITUDE.finditer(body):
                group = "a" if m.group("a") else "b"
                value = float(m.group(group))
                out.append(
                    FoundAmount(
                        value, None, "magnitude", "measure", None, False, m.start(), m.end()
                    )
                )
        if "aged" in body:
            for m in _AGED.finditer(body):
                low = float(m.group("lo"))
                high = float(m.group("hi")) if m.group("hi") else None
                if high is None or high <= low:
                    out.append(_years(low, None, m.start(), m.end()))
                else:  # a range is one amount from its lower end, and its upper end alone
                    out.append(_years(low, high, m.start(), m.end()))
                    out.append(_years(high, None, m.start("hi"), m.end()))
        return out

    def _scores(self) -> list[FoundAmount]:
        """Both sides of a game's score, in points: "won 25-24" -> 25 and 24 points."""
        out = []
        for m in self._score_candidates():
            unit = self._tally_unit(m)
            if unit is None:
                continue
            for side in (1, 2):
                value = float(m.group(side))
                out.append(
                    FoundAmount(value, None, unit, "count", None, False, m.start(side), m.end(side))
                )
        return out

    def _tally_unit(self, m: re.Match[str]) -> str | None:
        """ "points" for a game's score, "votes" for a vote's tally, None for neither."""
        body = self.body
        after = _NEXT_TOKEN.match(body, m.end())
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

    def _one(self, m: re.Match[str]) -> FoundAmount | None:
        body = self.body
        cur, num, word = m.group("cur"), m.group("num"), m.group("word")
        scale, pct = m.group("scale"), m.group("pct")
        if num and pct and _RATE.fullmatch(num):
            value: float | None = float(num)  # "2.125%" is a rate, not thousands
        else:
            value = _number(num or word or "", scale, bool(cur))
        if value is None:
            return None
        start, end = m.start(), m.end()
        if num and not (cur or scale or pct) and _YEAR.fullmatch(num):
            return None  # a year
        attached = m.group("att")
        if attached and cur and attached.lower() == "m" and not scale:
            value *= 1e6  # "£3m": money in millions, not metres
            attached = None
        if attached:
            if scale or pct:
                return None
            approx, start = self._approx(start)
            return FoundAmount(value, None, attached, "measure", None, approx, start, end)
        value_max = None
        upper = self._range_end(m)
        if upper is not None and (
            (pct and upper.kind != "percent") or (cur and upper.kind == "percent")
        ):
            upper = None  # "climbed 27% to £486 million": a change and a level, not a range
        if upper is not None and upper.value > value:
            value_max = upper.value
            unit: str | None = upper.unit
            kind, currency, end = upper.kind, upper.currency, upper.end
            if scale is None and upper.scale:
                value *= lx.SCALES.get(upper.scale.lower(), 1.0)
            between = _BETWEEN.search(body, max(0, start - 10), start)
            if between:
                start = between.start()
        else:
            unit, kind, currency, end = self._unit(cur, pct, end)
        if unit is None:
            return None
        approx, start = self._approx(start)
        return FoundAmount(value, value_max, unit, kind, currency, approx, start, end)

    def _elliptical(self, m: re.Match[str], earlier: list[FoundAmount]) -> FoundAmount | None:
        """A bare number whose unit the sentence gave before it: "1,870 children, up from
        1,240" (the last count's unit) or "the number of households rose ... to 6,200"."""
        num = m.group("num")
        if not num or m.group("cur") or m.group("pct") or m.group("scale") or m.group("att"):
            return None
        if _YEAR.fullmatch(num) or not _ELLIPSIS_END.match(self.body, m.end()):
            return None
        value = _number(num, None, False)
        lead = _ELLIPSIS_LEAD.search(self.body, max(0, m.start() - 24), m.start())
        if value is None or lead is None:
            return None
        window = max(0, m.start() - MAX_SENTENCE_CHARS)  # no scan back over the whole body
        sentence_start = max(
            window - 1,
            self.body.rfind(". ", window, m.start()),
            self.body.rfind("\n", window, m.start()),
        )
        unit: str | None
        if earlier and earlier[-1].start > sentence_start and earlier[-1].kind == "count":
            unit = earlier[-1].unit
        else:
            number_of = last_match(_NUMBER_OF, self.body, sentence_start + 1, m.start())
            unit = number_of.group(1).lower() if number_of else None
            if unit is None and _DEATH_TOLL.search(self.body, sentence_start + 1, m.start()):
                unit = "people"  # "the death toll rose to at least 87"
        if unit is None:
            return None
        approx, start = self._approx(m.start())
        return FoundAmount(value, None, unit, "count", None, approx, start, m.end())

    def _range_end(self, m: re.Match[str]) -> _Upper | None:
        """The upper end of "30 to 40 convoys" / "between 30 and 40 convoys"."""
        rng = _RANGE_JOIN_AHEAD.match(self.body, m.end())
        if not rng:
            return None
        other = AMOUNT.match(self.body, rng.end())
        if other is None:
            return None
        upper = self._one(other)
        if upper is None:
            return None
        return _Upper(upper.value_max or upper.value, upper.unit, upper.kind, upper.currency,
                      upper.end, other.group("scale"))  # fmt: skip

    def _approx(self, start: int) -> tuple[bool, int]:
        """ "about", "more than", "a total of around" just before the number."""
        tok = self.tokens
        idx = tok.index_at(start)
        if idx < 0 or tok.starts[idx] != start:
            return False, start
        low, j = tok.low, idx
        if j > 0 and low[j - 1] in _APPROX_SOFT:
            j -= 1
        for k in (4, 3, 2):
            if j - k >= 0 and " ".join(low[j - k : j]) in _APPROX_MANY:
                j -= k
                break
        else:
            if j == idx and j > 0 and low[j - 1] in _APPROX_ONE:
                j -= 1
        return (True, tok.starts[j]) if j < idx else (False, start)

    def _unit(
        self, cur: str | None, pct: str | None, end: int
    ) -> tuple[str | None, str, str | None, int]:
        body = self.body
        if pct:
            unit = "percentage points" if "point" in pct.lower() else "percent"
            return unit, "percent", None, end
        if cur:
            word, code = lx.CURRENCY_SYMBOLS.get(cur.lower(), ("dollars", None))
            return word, "money", code, end
        tokens: list[str] = []
        pos = end
        unit_end = end
        head: str | None = None
        skipped = False  # one modifier at most: "400 more troops"
        while len(tokens) < _MAX_UNIT_WORDS:
            t = _NEXT_TOKEN.match(body, pos)
            if not t:
                break
            raw, punct = t.group(1), t.group(2)
            word = raw.rstrip("'’")
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            low = word.lower()
            if not tokens:
                if low in lx.CURRENCY_WORDS or low in lx.CURRENCY_CODES:
                    unit = lx.CURRENCY_CODES.get(low, low)
                    code = lx.CURRENCY_WORDS.get(unit) if low not in lx.CURRENCY_CODES else low
                    return unit, "money", (code.upper() if code else None), t.end(1)
                if low == "of":
                    return self._of_unit(t.end(1), end)
                if low == "times":
                    # "about 80 times as much", "31 times expected earnings": a multiple;
                    # "three times since March" counts occasions and is not an amount
                    peek = _NEXT_TOKEN.match(body, t.end(1))
                    if peek and not punct and peek.group(1).lower() in _MULTIPLE_OF:
                        return "times", "count", None, t.end(1)
                    break
                if low in lx.MEASURE_UNITS:
                    unit = low
                    unit_end = t.end(1)
                    after = _NEXT_TOKEN.match(body, t.end(1))
                    if after and after.group(1).lower() in ("celsius", "fahrenheit"):
                        unit, unit_end = f"{low} {after.group(1)}", after.end(1)
                    return unit, "measure", None, unit_end
            if low in ("and", "or") and tokens and tokens[-1][:1].isupper():
                peek = _NEXT_TOKEN.match(body, t.end(1))
                if peek and peek.group(1)[:1].isupper():
                    pos = t.end(1)
                    continue
            if not tokens and not skipped and low in _SKIPPED_MODIFIERS:
                peek = _NEXT_TOKEN.match(body, t.end(1))
                counted = peek.group(1).lower() if peek else ""
                if counted.isalpha() and counted not in lx.UNIT_STOP:
                    skipped, pos = True, t.end(1)  # what is counted is what follows
                    continue
            if low in lx.UNIT_STOP or low in _EXTRA_STOP or low in lx.MONTHS:
                break
            if not tokens and (
                (_PAST_TENSE.fullmatch(low) and low not in _NOUNS_IN_ED) or low in _IRREGULAR_PAST
            ):
                # "86,000 forced from their homes": a verb, not what is counted; but
                # "1,200 confirmed cases": an adjective, the noun follows
                peek = _NEXT_TOKEN.match(body, t.end(1))
                if peek and not punct and peek.group(1).lower() in _AFTER_A_VERB:
                    break
            if head is not None and _ends_noun_phrase(head):
                break
            if not word or not (word.replace("-", "").isalpha()):
                break
            if word[:1].isupper():
                if not tokens and low in lx.NOT_NAMES:
                    break
                tokens.append(word)
                pos = t.end(1)
                if punct:
                    break
                continue
            tokens.append(word)
            head, unit_end = low, t.end(1)
            pos = t.end(1)
            if punct or raw != word:  # punctuation or a possessive ends the phrase
                break
            peek = _NEXT_TOKEN.match(body, pos)
            if peek and peek.group(1).lower() == "and":
                after_and = _NEXT_TOKEN.match(body, peek.end(1))
                if not (after_and and after_and.group(1)[:1].isupper()):
                    break
        if head is None:
            return None, "count", None, end
        kind = "measure" if head in lx.MEASURE_UNITS else "count"
        return head, kind, None, unit_end

    def _of_unit(self, after_of: int, end: int) -> tuple[str | None, str, str | None, int]:
        """ "88 of the 169 lawmakers": the unit of the number that follows."""
        window = self.body[after_of : after_of + 60]
        m = _OF_THE.match(window)
        if not m:
            return None, "count", None, end
        nxt = AMOUNT.match(self.body, after_of + m.end())
        if nxt is None:
            return None, "count", None, end
        unit, kind, currency, _ = self._unit(nxt.group("cur"), nxt.group("pct"), nxt.end())
        return unit, kind, currency, end


def find_amounts(body: str, tokens: Tokens | None = None) -> list[FoundAmount]:
    """Every amount in ``body``, in order (``tokens``: its words, when known). Pure."""
    return AmountFinder(body, tokens).find()

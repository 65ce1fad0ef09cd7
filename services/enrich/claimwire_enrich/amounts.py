"""Amounts: a number with what it counts or measures, money with its currency, percentages.

"around 10,000 troops" -> 10000 troops (approximate); "€280 million" -> 280000000
euros; "between 30 and 40 convoys" -> 30..40 convoys (one amount, its text the range);
"two meetings" -> 2 meetings. Odd formats are read as news writes them:
"10.000" (dot for thousands), "1,5 million" (comma for decimals), "3k".
A number with nothing counted after it (a date, a page) is not an amount. Fractions,
scores and tallies, ages, spans and magnitudes have set forms of their own
(``amount_forms``); this scan skips the text they cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from claimwire_schemas.events import AmountKind

from claimwire_enrich import lexicon as lx
from claimwire_enrich import lexicon_amounts as lxa
from claimwire_enrich.amount_forms import (
    COUNT,
    MEASURE,
    MONEY,
    PERCENT,
    FoundAmount,
    SetFormFinder,
    hedged,
)
from claimwire_enrich.amount_units import AMOUNT, unit_after
from claimwire_enrich.text import MAX_SENTENCE_CHARS, Tokens, last_match

__all__ = ["AMOUNT", "AmountFinder", "FoundAmount", "find_amounts"]

_RANGE_JOIN_AHEAD = re.compile(r"(?:[ \t]*[-–][ \t]*|[ \t]+(?:to|and|or)[ \t]+)(?=[$€£¥\d]|[a-z])",
                               re.IGNORECASE)  # fmt: skip
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_SCALE_WORD = re.compile(r"(?:a\s*)?(dozen|hundred|thousand|million|billion)")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_COMMA_DECIMAL = re.compile(r"\d+,\d{1,2}")
_RATE = re.compile(r"\d{1,3}\.\d{3}")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
# Where a bare number may stand for a count named before it: after "from", "to", "than"
# (possibly "roughly"), and before the end of a clause.
_ELLIPSIS_LEAD = re.compile(
    r"\b(?:from|to|than|of|and|with|has|had|have|another|plus|killed|wounded|injured)\s+"
    r"(?:(?:about|around|roughly|some|nearly|almost|over|at least|more than)\s+)?$",
    re.IGNORECASE,
)
# ... or before a verb in the past: "43 people were killed and about 86,000 forced from ..."
_ELLIPSIS_END = re.compile(
    r"[ \t]*(?:[,.;:)]|$|\s+(?:a|in|last|this|the|on|for|by)\s|\s+today\b"
    r"|\s+(?:[a-z]{3,}ed|fled|fell|went|ran|sought)\b(?!\s+(?:by|with)\b))"
)
# A verb right after a bare number makes it a count of something named before, with no
# word before it needed: "29 were convicted", "155 missing", "2,383 needed".
_VERB_AFTER = re.compile(
    r"\s+(?:had|have|has|were|was|are|remain(?:s|ed)?|missing|dead|[a-z]{3,}ed|fled|fell|went"
    r"|ran|sought)\b(?!\s+(?:by|with)\b)"
)
# ... and a casualty word counts people when nothing was counted before: "8,000 killed".
_CASUALTY_AFTER = re.compile(
    r"\s+(?:(?:had|have|were|was|are)\s+(?:been\s+)?)?(?:killed|missing|dead|injured|wounded"
    r"|drowned|died|hurt)\b"
)
_NUMBER_OF = re.compile(r"\bnumber of ([a-z][a-z-]+)")
_DEATH_TOLL = re.compile(r"\b(?:death|casualty) toll\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, init=False)
class _Upper:
    value: float
    unit: str
    kind: AmountKind
    currency: str | None
    end: int
    scale: str | None

    def __init__(
        self, value: float, unit: str, kind: AmountKind, currency: str | None, end: int,
        scale: str | None,
    ) -> None:  # fmt: skip
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "currency", currency)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "scale", scale)


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


_NUMBER_WORD_KEYS = frozenset(w for w in lx.NUMBER_WORDS if " " not in w)
_SCALE_WORDS = lx.words_of("dozen hundred thousand million billion")
# Final: mypyc keeps these in C statics (tested for every word of the body).
_TRIGGER_FIRST: Final = frozenset("$€£¥₹₩₽₺₦₱0123456789")
# Number words, "twenty-five" forms and currency prefixes ("us$5" starts with a letter).
_TRIGGERS: Final = (
    _NUMBER_WORD_KEYS
    | _SCALE_WORDS
    | frozenset(
        f"{tens}-{ones}"
        for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
        for ones in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    )
)


def _after_a_month(raw_before: str, low_before: str, word: str) -> bool:
    """Whether ``word`` is a day of the month written after the month's name."""
    return (
        raw_before[:1].isupper()
        and low_before in lx.MONTHS
        and word.isdigit()
        and 1 <= int(word) <= 31
    )


def _base_value(m: re.Match[str]) -> float | None:
    """The number ``m`` writes, before units and ranges; None for a year or no number. Pure."""
    cur, num, word = m.group("cur"), m.group("num"), m.group("word")
    scale, pct = m.group("scale"), m.group("pct")
    if num and pct and _RATE.fullmatch(num):
        return float(num)  # "2.125%" is a rate, not thousands
    if num and not (cur or scale or pct) and _YEAR.fullmatch(num):
        return None  # a year
    return _number(num or word or "", scale, bool(cur))


class AmountFinder:
    """Finds amounts in one text; ``find`` is pure and linear in the text's length."""

    def __init__(self, body: str, tokens: Tokens | None = None) -> None:
        self.body = body
        self.tokens = tokens if tokens is not None else Tokens(body)

    def find(self) -> list[FoundAmount]:
        body = self.body
        raw, low, starts = self.tokens.raw, self.tokens.low, self.tokens.starts
        forms = SetFormFinder(body, self.tokens).find()
        set_forms = forms.amounts
        found: list[FoundAmount] = []
        covered = -1
        spans = [(f.start, f.end) for f in set_forms] + forms.ages
        in_set_form = {pos for start, end in spans for pos in range(start, end)}
        candidates = [
            i
            for i, word in enumerate(low)
            if word[:1] in _TRIGGER_FIRST or word in _TRIGGERS or "$" in word
        ]
        for i in candidates:
            if starts[i] < covered or not raw[i] or starts[i] in in_set_form:
                continue
            if i > 0 and _after_a_month(raw[i - 1], low[i - 1], low[i]):
                continue  # "the Nov. 8 election", "on March 3": a date
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
                if amount.value_max is not None:
                    covered = amount.end  # a range is one amount (CONVENTIONS.md)
        if set_forms:
            found = sorted(found + set_forms, key=lambda f: f.start)
        return found

    def _one(self, m: re.Match[str]) -> FoundAmount | None:
        body = self.body
        value = _base_value(m)
        if value is None:
            return None
        cur, scale, pct = m.group("cur"), m.group("scale"), m.group("pct")
        start, end = m.start(), m.end()
        attached = m.group("att")
        if attached and cur and attached.lower() == "m" and not scale:
            value *= 1e6  # "£3m": money in millions, not metres
            attached = None
        if attached:
            if scale or pct:
                return None
            approx, start = hedged(self.tokens, start)
            return FoundAmount(value, None, attached, MEASURE, None, approx, start, end)
        value_max = None
        upper = self._same_kind_range_end(m)
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
            unit, kind, currency, end = unit_after(body, cur, pct, end)
            if kind == MONEY and unit in lxa.SUBUNITS:
                value, unit = value / 100, currency  # "82.93 pence" is 0.8293 GBP
        if unit is None:
            return None
        approx, start = hedged(self.tokens, start)
        return FoundAmount(value, value_max, unit, kind, currency, approx, start, end)

    def _same_kind_range_end(self, m: re.Match[str]) -> _Upper | None:
        """The upper bound of a range starting at ``m``, when both ends are of one kind."""
        upper = self._range_end(m)
        if upper is not None and (
            (m.group("pct") and upper.kind != PERCENT) or (m.group("cur") and upper.kind == PERCENT)
        ):
            return None  # "climbed 27% to £486 million": a change and a level, not a range
        return upper

    def _elliptical(self, m: re.Match[str], earlier: list[FoundAmount]) -> FoundAmount | None:
        """A bare number whose unit the text gave before it: "1,870 children, up from
        1,240" (the last count's unit, in this sentence or the one before), "the number of
        households rose ... to 6,200", "29 were convicted", "8,000 killed" (people)."""
        num = m.group("num")
        if not num or m.group("cur") or m.group("pct") or m.group("scale") or m.group("att"):
            return None
        body = self.body
        verb_after = _VERB_AFTER.match(body, m.end())
        if _YEAR.fullmatch(num) or not (verb_after or _ELLIPSIS_END.match(body, m.end())):
            return None
        value = _number(num, None, False)
        lead = _ELLIPSIS_LEAD.search(body, max(0, m.start() - 24), m.start())
        if value is None or (lead is None and verb_after is None):
            return None
        sentence_start = self._sentence_start(m.start())
        before = sentence_start
        if verb_after is not None and sentence_start > 0:  # "... 94 suspects. 29 were ..."
            before = self._sentence_start(sentence_start)
        unit: str | None
        if earlier and earlier[-1].start > before and earlier[-1].kind == COUNT:
            unit = earlier[-1].unit
        elif _CASUALTY_AFTER.match(body, m.end()):
            unit = "people"
        else:
            number_of = last_match(_NUMBER_OF, self.body, sentence_start + 1, m.start())
            unit = number_of.group(1).lower() if number_of else None
            if unit is None and _DEATH_TOLL.search(self.body, sentence_start + 1, m.start()):
                unit = "people"  # "the death toll rose to at least 87"
        if unit is None:
            return None
        approx, start = hedged(self.tokens, m.start())
        return FoundAmount(value, None, unit, COUNT, None, approx, start, m.end())

    def _sentence_start(self, pos: int) -> int:
        """Where the sentence before ``pos`` starts (the index of its ". " or newline)."""
        window = max(0, pos - MAX_SENTENCE_CHARS)  # no scan back over the whole body
        return max(
            window - 1, self.body.rfind(". ", window, pos), self.body.rfind("\n", window, pos)
        )

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


def find_amounts(body: str, tokens: Tokens | None = None) -> list[FoundAmount]:
    """Every amount in ``body``, in order (``tokens``: its words, when known). Pure."""
    return AmountFinder(body, tokens).find()

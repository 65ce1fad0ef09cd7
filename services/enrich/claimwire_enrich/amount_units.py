"""What a number counts or measures: the named unit rules of amounts, in order.

``unit_after(body, cur, pct, end)`` reads the unit of the number that ends at
``end``: the first rule of :data:`UNIT_RULES` that recognises what follows decides
(its answer may be "no unit": then the number is not an amount). Each rule is a short
function with its name and the phrase it exists for. Also home of the ``AMOUNT``
pattern (a number with its currency, scale and percent sign), which the rules and
``amounts`` share.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from claimwire_schemas.events import AmountKind

from claimwire_enrich import lexicon as lx
from claimwire_enrich import lexicon_amounts as lxa
from claimwire_enrich.amount_forms import COUNT, MEASURE, MONEY, NEXT_TOKEN, PERCENT, WORD_NUMBER

_CURRENCY = r"(?P<cur>US\$|C\$|A\$|HK\$|NZ\$|R\$|[$€£¥₹₩₽₺₦₱])"
_DIGITS = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 10,000 / 1,234.5
    r"|\d{1,3}(?:\.\d{3})+(?![\d,])"  # 10.000 (dot for thousands)
    r"|\d+,\d{1,2}(?=\s?(?:thousand|million|billion|trillion|mn|bn|m|k)\b)"  # 1,5 million
    r"|\d+(?:\.\d+)?)"
)
_SCALE = r"(?:\s?(?P<scale>dozen|thousand|million|billion|trillion|mln|bln|mn|bn|tn|k|m|b)\b)?"
_PERCENT = r"(?P<pct>\s?(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b))?"
_ATTACHED = r"(?P<att>km|kg|mm|cm|kwh|mwh|gwh|mw|gw|mph|kph|m)?"
AMOUNT = re.compile(
    rf"(?<![\w.,/:#-]){_CURRENCY}?\s?(?:{_DIGITS}{_ATTACHED}|\b{WORD_NUMBER}\b)"
    rf"{_SCALE}(?![\w:/])(?!-[a-z]){_PERCENT}",
    re.IGNORECASE,
)
_MAX_UNIT_WORDS = 4
_OF_THE = re.compile(r"\s+(?:(?:the|its|their|his|her|our|these|those)\s+(?:[\w’']+['’]s\s+)?)?")
_PAST_TENSE = re.compile(r"[a-z]{3,}ed")

# (unit, kind, ISO currency code, where the amount's text ends)
Unit = tuple[str | None, AmountKind, str | None, int]


@dataclass(slots=True, init=False)
class After:
    """What follows a number: the text, the number's parts, and the next word.

    Built once per number and never changed; not frozen only because a frozen
    dataclass is slower to build, and one is built for every number in the text."""

    body: str
    cur: str | None
    pct: str | None
    end: int  # where the number ends
    skipped: bool  # a modifier between number and unit was passed over ("400 more troops")
    first: re.Match[str] | None  # NEXT_TOKEN at the next word
    low: str  # that word, lower case, without a possessive

    def __init__(
        self, body: str, cur: str | None, pct: str | None, end: int, skipped: bool,
        first: re.Match[str] | None, low: str,
    ) -> None:  # fmt: skip
        self.body = body
        self.cur = cur
        self.pct = pct
        self.end = end
        self.skipped = skipped
        self.first = first
        self.low = low


def _word_of(raw: str) -> str:
    word = raw.rstrip("'’")
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _peek(body: str, pos: int) -> str:
    """The next word after ``pos``, as written ("" at the end)."""
    peek = NEXT_TOKEN.match(body, pos)
    return peek.group(1) if peek else ""


def _ends_noun_phrase(word: str) -> bool:
    """A plural noun ends the phrase after a number: "169 lawmakers backing it"."""
    if word in lx.UNCOUNTED_PLURALS or word.endswith(lx.PLURAL_ENDINGS):
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _rules_at(
    body: str, cur: str | None, pct: str | None, end: int, pos: int, skipped: bool
) -> Unit:
    first = NEXT_TOKEN.match(body, pos)
    low = _word_of(first.group(1)).lower() if first else ""
    after = After(body, cur, pct, end, skipped, first, low)
    for rule in UNIT_RULES:
        unit = rule.find(after)
        if unit is not None:
            return unit
    return None, COUNT, None, end


def unit_after(body: str, cur: str | None, pct: str | None, end: int) -> Unit:
    """The unit of the number ending at ``end`` (``cur``/``pct``: its currency sign and
    percent sign, if any). Pure; (None, COUNT, None, end) when nothing is counted."""
    return _rules_at(body, cur, pct, end, end, False)


# -- the unit rules, in the order they are tried ----------------------------------------------


def _percent(a: After) -> Unit | None:
    if not a.pct:
        return None
    return (
        ("percentage points" if "point" in a.pct.lower() else "percent"),
        PERCENT,
        None,
        a.end,
    )


def _currency_sign(a: After) -> Unit | None:
    if not a.cur:
        return None
    _, code = lx.CURRENCY_SYMBOLS.get(a.cur.lower(), ("dollars", "USD"))
    return code, MONEY, code, a.end


_CURRENCY_WORDS: dict[str, str | None] = {**lx.CURRENCY_WORDS, **lxa.MORE_CURRENCY_WORDS}
_SIGNS = "$€£¥"
_LAST_SIGN = re.compile(r"(?:(?<![A-Za-z])(?:US|C|A|HK|NZ))?[$€£¥]")


def _settled_by_country(body: str, word: str) -> str | None:
    """The code of a currency word several countries use, from the first of their names
    the text holds ("crowns" in a story about Norway: NOK); None when it names none."""
    table = lxa.CURRENCY_BY_COUNTRY.get(word.removesuffix("s"), ())
    at = {code: body.find(prefix) for prefix, code in table if prefix in body}
    return min(at, key=at.__getitem__) if at else None


def _currency_word(a: After) -> Unit | None:
    """ "280 million euros" -> EUR, "5 bn USD" -> USD, "60 billion crowns" in a story about
    Norway -> NOK; a currency word no country settles stays the word."""
    low = a.low
    if a.first is None:
        return None
    if low in lx.CURRENCY_CODES:
        return low.upper(), MONEY, low.upper(), a.first.end(1)
    if low not in _CURRENCY_WORDS:
        return None
    code = _CURRENCY_WORDS[low] or _settled_by_country(a.body, low)
    return (code or low), MONEY, code, a.first.end(1)


def _currency_subunit(a: After) -> Unit | None:
    """ "82.93 pence", "76 cents": money in hundredths, marked by the subunit word as its
    unit (``amounts`` divides by 100 and puts the code in its place). A cent is of the
    currency whose sign the text last wrote before it (USD when none)."""
    if a.first is None or a.low not in lxa.SUBUNITS:
        return None
    code = lxa.SUBUNITS[a.low]
    if code is None:
        at = max(a.body.rfind(sign, 0, a.end) for sign in _SIGNS)
        last = _LAST_SIGN.search(a.body, max(0, at - 2), at + 1) if at >= 0 else None
        sign = last.group(0).lower() if last else "$"
        code = lx.CURRENCY_SYMBOLS.get(sign, ("dollars", "USD"))[1]
    return a.low, MONEY, code, a.first.end(1)


def _of_the_next(a: After) -> Unit | None:
    """ "88 of the 169 lawmakers", "94 of 161 suspects", "10 out of 11 charges": the first
    number counts what the second does (the second is found on its own)."""
    if a.first is None or a.low not in ("of", "out"):
        return None
    after_of = a.first.end(1)
    if a.low == "out":
        if not a.body.startswith(" of", after_of):
            return None
        after_of += 3
    m = _OF_THE.match(a.body[after_of : after_of + 60])
    nxt = AMOUNT.match(a.body, after_of + m.end()) if m else None
    if nxt is None:
        return None, COUNT, None, a.end
    unit, kind, currency, _ = unit_after(a.body, nxt.group("cur"), nxt.group("pct"), nxt.end())
    return unit, kind, currency, a.end


def _times(a: After) -> Unit | None:
    if a.first is None or a.low != "times":
        return None
    # "about 80 times as much", "31 times expected earnings": a multiple; "three times
    # since March" counts occasions and is not an amount
    if not a.first.group(2) and _peek(a.body, a.first.end(1)).lower() in lx.MULTIPLE_OF:
        return "times", COUNT, None, a.first.end(1)
    return None, COUNT, None, a.end


def _measure(a: After) -> Unit | None:
    if a.first is None or not (a.low in lx.MEASURE_UNITS or a.low in lxa.MORE_MEASURE_UNITS):
        return None
    nxt = NEXT_TOKEN.match(a.body, a.first.end(1))
    if nxt and nxt.group(1).lower() in lx.TEMPERATURE_SCALES:
        return f"{a.low} {nxt.group(1)}", MEASURE, None, nxt.end(1)
    return a.low, MEASURE, None, a.first.end(1)


def _skipped_modifier(a: After) -> Unit | None:
    if a.skipped or a.first is None or a.low not in lx.SKIPPED_MODIFIERS:
        return None
    counted = _peek(a.body, a.first.end(1)).lower()
    if not counted.isalpha() or counted in lx.UNIT_STOP:
        return None
    # what is counted is what follows the modifier: the rules again, from there
    return _rules_at(a.body, a.cur, a.pct, a.end, a.first.end(1), True)


def _verb_not_noun(body: str, low: str, t: re.Match[str]) -> bool:
    """ "86,000 forced from their homes", "2,383 needed,", "155 missing": a verb or what
    happened, not what is counted; but "1,200 confirmed cases": an adjective, the noun
    follows."""
    if low in lxa.CASUALTY_WORDS:
        return True  # "155 missing", "8,000 killed": what happened to them
    past = (_PAST_TENSE.fullmatch(low) and low not in lx.NOUNS_IN_ED) or low in lx.IRREGULAR_PAST
    if not past:
        return False
    if t.group(2):
        return True  # "the 2,383 needed, while": a verb ends the clause
    after = _peek(body, t.end(1)).lower()
    return after in lx.AFTER_A_VERB or after in lxa.AFTER_A_VERB_MORE


def _stops_phrase(
    body: str, word: str, words: list[str], t: re.Match[str], head: str | None
) -> bool:
    """Whether ``word`` (matched by ``t``) is past the end of the counted phrase."""
    low = word.lower()
    if low in lx.UNIT_STOP or low in lx.UNIT_STOP_EXTRA or low in lx.MONTHS:
        return True
    if not words and _verb_not_noun(body, low, t):
        return True
    if (head is not None and _ends_noun_phrase(head)) or not word.replace("-", "").isalpha():
        return True
    return not words and word[:1].isupper() and low in lx.NOT_NAMES


def _ends_before_and(body: str, pos: int) -> bool:
    """ "troops and tanks": the phrase ends before "and" unless a name goes on after it."""
    peek = NEXT_TOKEN.match(body, pos)
    if not (peek and peek.group(1).lower() == "and"):
        return False
    return not _peek(body, peek.end(1))[:1].isupper()


def _counted_noun(a: After) -> Unit | None:
    """The noun phrase after the number, up to its head ("4,500 Dravonian troops")."""
    body = a.body
    words: list[str] = []
    pos = a.first.start() if a.first is not None else a.end
    unit_end, head = a.end, None
    while len(words) < _MAX_UNIT_WORDS:
        t = NEXT_TOKEN.match(body, pos)
        if not t:
            break
        raw = t.group(1)
        word = _word_of(raw)
        joins_names = word.lower() in lx.NAME_JOINS and words and words[-1][:1].isupper()
        if joins_names and _peek(body, t.end(1))[:1].isupper():
            pos = t.end(1)  # "Harbour and Marine workers": one name
            continue
        if _stops_phrase(body, word, words, t, head):
            break
        words.append(word)
        pos = t.end(1)
        if word[:1].isupper():
            if t.group(2):
                break
            continue
        head, unit_end = word.lower(), t.end(1)
        if t.group(2) or raw != word or _ends_before_and(body, pos):
            break  # punctuation or a possessive ends the phrase
    if head is None:
        return None, COUNT, None, a.end
    return (
        head,
        (MEASURE if head in lx.MEASURE_UNITS else COUNT),
        None,
        unit_end,
    )


@dataclass(frozen=True, slots=True)
class UnitRule:
    """One unit rule: its name, the phrase it exists for, and the function."""

    name: str
    example: str
    find: Callable[[After], Unit | None]


UNIT_RULES: tuple[UnitRule, ...] = (
    UnitRule("percent", "rose 4% / 2 percentage points", _percent),
    UnitRule("currency_sign", "€280 million", _currency_sign),
    UnitRule("currency_word", "280 million euros / 5 bn USD / crowns in Norway", _currency_word),
    UnitRule("currency_subunit", "82.93 pence / 76 cents a share", _currency_subunit),
    UnitRule("of_the_next", "88 of the 169 lawmakers / 10 out of 11 charges", _of_the_next),
    UnitRule("times", "about 80 times as much", _times),
    UnitRule("measure", "20 kilometres / 41 degrees Celsius", _measure),
    UnitRule("skipped_modifier", "400 more troops", _skipped_modifier),
    UnitRule("counted_noun", "about 4,500 Dravonian troops", _counted_noun),
)

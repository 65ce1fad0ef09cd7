"""Time expressions resolved against the publication date, as days or ranges of days.

Explicit dates ("March 2, 2026", "2 March", "October 2024", "2024-10-28", "in
2015") and relative ones ("Monday", "on Friday", "yesterday", "last week",
"earlier this month", "by the end of this year", "early December",
"mid-February", "the past few months"). A weekday is the last such day on or
before publication, or the next one when the sentence speaks of the future
("will meet on Wednesday"); a month named without a year is the one within
six months of publication.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from claimwire_enrich import lexicon as lx
from claimwire_enrich.text import Tokens

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?![\w-])"
)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)"
_REL_UNIT = r"(?P<unit>week|month|year|weekend|decade|century|quarter)"
DATE = re.compile(
    rf"\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b"
    rf"|\b(?:(?P<dpart>{_PART})[\s-]+)?{_MONTH}(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>January|February|March|April|May|"
    rf"June|July|August|September|October|November|December)(?:\s+(?P<year2>(?:19|20)\d\d))?\b"
    rf"|\b(?:(?P<by>by|until|before)\s+)?(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+"
    rf"(?:(?P<edge_which>this|next|last|the)\s+)?(?P<edge_unit>week|month|year|decade|century)\b"
    rf"|\b(?P<which>earlier|later|this|next|last|past|previous|coming)\s+(?:(?:this|the)\s+)?"
    rf"{_REL_UNIT}\b"
    rf"|\b(?P<simple>yesterday|today|tomorrow|tonight)\b"
    rf"|\b(?:over|during|at)\s+the\s+(?P<weekend>weekend)\b"
    rf"|\b(?:(?P<wprefix>last|next|this|on|coming|by|until)\s+)?{_WEEKDAY}\b"
    rf"|\b(?:in|since|by|until|of|from|before|after|during)\s+(?P<bare_year>(?:19|20)\d\d)\b"
    rf"|\bthe\s+(?P<span>past|last|next|coming)\s+(?P<count>few|several|two|three|four|five|six|"
    rf"\d{{1,2}})\s+(?P<span_unit>days|weeks|months|years)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(will|would|plan|plans|planned|scheduled|expected|due|set to|to meet|going to|next)\b",
    re.IGNORECASE,
)
# Words a time expression ends on, and words that may open one: only around these does
# the (costly) date pattern run, so a long text costs its few dates, not its length.
_KEYS_BASE = (
    frozenset(lx.MONTHS)
    | lx.WEEKDAYS
    | lx.words_of(
        """yesterday today tomorrow tonight week weekend month year decade century quarter days
    weeks months years"""
    )
)
_STARTERS = lx.words_of(
    """early mid late the by until before end beginning start middle earlier later this next
    last past previous coming over during at on in since of from after few several"""
)
# Final: mypyc keeps it in a C static (tested for every word of the body).
_KEYS: Final = (
    _KEYS_BASE
    | {k + "." for k in lx.MONTHS}
    | {f"{part}-{month}" for part in ("mid", "early", "late") for month in lx.MONTHS}
)
_YEARISH = re.compile(r"(?:19|20)\d\d(?:-\d\d-\d\d)?$")
_LOOKBACK = 5
_MAY_OPENERS = frozenset(
    ["in", "last", "next", "this", "since", "until", "by", "from", "of", "early", "late", "mid"]
)
_WEEKDAY_INDEX = {
    name: i
    for i, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_COUNTS = {"few": 3, "several": 3, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True, slots=True, init=False)
class FoundDate:
    start: int
    end: int
    date_from: date
    date_to: date
    relative: bool

    def __init__(
        self, start: int, end: int, date_from: date, date_to: date, relative: bool,
    ) -> None:  # fmt: skip
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "date_from", date_from)
        object.__setattr__(self, "date_to", date_to)
        object.__setattr__(self, "relative", relative)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_number(name: str) -> int:
    return lx.MONTHS[name.lower().rstrip(".")]


def _nearest_year(month: int, anchor: date) -> int:
    """The year that puts ``month`` within six months of ``anchor``."""
    delta = month - anchor.month
    if delta > 6:
        return anchor.year - 1
    if delta < -6:
        return anchor.year + 1
    return anchor.year


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _period(unit: str, anchor: date, offset: int) -> tuple[date, date]:
    """The week/month/year containing ``anchor``, moved by ``offset`` of them."""
    if unit == "week" or unit == "weekend":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        if unit == "weekend":
            saturday = monday + timedelta(days=5)
            if offset == 0 and saturday > anchor:  # "over the weekend": the one just past
                saturday -= timedelta(weeks=1)
            return saturday, saturday + timedelta(days=1)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = _shift_month(anchor.replace(day=1), offset)
        return first, _month_end(first.year, first.month)
    if unit == "quarter":
        q_start = _shift_month(anchor.replace(day=1, month=(anchor.month - 1) // 3 * 3 + 1),
                               3 * offset)  # fmt: skip
        end = _shift_month(q_start, 2)
        return q_start, _month_end(end.year, end.month)
    if unit == "decade":
        start = anchor.year // 10 * 10 + 10 * offset
        return date(start, 1, 1), date(start + 9, 12, 31)
    if unit == "century":
        start = anchor.year // 100 * 100 + 100 * offset
        return date(start, 1, 1), date(start + 99, 12, 31)
    year = anchor.year + offset
    return date(year, 1, 1), date(year, 12, 31)


def _part(part: str | None, first: date, last: date) -> tuple[date, date]:
    """Narrow a period to its early/mid/late third or its end/beginning."""
    if not part:
        return first, last
    p = part.lower()
    span = (last - first).days
    third = max(span // 3, 0)
    if p in ("early", "the beginning of", "the start of"):
        return first, first + timedelta(days=third)
    if p in ("mid", "the middle of"):
        return first + timedelta(days=third), last - timedelta(days=third)
    return last - timedelta(days=third), last


class DateFinder:
    """Finds and resolves the time expressions of one text against ``anchor``."""

    def __init__(self, text: str, anchor: date | None, tokens: Tokens | None = None) -> None:
        self.text = text
        self.anchor = anchor
        self.tokens = tokens if tokens is not None else Tokens(text)

    def find(self) -> list[FoundDate]:
        out = []
        low, starts, text = self.tokens.low, self.tokens.starts, self.text
        covered = -1
        candidates = [
            i
            for i, word in enumerate(low)
            # _YEARISH only matches words from "19" up to (not including) "21": two string
            # comparisons rule out the rest, with no method call and no new string per word
            if word in _KEYS or ("19" <= word < "21" and _YEARISH.match(word))
        ]
        for i in candidates:
            if starts[i] < covered:
                continue
            first = i
            while (
                first > 0
                and i - first < _LOOKBACK
                and (
                    low[first - 1] in _STARTERS
                    or (low[first - 1].isdigit() and len(low[first - 1]) < 3)
                )
            ):
                first -= 1
            for k in range(first, i + 1):
                m = DATE.match(text, starts[k])
                if m is None or m.end() <= starts[i]:
                    continue
                covered = m.end()
                resolved = self._resolve(m)
                if resolved is not None:
                    out.append(resolved)
                break
        return out

    def _resolve(self, m: re.Match[str]) -> FoundDate | None:
        g = m.groupdict()
        anchor = self.anchor
        start, end = m.start(), m.end()
        try:
            if g["iso"]:
                d = date.fromisoformat(g["iso"])
                return FoundDate(start, end, d, d, False)
            if g["month"] or g["month2"]:
                return self._month(m, g, anchor)
            if g["bare_year"]:
                year = int(g["bare_year"])
                return FoundDate(m.start("bare_year"), m.end("bare_year"), date(year, 1, 1),
                                 date(year, 12, 31), False)  # fmt: skip
        except ValueError:
            return None  # "February 30"
        if anchor is None:
            return None
        return self._relative(m, g, anchor)

    def _relative(self, m: re.Match[str], g: dict[str, Any], anchor: date) -> FoundDate | None:
        """A date said relative to the publication date: "next week", "on Monday"."""
        start, end = m.start(), m.end()
        if g["edge"]:
            which = (g["edge_which"] or "this").lower()
            offset = {"next": 1, "last": -1}.get(which, 0)
            first, last = _period(g["edge_unit"].lower(), anchor, offset)
            first, last = _part("the " + g["edge"].lower() + " of", first, last)
            if g["by"]:
                first = min(anchor, last)
            return FoundDate(start, end, first, last, True)
        if g["which"]:
            return self._relative_unit(m, g, anchor)
        if g["simple"]:
            shift = {"yesterday": -1, "tomorrow": 1}.get(g["simple"].lower(), 0)
            d = anchor + timedelta(days=shift)
            return FoundDate(start, end, d, d, True)
        if g["weekday"]:
            return self._weekday(m, g, anchor)
        if g["weekend"]:
            first, last = _period("weekend", anchor, 0)
            return FoundDate(start, end, first, last, True)
        if g["span"]:
            return _span(start, end, g, anchor)
        return None

    def _month(
        self, m: re.Match[str], g: dict[str, str | None], anchor: date | None
    ) -> FoundDate | None:
        month_name = g["month"] or g["month2"] or ""
        if month_name.lower().rstrip(".") == "may" and not (g["day"] or g["year"] or g["dpart"]):
            before = self.text[max(0, m.start() - 8) : m.start()].split()
            if not (month_name == "May" and before and before[-1].lower() in _MAY_OPENERS):
                return None  # the verb "may"
        if g["month"] and not g["month"][0].isupper():
            return None
        month = _month_number(month_name)
        day_text = g["day"] or g["day2"]
        year_text = g["year"] or g["year2"]
        relative = year_text is None
        if year_text:
            year = int(year_text)
        elif anchor is not None:
            year = _nearest_year(month, anchor)
        else:
            return None
        if day_text:
            d = date(year, month, int(day_text))
            return FoundDate(m.start(), m.end(), d, d, relative)
        first, last = _part(g["dpart"], date(year, month, 1), _month_end(year, month))
        return FoundDate(m.start(), m.end(), first, last, relative)

    def _relative_unit(self, m: re.Match[str], g: dict[str, str | None], anchor: date) -> FoundDate:
        which = (g["which"] or "").lower()
        unit = (g["unit"] or "").lower()
        offset = {"next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1}.get(which, 0)
        first, last = _period(unit, anchor, offset)
        if which == "earlier":
            last = max(first, anchor - timedelta(days=1))
        elif which == "later":
            first = min(last, anchor + timedelta(days=1))
        return FoundDate(m.start(), m.end(), first, last, True)

    def _weekday(self, m: re.Match[str], g: dict[str, str | None], anchor: date) -> FoundDate:
        target = _WEEKDAY_INDEX[(g["weekday"] or "").lower()]
        prefix = (g["wprefix"] or "").lower()
        sentence_start = max(
            self.text.rfind(".", 0, m.start()), self.text.rfind("\n", 0, m.start())
        )
        future = prefix in ("next", "coming", "by", "until") or (
            prefix != "last"
            and _FUTURE.search(self.text, sentence_start + 1, m.start()) is not None
        )
        if future:
            delta = (target - anchor.weekday()) % 7 or (7 if prefix == "next" else 0)
            d = anchor + timedelta(days=delta)
        else:
            d = anchor - timedelta(days=(anchor.weekday() - target) % 7)
            if prefix == "last" and d == anchor:
                d -= timedelta(days=7)
        start = m.start("weekday") if prefix in ("on", "by", "until") else m.start()
        return FoundDate(start, m.end(), d, d, True)


def find_dates(text: str, anchor: date | None, tokens: Tokens | None = None) -> list[FoundDate]:
    """Every time expression of ``text`` resolved against ``anchor`` (relative ones need it).

    ``tokens`` are the text's words when the caller has them already. Pure.
    """
    return DateFinder(text, anchor, tokens).find()


def _span(start: int, end: int, g: dict[str, Any], anchor: date) -> FoundDate:
    """ "the past three weeks", "the next 10 days": a span ending or starting at the anchor."""
    count = int(g["count"]) if g["count"].isdigit() else _COUNTS[g["count"].lower()]
    days = {"days": 1, "weeks": 7, "months": 30, "years": 365}[g["span_unit"].lower()] * count
    if g["span"].lower() in ("past", "last"):
        return FoundDate(start, end, anchor - timedelta(days=days), anchor, True)
    return FoundDate(start, end, anchor, anchor + timedelta(days=days), True)

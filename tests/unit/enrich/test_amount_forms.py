"""The set-form patterns written for speed match exactly what their plain forms match."""

from __future__ import annotations

import re

import pytest
from claimwire_enrich.amount_forms import _AGE_AFTER_NAME, _COMPOUND_UNIT, WORD_NUMBER

# The plain forms: the fast ones add a lookahead every match satisfies, or open with a literal.
_PLAIN_COMPOUND_UNIT = re.compile(
    rf"(?<![\w.,-])(?P<n>\d{{1,4}}|{WORD_NUMBER})-(?P<unit>(?-i:[a-z]{{3,}}))(?P<old>-olds?)?\b",
    re.IGNORECASE,
)
_PLAIN_AGE_AFTER_NAME = re.compile(r"(?<=[a-z]), (?P<age>[1-9]\d?|1[01]\d), (?=[a-z])")

TEXTS = [
    "A half a  dozen-man crew met a hundred-strong crowd and a Twenty-One-gun salute.",
    "Half a\ndozen-member panels, A hundred-year-old oak, the 12-month-old plan.",
    "a 52-year-old, 1,5-mile, x-12-day, _9-foot, é12-day, three-judge, 100-mile-wide front",
    "Karim Benali, 47, was sentenced; Ana Roe, 119, and Jo, 120, left. Oslo, 5, a; A, 5, b",
    "tens-of-thousands, seventy-five-year-olds, ninety-nine-point plan, 2024-25 budget",
]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), *(m.span(g) for g in pattern.groupindex)) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_fast_patterns_match_what_their_plain_forms_match(text: str) -> None:
    assert _spans(_COMPOUND_UNIT, text) == _spans(_PLAIN_COMPOUND_UNIT, text)
    assert _spans(_AGE_AFTER_NAME, text) == _spans(_PLAIN_AGE_AFTER_NAME, text)


def test_the_compound_forms_are_found() -> None:
    found = [m.group(0) for m in _COMPOUND_UNIT.finditer(TEXTS[0])]
    assert found == ["half a  dozen-man", "a hundred-strong", "Twenty-One-gun"]

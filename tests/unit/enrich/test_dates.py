"""Time expressions resolved against the publication date (Monday 17 March 2025)."""

from __future__ import annotations

from datetime import date

import pytest
from claimwire_enrich.dates import find_dates

ANCHOR = date(2025, 3, 17)  # a Monday


def _resolve(text: str) -> list[tuple[str, date, date, bool]]:
    return [
        (text[d.start : d.end], d.date_from, d.date_to, d.relative)
        for d in find_dates(text, ANCHOR)
    ]


@pytest.mark.parametrize(
    ("text", "phrase", "first", "last"),
    [
        ("The vote took place on Thursday.", "Thursday", date(2025, 3, 13), date(2025, 3, 13)),
        ("The envoy will arrive on Thursday.", "Thursday", date(2025, 3, 20), date(2025, 3, 20)),
        ("They met on Monday.", "Monday", ANCHOR, ANCHOR),
        ("It happened yesterday.", "yesterday", date(2025, 3, 16), date(2025, 3, 16)),
        (
            "Earlier this month, rents rose.",
            "Earlier this month",
            date(2025, 3, 1),
            date(2025, 3, 16),
        ),
        (
            "Work ends by the end of this year.",
            "by the end of this year",
            ANCHOR,
            date(2025, 12, 31),
        ),
        ("The report is due in early June.", "early June", date(2025, 6, 1), date(2025, 6, 10)),
        ("Prices peaked in mid-January.", "mid-January", date(2025, 1, 11), date(2025, 1, 21)),
        ("Snow fell last week.", "last week", date(2025, 3, 10), date(2025, 3, 16)),
        ("Rain is forecast next month.", "next month", date(2025, 4, 1), date(2025, 4, 30)),
        (
            "Police patrolled over the weekend.",
            "over the weekend",
            date(2025, 3, 15),
            date(2025, 3, 16),
        ),
    ],
)
def test_relative_expressions(text: str, phrase: str, first: date, last: date) -> None:
    assert _resolve(text) == [(phrase, first, last, True)]


def test_a_month_without_a_year_is_the_nearest_one() -> None:
    ((_, first, _, _),) = _resolve("The ferry was sold in November.")
    assert first == date(2024, 11, 1)


def test_explicit_dates_are_not_relative() -> None:
    assert _resolve("It opened on July 4, 2019 and closed on 2023-02-01.") == [
        ("July 4, 2019", date(2019, 7, 4), date(2019, 7, 4), False),
        ("2023-02-01", date(2023, 2, 1), date(2023, 2, 1), False),
    ]
    assert _resolve("The plant was built in 1998.") == [
        ("1998", date(1998, 1, 1), date(1998, 12, 31), False)
    ]


def test_the_verb_may_is_not_a_month_and_bad_dates_are_skipped() -> None:
    assert _resolve("Prices may rise.") == []
    assert _resolve("It was signed on February 30, 2024.") == []


def test_relative_expressions_need_an_anchor() -> None:
    assert find_dates("They met on Monday.", None) == []

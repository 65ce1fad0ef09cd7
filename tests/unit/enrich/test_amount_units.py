"""The unit rules of amounts: one row per case, naming the rule it exists for.

A new unit case is one row in ``CASES``: the sentence, the unit and kind the amount
must get, and the rule of ``amount_units.UNIT_RULES`` that decides it.
"""

from __future__ import annotations

import pytest
from claimwire_enrich.amount_units import UNIT_RULES, unit_after
from claimwire_enrich.amounts import find_amounts

CASES: list[tuple[str, str | None, str | None, str]] = [
    # (text, unit of its first amount or None for no amount, kind, rule)
    ("Prices rose 4% in May.", "percent", "percent", "percent"),
    ("The rate fell 2 percentage points.", "percentage points", "percent", "percent"),
    ("The fund lent €280 million.", "EUR", "money", "currency_sign"),
    ("The fund lent 280 million euros.", "EUR", "money", "currency_word"),
    ("The deal was worth 5 bn USD.", "USD", "money", "currency_word"),
    ("Velmark, Sweden's port, paid 40 million crowns.", "SEK", "money", "currency_word"),
    ("The levy raised 40 million crowns.", "crowns", "money", "currency_word"),
    ("The toll road cost 900 million soles.", "PEN", "money", "currency_word"),
    ("Brindle shares closed at 412.5 pence.", "GBP", "money", "currency_subunit"),
    ("Ostrava Mills earned 31 cents a share.", "USD", "money", "currency_subunit"),
    ("Some 88 of the 169 lawmakers backed it.", "lawmakers", "count", "of_the_next"),
    ("It costs about 80 times as much.", "times", "count", "times"),
    ("They met three times since March.", None, None, "times"),
    ("Troops are within 20 kilometres of the border.", "kilometres", "measure", "measure"),
    ("It reached 41 degrees Celsius on Monday.", "degrees Celsius", "measure", "measure"),
    ("A 120 megawatt wind farm opened.", "megawatt", "measure", "measure"),
    ("The army sent 400 more troops.", "troops", "count", "skipped_modifier"),
    ("About 4,500 Dravonian troops are there.", "troops", "count", "counted_noun"),
    ("About 86,000 forced from their homes.", None, None, "counted_noun"),
    ("Some 1,200 confirmed cases were found.", "cases", "count", "counted_noun"),
]


@pytest.mark.parametrize(("text", "unit", "kind", "rule"), CASES)
def test_unit_case(text: str, unit: str | None, kind: str | None, rule: str) -> None:
    found = find_amounts(text)
    if unit is None:
        assert found == []
    else:
        assert (found[0].unit, found[0].kind) == (unit, kind)


def test_every_unit_rule_has_a_case() -> None:
    names = [rule.name for rule in UNIT_RULES]
    assert len(names) == len(set(names))
    assert set(names) == {rule for *_, rule in CASES}
    assert all(rule.example for rule in UNIT_RULES)


def test_a_number_followed_by_nothing_counts_nothing() -> None:
    assert unit_after("page 12", None, None, len("page 12")) == (None, "count", None, 7)

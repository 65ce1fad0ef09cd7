"""Amounts: numbers with what they count, money, percentages, ranges, odd formats."""

from __future__ import annotations

import pytest
from claimwire_enrich.amounts import FoundAmount, find_amounts


def _one(text: str) -> FoundAmount:
    found = find_amounts(text)
    assert len(found) == 1, found
    amount = found[0]
    return amount


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate", "phrase"),
    [
        (
            "Roughly 12,500 volunteers arrived.",
            12500,
            "volunteers",
            True,
            "Roughly 12,500 volunteers",
        ),
        ("They sent some 300 medics.", 300, "medics", True, "some 300 medics"),
        ("Exactly 41 buses were stranded.", 41, "buses", False, "41 buses"),
        ("It took three tugboats to free her.", 3, "tugboats", False, "three tugboats"),
        ("There were twenty-four stalls.", 24, "stalls", False, "twenty-four stalls"),
        (
            "Nearly 900 new solar panels went up.",
            900,
            "panels",
            True,
            "Nearly 900 new solar panels",
        ),
        ("The road is 14 kilometres long.", 14, "kilometres", False, "14 kilometres"),
        (
            "More than 70 Bolivian miners joined.",
            70,
            "miners",
            True,
            "More than 70 Bolivian miners",
        ),
    ],
)
def test_counts_keep_the_thing_counted(
    text: str, value: float, unit: str, approximate: bool, phrase: str
) -> None:
    amount = _one(text)
    assert (amount.value, amount.unit, amount.approximate) == (value, unit, approximate)
    assert text[amount.start : amount.end] == phrase


@pytest.mark.parametrize(
    ("text", "value", "unit", "currency"),
    [
        ("The bridge cost $4.2 billion.", 4.2e9, "USD", "USD"),
        ("A fine of €15,000 was imposed.", 15000, "EUR", "EUR"),
        ("They raised £3m in a week.", 3e6, "GBP", "GBP"),
        ("The budget is 80 billion crowns.", 8e10, "crowns", None),
        ("The Danish budget is 80 billion crowns.", 8e10, "DKK", "DKK"),
        ("Tickets cost 25 euros.", 25, "EUR", "EUR"),
        ("Tickets cost 250 pence.", 2.5, "GBP", "GBP"),
        ("Tickets cost 50 cents.", 0.5, "USD", "USD"),
    ],
)
def test_money_has_a_currency(text: str, value: float, unit: str, currency: str | None) -> None:
    amount = _one(text)
    assert (amount.value, amount.unit, amount.kind, amount.currency) == (
        value, unit, "money", currency,
    )  # fmt: skip


def test_cents_are_of_the_currency_last_written() -> None:
    found = find_amounts("A €2 coin and a 50 cents stamp went on sale.")
    assert [(a.value, a.unit) for a in found] == [(2, "EUR"), (0.5, "EUR")]


def test_percentages_and_percentage_points() -> None:
    assert _one("Turnout fell to 48.5% this year.").unit == "percent"
    assert _one("Prices rose 7 per cent.").value == 7
    points = _one("Rates rose by 0.25 percentage points.")
    assert (points.value, points.unit) == (0.25, "percentage points")


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit", "phrase"),
    [
        (
            "Between 60 and 75 fishing boats stayed.",
            60,
            75,
            "boats",
            "Between 60 and 75 fishing boats",
        ),
        ("It costs $2 billion to $3 billion.", 2e9, 3e9, "USD", "$2 billion to $3 billion"),
        ("Six or seven ferries sank.", 6, 7, "ferries", "Six or seven ferries"),
    ],
)
def test_a_range_is_one_amount_from_its_lower_bound(
    text: str, value: float, value_max: float, unit: str, phrase: str
) -> None:
    (amount,) = find_amounts(text)  # CONVENTIONS.md: the lower bound, the whole text
    assert (amount.value, amount.value_max, amount.unit) == (value, value_max, unit)
    assert text[amount.start : amount.end] == phrase


def test_one_of_several_takes_the_unit_of_the_whole() -> None:
    found = find_amounts("Only 12 of the 40 lifeboats were launched.")
    assert [(a.value, a.unit) for a in found] == [(12, "lifeboats"), (40, "lifeboats")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Police counted 10.000 marchers.", 10000, "marchers"),
        ("The fund holds 1,5 million euros.", 1.5e6, "EUR"),
        ("Some 3k runners took part.", 3000, "runners"),
        ("A 2.125% coupon was paid.", 2.125, "percent"),
        ("The bags weighed 20kg each.", 20, "kg"),
    ],
)
def test_odd_number_formats(text: str, value: float, unit: str) -> None:
    amount = _one(text)
    assert (amount.value, amount.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The law was passed in 2019 after a long debate.",
        "Voters in Orvale go to the Nov. 8 election.",
        "On March 3 some voters met.",
        "On March 4, the talks resumed at 10 a.m.",
        "No one should wait, said one of the guards.",
        "The two-plus-two meeting was delayed.",
        "He came third in the race.",
    ],
)
def test_years_dates_times_and_pronouns_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit", "phrase"),
    [
        ("Inspectors visited two dozen farms.", 24, "farms", "two dozen farms"),
        (
            "Roughly half a million people signed up.",
            500_000,
            "people",
            "Roughly half a million people",
        ),
        ("About half a dozen ships waited.", 6, "ships", "About half a dozen ships"),
    ],
)
def test_dozens_and_halves_multiply(text: str, value: float, unit: str, phrase: str) -> None:
    amount = _one(text)
    assert (amount.value, amount.unit, text[amount.start : amount.end]) == (value, unit, phrase)


def test_a_change_in_percent_and_a_level_in_money_are_not_a_range() -> None:
    text = "Revenue climbed 27% to £486 million."
    found = find_amounts(text)
    assert [(a.value, a.value_max, a.kind) for a in found] == [
        (27, None, "percent"),
        (486_000_000, None, "money"),
    ]


def test_a_bare_number_takes_the_unit_its_sentence_gave_before_it() -> None:
    text = (
        "In March 1,870 children were in hotels, up from 1,240 a year earlier. "
        "The number of households in hotels rose by 38 per cent, to roughly 6,200. "
        "Sales rose to 5,000 from 4,200 in 2024."
    )
    found = [(a.value, a.unit, text[a.start : a.end]) for a in find_amounts(text)]
    assert (1240, "children", "1,240") in found
    assert (6200, "households", "roughly 6,200") in found
    assert not [f for f in found if f[0] in (5000, 4200)]  # no unit anywhere: no amount


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Russia sent 400 more troops.", 400, "troops"),
        ("After three earlier attempts failed, they stopped.", 3, "attempts"),
        ("It had 3,000 more than last year.", None, None),  # more than: nothing counted
    ],
)
def test_more_and_earlier_between_a_number_and_its_unit(
    text: str, value: float | None, unit: str | None
) -> None:
    found = [(a.value, a.unit) for a in find_amounts(text)]
    assert found == ([(value, unit)] if value is not None else [])


@pytest.mark.parametrize(
    ("text", "value", "approximate", "phrase"),
    [
        ("Three in four adults own a bicycle.", 75.0, False, "Three in four"),
        ("About one in five schools closed.", 20.0, True, "About one in five"),
    ],
)
def test_ratios_n_in_m_are_shares_in_percent(
    text: str, value: float, approximate: bool, phrase: str
) -> None:
    (amount,) = [a for a in find_amounts(text) if a.unit == "percent"]
    assert (amount.value, amount.kind, amount.approximate) == (value, "percent", approximate)
    assert text[amount.start : amount.end] == phrase


@pytest.mark.parametrize(
    "text",
    ["It took a quarter of an hour.", "They scored in the third quarter.", "It won two in 2024."],
)
def test_fraction_words_that_are_no_share(text: str) -> None:
    assert [a for a in find_amounts(text) if a.unit == "percent"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb after the number: what it counts was named before, in the same sentence
        (
            "At least 43 people died and about 86,000 fled from their homes.",
            [(43.0, "people"), (86000.0, "people")],
        ),
        (
            "At least 43 people died and about 86,000 forced from their homes.",
            [(43.0, "people"), (86000.0, "people")],
        ),
        # a participle before a noun, or standing for people, is no verb
        ("There were 1,200 confirmed cases.", [(1200.0, "cases")]),
        ("Some 40 injured were treated.", [(40.0, "people")]),  # casualties count people
        # a bare count before a verb or a casualty word counts what was named before it
        (
            "The flood injured 310 people and left 27 missing in Orvale.",
            [(310.0, "people"), (27.0, "people")],
        ),
        ("Rebels shelled the town; 900 killed in a week.", [(900.0, "people")]),
        (
            "The court tried 61 defendants. Of them, 12 were acquitted in May.",
            [(61.0, "defendants"), (12.0, "defendants")],
        ),
        (
            "She has 310 of the 400 votes needed, while Orban has 250.",
            [(310.0, "votes"), (400.0, "votes"), (250.0, "votes")],
        ),
        ("One wiped away tears as the ferry left.", []),  # a pronoun, not a count
        ("More than 2 million arrived last year.", []),  # nothing counted before it
    ],
)
def test_a_past_tense_verb_after_a_number_is_not_what_it_counts(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(a.value, a.unit) for a in find_amounts(text)] == expected


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("The Falcons beat the Riverhawks 118-111 in overtime.", [118.0, 111.0]),
        ("The hosts trailed 58-49 at halftime.", [58.0, 49.0]),
        ("A 14-7 run settled it.", [14.0, 7.0]),
        ("The board voted 7-2 in favour.", []),  # no game
        ("Children aged 5-11 are eligible.", []),
    ],
)
def test_both_sides_of_a_score_are_points(text: str, points: list[float]) -> None:
    found = [a for a in find_amounts(text) if a.unit == "points"]
    assert [a.value for a in found] == points
    assert all(text[a.start : a.end] == f"{points[0]:.0f}-{points[1]:.0f}" for a in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orlova beat Brandt 7-5 6-3.", [(7, "games"), (5, "games"), (6, "games"), (3, "games")]),
        (
            "Orlova served at 4-4 and 30-30 in the second set.",
            [(4, "games"), (4, "games"), (30, "points"), (30, "points")],
        ),
        ("The club lost 4-4 on aggregate.", [(4, "points"), (4, "points")]),  # no sets here
    ],
)
def test_a_set_score_counts_games_and_points(text: str, expected: list[tuple[float, str]]) -> None:
    found = find_amounts(text)
    assert [(a.value, a.unit) for a in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Almeida, a 52-year-old planner, won.", []),  # ages are no amounts (conventions)
        ("It backed a 12-month freeze.", [(12.0, None, "months", "12-month")]),
        ("Dockers began a three-day strike.", [(3.0, None, "days", "three-day")]),
        ("A woman aged 81 was robbed.", []),
        ("Four men, aged between 24 and 41, were charged.", [(4.0, None, "men", "Four men")]),
        ("A three-judge panel sat in Velmara.", [(3.0, None, "judges", "three-judge")]),
        ("A 40-mile-wide front moved east.", [(40.0, None, "miles", "40-mile")]),
        ("It left nearly 12-foot drifts.", [(12.0, None, "feet", "nearly 12-foot")]),
        ("The krona hit a two-decade low.", [(2.0, None, "decades", "two-decade")]),
        ("The four-times winner retired.", [(4.0, None, "times", "four-times")]),
        ("A one-off fee and two-thirds of a two-fold rise.", []),
        # a hyphenated pair of numbers, or a hyphen inside a longer word, is not a span
        ("The 2025-2026 season ended.", []),
        ("The year-long review ended.", []),
    ],
)
def test_ages_and_hyphenated_spans_of_time(
    text: str, expected: list[tuple[float, float | None, str, str]]
) -> None:
    found = find_amounts(text)
    assert [(a.value, a.value_max, a.unit, text[a.start : a.end]) for a in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "It overstated methane by as much as a third.",
        'Costs fell by "nearly a quarter" in May.',
        "She has recovered about half of the money.",
        "Nearly a third of the patients were sent home.",
        "About three-quarters of the cases were mild.",
        "Two-thirds of voters backed the plan.",
    ],
)
def test_word_fractions_are_no_amounts(text: str) -> None:
    assert find_amounts(text) == []  # CONVENTIONS.md leaves word fractions out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Only 12 out of 40 lifeboats were launched.", [(12, "lifeboats"), (40, "lifeboats")]),
        ("Some 9 of 14 Vessan ferries sailed.", [(9, "ferries"), (14, "ferries")]),
        ("It won at least 51 of 57 possible seats.", [(51, "seats"), (57, "seats")]),
    ],
)
def test_n_of_m_counts_both(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(a.value, a.unit) for a in find_amounts(text)] == expected


@pytest.mark.parametrize(
    "text",
    ["Sales rose in the second half of the year.", "She won a third term.", "Half the day."],
)
def test_halves_and_thirds_of_time_and_ordinals_are_no_share(text: str) -> None:
    assert [a for a in find_amounts(text) if a.unit == "percent"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Methane warms about 80 times as much as carbon.", [(80.0, None)]),
        ("Users need two to three times the bandwidth.", [(2.0, 3.0)]),
        ("The forecast was cut three times since March.", []),  # occasions, not a multiple
    ],
)
def test_a_multiple_is_counted_in_times(
    text: str, expected: list[tuple[float, float | None]]
) -> None:
    found = [a for a in find_amounts(text) if a.unit == "times"]
    assert [(a.value, a.value_max) for a in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Senate passed the bill 68-31 on Tuesday.", [(68.0, "votes"), (31.0, "votes")]),
        ("Republicans hold a 220-215 majority.", [(220.0, "votes"), (215.0, "votes")]),
        ("The Falcons beat the Riverhawks 118-111.", [(118.0, "points"), (111.0, "points")]),
        ("Pages 12-14 list the costs.", []),
    ],
)
def test_a_votes_tally_is_counted_in_votes(text: str, expected: list[tuple[float, str]]) -> None:
    found = [a for a in find_amounts(text) if a.unit in ("votes", "points")]
    assert [(a.value, a.unit) for a in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll rose to at least 87.", [(87.0, "people", "at least 87")]),
        ("A magnitude 7.1 earthquake struck.", [(7.1, "magnitude", "magnitude 7.1")]),
        ("A 5.4-magnitude aftershock followed.", [(5.4, "magnitude", "5.4-magnitude")]),
        ("Karim Benali, 47, was sentenced.", []),
        (
            "She lost two grandchildren moments before.",
            [(2.0, "grandchildren", "two grandchildren")],
        ),
        ("In Paris, 40 people marched.", [(40.0, "people", "40 people")]),
    ],
)
def test_tolls_magnitudes_ages_after_names_and_irregular_plurals(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert [(a.value, a.unit, text[a.start : a.end]) for a in find_amounts(text)] == expected

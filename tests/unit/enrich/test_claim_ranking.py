"""Claim ranking rules added after the first set (see claims.py): each on fictional text."""

from __future__ import annotations

from .conftest import Enrich


def _worth(enrich: Enrich, body: str) -> dict[str, float]:
    return {c.text: c.checkworthiness for c in enrich(body).claims}


def test_a_first_person_quotation_ranks_below_the_same_assertion_reported(
    enrich: Enrich,
) -> None:
    # rule first_person_quote: the speaker's own voice is testimony, demoted, still emitted
    voice = '"We closed the Orsk depot because the roof was unsafe," manager Ilse Varga said.'
    reported = "Manager Ilse Varga said the Orsk depot closed because the roof was unsafe."
    worth = _worth(enrich, f"Rain fell on Monday. {voice} {reported}")
    assert worth[reported] > worth[voice] >= 0.4


def test_a_first_person_quotation_with_a_real_figure_keeps_its_weight(enrich: Enrich) -> None:
    # rule first_person_quote: "We moved 4,000 crates" still claims a figure
    ours = '"We moved 4,000 crates out of the Orsk depot," manager Ilse Varga said.'
    theirs = '"Crews moved 4,000 crates out of the Orsk depot," manager Ilse Varga said.'
    assert _worth(enrich, ours)[ours] == _worth(enrich, theirs)[theirs]


def test_several_figures_outrank_one(enrich: Enrich) -> None:
    # rule several_figures: two figures in one sentence are more to check than one
    two = "The Tarn mill sold 4,000 tonnes of flour to 120 bakeries in Velmora."
    one = "The Tarn mill sold 4,000 tonnes of flour to bakeries in Velmora."
    worth = _worth(enrich, f"Prices were calm on Monday. {two} {one}")
    assert worth[two] > worth[one]


def test_a_modal_that_looks_back_is_no_prediction(enrich: Enrich) -> None:
    # rule hindsight: "could have been avoided", "had been expected to" look back
    back = "Residents said the flooding in Orsa could have been avoided with better drains."
    ahead = "Residents said the flooding in Orsa could return with the autumn rains."
    worth = _worth(enrich, f"Rain fell on Monday. {back} {ahead}")
    assert worth[ahead] > worth[back]
    past = "The Velmora mayor had been expected to win easily in the northern districts."
    future = "The Velmora mayor is expected to win easily in the northern districts."
    assert _worth(enrich, future)[future] > _worth(enrich, past).get(past, 0.0)


def test_the_half_of_a_place_is_no_share(enrich: Enrich) -> None:
    # rule part_of_place: "the southern half of the camp" is a place, "half of the tents" a share
    place = "Crews cleared the southern half of the Ardel camp on Tuesday before the storm."
    share = "Crews cleared half of the tents in the Ardel camp on Tuesday before the storm."
    worth = _worth(enrich, f"Rain fell on Monday. {place} {share}")
    assert worth[share] > worth.get(place, 0.0)


def test_likely_before_a_noun_is_no_forecast(enrich: Enrich) -> None:
    # rule attributive_likely: "a likely sign" assesses now; "likely to spread" forecasts
    sign = "Farm officials say the early frost in Velmora is a likely sign of a poor harvest."
    forecast = "Farm officials say the early frost in Velmora is likely to spread to the coast."
    worth = _worth(enrich, f"Rain fell on Monday. {sign} {forecast}")
    assert worth[forecast] > worth[sign]


def test_a_plural_noun_in_s_is_not_a_verb_of_saying(enrich: Enrich) -> None:
    # attribution: "three Austrian states" is no one stating anything
    body = "The Velmora ferry line will stop at 12 ports in three Austrian states from June."
    (claim,) = enrich(body, source="Harbour Wire").claims
    assert claim.claimant == "Harbour Wire"


def test_a_reduced_passive_of_forecasting_is_not_an_attribution(enrich: Enrich) -> None:
    # attribution: "with Lena Dahl expected to win" is the outlet's forecast, not Dahl's word
    body = "The Orsk council votes on Friday, with Mayor Lena Dahl expected to win 30 seats."
    (claim,) = enrich(body, source="Harbour Wire").claims
    assert claim.claimant == "Harbour Wire"
    said = "Mayor Lena Dahl said she expected to win 30 seats in the Orsk council vote."
    (claim,) = enrich(said, source="Harbour Wire").claims
    assert claim.claimant == "Lena Dahl"


def test_a_teaser_repeated_with_other_punctuation_is_one_claim(enrich: Enrich) -> None:
    # rule repeat_once: the same sentence with another ending is the same claim
    line = "The Velmora port board said the docks will reopen on Monday after a 40-day strike"
    body = f"{line}:\n\nRain fell on Monday in the hills. {line}."
    assert len([c for c in enrich(body).claims if c.text.startswith(line)]) == 1


def test_a_converted_distance_still_only_locates(enrich: Enrich) -> None:
    # rule located_by_distance: "40 kilometres (25 miles) north of" is one figure, a place
    plain = "The Arlen grain depot lies about 40 kilometres north of Velmora on the coast road."
    converted = (
        "The Arlen grain depot lies about 40 kilometres (25 miles) north of Velmora on the"
        " coast road."
    )
    assert _worth(enrich, plain)[plain] == _worth(enrich, converted)[converted]


def test_a_quoted_phrase_ranks_below_the_same_sentence_reported(enrich: Enrich) -> None:
    # rule quoted_phrase: a sentence that quotes part of its words carries colour
    phrase = (
        "Mayor Ilse Varga said the Orsk ferry plan, which cost 4 million crowns, was"
        ' "a slow disaster for the harbour".'
    )
    plain = (
        "Mayor Ilse Varga said the Orsk ferry plan, which cost 4 million crowns, was"
        " a slow disaster for the harbour."
    )
    worth = _worth(enrich, f"Rain fell on Monday. {phrase} {plain}")
    assert worth[plain] > worth[phrase] >= 0.4


def test_a_trend_word_with_no_figure_or_date_earns_no_trend_bonus(enrich: Enrich) -> None:
    # rule bare_trend: "the skipper rose to his feet" measures nothing; "rose 4%" does
    bare = "Skipper Jon Arde of Velmora rose to his feet after the Orsk council approved it."
    plain = "Skipper Jon Arde of Velmora stood up after the Orsk council approved it."
    worth = _worth(enrich, f"Rain fell in the hills. {bare} {plain}")
    assert worth[bare] == worth[plain]
    dated = "Harbour fees in Velmora rose on Monday after the Orsk council approved the deal."
    dated_plain = (
        "Harbour fees in Velmora changed on Monday after the Orsk council approved the deal."
    )
    worth = _worth(enrich, f"Rain fell in the hills. {dated} {dated_plain}")
    assert worth[dated] > worth[dated_plain]


def test_a_count_inside_a_compound_word_is_no_figure(enrich: Enrich) -> None:
    # rule compound_count: "a three-judge panel" describes the panel
    compound = "A three-judge panel in Velmora approved the Orsk harbour contract on Monday."
    plain = "A judicial panel in Velmora approved the Orsk harbour contract on Monday."
    worth = _worth(enrich, f"Rain fell on Monday. {compound} {plain}")
    assert worth[compound] == worth[plain]


def test_a_count_of_one_adds_little_even_with_an_event(enrich: Enrich) -> None:
    # rule single_count: "one firefighter was injured" adds less than "40 people were injured"
    one = "One firefighter was injured when the Orsk warehouse collapsed in the storm."
    many = "Forty firefighters were injured when the Orsk warehouse collapsed in the storm."
    worth = _worth(enrich, f"Rain fell on Monday. {one} {many}")
    assert worth[many] > worth[one]


def test_a_demotion_takes_off_the_trend_bonus_too(enrich: Enrich) -> None:
    # rule demote_all: a scene opener with a trend word loses the whole demotion
    opener = (
        "Helped by a shift in the wind, crews in Orsk kept 300 homes safe as the fire retreated."
    )
    plain = "Crews in Orsk kept 300 homes safe as the fire retreated after a shift in the wind."
    worth = _worth(enrich, f"Rain fell on Monday. {opener} {plain}")
    assert worth[plain] - worth[opener] >= 0.15 - 1e-9


def test_the_size_of_a_place_only_describes_it(enrich: Enrich) -> None:
    # rule place_size: "a town of 3,000 people" sizes a place as a distance locates it
    sized = "Flooding cut off Orsk, a town of about 3,000 people, from the Velmora coast road."
    counted = "Flooding cut off about 3,000 people in Orsk from the Velmora coast road."
    worth = _worth(enrich, f"Rain fell on Monday. {sized} {counted}")
    assert worth[counted] > worth[sized] >= 0.4


def test_a_measure_of_one_adds_little(enrich: Enrich) -> None:
    # rule single_count: "one day's pay" is no figure a checker would verify
    one = "Dock workers in Orsk agreed to give one day's pay to the Velmora flood fund."
    many = "Dock workers in Orsk agreed to give 40,000 crowns to the Velmora flood fund."
    worth = _worth(enrich, f"Rain fell on Monday. {one} {many}")
    assert worth[many] > worth[one]


def test_a_small_count_of_places_only_locates(enrich: Enrich) -> None:
    # rule place_count: "in three northern states" places the story, it counts nothing checkable
    places = "The Velmora ferry union will strike in three northern states on Friday, it said."
    ships = "The Velmora ferry union will strike on three northern ships on Friday, it said."
    worth = _worth(enrich, f"Rain fell on Monday. {places} {ships}")
    assert worth[ships] > worth[places] >= 0.4

"""Quotations: marks, spans, speakers and attribution verbs."""

from __future__ import annotations

from claimwire_schemas.events import Quote

from .conftest import Enrich


def _quotes(enrich: Enrich, body: str) -> list[Quote]:
    quotes = enrich(body).article.quotes
    for q in quotes:
        assert body[q.start : q.end] == q.text
    return quotes


def test_a_quotation_split_by_its_attribution_gives_two_quotes_one_speaker(
    enrich: Enrich,
) -> None:
    body = (
        'Fire chief Dana Kowalski spoke to reporters. "The wind turned at noon," she said, '
        '"and the line broke within minutes."'
    )
    quotes = _quotes(enrich, body)
    assert [q.text for q in quotes] == [
        "The wind turned at noon,",
        "and the line broke within minutes.",
    ]
    assert {q.speaker for q in quotes} == {"Dana Kowalski"}
    assert quotes[0].verb == "said"


def test_pronouns_pick_the_last_person_of_that_gender(enrich: Enrich) -> None:
    body = (
        "Mayor Ruth Okoye met Mr. Teodor Lang, the builder, on Monday.\n"
        '"We will finish the bridge by June," he said.\n'
        '"I will hold him to that," she said.'
    )
    speakers = [q.speaker for q in _quotes(enrich, body)]
    assert speakers == ["Teodor Lang", "Ruth Okoye"]


def test_the_spokesperson_points_to_the_role_introduced_before(enrich: Enrich) -> None:
    body = (
        "A Harbour Authority spokesperson confirmed the closure on Friday.\n"
        '"Ships will wait outside the breakwater until the storm passes," the spokesperson '
        "said."
    )
    quote = _quotes(enrich, body)[0]
    assert quote.speaker == "Harbour Authority spokesperson"
    assert quote.speaker_type == "ROLE"


def test_a_role_given_to_a_named_person_resolves_to_the_person(enrich: Enrich) -> None:
    body = (
        "Omar Haddou, the airline's spokesman, declined to give numbers.\n"
        '"Every flight will be rebooked for free," the spokesman said.'
    )
    assert _quotes(enrich, body)[0].speaker == "Omar Haddou"


def test_inverted_attribution_with_a_title(enrich: Enrich) -> None:
    body = '"The samples are clean," said Dr. Lena Vukovic, a chemist at the city laboratory.'
    assert _quotes(enrich, body)[0].speaker == "Lena Vukovic"


def test_partial_quotation_inside_a_sentence(enrich: Enrich) -> None:
    body = 'Senator Ines Marr called the budget "a house built on sand" during the debate.'
    quote = _quotes(enrich, body)[0]
    assert quote.text == "a house built on sand"
    assert quote.partial is True
    assert quote.speaker == "Ines Marr"
    assert quote.verb == "called"


def test_a_quotation_over_two_paragraphs_keeps_its_speaker(enrich: Enrich) -> None:
    body = (
        '"We counted every boat in the bay," said harbour master Anton Reiss.\n'
        '"The first ones left before dawn. Others waited.\n'
        '"By noon the bay was empty," he added.'
    )
    quotes = _quotes(enrich, body)
    assert len(quotes) == 3
    assert {q.speaker for q in quotes} == {"Anton Reiss"}


def test_straight_curly_and_nested_marks(enrich: Enrich) -> None:
    body = (
        "“It was ‘a disaster’ for us,” said farmer Joao Pinto.\n"
        '"The so-called "plan" never came," Pinto added.'
    )
    quotes = _quotes(enrich, body)
    assert quotes[0].text == "It was ‘a disaster’ for us,"
    assert quotes[1].text == 'The so-called "plan" never came,'
    assert {q.speaker for q in quotes} == {"Joao Pinto"}


def test_an_unclosed_quotation_ends_with_its_paragraph(enrich: Enrich) -> None:
    body = (
        'Engineer Mara Lind said: "The pumps failed at two in the morning.\n'
        "The second paragraph is the reporter's own text."
    )
    quotes = _quotes(enrich, body)
    assert [q.text for q in quotes] == ["The pumps failed at two in the morning."]
    assert quotes[0].speaker == "Mara Lind"


def test_a_scare_quoted_word_is_not_a_quotation(enrich: Enrich) -> None:
    body = 'The two ministers will hold "strategic" talks in March.'
    assert _quotes(enrich, body) == []


def test_straight_single_marks_quote_but_apostrophes_do_not(enrich: Enrich) -> None:
    body = (
        "'There's no money left for the workers' pay rise,' said councillor Edith Marr.\n"
        "She called the cuts 'unavoidable' and added: 'We tried everything.'\n"
        "Rock 'n' roll venues in the '90s did not suffer, she noted."
    )
    quotes = _quotes(enrich, body)
    assert [q.text for q in quotes] == [
        "There's no money left for the workers' pay rise,",
        "unavoidable",
        "We tried everything.",
    ]
    assert {q.speaker for q in quotes} == {"Edith Marr"}


def test_a_straight_single_quotation_runs_on_into_the_next_paragraph(enrich: Enrich) -> None:
    body = (
        "Harbour master Anton Reiss said: 'The first boats left before dawn.\n"
        "'By noon the bay was empty,' he added."
    )
    quotes = _quotes(enrich, body)
    assert [q.text for q in quotes] == [
        "The first boats left before dawn.",
        "By noon the bay was empty,",
    ]
    assert {q.speaker for q in quotes} == {"Anton Reiss"}


def test_according_to_after_a_quotation_names_its_source(enrich: Enrich) -> None:
    body = (
        '"We will not sign this deal," according to Maria Lopez, the union leader. '
        '"Prices will rise before the summer," according to the central bank.\n'
        'Asked about the plan, Lopez replied: "No comment at all for now."'
    )
    quotes = _quotes(enrich, body)
    assert [q.speaker for q in quotes] == ["Maria Lopez", "central bank", "Maria Lopez"]
    assert quotes[0].verb == "according to"
    people = {e.name: e for e in enrich(body).article.entities}
    assert people["Maria Lopez"].type == "PERSON"  # "according to" is not "to" a place

"""Sentences, paragraphs and word offsets."""

from __future__ import annotations

from claimwire_enrich.text import MAX_SENTENCE_CHARS, Tokens, paragraph_spans, split_sentences


def _sentences(body: str) -> list[str]:
    return [body[s.start : s.end] for s in split_sentences(body, paragraph_spans(body))]


def test_sentences_split_at_full_stops_but_not_after_titles_or_initials() -> None:
    body = (
        "Dr. Ana Reyes met Mr. J. Olsen in St. Louis. They talked for an hour! Why? Nobody knows."
    )
    assert _sentences(body) == [
        "Dr. Ana Reyes met Mr. J. Olsen in St. Louis.",
        "They talked for an hour!",
        "Why?",
        "Nobody knows.",
    ]


def test_dotted_abbreviation_ends_a_sentence_only_before_a_usual_starter() -> None:
    body = "Aid came from the U.S. State Department. It arrived in the U.S. The rest went on."
    assert _sentences(body) == [
        "Aid came from the U.S. State Department.",
        "It arrived in the U.S.",
        "The rest went on.",
    ]


def test_quotation_marks_after_the_full_stop_stay_with_the_sentence() -> None:
    body = 'She said: "We are done." Then she left.\nA second paragraph.'
    assert _sentences(body) == ['She said: "We are done."', "Then she left.", "A second paragraph."]


def test_paragraph_spans_skip_blank_lines_and_strip_spaces() -> None:
    body = "  First line.  \n\n\tSecond line.\n"
    spans = paragraph_spans(body)
    assert [body[a:b] for a, b in spans] == ["First line.", "Second line."]


def test_a_run_on_paragraph_is_cut_into_bounded_sentences() -> None:
    body = " ".join(["word"] * 2000)
    pieces = _sentences(body)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert " ".join(pieces) == body


def test_tokens_keep_exact_offsets_and_strip_punctuation() -> None:
    body = '  "Hello,"  (world)  said\nthe U.S. spokesperson.  '
    tokens = Tokens(body)
    words = [(w, s) for w, s in zip(tokens.raw, tokens.starts, strict=True) if w]
    assert [w for w, _ in words] == ["Hello", "world", "said", "the", "U.S", "spokesperson"]
    for word, start in words:
        assert body[start : start + len(word)] == word
    assert tokens.cue[tokens.raw.index("said")] == "said"
    assert tokens.cue[tokens.raw.index("Hello")] == ""

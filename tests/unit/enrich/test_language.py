"""Language detection."""

from __future__ import annotations

import pytest
from claimwire_enrich.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The harbour authority said on Tuesday that the ferry service would resume.", "en"),
        (
            "Die Hafenbehörde teilte am Dienstag mit, dass der Fährbetrieb wieder beginnt.",
            "de",
        ),
        (
            "La autoridad portuaria dijo el martes que el servicio de ferris se reanudará.",
            "es",
        ),
        (
            "L'autorité portuaire a déclaré mardi que le service de traversier reprendrait.",
            "fr",
        ),
    ],
)
def test_detects_the_language_of_a_sentence(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_too_little_text_falls_back_to_the_hint_or_und() -> None:
    assert detect_language("  ", None) == "und"
    assert detect_language("Ja.", "de-AT") == "de"

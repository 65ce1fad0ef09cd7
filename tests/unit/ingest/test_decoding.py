"""Bytes to text: encodings detected, damaged UTF-8 and binary rejected with a reason."""

from __future__ import annotations

import codecs

import pytest
from claimwire_ingest.decoding import decode_text, decode_utf8
from claimwire_ingest.errors import RejectedInput
from claimwire_schemas.events import DeadLetterReason

FRENCH = "Le ministre a déclaré lundi que les négociations reprendraient à Genève après l’été."
POLISH = "Minister spraw zagranicznych powiedział, że rozmowy będą kontynuowane w środę."
KOREAN = "서울 시장은 월요일 기자회견에서 새로운 주택 정책을 발표했다. 시민들은 환영했다."
JAPANESE = "東京都知事は月曜日の記者会見で新しい住宅政策を発表した。市民は歓迎した。"
RUSSIAN = "Министр обороны заявил в понедельник, что войска отведены от границы."


def _reason(data: bytes, declared: str | None = None) -> DeadLetterReason:
    with pytest.raises(RejectedInput) as caught:
        decode_text(data, declared)
    return caught.value.reason


def test_utf8_is_taken_as_is() -> None:
    assert decode_text(FRENCH.encode()) == FRENCH


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "cp1252"),
        (KOREAN, "euc-kr"),
        (JAPANESE, "shift_jis"),
        (RUSSIAN, "cp1251"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)) == text


def test_cp1252_wins_a_tie_with_other_western_code_pages() -> None:
    text = "Café au lait – naïve façade “quoted” in Zürich, 5 €."
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize("bom_encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_win(bom_encoding: str) -> None:
    assert decode_text(KOREAN.encode(bom_encoding)) == KOREAN


def test_declared_charset_is_used() -> None:
    assert decode_text(POLISH.encode("iso-8859-2"), declared="ISO-8859-2") == POLISH


def test_declared_latin1_means_windows_1252_as_in_browsers() -> None:
    assert decode_text("“Quoted” – 5 €".encode("cp1252"), declared="iso-8859-1") == "“Quoted” – 5 €"


def test_declared_utf8_that_is_not_is_rejected_naming_the_byte() -> None:
    with pytest.raises(RejectedInput) as caught:
        decode_text(FRENCH.encode("cp1252"), declared="utf-8")
    assert caught.value.reason is DeadLetterReason.DECODE_ERROR
    assert "0xe9" in caught.value.message


def test_unknown_declared_charset_falls_back_to_detection() -> None:
    assert decode_text(FRENCH.encode(), declared="x-no-such-charset") == FRENCH


def test_damaged_utf8_is_rejected_rather_than_guessed() -> None:
    data = "Tromsø bridge — repairs délayed".encode() + b" \xff\xfe more text"
    assert _reason(data) is DeadLetterReason.DECODE_ERROR


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_nothing_but_whitespace_is_empty(data: bytes) -> None:
    assert _reason(data) is DeadLetterReason.EMPTY


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"title\n\nbody with a NUL \x00 byte",
        bytes(range(1, 9)) * 50,
    ],
    ids=["png", "pdf", "zip", "nul", "controls"],
)
def test_binary_content_is_rejected(data: bytes) -> None:
    assert _reason(data) is DeadLetterReason.BINARY


def test_iso_2022_escape_bytes_are_not_binary() -> None:
    text = "東京で会議が開かれた。"
    assert decode_text(text.encode("iso-2022-jp")) == text


def test_strict_utf8_names_the_offset() -> None:
    with pytest.raises(RejectedInput) as caught:
        decode_utf8(b'{"title": "ok \xff"}')
    assert caught.value.reason is DeadLetterReason.DECODE_ERROR
    assert "offset 14" in caught.value.message
    assert decode_utf8(codecs.BOM_UTF8 + b"{}") == "{}"

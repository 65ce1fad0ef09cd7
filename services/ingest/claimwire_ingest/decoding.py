"""Bytes to text: byte-order marks, declared charsets, detection, and what is not text at all.

Pure functions; each either returns ``str`` or raises ``RejectedInput`` with
reason ``empty``, ``binary`` or ``decode_error``.
"""

from __future__ import annotations

import codecs
import re

from claimwire_schemas.events import DeadLetterReason

from claimwire_ingest.errors import RejectedInput

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"RIFF", "RIFF media"),
)
# Control bytes that never occur in text. ESC, SO and SI stay allowed: ISO-2022
# encodings (Japanese and Korean mail and news) use them.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 14, 15, 27))
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_BINARY_SAMPLE = 8192
_MAX_CONTROL_RATIO = 0.05
# Well-formed UTF-8 multi-byte sequences (RFC 3629 table), for telling a damaged
# UTF-8 file from a legacy-encoded one.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# Browsers treat these labels as windows-1252 (WHATWG Encoding), and so do news sites.
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
# ISO-2022 text is 7-bit and so valid UTF-8; its escape sequences give it away.
_ISO_2022_ESCAPES: tuple[tuple[bytes, str], ...] = (
    (b"\x1b$)C", "iso2022_kr"),
    (b"\x1b$B", "iso2022_jp"),
    (b"\x1b$@", "iso2022_jp"),
    (b"\x1b$(D", "iso2022_jp_2"),
)
_PREFERRED_LEGACY = "cp1252"


def check_not_binary(data: bytes) -> None:
    """Raise ``RejectedInput(binary)`` when ``data`` looks like a binary file; else return."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise RejectedInput(DeadLetterReason.BINARY, f"binary content: looks like a {what}")
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        offset = sample.index(b"\x00")
        raise RejectedInput(DeadLetterReason.BINARY, f"binary content: NUL byte at offset {offset}")
    controls = len(sample) - len(sample.translate(None, delete=_CONTROL_BYTES))
    if sample and controls / len(sample) > _MAX_CONTROL_RATIO:
        raise RejectedInput(
            DeadLetterReason.BINARY,
            f"binary content: {controls} control bytes in the first {len(sample)}",
        )


def _codec_name(label: str) -> str | None:
    """The text codec a charset label names; None for an unknown label or a codec that is not
    a text encoding (``rot13``, ``zlib``, ``base64``...: bytes.decode refuses those), which,
    like a browser, decoding then ignores. Pure."""
    try:
        name = codecs.lookup(label.strip().lower()).name
        b"a".decode(name, "ignore")  # raises LookupError for a codec that is not text
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def _first_bad_byte(data: bytes, encoding: str) -> str:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    return "an invalid sequence"


def _looks_like_damaged_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8: a UTF-8 file with a few bad bytes.

    A legacy single-byte file almost never contains valid multi-byte UTF-8, and in
    an EUC-KR or Shift_JIS file only a minority of byte pairs happen to look valid.
    """
    multibyte = _UTF8_MULTIBYTE.findall(data)
    valid_bytes = sum(len(seq) for seq in multibyte)
    invalid_bytes = len(_NON_ASCII.findall(data)) - valid_bytes
    return bool(multibyte) and valid_bytes >= invalid_bytes


def _detect(data: bytes) -> str:
    # Imported here: charset-normalizer loads its tables on import, and most input is UTF-8.
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise RejectedInput(
            DeadLetterReason.DECODE_ERROR,
            f"not UTF-8 ({_first_bad_byte(data, 'utf-8')}) and no other encoding fits",
        )
    # Short Western texts fit several code pages equally well; windows-1252 is
    # by far the most common one on news sites, so it wins a tie.
    for match in matches:
        if (
            match.encoding == _PREFERRED_LEGACY
            and match.chaos <= best.chaos
            and match.coherence >= best.coherence
        ):
            return str(match)
    return str(best)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text.

    Order: a byte-order mark wins; then the ``declared`` charset (HTTP header,
    HTML ``<meta charset>``, XML declaration) is used strictly; otherwise
    UTF-8, and when that fails, detection (charset-normalizer; windows-1252
    wins ties). A file that is mostly valid UTF-8 with a few bad bytes is
    rejected as damaged rather than guessed into mojibake.

    Raises ``RejectedInput`` with reason ``empty`` (nothing but whitespace),
    ``binary`` or ``decode_error``. Pure and idempotent.
    """
    if not data.strip():
        raise RejectedInput(DeadLetterReason.EMPTY, "empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise RejectedInput(
                    DeadLetterReason.DECODE_ERROR,
                    f"invalid {encoding} after its byte-order mark at offset {exc.start}",
                ) from None
    check_not_binary(data)
    codec = _codec_name(declared) if declared else None
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            raise RejectedInput(
                DeadLetterReason.DECODE_ERROR,
                f"invalid {declared} (declared): {_first_bad_byte(data, codec)}",
            ) from None
    for escape, iso_2022 in _ISO_2022_ESCAPES:
        if escape in data:
            try:
                return data.decode(iso_2022)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_like_damaged_utf8(data):
        raise RejectedInput(
            DeadLetterReason.DECODE_ERROR, f"invalid UTF-8: {_first_bad_byte(data, 'utf-8')}"
        )
    return _detect(data)


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 (JSON Lines and HTTP JSON must be UTF-8, RFC 8259); BOM tolerated.

    Raises ``RejectedInput(decode_error)`` naming the first bad byte. Pure.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RejectedInput(
            DeadLetterReason.DECODE_ERROR, f"invalid UTF-8: {_first_bad_byte(data, 'utf-8')}"
        ) from None

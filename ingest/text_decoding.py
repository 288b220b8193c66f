"""Bytes of a text file to str: UTF-8 first, a confident guess second, refusal otherwise."""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from ingest.errors import IngestError

# charset-normalizer's "chaos" (0 = clean text); above this the guess is not trusted.
MAX_CHAOS = 0.1
# Share of control characters above which the "text" is really binary.
MAX_CONTROL_SHARE = 0.01
# Among equally clean guesses, a Western code page wins: the documents here are Indonesian or English, and
# charset-normalizer otherwise happily reads Latin-1 "café" as Baltic "cafķ".
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decoded text and the encoding used; IngestError "encoding" when no confident decoding exists."""
    text, encoding = _decode(data)
    if _looks_binary(text):
        raise IngestError("encoding", "not valid UTF-8 text (looks like a binary file)")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-32 LE's BOM starts with UTF-16 LE's, so UTF-32 is tried first.
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    return _guess(data)


def _guess(data: bytes) -> tuple[str, str]:
    confident = [match for match in from_bytes(data) if match.chaos <= MAX_CHAOS]
    for match in confident:
        for encoding in _WESTERN:
            if encoding in match.could_be_from_charset:
                try:
                    return data.decode(encoding), encoding
                except UnicodeDecodeError:
                    continue
    if confident:
        return str(confident[0]), confident[0].encoding
    raise IngestError("encoding", "not valid UTF-8 text (and no other encoding fits with confidence)")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return "\x00" in text or controls / len(text) > MAX_CONTROL_SHARE

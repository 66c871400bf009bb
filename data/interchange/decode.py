"""Bytes to text for files of unknown encoding, as address books really write them.

Order matters: a byte-order mark is certain; then UTF-16 without one (Thunderbird and some
phones), seen as NUL bytes in every other position; then strict UTF-8, which almost never
decodes text that is not UTF-8; only then a guess by charset-normalizer. Its guesses among
the single-byte Latin code pages are a coin toss on short texts (ï in cp1252 reads as ď in
cp1250), so any of those is read as windows-1252, the code page western exports use.
"""

from __future__ import annotations

import codecs

from data.interchange.records import UnreadableFile

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_LATIN_SINGLE_BYTE = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_2",
    "iso8859_9",
    "iso8859_15",
    "mac_roman",
    "mac_latin2",
    "cp850",
    "cp437",
}


def decode_text(data: bytes, *, what: str = "file") -> str:
    """The text in `data`; raises UnreadableFile (with `what` in the message) for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, what)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _strict(data, utf16, what)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _guess(data, what)
    if "\x00" in text:
        raise UnreadableFile(f"this {what} holds binary data, not text")
    return text


def _strict(data: bytes, encoding: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"this {what} is not valid {encoding} text: {error.reason}") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-be' or 'utf-16-le' when NULs sit in every other byte, as in mostly-ASCII UTF-16."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if even_nuls > 0.6 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    if odd_nuls > 0.6 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    return None


def _guess(data: bytes, what: str) -> str:
    import charset_normalizer  # only files that are not UTF-8 pay for the detector

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnreadableFile(f"this {what} is not text in any encoding we know")
    if best.encoding in _LATIN_SINGLE_BYTE:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)

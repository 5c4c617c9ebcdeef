"""Text normalisation used to match citations against their sources."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

# Typographic punctuation folded to its plain form, so a citation typed with straight
# quotes matches a source set with curly ones.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-",
        "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    }
)  # fmt: skip
_FOLD_PAIRS = tuple((chr(code), plain) for code, plain in _FOLD.items())

# Every format character (Unicode category Cf: bidi controls, zero-width characters,
# the byte-order mark, tag characters...). They are invisible, and the bidi ones reorder
# the text around them, so "1234567890" can display as "0987654321" (CVE-2021-42574,
# Unicode UTS #39). Unicode 15; a test checks it covers the running Python's tables.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)

# The regular expressions are compiled on first use, not on import: compiling these
# classes of characters costs a fresh process a millisecond or two, and a warm search
# prints text that holds none of them (see printable).


@cache
def _word() -> re.Pattern[str]:
    return re.compile(r"\S+")


@cache
def _format() -> re.Pattern[str]:
    return re.compile(f"[{FORMAT_CHARACTERS}]")


@cache
def unsafe_pattern() -> re.Pattern[str]:
    """What dossier text may not hold: format characters and the line and paragraph
    separators (U+2028, U+2029: a line break no reader sees in the file). Control
    characters are kept, and shown as escapes wherever they are printed."""
    return re.compile(f"[{FORMAT_CHARACTERS}\u2028\u2029]")


def find_unsafe(text: str) -> re.Match[str] | None:
    """The first character of ``text`` that :func:`unsafe_pattern` names, or None.

    Every such character is unprintable (a format character or a separator), so
    printable text, most of what a dossier holds, is not scanned for one.
    """
    if text.isascii() or text.isprintable():
        return None
    return unsafe_pattern().search(text)


def normalise(text: str) -> str:
    """The form two passages are compared in: NFC, plain punctuation, single spaces.

    Format characters are dropped: a source with a zero-width space or a bidi control
    inside a word still matches a citation typed without it.
    """
    if text.isascii():  # already NFC, with nothing to fold or drop
        return " ".join(text.split())
    return " ".join(_drop_format(fold(unicodedata.normalize("NFC", text))).split())


def fold(text: str) -> str:
    """``text`` with typographic punctuation in its plain form, character for character.

    As ``str.translate(_FOLD)``, fifty times faster: a few ``in`` tests and a
    replacement for each mark the text holds, instead of a table lookup per character.
    """
    for mark, plain in _FOLD_PAIRS:
        if mark in text:
            text = text.replace(mark, plain)
    return text


def _drop_format(text: str) -> str:
    # A format character is never printable: printable text, the most of it, is not
    # scanned by the (far slower) regular expression.
    return text if text.isprintable() else _format().sub("", text)


def normalise_lines(lines: list[str]) -> list[str]:
    """``[normalise(line) for line in lines]`` for lines already NFC and holding no line
    break, folded in one pass over their text rather than a call per line."""
    if not lines:
        return []
    folded = "\n".join(lines)
    if not folded.isascii():  # ASCII holds nothing to fold or drop, and says so at once
        lines = [_drop_format(line) for line in fold(folded).split("\n")]
    return [" ".join(line.split()) for line in lines]


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` (already NFC) and map each output index to an input index.

    The map lets a match found in normalised text be highlighted in the original.
    Entry ``len(out)`` maps to ``len(text)`` so that end offsets translate too.
    """
    folded = fold(text)  # one character for one: offsets are unchanged
    words: list[str] = []
    where: list[int] = []
    for match in _word().finditer(folded):
        word = match.group()
        offsets: Sequence[int] = range(match.start(), match.end())
        if _format().search(word):  # dropped, as normalise() drops them
            offsets = [i for i in offsets if not _format().match(folded[i])]
            if not offsets:
                continue
            word = "".join(folded[i] for i in offsets)
        if words:
            where.append(offsets[0] - 1)  # the single space stands for the gap
        words.append(word)
        where.extend(offsets)
    where.append(len(text))
    return " ".join(words), where


# C0 and C1 control characters (tab excepted) and DEL: a terminal would obey them.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))}


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters shown as ``\\xNN``,
    format characters and line separators as ``\\uNNNN``.

    Dossier and source text is untrusted; an escape sequence in it must not reach the
    terminal of someone running ``dossier validate`` or ``dossier search``, nor a bidi
    control reorder what the terminal shows.
    """
    if text.isprintable():  # no control, surrogate, format character or separator
        return text
    text = text.translate(_CONTROLS)
    # Lone surrogates: what ``surrogateescape`` makes of bytes that are not UTF-8 (a
    # file name); no encoder writes them, so printing one would raise UnicodeEncodeError.
    text = re.sub("[\ud800-\udfff]", _escape_surrogate, text)
    return unsafe_pattern().sub(_escape, text)


@cache
def _not_xml() -> re.Pattern[str]:
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it: the control characters (a vertical tab or form
    feed becomes a newline; tab, newline and return stay), lone surrogates, U+FFFE and
    U+FFFF left out. C1 controls are allowed in XML but not wanted in it.

    For the files other programs open (DOCX, ODT, HTML, Markdown): dossier text keeps
    its control characters, which Word's XML refuses and a terminal would obey.
    """
    if text.isprintable():
        return text
    return _not_xml().sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)


def describe(character: str) -> str:
    """A character as a reader can name it: ``U+200B ZERO WIDTH SPACE``."""
    name = unicodedata.name(character, "")
    code = f"U+{ord(character):04X}"
    return f"{code} {name}" if name else code

"""Text normalisation used to match citations against their sources."""

from __future__ import annotations

import re
import unicodedata

# Typographic punctuation folded to its plain form, so a citation typed with straight
# quotes matches a source set with curly ones (DESIGN.md, "Citations").
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
_WORD = re.compile(r"\S+")


def normalise(text: str) -> str:
    """The form two passages are compared in: NFC, plain punctuation, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).split())


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` (already NFC) and map each output index to an input index.

    The map lets a match found in normalised text be highlighted in the original.
    Entry ``len(out)`` maps to ``len(text)`` so that end offsets translate too.
    """
    folded = text.translate(_FOLD)  # one character for one: offsets are unchanged
    words: list[str] = []
    where: list[int] = []
    for match in _WORD.finditer(folded):
        if words:
            where.append(match.start() - 1)  # the single space stands for the gap
        words.append(match.group())
        where.extend(range(match.start(), match.end()))
    where.append(len(text))
    return " ".join(words), where


# C0 and C1 control characters (tab excepted) and DEL: a terminal would obey them.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))}


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters shown as ``\\xNN``.

    Dossier and source text is untrusted; an escape sequence in it must not reach the
    terminal of someone running ``dossier validate`` or ``dossier search``.
    """
    return text.translate(_CONTROLS)

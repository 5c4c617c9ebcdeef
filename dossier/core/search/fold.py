"""Folding text for matching: case, diacritics, and letters unicode61 leaves alone.

SQLite's ``unicode61`` tokenizer with ``remove_diacritics 2`` folds case and most
Latin diacritics, but leaves Azerbaijani ``ə`` and dotless ``ı`` (and ``ß``, ``ø``,
ligatures...) as they are, so ``Qəbələ`` would never match ``Qebele``.
:func:`index_text` folds exactly those before text is indexed (and is cheap on text
that has none); :func:`fold` folds everything (case and diacritics too) and is what
query words, name tokens and snippet highlighting use. Either way unicode61 sees
both sides, so they agree; the original text is kept for display.

Azerbaijani names also reach English text transliterated (``Şəki`` as ``Sheki``,
``Naxçıvan`` as ``Nakhchivan``): :func:`variants` gives those spellings so the index
can hold them beside the folded word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters with no Unicode decomposition, folded to the plain letters readers type.
_LETTERS = str.maketrans(
    {
        "ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
        "ł": "l", "Ł": "l", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th",
        "Þ": "th", "ð": "d", "Ð": "d", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t", "ß": "ss",
        "ẞ": "ss",
        # Control characters used as snippet markers never reach the index.
        "\x02": " ", "\x03": " ", "\x1f": " ",
    }
)  # fmt: skip

# Sets and tables rather than regular expressions: compiling a class of non-ASCII
# characters costs a fresh process about a millisecond each, a warm search's worth.
_HAS_LETTERS = frozenset("əƏıİøØđĐłŁæÆœŒþÞðÐħĦŧŦßẞ\x02\x03\x1f")

# Combining marks of the Latin-script diacritic blocks (removed after NFKD).
_COMBINING = dict.fromkeys(
    (
        *range(0x0300, 0x0370), *range(0x1AB0, 0x1B00), *range(0x1DC0, 0x1E00),
        *range(0x20D0, 0x2100), *range(0xFE20, 0xFE30),
    ),
    None,
)  # fmt: skip

# A word as the index sees it: letters and digits (no underscore), like unicode61.
WORD = re.compile(r"[^\W_]+")

# Azerbaijani letters that mark a word as Azerbaijani, and their English spellings.
_AZERBAIJANI = frozenset("əƏıİşŞçÇğĞ")
_TRANSLIT = str.maketrans(
    {"ş": "sh", "Ş": "sh", "ç": "ch", "Ç": "ch", "x": "kh", "X": "kh", "ğ": "g", "Ğ": "g"}
)


def fold(text: str) -> str:
    """``text`` lower-cased, without diacritics, with ə→e and ı/İ→i (same length or longer)."""
    text = text.translate(_LETTERS)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    return text.casefold()


@lru_cache(maxsize=65536)
def fold_word(word: str) -> tuple[str, ...]:
    """The folded words one original word becomes (usually one, e.g. ``½`` gives two)."""
    return tuple(WORD.findall(fold(word)))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return WORD.findall(fold(text))


def variants(text: str) -> list[str]:
    """Transliterated spellings of the Azerbaijani words in ``text`` (``Şəki`` → ``sheki``).

    Only words that differ from their plain folded form are returned.
    """
    out: list[str] = []
    if _AZERBAIJANI.isdisjoint(text):
        return out
    for word in WORD.findall(text):
        if _AZERBAIJANI.isdisjoint(word):
            continue
        spelled = fold(word.translate(_TRANSLIT))
        if spelled != fold(word) and spelled not in out:
            out.append(spelled)
    return out


def index_text(text: str) -> str:
    """What the index stores for ``text``: the letters unicode61 would miss folded
    (compatibility forms too), then any variant spellings.

    Variants go at the end, not beside their word, so phrases still match.
    """
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    extra = variants(text)
    if not _HAS_LETTERS.isdisjoint(text):
        text = text.translate(_LETTERS)
    return f"{text} {' '.join(extra)}" if extra else text

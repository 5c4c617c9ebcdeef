"""Source documents: numbered paragraphs and locating verbatim passages in them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from dossier.core.text import normalise, normalise_with_map

# An interview marks its turns "Q.:" and "A.:"; the viewer shows them as such.
_TURN_RE = re.compile(r"^\s*(Q|A)\s*[.:]+\s*")


@dataclass(frozen=True)
class Paragraph:
    """A non-empty line of a source, numbered from 1."""

    number: int
    text: str  # NFC, as displayed

    @property
    def turn(self) -> str | None:
        """ "Q" or "A" when the paragraph opens an interview turn, else None."""
        match = _TURN_RE.match(self.text)
        return match.group(1) if match else None


@dataclass(frozen=True)
class Match:
    """Where a passage stands: paragraph number and character span in its text."""

    paragraph: int
    start: int
    end: int


class SourceText:
    """The text of a source split into numbered paragraphs (its non-empty lines)."""

    def __init__(self, text: str) -> None:
        lines = unicodedata.normalize("NFC", text).splitlines()
        self.paragraphs: tuple[Paragraph, ...] = tuple(
            Paragraph(number, line.strip())
            for number, line in enumerate((ln for ln in lines if ln.strip()), start=1)
        )

    @cached_property
    def _normalised(self) -> tuple[tuple[str, list[int]], ...]:
        return tuple(normalise_with_map(p.text) for p in self.paragraphs)

    def paragraph(self, number: int) -> Paragraph:
        """Paragraph ``number`` (1-based); IndexError when out of range."""
        if not 1 <= number <= len(self.paragraphs):
            raise IndexError(number)
        return self.paragraphs[number - 1]

    def locate(self, passage: str) -> Match | None:
        """Find ``passage`` within one paragraph, after normalisation; None if absent."""
        needle = normalise(passage)
        if not needle:
            return None
        for paragraph, (flat, where) in zip(self.paragraphs, self._normalised, strict=True):
            index = flat.find(needle)
            if index >= 0:
                end = where[index + len(needle) - 1] + 1
                return Match(paragraph.number, where[index], end)
        return None

    def closest(self, passage: str, width: int = 90) -> tuple[int, str] | None:
        """The paragraph and passage most like ``passage``, for a helpful error."""
        import difflib  # only for error messages; kept off the start-up path

        needle = normalise(passage)
        if not needle or not self.paragraphs:
            return None
        best: tuple[int, int, str] | None = None
        for paragraph, (flat, _) in zip(self.paragraphs, self._normalised, strict=True):
            matcher = difflib.SequenceMatcher(None, needle, flat, autojunk=False)
            blocks = matcher.get_matching_blocks()
            size = sum(block.size for block in blocks if block.size >= 3)
            if best is None or size > best[0]:
                anchor = max(blocks, key=lambda block: block.size)
                start = max(0, anchor.b - anchor.a)
                best = (size, paragraph.number, flat[start : start + max(len(needle), 20)])
        if best is None or best[0] == 0:
            return None
        _, number, text = best
        if len(text) > width:
            text = text[: width - 1].rstrip() + "…"
        return number, text

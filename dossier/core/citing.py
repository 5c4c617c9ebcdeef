"""Copying from a page: the plain text a reader pastes, and that text with its citation.

The reading pane finds the anchors of the items or source paragraphs a selection
touches (:mod:`dossier.core.anchors`); this module says what they cite and how a reader
writes it in talking points: "… (Azeri Observer Magazine, 2021, ¶ 26)". Qt-free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from dossier.core import anchors
from dossier.core.model import Dossier, Source

# A ¶ marker after a claim, as the pages print it (a no-break space before the number).
_MARKER_RE = re.compile(r"[ \t\u00a0\u2002]*¶[\u00a0 ]?\d+")
_YEAR_RE = re.compile(r"\b(\d{4})\b")
_BREAKS = str.maketrans({"\u2029": "\n", "\u2028": "\n", "\u00a0": " ", "\u2002": " "})


def plain_copy(text: str) -> str:
    """Page text as a reader pastes it: lines as they read, without the ¶ markers (bare
    page references mean nothing elsewhere) and without blank lines around it."""
    lines = [_MARKER_RE.sub("", line).rstrip() for line in text.translate(_BREAKS).split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def cited_paragraphs(dossier: Dossier, names: Iterable[str]) -> dict[str, list[int]]:
    """The source paragraphs that the places named by ``names`` stand on, by source id,
    in order: an item's citations, or a source paragraph itself. Names of anything else
    (a section's top, the overview) and unknown names add nothing."""
    found: dict[str, list[int]] = {}
    for name in names:
        if anchors.is_source_tab(name):
            source_id, _, number = name.removeprefix(anchors.SOURCE_PREFIX).partition("/")
            if number.isdigit():
                found.setdefault(source_id, []).append(int(number))
            continue
        try:
            item = dossier.item(name)
        except KeyError:
            continue
        for citation in item.cites:
            found.setdefault(citation.source_id, []).append(citation.paragraph)
    return {source: sorted(set(numbers)) for source, numbers in found.items()}


def paragraph_list(numbers: Sequence[int]) -> str:
    """``[16, 17, 18, 30]`` as ``¶ 16–18, 30``."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}\u2013{r[-1]}" for r in runs]
    return "¶\u00a0" + ", ".join(parts)


def source_name(source: Source) -> str:
    """How a citation names a source: its publisher and year, else its title."""
    year = _YEAR_RE.search(source.date or "")
    name = source.publisher or source.title
    return f"{name}, {year.group(1)}" if year else name


def citation(dossier: Dossier, names: Iterable[str]) -> str:
    """The citation of a selection touching the places ``names``, in brackets:
    ``(Azeri Observer Magazine, 2021, ¶ 26)``; the dossier itself when they cite
    nothing (a summary is the dossier's own words)."""
    parts = []
    for source_id, numbers in cited_paragraphs(dossier, names).items():
        try:
            name = source_name(dossier.source(source_id))
        except KeyError:
            name = source_id
        parts.append(f"{name}, {paragraph_list(numbers)}")
    if not parts:
        parts.append(f"{dossier.title}, as of {dossier.as_of.display()}")
    return f"({'; '.join(parts)})"


def with_citation(dossier: Dossier, text: str, names: Iterable[str]) -> str:
    """Selected page text, cleaned as :func:`plain_copy` does, followed by its citation."""
    clean = plain_copy(text)
    cite = citation(dossier, names)
    return f"{clean} {cite}" if clean else cite

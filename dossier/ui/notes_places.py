"""Where a note stands in a pane: from the document to the dossier and back.

A selection in a pane becomes a core :class:`~dossier.core.notes.Target` by finding the
item (or section summary, or source paragraph) it lies in and the selected words in
that item's text; a stored note is found again by the reverse search, from the item's
anchor. Nothing here draws or changes anything: it only measures the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QTextEdit

from dossier.core import anchors
from dossier.core.notes import Placement, Target
from dossier.core.notes.places import item_text
from dossier.core.notes.targets import item_target, paragraph_target, section_target, whole_words
from dossier.core.text import normalise, normalise_with_map

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.ui.panes import ReadingPane

# Characters of the document that stand for structure, not text: frame and table
# boundaries, block breaks and objects. Each is read as a space (one for one).
_STRUCTURE = str.maketrans({"\ufdd0": " ", "\ufdd1": " ", "\u2029": " ", "\ufffc": " "})


def doc_text(pane: QTextEdit, start: int, end: int) -> str:
    """The document's characters ``start``..``end``, one for one, structure (frame and
    table boundaries, block breaks) read as spaces.

    Read block by block: a cursor's selectedText() would give a table-cell selection's
    text instead when both ends stand in cells of one table.
    """
    document = pane.document()
    end = min(end, document.characterCount() - 1)
    if end <= start:
        return ""
    out = [" "] * (end - start)
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        text, at = block.text(), block.position()
        low, high = max(start, at), min(end, at + len(text))
        if high > low:
            out[low - start : high - start] = text[low - at : high - at]
        block = block.next()
    return "".join(out).translate(_STRUCTURE)


def pane_anchors(pane: ReadingPane) -> list[tuple[int, str]]:
    """Every named anchor of a pane with its position, in document order."""
    found: list[tuple[int, str]] = []
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            for name in fragment.charFormat().anchorNames():
                found.append((fragment.position(), name))
            it += 1
        block = block.next()
    return found


def _occurrences(flat: str, needle: str) -> list[int]:
    out = []
    index = flat.find(needle)
    while index >= 0:
        out.append(index)
        index = flat.find(needle, index + 1)
    return out


@dataclass(frozen=True)
class Container:
    """The dossier text a place in a pane belongs to, and how to make a target on it."""

    anchor: str  # the pane anchor the text starts at (or after)
    text: str
    make: Callable[[tuple[int, int] | None], Target]


def container_at(dossier: Dossier, anchor: str) -> Container | None:
    """What a pane anchor stands for: an item, a section (its summary) or a paragraph."""
    try:
        if anchor.startswith(anchors.SOURCE_PREFIX) and "/" in anchor:
            head, number = anchor.rsplit("/", 1)
            source_id = head.removeprefix(anchors.SOURCE_PREFIX)
            paragraph = int(number)
            text = dossier.source(source_id).text.paragraph(paragraph).text
            return Container(
                anchor, text, lambda span: paragraph_target(dossier, source_id, paragraph, span)
            )
        if anchor.startswith(anchors.SECTION_PREFIX):
            section_id = anchor.removeprefix(anchors.SECTION_PREFIX)
            text = dossier.section(section_id).summary
            return Container(anchor, text, lambda span: section_target(dossier, section_id, span))
        if anchor.count("/") == 2:
            text = item_text(dossier.item(anchor))
            return Container(anchor, text, lambda span: item_target(dossier, anchor, span))
    except (KeyError, ValueError, IndexError):
        return None
    return None


def _summary_start(pane: ReadingPane, section_anchor: str, summary: str) -> int | None:
    """Where a section's summary begins in its page (the block holding just that text).

    Searched from the top of the page: the anchor before the page's heading holds no
    text, so Qt keeps no position for it.
    """
    position = pane.anchor_position(section_anchor) or 0
    # banner, title, meta line, summary: a few blocks down at most
    return _block_holding(pane.document().findBlock(position), summary, within=12)


def _block_holding(block: QTextBlock, text: str, *, within: int) -> int | None:
    """The position of the first of ``within`` blocks from ``block`` that holds just
    ``text`` (compared normalised), or None."""
    wanted = normalise(text)
    for _ in range(within):
        if not block.isValid():
            return None
        if normalise(block.text()) == wanted:
            return block.position()
        block = block.next()
    return None


def container_start(pane: ReadingPane, container: Container) -> int | None:
    """The document position a container's text starts at (or just before)."""
    if container.anchor.startswith(anchors.SECTION_PREFIX):
        return _summary_start(pane, container.anchor, container.text)
    return pane.anchor_position(container.anchor)


def span_in_pane(
    pane: ReadingPane,
    container: Container,
    span: tuple[int, int],
    texts: dict[int, tuple[str, list[int]]] | None = None,
) -> tuple[int, int] | None:
    """The document range of ``container.text[start:end]`` in ``pane``, or None."""
    begin = container_start(pane, container)
    if begin is None:
        return None
    start, end = span
    needle = normalise(container.text[start:end])
    if not needle:
        return None
    flat_item = normalise(container.text)
    before = len(normalise(container.text[:start]))
    hits = _occurrences(flat_item, needle)
    nth = sum(1 for hit in hits if hit < before)  # which occurrence, counted from the start
    known = texts.get(begin) if texts is not None else None
    if known is None:
        known = normalise_with_map(doc_text(pane, begin, begin + len(container.text) * 2 + 400))
        if texts is not None:
            texts[begin] = known
    flat, where = known
    found = _occurrences(flat, needle)
    if not found:
        return None
    at = found[min(nth, len(found) - 1)]
    return begin + where[at], begin + where[at + len(needle) - 1] + 1


def selection_in_pane(pane: ReadingPane, dossier: Dossier) -> tuple[Target | None, str]:
    """The target for what is selected in ``pane``, or None with the reason."""
    cursor = pane.textCursor()
    if not cursor.hasSelection():
        return None, "Select some text first."
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    container = _container_before(pane, dossier, start)
    if container is None:
        return None, "Select text within a point, a figure, a summary or a source paragraph."
    end = _clipped_to_item(pane, container, start, end)
    needle = normalise(doc_text(pane, start, end))
    flat_item, where = normalise_with_map(container.text)
    hits = _occurrences(flat_item, needle) if needle else []
    begin = container_start(pane, container)
    if not hits or begin is None:
        return None, "Select text within one item: this selection runs past it."
    nth = len(_occurrences(normalise(doc_text(pane, begin, end)), needle)) - 1
    at = hits[max(0, min(nth, len(hits) - 1))]
    span = whole_words(container.text, (where[at], where[at + len(needle) - 1] + 1))
    return container.make(span), ""


def _clipped_to_item(pane: ReadingPane, container: Container, start: int, end: int) -> int:
    """``end``, or where the item's text ends when the selection runs on only into the
    rest of the item's last block: a triple-click takes the whole block, with its "¶ 7"
    and its end, and means the whole item."""
    whole = span_in_pane(pane, container, (0, len(container.text)))
    if whole is None or not whole[0] <= start < whole[1] < end:
        return end
    document = pane.document()
    last = document.findBlock(whole[1] - 1)
    if document.findBlock(end - 1).blockNumber() == last.blockNumber():
        return whole[1]
    return end


def _container_before(pane: ReadingPane, dossier: Dossier, position: int) -> Container | None:
    """The item, section or paragraph whose anchor comes last at or before ``position``
    (on a section's page, before its first item: the section, for its summary)."""
    sections = {s.id for s in dossier.sections}
    chosen = (
        container_at(dossier, anchors.section(pane.tab_id)) if pane.tab_id in sections else None
    )
    for at, name in pane_anchors(pane):
        if at > position:
            break
        found = container_at(dossier, name)
        if found is not None or name in (anchors.OVERVIEW,) or name.startswith("source:"):
            chosen = found
    return chosen


def whole_place(pane: ReadingPane, dossier: Dossier, position: int) -> Target | None:
    """A target for the whole item, paragraph or section at ``position`` in ``pane``."""
    container = _container_before(pane, dossier, position)
    if container is not None:
        if container.anchor.startswith(anchors.SECTION_PREFIX):
            return section_target(dossier, container.anchor.removeprefix(anchors.SECTION_PREFIX))
        return container.make(None)
    if pane.tab_id in {s.id for s in dossier.sections}:
        return section_target(dossier, pane.tab_id)
    return None


def placement_range(
    pane: ReadingPane,
    dossier: Dossier,
    p: Placement,
    texts: dict[int, tuple[str, list[int]]] | None = None,
) -> tuple[int, int] | None:
    """Where a placed annotation stands in ``pane`` (its quote, or its item's first line)."""
    if p.orphan:
        return None
    if p.source is not None:
        anchor = (
            anchors.paragraph(p.source, p.paragraph) if p.paragraph else anchors.source(p.source)
        )
    elif p.anchor is not None:
        anchor = p.anchor
    elif p.section is not None:
        anchor = anchors.section(p.section)
    else:
        return None
    if p.start is not None and p.end is not None:
        container = container_at(dossier, anchor)
        if container is None:
            return None
        return span_in_pane(pane, container, (p.start, p.end), texts)
    position = pane.anchor_position(anchor)
    if position is None and p.anchor is None and p.section is not None and p.source is None:
        position = _title_start(pane, dossier, p.section)  # a note on the whole section
    if position is None:
        return None
    block = pane.document().findBlock(position)
    return block.position(), block.position() + max(1, block.length() - 1)


def _title_start(pane: ReadingPane, dossier: Dossier, section_id: str) -> int | None:
    """Where a section's page shows its title."""
    try:
        title = dossier.section(section_id).title
    except KeyError:
        return None
    return _block_holding(pane.document().begin(), title, within=6)


def tab_of(dossier: Dossier, p: Placement) -> str:
    """The tab a placed annotation is shown on."""
    if p.source is not None:
        return anchors.source(p.source)
    if p.anchor is not None:
        return anchors.tab_of(p.anchor, {s.id for s in dossier.sections})
    return p.section or anchors.OVERVIEW


def on_overview(pane: ReadingPane, placement: Placement) -> bool:
    """Headline figures and events show on the overview too, under the same anchors."""
    return pane.tab_id == anchors.OVERVIEW and placement.anchor is not None

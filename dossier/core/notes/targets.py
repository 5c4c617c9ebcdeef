"""Targets as the viewer makes them: a selection in an item, a summary or a paragraph.

A span is a pair of character offsets into the text a note is made on: the item's
:func:`~dossier.core.notes.places.item_text`, the section's summary, or the source
paragraph's text. The quote keeps ``CONTEXT`` characters either side, enough to tell
one occurrence of a phrase from another, short enough to survive nearby edits.
"""

from __future__ import annotations

from dossier.core.anchors import section_of
from dossier.core.model import Dossier
from dossier.core.notes.model import Target, TextQuoteSelector
from dossier.core.notes.places import item_text

CONTEXT = 32

Span = tuple[int, int]


def quote_in(text: str, span: Span, context: int = CONTEXT) -> TextQuoteSelector:
    """The selector for ``text[start:end]`` with its surroundings."""
    start, end = span
    if not 0 <= start < end <= len(text):
        raise ValueError(f"the span {span} is not within the text ({len(text)} characters)")
    return TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def whole_words(text: str, span: Span) -> Span:
    """``span`` widened to the whole words it cuts into, and narrowed off the spaces at
    its ends: a drag that starts or stops mid-word highlights what a reader meant, as
    a word processor does ("rminal" becomes "terminal"). Letters and digits make words;
    an apostrophe or a hyphen ends one."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return span  # nothing but spaces: the caller's to refuse
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def item_target(dossier: Dossier, anchor: str, span: Span | None = None) -> Target:
    """A note on item ``anchor`` (all of it, or the quoted ``span`` of its text)."""
    text = item_text(dossier.item(anchor))
    quote = quote_in(text, span) if span is not None else None
    return Target(anchor=anchor, section=section_of(anchor), quote=quote, snapshot=text)


def section_target(dossier: Dossier, section_id: str, span: Span | None = None) -> Target:
    """A note on a whole section, or on the quoted ``span`` of its summary."""
    summary = dossier.section(section_id).summary
    quote = quote_in(summary, span) if span is not None else None
    return Target(section=section_id, quote=quote)


def paragraph_target(
    dossier: Dossier, source_id: str, paragraph: int, span: Span | None = None
) -> Target:
    """A note in the Source tab: on a paragraph, or on the quoted ``span`` of it."""
    text = dossier.source(source_id).text.paragraph(paragraph).text
    quote = quote_in(text, span) if span is not None else None
    return Target(source=source_id, paragraph=paragraph, quote=quote, snapshot=text)

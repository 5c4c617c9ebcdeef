"""The analyst's notes in the printed briefing: a mark beside each annotated item, and
the "Analyst notes" part that lists them with their places and ¶ references.

Qt-free. The notes come from :func:`dossier.core.notes.queries.briefing_notes` (already
filtered by colour and tag, in the dossier's order); bookmarks are places to return
to on screen and are not printed. Each printed note gets a number ("N3"); the same
number stands beside its item in the section and in front of it in the notes part.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dossier.core import anchors
from dossier.core import styles as S
from dossier.core.html.pieces import anchor, esc, heading
from dossier.core.model import Dossier
from dossier.core.notes.queries import BriefingNote, briefing_notes
from dossier.core.notes.store import NotesStore

PART_ID = "analyst-notes"
TITLE = "Analyst notes"
# A highlight's colour on paper (pale, so the text prints legibly over it).
PAPER_SWATCHES = {"yellow": "#fff1a6", "green": "#d6f0cf", "red": "#ffd6d1", "blue": "#d6e4fa"}
PLAIN_SWATCH = "#e6e6e6"
MARK_STYLE = "font-weight: 600; font-size: 7.5pt; color: #3d3d3d; background-color: {back}"
_OPENING_TAG = re.compile(r"<(h[1-6]|p)\b[^>]*>")
_HEADING = re.compile(r"<h([1-6])\b[^>]*>")


def printed(notes: Sequence[BriefingNote]) -> list[BriefingNote]:
    """The notes a briefing prints: highlights and notes (bookmarks stay on screen)."""
    return [n for n in notes if n.annotation.kind != "bookmark"]


def label(number: int) -> str:
    """A note's printed number: "N1", "N2", ..."""
    return f"N{number}"


def _mark(number: int, colour: str | None) -> str:
    back = PAPER_SWATCHES.get(colour or "", PLAIN_SWATCH)
    style = MARK_STYLE.format(back=back)
    return f'<span style="{style}">\u2009{label(number)}\u2009</span>\u00a0'


def mark_anchor(note: BriefingNote) -> str | None:
    """The anchor in the briefing beside which a note's mark stands (None: nowhere)."""
    p = note.placement
    if p.orphan:
        return None
    if p.anchor is not None:
        return p.anchor
    if p.source is not None:
        return anchors.paragraph(p.source, p.paragraph) if p.paragraph else None
    return anchors.section(p.section) if p.section else None


def note_marks(notes: Sequence[BriefingNote]) -> dict[str, str]:
    """Each annotated anchor with the HTML of its marks ("N1 N4"), in note order."""
    marks: dict[str, list[str]] = {}
    for number, note in enumerate(printed(notes), start=1):
        where = mark_anchor(note)
        if where is not None:
            marks.setdefault(where, []).append(_mark(number, note.annotation.colour))
    return {where: "".join(parts) for where, parts in marks.items()}


def mark_items(html: str, marks: Mapping[str, str]) -> str:
    """``html`` with each annotated item's marks put just after its anchor: inside the
    paragraph that follows it, or, for an anchor before a heading (a section's), at the
    start of the paragraph after the heading, in body type rather than heading type."""
    if not marks:
        return html
    out = html
    for where, mark in marks.items():
        tag = anchor(where)
        at = out.find(tag)
        if at < 0:
            continue
        end = at + len(tag)
        opened = _HEADING.match(out, end)
        if opened is not None:
            closing = out.find(f"</h{opened.group(1)}>", opened.end())
            end = closing + 5 if closing >= 0 else end
        opening = _OPENING_TAG.match(out, end)
        if opening is not None:
            end = opening.end()
        out = out[:end] + mark + out[end:]
    return out


def _references(note: BriefingNote) -> str:
    refs = [f"¶\u00a0{paragraph}" for _source, paragraph in note.references]
    return ", ".join(refs)


def notes_part_html(
    notes: Sequence[BriefingNote],
    colour_names: Mapping[str, str] | None = None,
    chosen: str = "",
) -> str:
    """The "Analyst notes" part: every printed note under its section, numbered, with its
    place, ¶ references, the quoted passage, the note and its tags.

    ``chosen`` says which notes were chosen (e.g. "colour: Raise in meeting"), printed
    under the title so a reader knows the list is a selection.
    """
    names = colour_names or {}
    shown = printed(notes)
    parts = [anchor(PART_ID), heading(TITLE, 1, S.TITLE)]
    count = f"{len(shown)} note{'s' if len(shown) != 1 else ''}"
    intro = f"{count}, only those with {chosen}" if chosen else count
    parts.append(
        f'<p class="{S.MUTED}">{esc(intro)}. Each note’s number stands beside its '
        "item in the sections above.</p>"
    )
    if not shown:
        parts.append("<p>No notes were chosen for this briefing.</p>")
        return "".join(parts)
    current: str | None = None
    rows: list[str] = []

    def flush() -> None:
        if rows:
            parts.append(
                '<table width="100%" cellspacing="0" cellpadding="3" border="0"><tbody>'
                + "".join(rows)
                + "</tbody></table>"
            )
            rows.clear()

    for number, note in enumerate(shown, start=1):
        group = note.section_title or (
            "Not found in this edition" if note.placement.orphan else "Source text"
        )
        if group != current:
            flush()
            parts.append(heading(group, 2))
            current = group
        a = note.annotation
        details = [f"<b>{esc(note.label)}</b>"]
        refs = _references(note)
        if refs:
            details.append(esc(refs))
        if a.colour:
            details.append(esc(names.get(a.colour, a.colour)))
        body = [f'<p class="{S.MUTED}">{" · ".join(details)}</p>']
        if a.target.quote is not None:
            body.append(f"<p><i>“{esc(a.target.quote.exact)}”</i></p>")
        if a.body:
            text = "<br/>".join(esc(line) for line in a.body.splitlines())
            body.append(f"<p>{text}</p>")
        if a.tags:
            body.append(f'<p class="{S.MUTED}">{esc("  ".join("#" + t for t in a.tags))}</p>')
        if a.author:
            body.append(f'<p class="{S.MUTED}">— {esc(a.author)}</p>')
        rows.append(
            f'<tr><td width="9%" valign="top">{_mark(number, a.colour)}</td>'
            f'<td width="91%">{"".join(body)}</td></tr>'
        )
    flush()
    return "".join(parts)


@dataclass(frozen=True)
class PrintedNotes:
    """The notes a briefing prints, with what the reader named the colours and which
    notes were chosen (for the part's first line)."""

    notes: tuple[BriefingNote, ...]
    colour_names: tuple[tuple[str, str], ...] = ()
    chosen: str = ""


def notes_part(printed_notes: PrintedNotes) -> tuple[dict[str, str], str]:
    """The marks to put beside annotated items, and the HTML of the notes part."""
    names = dict(printed_notes.colour_names)
    html = notes_part_html(printed_notes.notes, names, printed_notes.chosen)
    return note_marks(printed_notes.notes), html


def chosen_text(colours: Sequence[str], tags: Sequence[str], names: Mapping[str, str]) -> str:
    """Which notes a filter chose, for a reader: "colour Check, tag #meeting"."""
    parts = []
    if colours:
        parts.append("colour " + " or ".join(names.get(c, c) for c in colours))
    if tags:
        parts.append("tag " + " or ".join(f"#{t}" for t in tags))
    return " and ".join(parts)


def parse_notes_filter(spec: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``"colour:yellow,tag:meeting"`` -> ``(("yellow",), ("meeting",))``.

    Raises ValueError (one line) for a term that is not ``colour:KEY`` or ``tag:NAME``.
    """
    colours: list[str] = []
    tags: list[str] = []
    for raw in (spec or "").split(","):
        term = raw.strip()
        if not term:
            continue
        what, _, value = term.partition(":")
        what, value = what.strip().lower(), value.strip()
        if what in ("colour", "color") and value:
            colours.append(value.lower())
        elif what == "tag" and value:
            tags.append(value)
        else:
            raise ValueError(
                f"--notes-filter: {term!r} is not colour:NAME or tag:NAME "
                "(e.g. colour:yellow,tag:meeting)"
            )
    return tuple(dict.fromkeys(colours)), tuple(dict.fromkeys(tags))


def printed_notes(
    store: NotesStore, dossier: Dossier, colours: Sequence[str] = (), tags: Sequence[str] = ()
) -> PrintedNotes:
    """The notes of ``dossier`` a briefing prints, filtered by colour and tag."""
    names = dict(store.colours())
    return PrintedNotes(
        tuple(briefing_notes(store, dossier, colours, tags)),
        tuple(names.items()),
        chosen_text(colours, tags, names),
    )

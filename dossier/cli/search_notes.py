"""``dossier search --notes``: the user's notes that hold every word of the query,
placed on the searched dossiers, after the dossier's results (see
:mod:`dossier.cli.search`). Imported only for ``--notes``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dossier.cli.snippets import marks, printable_snippet, quoted
from dossier.core.search import LibraryIndex, Query, make_snippet, to_plain
from dossier.core.text import printable

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.core.notes.anchoring import Placement


@dataclass(frozen=True)
class NoteHit:
    """A note that matched, placed on the dossier it belongs to."""

    placement: Placement
    dossier: Dossier

    @property
    def label(self) -> str:
        from dossier.core.notes.queries import place_label

        return place_label(self.placement, self.dossier)

    @property
    def text(self) -> str:
        a = self.placement.annotation
        quote = f"“{a.target.quote.exact}”" if a.target.quote is not None else ""
        tags = " ".join(f"#{tag}" for tag in a.tags)
        return " — ".join(part for part in (quote, a.body, tags) if part)

    @property
    def anchor(self) -> str | None:
        """The item anchor, ``source:ID/N`` or the section id; an orphan's old place."""
        p = self.placement
        if p.orphan:
            from dossier.cli.notes import old_place

            return old_place(p)
        if p.anchor is not None:
            return p.anchor
        if p.source is not None:
            return f"source:{p.source}/{p.paragraph}" if p.paragraph else f"source:{p.source}"
        return p.section

    @property
    def cited(self) -> tuple[str | None, int | None]:
        """The source paragraph: the note's own, or the item's first citation."""
        p = self.placement
        if p.source is not None or p.orphan or p.anchor is None:
            return p.source, p.paragraph
        cites = self.dossier.item(p.anchor).cites
        return (cites[0].source_id, cites[0].paragraph) if cites else (None, None)

    def as_json(self, query: Query) -> dict[str, Any]:
        p, a = self.placement, self.placement.annotation
        section_title = None
        if p.section is not None and not p.orphan:
            section_title = self.dossier.section(p.section).title
        source, paragraph = self.cited
        return {
            "dossier": self.dossier.id,
            "dossier_title": self.dossier.title,
            "section": p.section,
            "section_title": section_title,
            "kind": "note",
            "anchor": self.anchor,
            "text": a.body or (a.target.quote.exact if a.target.quote else ""),
            "snippet": to_plain(make_snippet(self.text, query)),
            "score": None,
            "source": source,
            "paragraph": paragraph,
            "note": {
                "id": a.id,
                "kind": a.kind,
                "status": p.status,
                "place": self.label,
                "exact": a.target.quote.exact if a.target.quote else None,
                "body": a.body,
                "colour": a.colour,
                "tags": list(a.tags),
                "author": a.author,
            },
        }


def note_hits(
    path: Path, library: LibraryIndex, query: Query, trusted: Sequence[Path]
) -> list[NoteHit]:
    """The user's notes on the searched dossiers that match ``query``, in reading order.

    Only dossiers that have notes are loaded (placing a note needs the dossier's text).
    """
    from dossier.cli.common import UserError
    from dossier.cli.notes import read_store
    from dossier.core.library import load_library
    from dossier.core.notes import NotesStoreError
    from dossier.core.notes.queries import match_notes

    if query.empty:
        return []
    store = read_store()
    if store is None:
        return []
    with store:
        wanted = set(store.dossier_ids()) & {entry.dossier_id for entry in library.dossiers}
        if not wanted:
            return []
        hits: list[NoteHit] = []
        for dossier in load_library(path, trusted).dossiers:  # its failures were warned of already
            if dossier.id in wanted:
                try:
                    hits += [NoteHit(p, dossier) for p in match_notes(store, dossier, query)]
                except NotesStoreError as error:  # a note that cannot be read
                    raise UserError(str(error)) from None
    return hits


def print_notes(hits: list[NoteHit], query: Query, limit: int, several: bool, out: TextIO) -> None:
    start, end = marks(out)
    shown = hits[:limit]
    plural = "" if len(hits) == 1 else "s"
    header = f"{len(hits):,} note{plural} for {quoted(query.text)}"
    if len(shown) < len(hits):
        header += f" (first {len(shown)} shown)"
    out.write(header + "\n")
    for rank, hit in enumerate(shown, start=1):
        a = hit.placement.annotation
        place = [hit.dossier.title] if several else []
        place.append(hit.label)
        line = f"{rank:>3}. {' › '.join(place)} · note"
        if a.kind != "note":
            line += f" ({a.kind})"
        if a.colour:
            line += f" · {a.colour}"
        if hit.cited[1] is not None:
            line += f" · ¶\u00a0{hit.cited[1]}"
        out.write(printable(f"{line}  ({hit.anchor})") + "\n")
        snippet = make_snippet(hit.text, query)
        out.write(f"     {printable_snippet(snippet, start, end)}\n")

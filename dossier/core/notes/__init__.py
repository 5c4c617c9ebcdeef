"""The analyst's notes layer, Qt-free: highlights, notes and bookmarks on a dossier.

- :mod:`.model`: the annotation values (frozen dataclasses);
- :mod:`.places`: the text of what a note can point at (items, summaries, paragraphs);
- :mod:`.targets`: targets made from a selection, as the viewer makes them;
- :mod:`.store`: the SQLite database they live in (:func:`open_store`), with
  :mod:`.schema` (versions and migrations), :mod:`.files` (0600 files, daily backups)
  and :mod:`.paths` (where the database lives);
- :mod:`.anchoring`: placing notes on a dossier, edition after edition (orphans kept);
- :mod:`.queries`: listing, filtering and the notes a briefing prints;
- :mod:`.w3c`, :mod:`.importing`, :mod:`.markdown`: sharing notes as W3C Web
  Annotation JSON (out and in) and as Markdown.
"""

from __future__ import annotations

from dossier.core.notes.anchoring import Placement, place, place_all
from dossier.core.notes.errors import NotesImportError, NotesStoreError
from dossier.core.notes.model import (
    ANCHORED,
    KINDS,
    ORPHAN,
    Annotation,
    Target,
    TextQuoteSelector,
    edited,
    new_annotation,
)
from dossier.core.notes.paths import data_dir, notes_path
from dossier.core.notes.store import NotesStore, OpenedStore, open_store

__all__ = [
    "ANCHORED",
    "KINDS",
    "ORPHAN",
    "Annotation",
    "NotesImportError",
    "NotesStore",
    "NotesStoreError",
    "OpenedStore",
    "Placement",
    "Target",
    "TextQuoteSelector",
    "data_dir",
    "edited",
    "new_annotation",
    "notes_path",
    "open_store",
    "place",
    "place_all",
]

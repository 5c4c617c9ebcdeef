"""``dossier notes list|export|import``: the analyst's notes from the command line.

Notes live in the database at :func:`dossier.core.notes.notes_path` (``DOSSIER_DATA_DIR``
names another folder) and are keyed by dossier id; the dossier (``--dossier``, by
default the bundled one) is loaded so that each note is placed on it as it is now,
and what it no longer holds is listed as an orphan.

``list`` and ``export`` only read: a missing database is no notes, and nothing is
created. ``import`` reads and checks the whole file before it opens the database for
writing, so a refused file leaves no trace, and merges in one transaction.

A database that is locked, damaged, from a newer version (or read-only, for
``import``) is one line and exit 1; the file is left as it was. So is a refused
import file, as ``FILE:LINE:COL: message`` when the JSON is malformed.

Notes are untrusted text (they may come from another analyst's file): control
characters are printed as ``\\xNN``, never sent to the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from dossier.cli.common import EXIT_OK, UserError
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.notes import NotesImportError, NotesStore, NotesStoreError, notes_path
from dossier.core.notes.anchoring import Placement
from dossier.core.notes.model import DEFAULT_COLOURS
from dossier.core.output_paths import OutputPathError, check_not_read, check_output
from dossier.core.resources import bundled_dossier
from dossier.core.text import printable

PRIVATE = 0o600  # notes are private: an export is too, until its owner shares it
# As in ``dossier search``: json.dumps leaves DEL and the C1 controls raw.
_JSON_CONTROLS = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def run_notes(args: argparse.Namespace) -> int:
    """Run ``dossier notes ACTION``; return the exit status (failures raise UserError)."""
    trusted = tuple(getattr(args, "trust", ()))
    try:
        if args.notes_command == "list":
            return run_list(args.dossier, as_json=args.json, trusted=trusted)
        if args.notes_command == "export":
            return run_export(args.dossier, args.output, args.format, trusted=trusted)
        return run_import(args.file, args.dossier, trusted=trusted)
    except NotesStoreError as error:  # a note that cannot be read: the file left as it was
        raise UserError(str(error)) from None


def read_store(path: Path | None = None) -> NotesStore | None:
    """The notes database opened read-only, or None when there is none yet.

    UserError (one line) when it exists but cannot be read: locked, damaged, newer.
    """
    where = path or notes_path()
    if not where.exists():
        _check_folder(where.parent)
        return None
    try:
        return NotesStore.open_read_only(where)
    except NotesStoreError as error:
        raise UserError(str(error)) from None


def _check_folder(folder: Path) -> None:
    """UserError when ``folder``, or the nearest part of it that exists, is not a folder:
    the notes could not be kept there, which is not the same as there being none."""
    for part in (folder, *folder.parents):
        if part.exists():
            if not part.is_dir():
                where = printable(str(part))
                raise UserError(f"the notes folder cannot be used: {where} is a file, not a folder")
            return


def _load(dossier_path: Path | None, trusted: Sequence[Path] = ()) -> Dossier:
    return load_dossier(dossier_path or bundled_dossier(), trusted)


# -- list --------------------------------------------------------------------------------
def run_list(dossier_path: Path | None, *, as_json: bool, trusted: Sequence[Path] = ()) -> int:
    """Print the notes of the dossier: one line each, or a JSON array."""
    from dossier.core.notes.queries import list_notes, listing

    dossier = _load(dossier_path, trusted)
    store = read_store()
    with store if store is not None else contextlib.nullcontext():
        groups = list_notes(store, dossier) if store is not None else []
        colours = dict(store.colours()) if store is not None else dict(DEFAULT_COLOURS)
    if as_json:
        text = json.dumps(listing(groups), indent=2, ensure_ascii=False)
        sys.stdout.write(text.translate(_JSON_CONTROLS) + "\n")
        return EXIT_OK
    placements = [p for part in groups for p in part.placements]
    if not placements:
        sys.stderr.write(f"dossier: no notes on {printable(repr(dossier.id))}\n")
        return EXIT_OK
    for placement in placements:
        sys.stdout.write(printable(_line(placement, dossier, colours)) + "\n")
    return EXIT_OK


def _line(placement: Placement, dossier: Dossier, colours: dict[str, str]) -> str:
    """One note as a line: place · kind · colour · tags · “quote” text."""
    from dossier.core.notes.queries import place_label

    a = placement.annotation
    where = f"orphan (was {old_place(placement)})" if placement.orphan else None
    parts = [where or place_label(placement, dossier) or dossier.title, a.kind]
    if a.colour:
        name = colours.get(a.colour, a.colour)
        parts.append(a.colour if name == a.colour else f"{a.colour} ({name})")
    if a.tags:
        parts.append(" ".join(f"#{tag}" for tag in a.tags))
    text = []
    if a.target.quote is not None:
        text.append(f"“{' '.join(a.target.quote.exact.split())}”")
    if a.body:
        text.append(" ".join(a.body.split()))
    if text:
        parts.append(" — ".join(text))
    return " · ".join(parts)


def old_place(placement: Placement) -> str:
    """Where an orphan was made: its item anchor, section, or source paragraph."""
    t = placement.annotation.target
    if t.anchor:
        return t.anchor
    if t.source:
        return f"source:{t.source}/{t.paragraph}" if t.paragraph else f"source:{t.source}"
    return t.section or "no place"


# -- export ------------------------------------------------------------------------------
def run_export(
    dossier_path: Path | None, output: Path, form: str | None, trusted: Sequence[Path] = ()
) -> int:
    """Write the dossier's notes as W3C Web Annotation JSON or Markdown, atomically."""
    from dossier.core.notes.markdown import export_markdown
    from dossier.core.notes.queries import list_notes
    from dossier.core.notes.w3c import export_json

    form = form or ("md" if output.suffix.lower() == ".md" else "json")
    output = _checked(output)
    dossier = _load(dossier_path, trusted)
    _refuse_read_file(output, dossier)
    store = read_store()
    with store if store is not None else contextlib.nullcontext():
        if form == "md":
            groups = list_notes(store, dossier) if store is not None else []
            colours = dict(store.colours()) if store is not None else dict(DEFAULT_COLOURS)
            count = sum(len(part.placements) for part in groups)
            text = export_markdown(groups, dossier, colours)
        else:
            annotations = store.annotations(dossier.id) if store is not None else []
            count = len(annotations)
            text = export_json(annotations, label=f"Notes on {dossier.title}")
    write_private(output, text)
    plural = "" if count == 1 else "s"
    print(
        printable(
            f"wrote {output} ({count} note{plural}, {'Markdown' if form == 'md' else 'JSON'})"
        )
    )
    return EXIT_OK


def _checked(output: Path) -> Path:
    """The output, absolute, or UserError: a link, a folder, a device, no such folder."""
    try:
        return check_output(output)
    except OutputPathError as error:
        raise UserError(str(error)) from None


def _refuse_read_file(output: Path, dossier: Dossier) -> None:
    """UserError when ``output`` is the dossier, a source or the notes database."""
    try:
        check_not_read(output, [dossier], notes_path())
    except OutputPathError as error:
        raise UserError(str(error)) from None


def write_private(output: Path, text: str) -> None:
    """Write ``text`` to ``output`` whole or not at all: a private (0600) temporary file
    in the same folder, flushed to disk, then renamed over the old file."""
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{output.name}.", suffix=".partial", dir=output.parent
        )
    except OSError as error:
        raise UserError(f"cannot write {output}: {error.strerror or error}") from None
    try:
        os.fchmod(fd, PRIVATE)  # mkstemp's 0600 already; said here because it matters
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, output)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise UserError(f"cannot write {output}: {error.strerror or error}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


# -- import ------------------------------------------------------------------------------
def run_import(path: Path, dossier_path: Path | None, trusted: Sequence[Path] = ()) -> int:
    """Merge a notes file into the user's notes, all or nothing, and say what it did."""
    from dossier.core.notes.importing import merge_notes, read_notes_file

    if not path.exists():
        raise UserError(f"{path}: no such file")
    if not path.is_file():  # a folder, or a FIFO that would block the read
        raise UserError(f"{path}: not a file")
    try:
        annotations = read_notes_file(path)
    except NotesImportError as error:
        if error.line is not None:
            raise UserError(f"{path}:{error.line}:{error.column}: {error.reason}") from None
        raise UserError(f"{path}: {error.reason}") from None
    dossier = _load(dossier_path, trusted)
    try:
        with NotesStore.open(notes_path()) as store:
            report = merge_notes(annotations, store, dossier)
    except NotesStoreError as error:  # locked, read-only, damaged, newer: left as it was
        raise UserError(f"{error}; nothing was imported") from None
    plural = "" if report.added == 1 else "s"
    said = (
        f"imported {report.added} note{plural}, {report.unchanged} already present,"
        f" {report.updated} updated"
    )
    if not annotations:
        said += " (the file holds no notes)"
    elsewhere = sorted({a.dossier_id for a in annotations} - {dossier.id})
    if elsewhere:  # kept, but `notes list` on this dossier will not show them
        others = sum(a.dossier_id != dossier.id for a in annotations)
        ids = ", ".join(printable(repr(i)) for i in elsewhere[:3])
        more = f" and {len(elsewhere) - 3} more" if len(elsewhere) > 3 else ""
        here = printable(repr(dossier.id))
        said += f"; {others} of them on another dossier ({ids}{more}), not {here}"
    print(said)
    return EXIT_OK

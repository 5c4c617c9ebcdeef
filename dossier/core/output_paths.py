"""Checks on a path the app is asked to write (a briefing, a notes export, a
screenshot): one line a user can act on, before anything is written.

The app never writes into what it reads: a dossier, its sources, or the user's own
notes database are refused as outputs, whatever name (a symbolic link, ``..``) they go by.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from dossier.core.model import Dossier


class OutputPathError(ValueError):
    """The path cannot be written; the message is one line."""


def check_output(path: Path, suffixes: tuple[str, ...] | None = None) -> Path:
    """``path`` made absolute, after the checks a user can act on (OutputPathError).

    ``suffixes``: the endings the file may have (the first is the usual one); None for
    any. The path may not be a symbolic link (replacing it would not write where it
    points, nor should it), a folder, a device or FIFO, or a file made read-only; its
    folder must exist and be writable.
    """
    if "\0" in str(path):
        raise OutputPathError(f"the output path contains a NUL character: {path!s:.200}")
    try:
        path = path.expanduser()
    except RuntimeError:  # "~someone/..." for a user that does not exist
        raise OutputPathError(f"cannot find the home folder in the output path: {path}") from None
    path = Path(os.path.abspath(path))
    folder = path.parent
    if len(os.fsencode(path.name)) > _name_max(folder):
        raise OutputPathError(f"the output file name is too long: {path.name:.60}…")
    try:
        # What the path is comes first: "-o briefings" naming a folder is told so, not
        # that a folder's name lacks ".pdf".
        if path.is_symlink():
            raise OutputPathError(f"the output is a symbolic link; name the file itself: {path}")
        if path.is_dir():
            raise OutputPathError(f"the output is a folder, not a file: {path}")
        if path.exists() and not path.is_file():  # a device (/dev/full), a FIFO, a socket
            raise OutputPathError(f"the output is not a regular file: {path}")
        # The new file replaces the old by a rename, which needs only the folder's
        # permission: a file its owner made read-only is refused here, as an editor would.
        if path.exists() and (not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK)):
            raise OutputPathError(f"the output file is read-only: {path}")
        if suffixes is not None and path.suffix.lower() not in suffixes:
            wanted = f"a {suffixes[0]} file"
            if len(suffixes) > 1:
                wanted += f" (or {', '.join(suffixes[1:])})"
            raise OutputPathError(f"the output must be {wanted}: {path}")
        if not folder.is_dir():
            what = "is a file, not a folder" if folder.exists() else "does not exist"
            raise OutputPathError(f"the output folder {what}: {folder}")
    except OSError as error:
        raise OutputPathError(describe_path_error(error, path)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(f"cannot write to the output folder: {folder}")
    return path


def check_not_read(path: Path, dossiers: Iterable[Dossier], notes: Path | None) -> None:
    """OutputPathError when ``path`` is one of ``dossiers``, one of their sources, or the
    notes database ``notes`` or a file named for it beside it: files the app reads,
    never writes over."""
    real = os.path.realpath(path)  # (never raises, unlike Path.resolve on a symlink loop)
    for dossier in dossiers:
        for source in dossier.sources:
            if os.path.realpath(source.path) == real:
                raise OutputPathError(f"the output would overwrite a source of the dossier: {path}")
        if os.path.realpath(dossier.path) == real:
            raise OutputPathError(f"the output would overwrite the dossier: {path}")
    if notes is None:
        return
    database = os.path.realpath(notes)
    if database == real:
        raise OutputPathError(f"the output would overwrite your notes database: {path}")
    # Its write-ahead log, shared memory and daily backups are named after it, beside it:
    # replacing one loses notes as surely as replacing the database.
    folder, name = os.path.split(database)
    if os.path.dirname(real) == folder and os.path.basename(real).startswith(name):
        raise OutputPathError(
            f"the output would overwrite a file of your notes database (its log or a backup): "
            f"{path}"
        )


def _name_max(folder: Path) -> int:
    """The longest file name ``folder``'s file system takes, in bytes (255 if unknown)."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def describe_path_error(error: OSError, path: Path) -> str:
    """One line for an output path the system refuses to look at."""
    if error.errno == errno.ENAMETOOLONG:
        return f"the output path is too long: {str(path)[:60]}…"
    return f"cannot use the output path {path}: {error.strerror or error}"

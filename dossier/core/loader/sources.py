"""Which source files a dossier may read, and reading each of them once.

A dossier names its sources by path, and a dossier is untrusted: a path is read only
when it is relative, portable and leads inside the dossier's own folder, the app's
shipped sources, or a folder the user chose to trust (never one the dossier names);
no hidden file is read, and the sources of one dossier are limited in total size.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TypeAlias

from dossier.core.errors import DossierError
from dossier.core.file_limits import MAX_SOURCE_BYTES
from dossier.core.loader import reading
from dossier.core.loader.checks import Checker, unsafe_message
from dossier.core.roots import source_roots
from dossier.core.source import SourceText
from dossier.core.text import find_unsafe
from dossier.core.yamlsafe import Node

MAX_TOTAL_SOURCE_BYTES = 64 * 1024 * 1024  # every distinct source file of one dossier
_DRIVE_RE = re.compile(r"[A-Za-z]:")
Read: TypeAlias = tuple[Path, SourceText, str]  # where the file is, its text, its sha256


def path_problem(relative: str) -> str | None:
    """Why a source path is refused before it is looked at, or None.

    Only a relative path with '/' between names is portable and stays local: an absolute,
    UNC (``//host/share``, which Windows would open over the network) or drive path
    (``C:\\``, ``C:name``) is not.
    """
    if "\x00" in relative:
        return "the path holds a NUL byte"
    found = find_unsafe(relative)
    if found is not None:
        return unsafe_message(found.group(), found.start())
    if relative.startswith(("//", "\\\\")):
        return f"'{relative}' names a network share; a source must be a file beside the dossier"
    if _DRIVE_RE.match(relative) or PureWindowsPath(relative).drive:
        return f"'{relative}' names a Windows drive; give the path relative to the dossier"
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).anchor:
        return f"'{relative}' is an absolute path; give the path relative to the dossier"
    if "\\" in relative:
        return f"'{relative}' holds a backslash; separate folder names with '/'"
    return None


class SourceFiles:
    """The source files one dossier reads: where it may read them, and each one read."""

    def __init__(self, check: Checker, trusted: Sequence[Path | str] = ()) -> None:
        self.check = check
        self.roots = source_roots(check.path, trusted)
        self.folder = self.roots[0]
        self.read: dict[Path, tuple[SourceText, str]] = {}  # each file read once
        self.total_bytes = 0

    def open(self, node: Node, source_id: str, relative: str) -> Read | None:
        """The source file ``relative`` names, read once, if the dossier may read it."""
        where = f"source '{source_id}'"
        wrong = path_problem(relative)
        if wrong is not None:
            self.check.problem(node, f"{where}: {wrong}")
            return None
        try:
            location = (self.folder / relative).resolve()  # symlinks followed
        except (OSError, RuntimeError) as error:  # a symlink loop
            self.check.problem(node, f"{where}: cannot follow the path '{relative}': {error}")
            return None
        root = next((root for root in self.roots if location.is_relative_to(root)), None)
        if root is None:
            self.check.problem(
                node,
                f"{where}: '{relative}' leads outside the dossier's folder (to {location}); "
                f"a source must be inside {self.folder} or a folder you trust "
                "(--trust DIR on the command line; File ▸ Trust a Folder… in the viewer)",
            )
            return None
        # Only inside the allowed folders is a file's existence told: outside them, the
        # answer would say which files exist on the machine.
        try:
            exists = location.exists()
        except OSError as error:  # a name or path longer than the file system takes
            too_long = error.errno == errno.ENAMETOOLONG
            why = "the path is too long" if too_long else f"cannot look at it: {error.strerror}"
            self.check.problem(node, f"{where}: '{relative:.80}': {why}")
            return None
        if not exists:
            self.check.problem(node, f"{where}: {location} no such file (the source was not found)")
            return None
        # Resolving reads "nodir/../a.txt" and "a.txt/" as a.txt, which the system would
        # not open: such a path would fail in every other program.
        if not os.path.exists(os.path.join(self.folder, relative)):
            self.check.problem(
                node,
                f"{where}: '{relative}' does not lead to {location.name} as written "
                "(a folder on the way is missing or is a file, or the path ends in '/')",
            )
            return None
        if any(part.startswith(".") for part in location.relative_to(root).parts):
            self.check.problem(
                node, f"{where}: '{relative}' is a hidden file or inside a hidden folder"
            )
            return None
        if location in self.read:
            return location, *self.read[location]
        return self._read(node, where, location)

    def _read(self, node: Node, where: str, location: Path) -> Read | None:
        try:
            size = location.stat().st_size
        except OSError:
            size = 0  # reading reports what is wrong
        # A file over the limit of one is told so by the read, whatever the others hold.
        if size <= MAX_SOURCE_BYTES and self.total_bytes + size > MAX_TOTAL_SOURCE_BYTES:
            self.check.problem(
                node,
                f"{where}: {location} would bring the dossier's sources to "
                f"{self.total_bytes + size:,} bytes; together they may be at most "
                f"{MAX_TOTAL_SOURCE_BYTES:,}",
            )
            return None
        try:
            raw, digest = reading.read_text_and_digest(location, MAX_SOURCE_BYTES, "source")
        except DossierError as error:
            self.check.problem(node, f"{where}: {location} {error.problems[0].message}")
            return None
        self.total_bytes += len(raw.encode("utf-8", "surrogatepass"))
        text = SourceText(raw)
        if not text.paragraphs:  # else each citation of it says "is not in source"
            self.check.problem(node, f"{where}: {location} is empty: there is nothing to cite")
            return None
        self.read[location] = (text, digest)
        return location, text, digest

"""What can go wrong with the notes database and with an imported notes file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

StoreProblem = Literal["locked", "read-only", "corrupt", "newer", "unavailable"]


class NotesStoreError(Exception):
    """The notes database cannot be used for writing (``kind`` says why).

    The message is one line, fit for a status bar; the file has been left as it was.
    """

    def __init__(self, kind: StoreProblem, path: Path, reason: str) -> None:
        self.kind: StoreProblem = kind
        self.path = path
        self.reason = " ".join(reason.split())
        super().__init__(f"{path}: {self.reason}")


class NotesImportError(Exception):
    """A notes file was refused; nothing of it was imported. The message is one line."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        self.reason = " ".join(reason.split())
        self.line = line
        self.column = column
        where = f"{line}:{column}: " if line is not None else ""
        super().__init__(f"{where}{self.reason}")

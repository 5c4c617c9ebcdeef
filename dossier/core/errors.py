"""Problems found in a dossier, reported as ``PATH:LINE:COL: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a position when one is known (1-based)."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column or 1}: {self.message}"


class DossierError(Exception):
    """A dossier could not be loaded; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DossierError needs at least one problem")
        self.problems = tuple(problems)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")

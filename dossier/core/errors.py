"""Problems found in a dossier, reported as ``PATH:LINE:COL: message``."""

from __future__ import annotations

from dossier.core.records import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path


class Problem(NamedTuple):
    """One thing wrong with a file, at a position when one is known (1-based).

    A named tuple, not a dataclass: every command imports it, and a warm search must
    not pay for importing :mod:`dataclasses`."""

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

"""Undo for the notes: each change to the store is one command on the window's stack.

A change is made (and committed) before its command is pushed, so a failure is told
before anything is on the stack; undo and redo make it again through ``apply``, which
must tell a failure rather than raise (Qt calls them).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from dossier.core.notes.model import Annotation

Apply = Callable[[Annotation | None, Annotation | None], None]  # before → after


class Change(QUndoCommand):
    """One change to the store: ``before`` → ``after`` (None: absent). Undo reverses it."""

    def __init__(
        self,
        apply: Apply,
        text: str,
        before: Annotation | None,
        after: Annotation | None,
        *,
        applied: bool,
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self._before = before
        self._after = after
        self._applied = applied  # the first redo (on push) has nothing left to do

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._apply(self._before, self._after)

    def undo(self) -> None:
        self._apply(self._after, self._before)

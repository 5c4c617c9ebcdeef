"""Help → About: what the viewer is, which dossier is shown and where settings live."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from dossier import __version__

if TYPE_CHECKING:
    from dossier.core.model import Dossier


def show_about(
    parent: QWidget, app_title: str, dossier: Dossier | None, settings_file: str
) -> None:
    """The About box, naming the dossier on screen (if any) and the settings file."""
    what = (
        f"<p>Showing <b>{html.escape(dossier.title)}</b> ({html.escape(str(dossier.path))}).</p>"
        if dossier
        else ""
    )
    from dossier.ui import dialogs  # on first use: the first paint needs no dialog

    dialogs.show_about(
        parent,
        f"About {app_title}",
        f"<h3>{app_title} {html.escape(__version__)}</h3>"
        "<p>Read, search and print structured bilateral-relations dossiers, offline.</p>"
        f"{what}<p>Settings: {html.escape(settings_file)}</p>",
    )

"""The Pictures tab: timeline, map, who works with whom, and figures, each with its
data as a table for screen readers. Mount :class:`PicturesView` and connect its
``item_activated`` signal to the window's "open this anchor"."""

from dossier.ui.pictures.view import PicturesView

__all__ = ["PicturesView"]

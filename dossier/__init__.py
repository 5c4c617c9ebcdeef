"""Briefing-dossier viewer: read, search and print structured bilateral dossiers."""

from __future__ import annotations

__version__ = "0.1.0"

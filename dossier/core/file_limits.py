"""The largest files the loader reads, in a module of their own: the search's freshness
check must know them without importing the loader (and YAML) to hash a file."""

from __future__ import annotations

MAX_DOSSIER_BYTES = 2 * 1024 * 1024  # a thorough dossier is ~100 KiB; 2 MiB leaves room
MAX_SOURCE_BYTES = 16 * 1024 * 1024

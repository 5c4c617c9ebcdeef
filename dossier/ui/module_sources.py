"""Drop the module sources PySide6 makes Python keep.

PySide6 reads the source of every module imported after it (to find out whether the
module uses ``from __feature__ import ...``), and :mod:`linecache` keeps every line it
read: megabytes of text that nothing shows. The window drops them after each burst of
imports (the window's own, then the loader's), so they never add to its peak memory.
A traceback reads again the few lines it prints.
"""

from __future__ import annotations

import linecache


def drop_module_sources() -> None:
    """Forget the source lines read so far (they are read again when needed)."""
    linecache.clearcache()

"""The Qt-free core: model, loading and validation, sources, search, briefing content.

Nothing under this package may import PySide6; ``tests/core`` checks it.
"""

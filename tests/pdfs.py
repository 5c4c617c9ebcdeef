"""Reading an exported PDF's bookmarks back, as a reader's outline pane shows them."""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.generic import Destination


def bookmarks(reader: PdfReader) -> list[tuple[str, int]]:
    """The outline's entries as (title, page index), in order.

    The exporter writes a flat outline with a title and a page for every entry, so a
    nested list or an entry without either fails here rather than further on.
    """
    entries = []
    for item in reader.outline:
        assert isinstance(item, Destination), f"a nested outline: {item!r}"
        page = reader.get_destination_page_number(item)
        assert item.title is not None and page is not None, item
        entries.append((item.title, page))
    return entries

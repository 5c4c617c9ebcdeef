"""Text for the files other programs open: what XML 1.0 cannot hold is left out."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from dossier.core.text import xml_text


def test_controls_surrogates_and_non_characters_are_left_out() -> None:
    assert xml_text("a\x00b\x01c\x1b[31md\x7fe\x9bf\ud800g\ufffeh\uffff") == "abc[31mdefgh"
    assert xml_text("page one\x0cpage two\x0bline") == "page one\npage two\nline"
    kept = "tab\tnew\nline\r Şəki — ¶\u00a07 😀"
    assert xml_text(kept) == kept
    element = ET.Element("p")
    element.text = xml_text("".join(map(chr, range(0x2000))) + "\ud83d\U0001f600")
    ET.fromstring(ET.tostring(element, encoding="unicode"))  # well-formed, whatever it held

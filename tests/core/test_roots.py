"""Paths as pathlib spells and resolves them, worked out on strings (a warm search
imports no pathlib)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core.roots import as_path_spells, resolve


@pytest.mark.parametrize(
    "text",
    [
        *("", ".", "./", "/", "//", "///", "/.", "a", "a/", "a//b", "./a/./b/.", "//x"),
        *("///x/y/", "..", "a/../b", " ", "a/ /b", ".a", "a/..", "////", "é/ø"),
    ],
)
def test_a_path_is_spelt_as_pathlib_spells_it(text: str) -> None:
    """The quick search reads --dossier and --trust without pathlib, into the same
    strings the full parser's Path values give (its cache is named from them)."""
    assert as_path_spells(text) == str(Path(text))


def test_a_path_resolves_as_pathlib_resolves_it(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    for name in ("real", "link", "link/..", "missing/x", "real/../link"):
        assert resolve(str(tmp_path / name)) == str((tmp_path / name).resolve()), name
    try:
        expected: str | None = str((tmp_path / "loop").resolve())
    except RuntimeError:  # before Python 3.13
        expected = None
    assert resolve(str(tmp_path / "loop")) == expected

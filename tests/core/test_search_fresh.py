"""Freshness from the file system: an unchanged file is not even read again; a file
whose size, mtime, inode or ctime moved is hashed, and re-indexed only if its bytes
changed."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

import dossier.core.search.fresh as search_fresh
from dossier.core.errors import DossierError
from dossier.core.search import catalog, open_library
from dossier.core.search.fresh import Signature
from tests.core.dossiers import MINIMAL, SEED, seed_from, write
from tests.processes import run_python


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read and hashed, in order (signatures recorded however recent)."""
    monkeypatch.setattr(search_fresh, "RACY_NS", -(10**18))
    seen: list[str] = []
    real = search_fresh.read_digest

    def counting(path: Path | str, limit: int) -> tuple[str, Signature | None]:
        seen.append(os.fspath(path))
        return real(path, limit)

    monkeypatch.setattr(search_fresh, "read_digest", counting)
    return seen


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    write(folder)
    return folder


def _dossier(folder: Path) -> Path:
    (found,) = folder.glob("*.yaml")
    return found.resolve()


def _open(folder: Path, query: str) -> tuple[int, set[str]]:
    with open_library(folder) as opened:
        return opened.loaded, {r.text for r in opened.index.search(query).results}


def test_an_unchanged_library_is_not_read_again(library: Path, hashed: list[str]) -> None:
    assert _open(library, "Quryq")[0] == 1
    assert hashed == [str(_dossier(library))]  # the source was read by the loader only
    hashed.clear()
    loaded, found = _open(library, "Quryq")  # the loaded source's signature was kept
    assert loaded == 0 and found
    assert hashed == []


def test_a_source_changed_after_it_was_loaded_is_read_and_reindexed(
    tmp_path: Path, hashed: list[str]
) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    source = folder / "interview.txt"
    shutil.copyfile(SEED, source)
    (folder / "mini.yaml").write_text(MINIMAL.format(seed="interview.txt"), encoding="utf-8")
    assert _open(folder, "Quryq")[0] == 1
    with source.open("a", encoding="utf-8") as handle:
        handle.write("\nA closing paragraph about Zhanaozen.\n")
    hashed.clear()
    loaded, _ = _open(folder, "Quryq")
    assert hashed == [str(source.resolve())] or hashed == [str(source)]
    assert loaded == 1


def test_a_touched_identical_file_costs_a_hash_never_a_reindex(
    library: Path, hashed: list[str]
) -> None:
    _open(library, "Quryq")
    _open(library, "Quryq")
    file = _dossier(library)
    info = file.stat()
    os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    hashed.clear()
    loaded, found = _open(library, "Quryq")
    assert loaded == 0 and found
    assert hashed == [str(file)]
    hashed.clear()
    _open(library, "Quryq")
    assert hashed == []  # the new signature was recorded


def _rewrite_same_size(file: Path, old: str, new: str) -> None:
    assert len(old) == len(new)
    info = file.stat()
    file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert file.stat().st_size == info.st_size


def test_same_size_different_content_is_reindexed(library: Path, hashed: list[str]) -> None:
    _open(library, "Quryq")
    _rewrite_same_size(_dossier(library), "transport links grew", "transport links shut")
    loaded, _ = _open(library, "shut")
    assert loaded == 1
    assert _open(library, "shut")[1] and not _open(library, "grew")[1]


def test_a_file_replaced_by_rename_is_reindexed(library: Path, hashed: list[str]) -> None:
    _open(library, "Quryq")
    file = _dossier(library)
    info = file.stat()
    other = library / "new.tmp"
    text = MINIMAL.format(seed=seed_from(library))
    other.write_text(text.replace("transport links grew", "transport links shut"), "utf-8")
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))  # same mtime: inode differs
    os.replace(other, file)
    assert _open(library, "shut")[1]


def test_a_clock_moved_back_still_reindexes(library: Path, hashed: list[str]) -> None:
    _open(library, "Quryq")
    file = _dossier(library)
    info = file.stat()
    _rewrite_same_size(file, "transport links grew", "transport links shut")
    past = info.st_mtime_ns - 86_400 * 10**9
    os.utime(file, ns=(past, past))  # mtime into the past, before the recorded one
    assert _open(library, "shut")[1] and not _open(library, "grew")[1]


def _sourced(tmp_path: Path) -> tuple[Path, Path]:
    """A library whose dossier cites ``texts/interview.txt`` in its own folder, and a
    folder outside it, ``elsewhere/``, holding the same bytes."""
    folder = tmp_path / "library"
    (folder / "texts").mkdir(parents=True)
    shutil.copyfile(SEED, folder / "texts" / "interview.txt")
    (folder / "mini.yaml").write_text(MINIMAL.format(seed="texts/interview.txt"), "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(SEED, elsewhere / "interview.txt")
    return folder, elsewhere


@pytest.mark.parametrize("swapped", ["the file", "its folder"])
def test_a_source_swapped_for_a_link_outside_is_refused_though_its_bytes_are_cached(
    tmp_path: Path, swapped: str, hashed: list[str]
) -> None:
    folder, _ = _sourced(tmp_path)
    assert _open(folder, "Quryq")[1]
    assert _open(folder, "Quryq")[1]  # from the cache, signatures recorded
    assert _open(folder, "Quryq")[1]  # from the last scan's summary
    # Moved, not copied: the very file (its inode, times and size) now lies outside.
    moved = tmp_path / "moved"
    moved.mkdir()
    if swapped == "the file":
        (folder / "texts" / "interview.txt").rename(moved / "interview.txt")
        (folder / "texts" / "interview.txt").symlink_to(moved / "interview.txt")
    else:
        moved.rmdir()
        (folder / "texts").rename(moved)
        (folder / "texts").symlink_to(moved)
    with pytest.raises(DossierError, match="--trust DIR"):
        open_library(folder)
    with open_library(folder, trusted=[moved]) as opened:
        assert opened.index.search("Quryq").results


def test_a_source_linked_inside_its_folder_is_served_from_the_cache(tmp_path: Path) -> None:
    folder, _ = _sourced(tmp_path)
    (folder / "texts" / "interview.txt").rename(folder / "texts" / "kept.txt")
    (folder / "texts" / "interview.txt").symlink_to(folder / "texts" / "kept.txt")
    assert _open(folder, "Quryq")[0] == 1
    loaded, found = _open(folder, "Quryq")
    assert loaded == 0 and found


def test_an_unchanged_library_is_answered_from_its_last_scan(
    library: Path, hashed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(2):  # indexed, then its sources' signatures recorded
        _open(library, "Quryq")
    reads: list[str] = []
    real = catalog.file_stats

    def counting(conn: sqlite3.Connection) -> dict[str, tuple[Signature, str]]:
        reads.append("file_stats")
        return real(conn)

    monkeypatch.setattr(catalog, "file_stats", counting)
    assert _open(library, "Quryq") == (0, _open(library, "Quryq")[1])
    assert reads == []  # neither signatures nor hashes were looked up
    (_dossier(library)).touch()  # a new signature: the whole scan, then a new summary
    assert _open(library, "Quryq")[1] and reads == ["file_stats"]
    assert _open(library, "Quryq")[1] and reads == ["file_stats"]


def test_a_dropped_trust_is_not_answered_from_the_last_scan(
    tmp_path: Path, hashed: list[str]
) -> None:
    folder, elsewhere = _sourced(tmp_path)
    text = MINIMAL.format(seed="../elsewhere/interview.txt")
    (folder / "mini.yaml").write_text(text, "utf-8")
    for _ in range(3):  # indexed, signatures recorded, then answered from the summary
        with open_library(folder, trusted=[elsewhere]) as opened:
            assert opened.index.search("Quryq").results
    with pytest.raises(DossierError, match="--trust DIR"):
        open_library(folder)


_HASHES_WITHOUT_LOADER = """
import sys
from dossier.core.search import open_library
with open_library(sys.argv[1]) as opened:
    assert opened.loaded == 0 and opened.index.search("Quryq").results
print(sorted(m for m in ("yaml", "dossier.core.loader") if m in sys.modules))
"""


def test_a_touched_file_is_hashed_without_importing_the_loader(library: Path) -> None:
    """Hashing a file whose signature moved needs the size limits, not the loader."""
    _open(library, "Quryq")
    file = _dossier(library)
    info = file.stat()
    os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    done = run_python("-c", _HASHES_WITHOUT_LOADER, str(library), env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"

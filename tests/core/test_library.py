"""A folder of dossiers: the valid ones open, the others are explained."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from dossier.core.errors import DossierError
from dossier.core.library import dossier_files, load_library
from tests.core.dossiers import MINIMAL, write


def test_a_file_is_a_library_of_one(tmp_path: Path) -> None:
    library = load_library(write(tmp_path))
    assert [d.id for d in library.dossiers] == ["mini"]
    assert library.failures == ()


def test_valid_dossiers_open_and_invalid_ones_are_listed(tmp_path: Path) -> None:
    write(tmp_path, name="a.yaml")
    write(tmp_path, MINIMAL.replace("id: mini", "id: second"), name="b.yml")
    write(tmp_path, MINIMAL.replace("value: 142", "value: many"), name="c.yaml")
    (tmp_path / "notes.txt").write_text("not a dossier")
    library = load_library(tmp_path)
    assert [d.id for d in library.dossiers] == ["mini", "second"]
    ((path, problems),) = library.failures
    assert path.name == "c.yaml"
    assert "'value' must be a number" in str(problems[0])
    assert library.dossier("second").path.name == "b.yml"
    assert gc.isenabled()  # the collector is paused only while loading


def test_the_same_id_twice_is_reported(tmp_path: Path) -> None:
    write(tmp_path, name="a.yaml")
    write(tmp_path, name="b.yaml")
    library = load_library(tmp_path)
    assert len(library.dossiers) == 1
    ((path, (problem,)),) = library.failures
    assert path.name == "b.yaml"
    assert "dossier id 'mini' is already used by" in problem.message


def test_a_folder_without_dossiers(tmp_path: Path) -> None:
    with pytest.raises(DossierError, match="the folder holds no dossier"):
        load_library(tmp_path)


def test_a_folder_of_only_invalid_dossiers_reports_them_all(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL.replace("value: 142", "value: many"), name="a.yaml")
    (tmp_path / "b.yaml").write_text("- a list\n")
    with pytest.raises(DossierError) as caught:
        load_library(tmp_path)
    assert [p.path.name for p in caught.value.problems] == ["a.yaml", "b.yaml"]


def test_the_viewer_and_search_say_the_same_about_a_folder(tmp_path: Path) -> None:
    from dossier.core.search import open_library

    write(tmp_path, name="a.yaml")
    write(tmp_path, name="b.yaml")  # the same id again
    write(tmp_path, MINIMAL.replace("value: 142", "value: many"), name="c.yaml")
    (tmp_path / "notes.txt").write_text("not a dossier")
    viewer = load_library(tmp_path)
    searched = open_library(tmp_path, cache=False)
    try:
        assert [e.dossier_id for e in searched.dossiers] == [d.id for d in viewer.dossiers]
        assert [(p.name, [str(x) for x in found]) for p, found in searched.failures] == [
            (p.name, [str(x) for x in found]) for p, found in viewer.failures
        ]
        assert len(viewer.failures) == 2
    finally:
        searched.index.close()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DossierError) as by_viewer:
        load_library(empty)
    with pytest.raises(DossierError) as by_search:
        open_library(empty, cache=False)
    assert str(by_viewer.value) == str(by_search.value)


def test_a_folder_lists_the_files_whose_suffix_is_yaml_or_yml(tmp_path: Path) -> None:
    names = ["a.yaml", "B.YML", ".yaml", "..yml", ".hidden.yaml", "x.yaml.bak", "yaml", "c..yaml"]
    for name in names:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()  # listed, to be refused in one line
    listed = [path.name for path in dossier_files(tmp_path)]
    assert listed == sorted(["a.yaml", "B.YML", ".hidden.yaml", "c..yaml", "folder.yaml"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_what_is_named_a_dossier_but_is_no_file_is_one_line_each(tmp_path: Path) -> None:
    """Viewer and search alike: the dossier opens, each of the others says why not
    (and nothing waits on the FIFO), under the name it has in the folder."""
    from dossier.core.search import open_library

    write(tmp_path, name="a.yaml")
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "loop1.yaml").symlink_to("loop2.yaml")
    (tmp_path / "loop2.yaml").symlink_to("loop1.yaml")
    (tmp_path / "zero.yaml").symlink_to(os.devnull)
    expected = [
        ("fifo.yaml", "is not a regular file, so not a dossier"),
        ("folder.yaml", "is a folder, not a dossier file"),
        ("loop1.yaml", "cannot read: "),
        ("loop2.yaml", "cannot read: "),
        ("zero.yaml", "is not a regular file, so not a dossier"),
    ]
    viewer = load_library(tmp_path)
    with open_library(tmp_path, cache=False) as searched:
        assert [e.dossier_id for e in searched.dossiers] == [d.id for d in viewer.dossiers]
        for failures in (viewer.failures, searched.failures):
            seen = [(path.name, problems) for path, problems in failures]
            assert [name for name, _ in seen] == [name for name, _ in expected]
            for (_, (problem,)), (name, message) in zip(seen, expected, strict=True):
                assert str(problem).startswith(f"{tmp_path / name}: {message}")

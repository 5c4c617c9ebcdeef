"""``dossier export --template brief|points`` takes its talking points from the reader's
notes, as a user runs it: a fresh process on the notes database that the autouse fixture
points ``DOSSIER_DATA_DIR`` at, filled through the core as the viewer fills it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.core.briefing.points import first_sentence
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.notes import NotesStore, new_annotation, notes_path
from dossier.core.notes.targets import item_target
from tests.conftest import BUNDLED

REPO = Path(__file__).resolve().parents[2]
MARKED = ("politics/point/3", "trade/point/2")  # yellow: "Raise in meeting"
TAGGED = ("politics/point/3", "energy/point/2")  # #raise


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "dossier", "export", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(BUNDLED)


@pytest.fixture
def notes(dossier: Dossier) -> None:
    """The reader's notes: two points in yellow, two tagged #raise, and a bookmark."""
    d = dossier
    notes_path().parent.mkdir(parents=True, exist_ok=True)
    with NotesStore.open(notes_path()) as store:
        for kind, anchor, colour, tags in [
            ("highlight", "trade/point/2", "yellow", ()),
            ("note", "politics/point/3", "yellow", ("raise",)),
            ("note", "energy/point/2", "green", ("raise",)),
            ("bookmark", "energy/point/3", "yellow", ()),
        ]:
            target = item_target(d, anchor)
            store.add(new_annotation(d.id, kind, target, colour=colour, tags=tags))  # type: ignore[arg-type]


def printed_points(dossier: Dossier, text: str) -> list[str]:
    """The points of ``dossier`` whose first sentence ``text`` holds, in reading order
    (white space ignored: a PDF's text breaks lines where it likes)."""
    flat = "".join(text.split())
    return [
        p.anchor
        for s in dossier.sections
        for p in s.points
        if "".join(first_sentence(p.text).split()) in flat
    ]


def test_the_points_page_prints_the_points_marked_raise_in_meeting(
    notes: None, dossier: Dossier, tmp_path: Path
) -> None:
    out = tmp_path / "points.pdf"
    result = run("--template", "points", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out} (1 page)\n"
    text = PdfReader(out).pages[0].extract_text()
    flat = " ".join(text.split())
    assert "The 2 points marked “Raise in meeting” in the analyst’s notes." in flat
    assert printed_points(dossier, text) == list(MARKED)


def test_points_from_a_tag_or_a_colour_by_name_and_points_overrides(
    notes: None, dossier: Dossier, tmp_path: Path
) -> None:
    out = tmp_path / "brief.md"
    assert run("--template", "brief", "--points-from", "tag:raise", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "The 2 points tagged \\#raise in the analyst’s notes." in text  # Markdown's escape
    assert printed_points(dossier, text.split("## Talking points", 1)[1]) == list(TAGGED)

    result = run("--template", "points", "--points-from", "colour:check", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "The point marked “Check” in the analyst’s notes." in text
    assert printed_points(dossier, text) == ["energy/point/2"]

    chosen = "--points", "culture/point/2"
    assert (
        run("--template", "points", "--points-from", "tag:raise", *chosen, "-o", out).returncode
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "The point chosen for this briefing." in text
    assert printed_points(dossier, text) == ["culture/point/2"]


def test_with_nothing_marked_the_first_point_of_each_section_and_the_page_says_so(
    dossier: Dossier, tmp_path: Path
) -> None:
    out = tmp_path / "points.md"
    result = run("--template", "points", "-o", out)  # no notes database at all
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert (
        "No point is marked “Raise in meeting” in the analyst’s notes: these are the first "
        "point of each section."
    ) in text
    assert printed_points(dossier, text) == [s.points[0].anchor for s in dossier.sections]
    assert not notes_path().exists()  # reading the notes never creates them


def test_points_from_none_ignores_the_notes(notes: None, dossier: Dossier, tmp_path: Path) -> None:
    out = tmp_path / "points.md"
    assert run("--template", "points", "--points-from", "none", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "The first point of each section." in text
    assert printed_points(dossier, text) == [s.points[0].anchor for s in dossier.sections]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("colour:purple", "dossier: --points-from: no colour 'purple'; colours are yellow"),
        ("raise", "dossier: --points-from: 'raise' is not colour:NAME, tag:NAME or none"),
    ],
)
def test_a_bad_choice_is_one_line_and_writes_nothing(
    notes: None, tmp_path: Path, spec: str, message: str
) -> None:
    result = run("--template", "points", "--points-from", spec, "-o", tmp_path / "p.pdf")
    assert result.returncode == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_notes_database_warns_by_default_and_fails_when_named(
    dossier: Dossier, tmp_path: Path
) -> None:
    notes_path().parent.mkdir(parents=True, exist_ok=True)
    notes_path().write_bytes(b"not a database" * 100)
    out = tmp_path / "points.md"
    result = run("--template", "points", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("dossier: warning: the notes cannot be read (")
    assert result.stderr.count("\n") == 1
    assert printed_points(dossier, out.read_text(encoding="utf-8")) == [
        s.points[0].anchor for s in dossier.sections
    ]
    out.unlink()
    named = run("--template", "points", "--points-from", "tag:raise", "-o", out)
    assert named.returncode == 1 and named.stderr.count("\n") == 1
    assert named.stderr.startswith("dossier: cannot read the talking points from the notes: ")
    assert not out.exists()

"""A settings file anything may have written: a value Qt would decode unsafely is
removed before Qt reads it, and every value read is a plain type within a bound; a bad
one is reset with a one-line notice, never a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from dossier.ui import settings_file
from dossier.ui.settings import (
    APPLICATION,
    MAX_RECENT,
    ORGANIZATION,
    ViewerSettings,
    open_settings,
    take_notices,
)

REPO = Path(__file__).resolve().parents[2]
# The line of the finding: a QVariantList that claims 2**31 - 1 items (std::bad_alloc).
BAD_ALLOC = r"recent=@Variant(\0\0\0\t\x7f\xff\xff\xff)"
# Ways to write the same thing that Qt decodes alike.
DISGUISED = [
    BAD_ALLOC,
    r'recent="@Variant(\0\0\0\t\x7f\xff\xff\xff)"',
    r"recent=\x40Variant(\0\0\0\t\x7f\xff\xff\xff)",
    r"recent=\100Variant(\0\0\0\t\x7f\xff\xff\xff)",
    r"recent=/a.yaml, @Variant(\0\0\0\t\x7f\xff\xff\xff)",
    r'recent=""@Variant(\0\0\0\t\x7f\xff\xff\xff)',
    r"recent=\.@Variant(\0\0\0\t\x7f\xff\xff\xff)",
    r'recent="@ByteArray(x)", @Variant(\0\0\0\t\x7f\xff\xff\xff)',
    r"recent=@DateTime(\0\0\0\x10\0\0\0\0\0\0\0\0\xff\xff\xff\xff\0)",
    "recent=/a.yaml\\\n, @Variant(\\0\\0\\0\\t\\x7f\\xff\\xff\\xff)",
    'recent="/a.yaml\n@Variant(\\0)"',
]


def _settings_path(folder: Path) -> Path:
    return folder / ORGANIZATION / f"{APPLICATION}.ini"


def _write(folder: Path, text: str) -> Path:
    path = _settings_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_line_that_aborted_every_gui_command_is_reset_with_a_notice(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config"
    path = _write(config, f"[files]\n{BAD_ALLOC}\nlast_folder=/tmp\n")
    out = tmp_path / "shot.png"
    env = {"XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "dossier", "screenshot", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**_base_env(), **env},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    notices = [line for line in result.stderr.splitlines() if "files/recent" in line]
    assert len(notices) == 1 and "has been reset" in notices[0]
    assert "Traceback" not in result.stderr
    repaired = path.read_text(encoding="utf-8")
    assert "@Variant" not in repaired
    assert "last_folder=/tmp" in repaired  # the rest of the file is kept


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("XDG_CONFIG")}


@pytest.mark.parametrize("line", DISGUISED)
def test_every_disguise_of_a_decoded_value_is_removed(line: str) -> None:
    kept, removed = settings_file.kept_lines(f"[files]\n{line}\nlast_folder=/tmp\n")
    assert removed
    assert "last_folder=/tmp" in kept
    assert not any("Variant" in k or "DateTime" in k for k in kept)


def test_what_qt_writes_for_the_viewer_is_kept_whole(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "plain.ini"), QSettings.Format.IniFormat)
    store.setValue("window/geometry", QByteArray(bytes(range(256))))
    store.setValue("files/recent", ["/home/me/@work/a.yaml", '/d/é ü ş,;="q\\ x', "/x"])
    store.setValue("files/empty", [])
    store.setValue("files/one", ["/only.yaml"])
    store.setValue("view/zoom", 3)
    store.setValue("export/appendix", "true")
    store.setValue("sources/trusted", [r"C:\2021\annex", "/srv/annex"])
    store.sync()
    text = (tmp_path / "plain.ini").read_text(encoding="utf-8")
    kept, removed = settings_file.kept_lines(text)
    assert removed == []
    assert "\n".join(kept) == text


def test_a_huge_settings_file_is_set_aside(tmp_path: Path) -> None:
    path = _write(tmp_path, "[files]\nrecent=" + "a" * (settings_file.MAX_FILE_BYTES + 1) + "\n")
    (notice,) = settings_file.repair(path)
    assert "moved to" in notice
    assert not path.exists() and path.with_name(path.name + ".unreadable").exists()


def _store_with(_settings_in_tmp: Path, text: str) -> ViewerSettings:
    _write(_settings_in_tmp, text)
    take_notices()
    return ViewerSettings()


def test_values_of_the_wrong_type_or_size_reset_to_their_defaults(
    _settings_in_tmp: Path,
) -> None:
    long = "/" + "x" * 5000
    settings = _store_with(
        _settings_in_tmp,
        "[view]\nzoom=lots\nlast_tab=@Rect(1 2 3 4)\n"
        f'[files]\nrecent={long}, /ok.yaml\nlast_folder="/a\\0b"\n'
        "[window]\ngeometry=not bytes\n",
    )
    notices = take_notices()
    assert any("view/last_tab" in n for n in notices)  # removed before Qt read it
    assert settings.zoom() == 0
    assert settings.last_tab() is None
    assert settings.recent_files() == []
    assert settings.last_folder() is None
    assert settings.geometry() is None
    read = take_notices()
    for key in ("view/zoom", "files/recent", "files/last_folder", "window/geometry"):
        assert sum(key in n for n in read) == 1, (key, read)
    assert all("\n" not in n for n in read)
    again = ViewerSettings()  # reset: the next session reads the defaults quietly
    assert again.zoom() == 0 and again.recent_files() == [] and again.geometry() is None
    assert take_notices() == []


def test_recent_files_are_bounded(_settings_in_tmp: Path) -> None:
    items = ", ".join(f"/d/{n}.yaml" for n in range(500))
    settings = _store_with(_settings_in_tmp, f"[files]\nrecent={items}\n")
    assert len(settings.recent_files()) == MAX_RECENT


def test_a_remembered_classification_that_is_not_a_safe_marking_is_not_offered(
    _settings_in_tmp: Path, qtbot: object
) -> None:
    from dossier.core.loader import load_dossier
    from dossier.core.resources import bundled_dossier
    from dossier.ui.export_dialog import ExportDialog

    dossier = load_dossier(bundled_dossier())
    store = open_settings()
    store.setValue(f"export/classification/{dossier.id}", "\u202eTERCES POT")
    store.setValue("export/template", "x" * 10_000)
    store.sync()
    dialog = ExportDialog(dossier, None)
    try:
        assert dialog.classification.text() == ""
        assert dialog.template.currentIndex() == 0
    finally:
        dialog.deleteLater()

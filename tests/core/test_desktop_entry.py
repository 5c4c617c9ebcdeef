"""The desktop entry, metainfo and icon that ship with the app describe it truthfully."""

from __future__ import annotations

import configparser
import xml.etree.ElementTree as ET
from importlib.metadata import entry_points

from dossier.core.resources import resource_path

DESKTOP = resource_path("desktop", "briefing-dossier.desktop")
METAINFO = resource_path("desktop", "briefing-dossier.metainfo.xml")


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_runs_the_installed_command_on_a_file() -> None:
    entry = _entry()
    command = entry["Exec"].split()[0]
    assert command in entry_points(group="console_scripts").names
    assert entry["Exec"].split()[1:] == ["view", "%f"]
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"


def test_desktop_entry_names_an_icon_that_ships_in_every_size() -> None:
    name = _entry()["Icon"]
    assert resource_path("icons", f"{name}.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = resource_path("icons", f"{name}-{size}.png")
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (size, size)


def test_metainfo_launches_this_desktop_entry() -> None:
    root = ET.parse(METAINFO).getroot()  # our own shipped file
    assert root.get("type") == "desktop-application"
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("id") == DESKTOP.stem
    assert root.findtext("provides/binary") == _entry()["Exec"].split()[0]
    assert root.findtext("project_license") == "MIT"

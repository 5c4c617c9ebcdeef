"""The installed Qt binding must survive a long session of ordinary calls."""

from __future__ import annotations

import subprocess
import sys

# PySide6 6.12.0 under Python 3.11 lost a reference to None on each call of a Qt method
# that returns nothing; a long export or reading session then aborted the process.
_PROBE = """
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication
app = QApplication([])
color = QColor()
image = QImage(8, 8, QImage.Format.Format_RGB32)
painter = QPainter(image)
for _ in range(50_000):
    color.setRed(5)
    painter.save()
    painter.restore()
painter.end()
print("survived")
"""


def test_many_void_calls_do_not_abort() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "survived"

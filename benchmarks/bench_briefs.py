"""Time each template and format of the briefing against LibreOffice converting the same
HTML to PDF, on the bundled dossier and the ~100-page synthetic one, in the same run.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_briefs.py``. Prints, for each
case, the best of a few in-process runs, the whole ``dossier export`` command, and
``soffice --headless --convert-to pdf`` on the HTML export (skipped, with a line,
when LibreOffice is not installed), and the ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_export import synthetic
from dossier.cli.export import ensure_gui_application
from dossier.core.briefing.choices import BriefingOptions
from dossier.core.loader import load_dossier
from dossier.core.resources import bundled_dossier
from dossier.export.formats import export_briefing
from dossier.export.pdf import ExportError, ExportResult

CASES = [("full", "pdf"), ("brief", "pdf"), ("points", "pdf"), ("full", "odt"),
         ("full", "docx"), ("full", "md"), ("full", "html")]  # fmt: skip


def _best(work: Callable[[], ExportResult], runs: int) -> tuple[float, int]:
    """The best time of ``runs`` runs, and the pages written (0 for an editable file)."""
    times = []
    pages = 0
    for _ in range(runs):
        start = time.perf_counter()
        pages = work().pages
        times.append(time.perf_counter() - start)
    return min(times), pages


def _command(dossier: Path, out: Path, template: str) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dossier", "export", "--dossier", str(dossier),
         "--template", template, "-o", str(out)],
        check=True, capture_output=True, env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    return time.perf_counter() - start


def _soffice(html: Path, folder: Path) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    profile = f"-env:UserInstallation=file://{folder}/lo-profile"
    convert = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir",
               str(folder / "lo"), str(html)]  # fmt: skip
    subprocess.run(convert, check=True, capture_output=True)  # the first run makes the profile
    start = time.perf_counter()
    subprocess.run(convert, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ensure_gui_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dossiers = [("bundled", bundled_dossier()), ("synthetic", synthetic(folder))]
        for name, path in dossiers:
            dossier = load_dossier(path)
            html = folder / f"{name}.html"
            export_briefing(dossier, html, BriefingOptions(), "html")
            soffice = _soffice(html, folder)
            print(f"\n{name} ({path.name})")
            if soffice is None:
                print("  LibreOffice (soffice) is not installed: no comparison")
            else:
                print(f"  soffice --convert-to pdf on the HTML: {soffice:.2f} s")
            for template, fmt in CASES:
                out = folder / f"{name}-{template}.{fmt}"
                options = BriefingOptions(template=template)
                try:
                    work = partial(export_briefing, dossier, out, options, fmt)
                    inside, pages = _best(work, args.runs)
                except ExportError as error:  # a brief too long for the synthetic dossier
                    print(f"  {template:6} {fmt:4}: {error}")
                    continue
                whole = _command(path, out, template)
                size = f"{pages:3} pages" if pages else "editable "
                line = f"  {template:6} {fmt:4}: {size}, in-process {inside:.2f} s, "
                line += f"command {whole:.2f} s"
                if soffice:
                    line += f"; {inside / soffice:.2f}× / {whole / soffice:.2f}× LibreOffice's"
                print(line)


if __name__ == "__main__":
    main()

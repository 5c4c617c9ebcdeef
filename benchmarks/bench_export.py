"""Time the PDF export, each figure beside its peer in the same run.

- the whole ``dossier export`` command on the bundled briefing against LibreOffice
  headless converting the same briefing's HTML export to PDF (medians of ``--runs``
  alternating pairs of fresh processes; skipped, with a line, without ``soffice``);
- in one process: the bundled briefing, with the source appendix, and a ~100-page one
  (the first, cold run and the best of ``--runs``);
- one section of 4,000 points against the same points in 20 sections: the time a
  page costs to lay out and paint (the best of ``--runs``), and the ratio.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_export.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dossier.cli.export import ensure_gui_application
from dossier.core.briefing.choices import BriefingOptions
from dossier.core.loader import load_dossier
from dossier.core.resources import bundled_dossier
from dossier.export.formats import export_briefing
from dossier.export.pdf import build_layout, export_pdf, pdf_bytes

REPO = Path(__file__).resolve().parent.parent

_TEXT = (
    "ministers agreed to expand cooperation in transport energy trade and culture while "
    "the ports of Aktau and Kuryk handled more cargo than a year before and the partners "
    "discussed investment in agriculture logistics and digital services Şuşa Gəncə Қазақстан"
)
WORDS = _TEXT.split()


def _sentence(seed: int, length: int = 22) -> str:
    words = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def synthetic(folder: Path, sections: int = 16) -> Path:
    """A big dossier and its source: about 100 printed pages."""
    paragraphs = []
    yaml = [
        "format: briefing-dossier/1",
        "id: synthetic",
        "title: Synthetic – Benchmark",
        "subtitle: A large generated dossier",
        'as_of: "2021-02"',
        "countries: [Alpha, Beta]",
        "summary: " + _sentence(1, 60),
        "sources:",
        "  - id: src",
        "    path: source.txt",
        "    title: Generated source",
        "sections:",
    ]
    for s in range(sections):
        yaml += [
            f"  - id: s{s}",
            f"    title: Section {s + 1}",
            f"    summary: {_sentence(s, 70)}",
            "    points:",
        ]
        for p in range(24):
            marker = f"marker s{s} p{p} stands here"
            paragraphs.append(f"{_sentence(s + p, 40)} {marker} {_sentence(p, 30)}")
            yaml += [f"      - text: {_sentence(s * 31 + p, 45)}", f'        cite: "{marker}"']
        yaml.append("    figures:")
        for f in range(10):
            marker = f"figure s{s} f{f} is {1000 + f * 137}"
            paragraphs.append(f"{_sentence(f, 20)} {marker}.")
            yaml += [
                f"      - label: Measured quantity {f + 1} of section {s + 1}",
                f"        value: {1000 + f * 137}",
                "        unit: USD million",
                f'        period: "{2010 + f}"',
                f'        cite: "{marker}"',
            ]
        yaml.append("    events:")
        for e in range(8):
            marker = f"event s{s} e{e} happened"
            paragraphs.append(f"{_sentence(e, 25)} {marker}.")
            yaml += [
                f'      - date: "{2015 + e}-0{1 + e % 9}"',
                f"        title: {_sentence(e + s, 14)}",
                f'        cite: "{marker}"',
            ]
        yaml.append("    entities:")
        for n in range(10):
            marker = f"entity s{s} n{n} named"
            paragraphs.append(f"{_sentence(n, 18)} {marker}.")
            yaml += [
                f"      - name: Organisation {s}-{n}",
                "        kind: organization",
                f"        role: {_sentence(n, 10)}",
                f'        cite: "{marker}"',
            ]
        yaml.append("    quotes:")
        for q in range(3):
            quote = f"quote s{s} q{q} {_sentence(q, 20)[:-1]}"
            paragraphs.append(f"He said: {quote}.")
            yaml += [f'      - text: "{quote}"', "        speaker: The ambassador"]
    (folder / "source.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    path = folder / "synthetic.yaml"
    path.write_text("\n".join(yaml) + "\n", encoding="utf-8")
    return path


def many_points(folder: Path, points: int, sections: int) -> Path:
    """A dossier of ``points`` points spread over ``sections`` sections, and its source."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.txt").write_text(
        "\n".join(f"{_sentence(i, 12)} marker {i} here." for i in range(60)) + "\n",
        encoding="utf-8",
    )
    yaml = [
        "format: briefing-dossier/1",
        "id: many-points",
        "title: Many – Points",
        'as_of: "2021-02"',
        "summary: " + _sentence(1, 40),
        "sources:",
        "  - {id: src, path: source.txt, title: Generated source}",
        "sections:",
    ]
    for s in range(sections):
        yaml += [f"  - id: s{s}", f"    title: Section {s + 1}", f"    summary: {_sentence(s, 40)}"]
        yaml.append("    points:")
        for p in range(points // sections):
            yaml += [f"      - text: {_sentence(s * 31 + p, 10 + (p % 5) * 8)}"]
            yaml += [f'        cite: "marker {p % 60} here"']
    path = folder / "many.yaml"
    path.write_text("\n".join(yaml) + "\n", encoding="utf-8")
    return path


def _per_page(path: Path, runs: int) -> tuple[float, int]:
    """The best time a page of ``path``'s briefing costs to lay out and paint (ms)."""
    dossier = load_dossier(path)
    best, pages = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        layout = build_layout(dossier, BriefingOptions())
        pdf_bytes(layout)
        best = min(best, time.perf_counter() - start)
        pages = layout.pages
    return best * 1000 / pages, pages


def _command(out: Path) -> float:
    """Seconds of the whole ``dossier export`` process on the bundled dossier."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(REPO)
    # As after ``pip install``, with compiled bytecode (in a cache of our own, even where
    # PYTHONDONTWRITEBYTECODE is set), as the window benchmarks run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "bench-export-pycache")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dossier", "export", "-o", str(out)],
        check=True, capture_output=True, env=env, cwd=REPO,
    )  # fmt: skip
    return time.perf_counter() - start


def _soffice(html: Path, folder: Path) -> float:
    """Seconds of ``soffice --headless --convert-to pdf`` on ``html``."""
    soffice = shutil.which("soffice") or "soffice"
    profile = f"-env:UserInstallation=file://{folder}/lo-profile"
    convert = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir",
               str(folder / "lo"), str(html)]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(convert, check=True, capture_output=True)
    return time.perf_counter() - start


def _against_libreoffice(folder: Path, runs: int) -> None:
    html = folder / "bundled.html"
    export_briefing(load_dossier(bundled_dossier()), html, BriefingOptions(), "html")
    _command(folder / "warm.pdf")  # the file cache and the bytecode, for both
    if shutil.which("soffice") is None:
        print("whole process: LibreOffice (soffice) is not installed, comparison skipped")
        ours = statistics.median(_command(folder / "cmd.pdf") for _ in range(runs))
        print(f"  dossier export, bundled briefing: {ours:.2f} s (median of {runs})")
        return
    _soffice(html, folder)  # its first run makes its profile
    pairs = [(_command(folder / "cmd.pdf"), _soffice(html, folder)) for _ in range(runs)]
    ours = statistics.median(p[0] for p in pairs)
    theirs = statistics.median(p[1] for p in pairs)
    print(f"whole process, bundled briefing, medians of {runs} alternating pairs")
    print(
        f"  dossier export {ours:.2f} s; soffice --headless --convert-to pdf on its HTML "
        f"{theirs:.2f} s: {theirs / ours:.1f}x faster (target >= 3x)"
    )


def _time(dossier_path: Path, out: Path, options: BriefingOptions, runs: int) -> None:
    dossier = load_dossier(dossier_path)
    times = []
    pages = 0
    for _ in range(runs):
        start = time.perf_counter()
        pages = export_pdf(dossier, out, options).pages
        times.append(time.perf_counter() - start)
    size = out.stat().st_size / 1024
    print(
        f"{dossier_path.name:<40} {pages:>4} pages  first {times[0]:6.3f} s  "
        f"best {min(times):6.3f} s  ({size:,.0f} KiB)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    ensure_gui_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _against_libreoffice(folder, args.runs)
        print("in process (load excluded; the first run includes registering the fonts)")
        _time(bundled_dossier(), folder / "a.pdf", BriefingOptions(), args.runs)
        _time(bundled_dossier(), folder / "b.pdf", BriefingOptions(appendix=True), args.runs)
        big = synthetic(folder)
        _time(big, folder / "c.pdf", BriefingOptions(), args.runs)
        one, one_pages = _per_page(many_points(folder / "one", 4000, 1), args.runs)
        twenty, twenty_pages = _per_page(many_points(folder / "twenty", 4000, 20), args.runs)
        print("laid out and painted, per page (best of the runs)")
        print(f"  4,000 points in one section    {one:5.1f} ms a page ({one_pages} pages)")
        print(f"  4,000 points in 20 sections    {twenty:5.1f} ms a page ({twenty_pages} pages)")
        print(f"  ratio {one / twenty:.2f}x (target <= 1.3x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

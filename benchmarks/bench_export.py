"""Time the PDF export: the bundled briefing (target < 1 s) and a ~100-page one (< 5 s).

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_export.py``. Prints the
figures (best of a few runs, and the first, cold run) and the page counts.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dossier.cli.export import ensure_gui_application
from dossier.core.briefing.choices import BriefingOptions
from dossier.core.loader import load_dossier
from dossier.core.resources import bundled_dossier
from dossier.export.pdf import export_pdf

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
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    ensure_gui_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("export (load excluded; first run includes registering the fonts)")
        _time(bundled_dossier(), folder / "a.pdf", BriefingOptions(), args.runs)
        _time(bundled_dossier(), folder / "b.pdf", BriefingOptions(appendix=True), args.runs)
        big = synthetic(folder)
        _time(big, folder / "c.pdf", BriefingOptions(), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

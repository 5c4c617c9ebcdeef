"""YAML composition benchmark: the composer before and after, with libyaml's loader as peer.

Run ``python benchmarks/bench_yaml.py [--dossiers N] [--rounds R]``. On the bundled
dossier and on N generated ones (the search benchmark's synthetic library), it prints
the median CPU time per dossier, in the same run, of:

- ``yamlsafe.parse`` as it is, and as it was before its composer became one event loop
  (read from this repository's history; skipped, with a line, without git);
- ``yaml.load`` with libyaml's ``CSafeLoader``: the peer, which builds plain Python
  values with no positions and no limits;
- reading libyaml's events and nothing else: the floor of any composer built on them;

and then the share of ``load_dossier`` spent in ``yamlsafe.parse``, before and after.
CPU time, not wall time, so that other work on the machine weighs less on the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench_search import make_library  # noqa: E402
from dossier.core import loader, yamlsafe  # noqa: E402
from dossier.core.errors import DossierError  # noqa: E402
from dossier.core.resources import bundled_dossier  # noqa: E402

BEFORE = "d57f0355574e0b83eb4ad192e856b7a054d8e499"  # the last commit with the old composer


def _parser_before() -> Callable[[str], Any] | None:
    """``yamlsafe.parse`` as of ``BEFORE``, or None when the history is not at hand."""
    try:
        source = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{BEFORE}:dossier/core/yamlsafe.py"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("yamlsafe_before")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, "yamlsafe_before.py", "exec"), module.__dict__)
    parse: Callable[[str], Any] = module.parse
    return parse


def _events_only(text: str) -> None:
    parser = yaml.CSafeLoader(text)
    try:
        while parser.get_event().__class__ is not yaml.StreamEndEvent:
            pass
    finally:
        parser.dispose()


def _libyaml_load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _per_item(work: Callable[[Any], Any], items: Sequence[Any], rounds: int) -> float:
    """Median over ``rounds`` of the CPU milliseconds ``work`` takes per item."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            work(item)
        times.append((time.process_time() - start) / len(items) * 1000)
    return statistics.median(times)


def _load(path: Path) -> None:
    # Some synthetic routes name a place the generator dropped: the dossier is read and
    # built all the same, and refused at the end.
    with contextlib.suppress(DossierError):
        loader.load_dossier(path)


def _compose_table(label: str, texts: Sequence[str], rounds: int, before: Any) -> None:
    contenders: list[tuple[str, Callable[[str], Any] | None]] = [
        ("yamlsafe.parse, before", before),
        ("yamlsafe.parse, now", yamlsafe.parse),
        ("peer: yaml.load(CSafeLoader)", _libyaml_load),
        ("floor: libyaml events only", _events_only),
    ]
    size = sum(len(text.encode()) for text in texts) / len(texts) / 1024
    print(f"\n{label}: {len(texts)} dossier(s) of {size:.0f} KiB on average, ms per dossier")
    runs: dict[str, list[float]] = {name: [] for name, work in contenders if work is not None}
    for _ in range(rounds):  # interleaved, so that a busy spell slows every contender
        for name, work in contenders:
            if work is not None:
                runs[name].append(_per_item(work, texts, 1))
    times = {name: statistics.median(values) for name, values in runs.items()}
    for name, _ in contenders:
        if name in times:
            print(f"  {name:30s} {times[name]:7.2f}")
        else:
            print(f"  {name:30s} skipped: no git history to read it from")
    now = times["yamlsafe.parse, now"]
    if "yamlsafe.parse, before" in times:
        print(f"  now {times['yamlsafe.parse, before'] / now:.2f}x faster than before")
    peer, floor = times["peer: yaml.load(CSafeLoader)"], times["floor: libyaml events only"]
    print(f"  now {peer / now:.2f}x the peer's speed, and {now / floor:.2f}x the floor's time")


def _share_table(paths: Sequence[Path], rounds: int, before: Any) -> None:
    """How much of loading a dossier the YAML is, with each composer."""
    texts = [path.read_text(encoding="utf-8") for path in paths]
    print(f"\nload_dossier on {len(paths)} generated dossiers, ms per dossier")
    for name, parse in (("before", before), ("now", yamlsafe.parse)):
        if parse is None:
            continue
        loader.parse = parse  # type: ignore[attr-defined]
        try:
            whole = _per_item(_load, paths, rounds)
        finally:
            loader.parse = yamlsafe.parse  # type: ignore[attr-defined]
        yaml_part = _per_item(parse, texts, rounds)
        print(f"  {name:7s} {whole:7.2f}, of which YAML {yaml_part:6.2f} ({yaml_part / whole:.0%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    before = _parser_before()
    bundled = bundled_dossier().read_text(encoding="utf-8")
    _compose_table("bundled dossier", [bundled] * 10, args.rounds, before)
    with tempfile.TemporaryDirectory() as folder:
        make_library(Path(folder), args.dossiers)
        paths = sorted(Path(folder).glob("*.yaml"))
        texts = [path.read_text(encoding="utf-8") for path in paths]
        _compose_table("generated dossiers", texts, args.rounds, before)
        _share_table(paths, max(3, args.rounds // 2), before)


if __name__ == "__main__":
    main()

"""Print the lowest versions pyproject.toml allows, as pip constraints (``name==floor``).

CI installs the oldest supported Python's environment with these, so the floors the
project declares are the ones it is tested on. Every runtime and test dependency must
have a floor (``>=``) or an exact pin (``==``, left to pyproject itself); one without
fails here rather than floating to the newest.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

_FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*([0-9][^,;\s]*)")
_PIN = re.compile(r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*==")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def main(pyproject: Path) -> int:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    floors: dict[str, str] = {}
    names: set[str] = set()
    for requirement in requirements:
        name = _NAME.match(requirement)
        if name is None or _PIN.match(requirement):
            continue
        names.add(name[1].lower())
        found = _FLOOR.match(requirement)
        if found:
            floors[found[1].lower()] = found[2]
    missing = sorted(names - set(floors))
    if missing:
        print(f"lowest.py: no floor (>=) declared for {', '.join(missing)}", file=sys.stderr)
        return 1
    for name, floor in sorted(floors.items()):
        print(f"{name}=={floor}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("pyproject.toml")))

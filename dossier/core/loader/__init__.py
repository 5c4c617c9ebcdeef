"""Load a dossier file into the model, checking everything and reporting every problem.

``load_dossier`` either returns a ``Dossier`` whose every citation and quote has been
found in its source, or raises ``DossierError`` listing each problem with the file,
line and column where it was written.

The parts, one job each: ``reading`` reads a text file (the dossier or a source),
``schema`` lists the keys of each mapping, ``checks`` reads typed values out of the
positioned YAML nodes, ``sources`` confines and reads source files, ``citations``
resolves citations in them, ``places`` checks the gazetteer data, ``marking_checks``
the classification markings, and ``build`` puts the model together.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from dossier.core.errors import DossierError, Problem
from dossier.core.loader import reading
from dossier.core.loader.build import Builder
from dossier.core.model import Dossier
from dossier.core.yamlsafe import YamlProblem, parse

log = logging.getLogger("dossier.loader")


def load_dossier(path: Path | str, trusted: Sequence[Path | str] = ()) -> Dossier:
    """Load and check the dossier at ``path``; raise DossierError naming every problem.

    A source is read only from inside the dossier's own folder, the app's shipped
    sources, or one of the ``trusted`` folders (which the user chose, never the dossier).
    """
    path = Path(path)
    text, digest = reading.read_text_and_digest(path)
    try:
        root = parse(text)
    except YamlProblem as problem:
        raise DossierError([Problem(path, problem.message, problem.line, problem.column)]) from None
    builder = Builder(path, digest, trusted)
    dossier = builder.build(root)
    if builder.problems or dossier is None:
        raise DossierError(builder.problems)
    log.info("loaded %s: %s", path, dossier.counts())
    return dossier

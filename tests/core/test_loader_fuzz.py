"""Whatever bytes or structures arrive, the loader answers with a dossier or its own error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core.errors import DossierError
from dossier.core.loader import load_dossier
from tests.core.dossiers import MINIMAL, seed_from

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["briefing-dossier/1", "interview", seed_from(Path.cwd()), "2021-02", "trade", "person"]
    ),
)
keys = st.sampled_from(
    [
        "format", "id", "title", "as_of", "summary", "sources", "sections", "path", "points",
        "figures", "events", "entities", "quotes", "cite", "text", "value", "unit", "date",
        "kind", "name", "aliases", "source", "quote", "label", "period", "extra",
    ]
)  # fmt: skip
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=8)
    ),
    max_leaves=40,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the examples are written (module-scoped: Hypothesis runs many per test)."""
    return tmp_path_factory.mktemp("fuzz")


def _load(folder: Path, data: bytes) -> None:
    path = folder / "fuzz.yaml"
    path.write_bytes(data)
    try:
        load_dossier(path)
    except DossierError as error:
        assert error.problems
        assert all(str(problem).startswith(str(path)) for problem in error.problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(folder: Path, text: str) -> None:
    _load(folder, text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(folder: Path, data: bytes) -> None:
    _load(folder, data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures)
def test_arbitrary_yaml_structures(folder: Path, value: Any) -> None:
    _load(folder, yaml.safe_dump(value, allow_unicode=True).encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutations_of_a_valid_dossier(folder: Path, data: st.DataObject) -> None:
    """Replace one line of a valid dossier with noise: still a dossier or a clear error."""
    lines = MINIMAL.format(seed=seed_from(folder)).splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(st.text(max_size=60))
    _load(folder, "\n".join(lines).encode("utf-8", "surrogatepass"))


TEXT = "'value' must be a number, not text"
UNUSABLE = "is not a usable number"
SIGNLESS = "'value' '1.5e3' is read as text: write an exponent with a point and a sign"
# What each odd YAML 1.1 spelling becomes as a figure's value: the number YAML reads,
# or the one problem reported. YAML 1.1 reads no sexagesimal, octal-looking, signless
# exponent or out-of-range number that Python can hold, so those stay text.
EDGE_SCALARS: dict[str, int | float | str] = {
    "0b101": 5, "0x1F": 31, "1_000": 1000, "1.": 1.0,
    "1:30.5": TEXT, "190:20:30": TEXT, "012": TEXT, "0o17": TEXT, "0b_": TEXT, "0x_": TEXT,
    "1e400": TEXT, "-1e400": TEXT, "1.0e+400": TEXT, "1.5e3": SIGNLESS, "9" * 5000: TEXT,
    "+.5": TEXT, "._5": TEXT, "2021-02-30": TEXT, "2021-13": TEXT,
    ".NaN": UNUSABLE, ".inf": UNUSABLE, "-.Inf": UNUSABLE,
    "yes": "'value' must be a number, not a boolean",
    "No": "'value' must be a number, not a boolean",
    "~": "'value' must be a number, not nothing (null)",
    "null": "'value' must be a number, not nothing (null)",
    "!!binary aGVsbG8=": "the tag 'tag:yaml.org,2002:binary' is not allowed",
}  # fmt: skip


@pytest.mark.parametrize(
    ("scalar", "expected"), EDGE_SCALARS.items(), ids=[s[:12] for s in EDGE_SCALARS]
)
def test_yaml_1_1_edge_scalars(tmp_path: Path, scalar: str, expected: int | float | str) -> None:
    """Numbers, dates and booleans in their odd YAML 1.1 spellings, as a figure's value."""
    text = MINIMAL.format(seed=seed_from(tmp_path)).replace("value: 142", f"value: {scalar}")
    _load(tmp_path, text.encode())
    path = tmp_path / "fuzz.yaml"
    if isinstance(expected, str):
        with pytest.raises(DossierError) as raised:
            load_dossier(path)
        (problem,) = raised.value.problems
        assert expected in str(problem)
    else:
        (figure,) = [f for section in load_dossier(path).sections for f in section.figures]
        assert figure.value == expected and type(figure.value) is type(expected)

"""Whatever bytes or structures arrive, the loader answers with a dossier or its own error."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core.errors import DossierError
from dossier.core.loader import load_dossier
from tests.core.dossiers import MINIMAL, SEED

_FOLDER = Path(tempfile.mkdtemp(prefix="dossier-fuzz-"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["briefing-dossier/1", "interview", str(SEED), "2021-02", "trade", "person"]),
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


def _load(data: bytes) -> None:
    path = _FOLDER / "fuzz.yaml"
    path.write_bytes(data)
    try:
        load_dossier(path)
    except DossierError as error:
        assert error.problems
        assert all(str(problem).startswith(str(path)) for problem in error.problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    _load(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    _load(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures)
def test_arbitrary_yaml_structures(value: Any) -> None:
    _load(yaml.safe_dump(value, allow_unicode=True).encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutations_of_a_valid_dossier(data: st.DataObject) -> None:
    """Replace one line of a valid dossier with noise: still a dossier or a clear error."""
    lines = MINIMAL.format(seed=SEED).splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(st.text(max_size=60))
    _load("\n".join(lines).encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize(
    "scalar",
    [
        "1:30.5", "190:20:30", "012", "0o17", "0b101", "0b_", "0x_", "0x1F", "1_000",
        "1e400", "-1e400", ".NaN", ".inf", "-.Inf", "9" * 5000, "+.5", "1.", "._5",
        "2021-02-30", "2021-13", "yes", "No", "~", "null", "!!binary aGVsbG8=",
    ],
)  # fmt: skip
def test_yaml_1_1_edge_scalars(scalar: str) -> None:
    """Numbers, dates and booleans in their odd YAML 1.1 spellings, as a figure's value."""
    text = MINIMAL.format(seed=SEED).replace("value: 142", f"value: {scalar}")
    _load(text.encode())

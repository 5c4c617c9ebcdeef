"""The named tuples of dossier.core.records: what typing.NamedTuple would have made."""

from __future__ import annotations

import pickle

import pytest

from dossier.core.records import NamedTuple


class Point(NamedTuple):
    """A place on a page."""

    x: int
    y: int = 0
    label: str | None = None

    @property
    def far(self) -> bool:
        return self.x * self.x + self.y * self.y > 100

    def moved(self, by: int) -> Point:
        return self._replace(x=self.x + by)


def test_fields_defaults_and_methods_are_those_of_the_class_statement() -> None:
    point = Point(3)
    assert tuple(point) == (3, 0, None)
    assert Point._fields == ("x", "y", "label")
    assert Point._field_defaults == {"y": 0, "label": None}
    assert repr(Point(1, 2, "a")) == "Point(x=1, y=2, label='a')"
    assert Point(20).far and not point.far
    assert point.moved(2) == Point(5)
    assert Point.__doc__ == "A place on a page."
    assert Point.__module__ == __name__ and Point.__qualname__ == "Point"
    assert pickle.loads(pickle.dumps(Point(1, label="b"))) == Point(1, 0, "b")
    with pytest.raises(AttributeError):
        point.x = 4  # type: ignore[misc]


def test_what_typing_refuses_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot follow default field"):

        class Wrong(NamedTuple):
            a: int = 1
            b: int  # type: ignore[misc]

    with pytest.raises(AttributeError, match="_replace"):

        class Clash(NamedTuple):
            a: int

            def _replace(self) -> None:  # type: ignore[misc]
                pass

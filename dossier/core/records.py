"""``NamedTuple`` for the classes a warm search builds, without importing :mod:`typing`.

Importing :mod:`typing` costs a fresh process about 2 ms, a tenth of what a warm
``dossier search`` of a small library may take, and the named tuples on its way are
all it would be imported for. The type checker sees :class:`typing.NamedTuple`
itself; at run time a class statement on this one makes what typing's does: a
:func:`collections.namedtuple` with the annotated fields (in order, those given a
value as their defaults) and the class body's methods, properties and docstring.
Plain fields only: no generic named tuples.
"""

from __future__ import annotations

import collections
import sys

__all__ = ["TYPE_CHECKING", "NamedTuple"]

TYPE_CHECKING = False  # True for the type checker, as typing.TYPE_CHECKING is
if TYPE_CHECKING:
    from typing import NamedTuple
elif sys.version_info >= (3, 14):  # annotations are lazy (PEP 649): no __annotations__
    from typing import NamedTuple  # in a class body to read, so typing's own it is
else:
    # What a named tuple's body may not set (typing refuses the same names).
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
        | {"_make", "_replace", "_asdict", "_source"}
    )
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _Maker(type):
        def __new__(cls, name, bases, namespace):
            if not bases:  # NamedTuple itself
                return super().__new__(cls, name, bases, namespace)
            annotations = namespace.get("__annotations__", {})
            defaults = []
            for field in annotations:
                if field in namespace:
                    defaults.append(namespace[field])
                elif defaults:
                    raise TypeError(
                        f"Non-default namedtuple field {field} cannot follow default field"
                    )
            made = collections.namedtuple(
                name, list(annotations), defaults=defaults, module=namespace["__module__"]
            )
            made.__annotations__ = dict(annotations)
            for key, value in namespace.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, value)
            return made

    class NamedTuple(metaclass=_Maker):
        """Base of a class statement that makes a named tuple (see the module)."""

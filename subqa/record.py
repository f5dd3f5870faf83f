"""Plain value classes with what ``@dataclass`` gives (``__eq__``, ``__repr__``, ``replace``;
``__hash__`` and no assignment for the frozen ones), written out by hand in each class.

Creating a dataclass generates and compiles its methods at import, about a millisecond each;
subqa's start-up path had fifteen of them (18 ms of a 250 ms check). The ``__init__`` of each
class is written out, so building one costs what a dataclass's generated ``__init__`` costs.
"""
from __future__ import annotations

from typing import Any

_set = object.__setattr__


class FrozenError(AttributeError):
    """Assignment to a field of a frozen record (as dataclasses.FrozenInstanceError)."""


class Record:
    """``_fields``: every field in ``__init__`` order (repr, replace, pickling);
    ``_compare``: the fields that equality and hashing use (default: all)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _compare: tuple[str, ...] | None = None
    __hash__ = None                       # type: ignore[assignment]  # mutable: unhashable

    def _key(self) -> tuple:
        return tuple(getattr(self, f) for f in (self._compare if self._compare is not None
                                                 else self._fields))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key() == other._key()        # type: ignore[attr-defined]
        return NotImplemented

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{self.__class__.__qualname__}({inner})"

    def _values(self) -> tuple:
        """Every field, in ``__init__`` order."""
        return tuple(getattr(self, f) for f in self._fields)

    def __reduce__(self):                 # pickle and copy through __init__ (fields in order)
        return self.__class__, self._values()

    def replace(self, **changes: Any):
        """A copy with ``changes`` (as dataclasses.replace)."""
        unknown = set(changes).difference(self._fields)
        if unknown:
            raise TypeError(f"{self.__class__.__qualname__} has no field {sorted(unknown)[0]!r}")
        values = {f: getattr(self, f) for f in self._fields}
        values.update(changes)
        return self.__class__(**values)


class Frozen(Record):
    __slots__ = ()

    def __hash__(self) -> int:            # type: ignore[override]
        return hash(self._key())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r}")

"""Frozen, slotted dataclasses that pickle as their constructor's arguments.

A disclosure holds thousands of small frozen dataclasses with slots (slots halve their
memory: juesuan.disclosure.slim). Python pickles such a class through the __setstate__
that dataclasses adds, which looks the fields up and sets each with object.__setattr__ in
Python: unpickling 200,000 eight-field records took 2.0 s that way and 0.5 s by calling
the class, and every build unpickles every disclosure's slim record. Only for dataclasses
whose fields are all constructor arguments (checked when first pickled).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any

# Per class, what reads its field values as one tuple: attrgetter does it in C (a
# generator of getattr calls was half the time of pickling a disclosure).
_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _values_of(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    found = _VALUES.get(cls)
    if found is None:
        own = fields(cls)
        if not all(f.init for f in own):
            raise TypeError(f"{cls.__name__}: a field outside __init__ cannot be pickled by it")
        names = [f.name for f in own]
        if len(names) > 1:
            found = attrgetter(*names)
        else:  # attrgetter of one name gives the value itself, of none fails

            def found(obj: Any, names: list[str] = names) -> tuple[Any, ...]:
                return tuple(getattr(obj, name) for name in names)

        _VALUES[cls] = found
    return found


class ByFields:
    """Base of a frozen, slotted dataclass: pickled as (class, field values)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        cls = type(self)
        return (cls, (_VALUES.get(cls) or _values_of(cls))(self))

"""``once``: an attribute computed on first use, like ``functools.cached_property``.

Python 3.11's ``cached_property`` takes a lock on every first access (about 1 µs); the
extractor makes a few dozen clauses per article, each read once or twice, so the lock is a
measurable share of the work. The extractor is single-threaded per call; two threads reading
one fresh object at once would at worst compute the same value twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class once(Generic[T]):
    """Compute the value on first access and store it in the instance ``__dict__``."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> once[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> T | once[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


def prime(obj: object, name: str, value: object) -> None:
    """Give ``obj`` the value a ``once`` attribute ``name`` would compute, already known.

    For values the caller has for free (a slice of a text already lower-cased): the
    attribute then never computes.
    """
    obj.__dict__[name] = value

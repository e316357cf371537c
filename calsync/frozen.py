"""``direct_init``: a frozen dataclass built at the cost of a plain one.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (its own
``__setattr__`` refuses): about 100 ns a field, 1.8 µs for a ``Timex`` against 0.4 µs for
the same class unfrozen. The extractor builds a few dozen such values per article, which
made that a few per cent of its time. ``direct_init`` gives the class an ``__init__`` that
stores the fields into the instance's ``__dict__`` (where ``object.__setattr__`` puts them
too): same signature, same defaults, ``__post_init__`` still called, the instance as frozen
as before. ``tests/unit/test_frozen.py`` holds it to the generated ``__init__``.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, TypeVar

C = TypeVar("C", bound=type[Any])


def direct_init(cls: C) -> C:
    """Replace frozen dataclass ``cls``'s ``__init__`` with one that stores fields directly.

    Only plain fields are taken (positional or keyword, with or without a plain default):
    a field with a default factory, ``init=False``, ``kw_only`` or an ``InitVar`` is refused
    at import, rather than handled half-way.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen:
        raise TypeError(f"{cls.__name__}: direct_init is for frozen dataclasses")
    # The generated __init__ takes exactly the fields: an InitVar would be a parameter more
    # (read off the signature: under postponed annotations an InitVar is only a string).
    taken = list(inspect.signature(cls.__init__).parameters)[1:]
    if taken != [f.name for f in dataclasses.fields(cls)]:
        raise TypeError(f"{cls.__name__}: InitVar fields are not supported")
    namespace: dict[str, Any] = {}
    args: list[str] = []
    stores: list[str] = []
    for f in dataclasses.fields(cls):
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields are supported")
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
        stores.append(f"    d[{f.name!r}] = {f.name}")
    post = ["    self.__post_init__()"] if hasattr(cls, "__post_init__") else []
    source = "\n".join([f"def __init__(self, {', '.join(args)}) -> None:",
                        "    d = self.__dict__", *stores, *post])
    exec(source, namespace)  # the way dataclasses itself makes __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls

"""``direct_init`` builds the same frozen values as the ``__init__`` dataclasses writes."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from calsync.extraction.mentions import Clause, Mention
from calsync.extraction.text import Sentence
from calsync.frozen import direct_init
from calsync.model import Event, Evidence, Timex


def _twin(cls: type[Any]) -> type[Any]:
    """The same fields as a plain frozen dataclass: the ``__init__`` dataclasses generates."""
    specs = [(f.name, f.type) if f.default is dataclasses.MISSING
             else (f.name, f.type, dataclasses.field(default=f.default))
             for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(f"Plain{cls.__name__}", specs, frozen=True)


SENTENCE = Sentence(0, 12, "It opens Monday.", 0)
CLAUSE = Clause(0, 12, "It opens Monday", None)
VALUES: list[tuple[type[Any], tuple[Any, ...], dict[str, Any]]] = [
    (Timex, (3, 9, "Monday", "DATE", "2021-11-08"), {"first_day": date(2021, 11, 8),
                                                       "confidence": 0.8}),
    (Timex, (0, 4, "noon", "TIME", "T12:00"), {}),
    (Evidence, ("seed", "It opens Monday.", "Monday", "next Monday"), {"url": "http://x"}),
    (Sentence, (5, 9, "Hi.", 2), {}),
    (Clause, (1, 2, "x", "and"), {}),
    (Mention, (SENTENCE, CLAUSE, "Opening", "open", frozenset({"opening"}), frozenset(),
               None, "open", False, False, None), {"name_span": (3, 8)}),
]


@pytest.mark.parametrize(("cls", "args", "kwargs"), VALUES)
def test_values_match_the_generated_init(cls: type[Any], args: tuple[Any, ...],
                                         kwargs: dict[str, Any]) -> None:
    ours = cls(*args, **kwargs)
    plain = _twin(cls)(*args, **kwargs)
    assert vars(ours) == vars(plain)  # every field, defaults included, nothing more
    assert ours == cls(*args, **kwargs) and hash(ours) == hash(cls(*args, **kwargs))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ours.__setattr__(dataclasses.fields(cls)[0].name, None)
    assert dataclasses.replace(ours) == ours


def test_post_init_still_checks_events() -> None:
    start = datetime(2021, 11, 10, 9, tzinfo=UTC)
    event = Event("u", "Talks", start, start + timedelta(hours=1), "UTC")
    assert event.all_day is False and event.evidence == ()
    with pytest.raises(ValueError, match="must be after"):
        Event("u", "Talks", start, start, "UTC")
    with pytest.raises(TypeError):
        Event("u", "Talks")  # type: ignore[call-arg]  # missing fields, as before


def test_refuses_what_it_does_not_handle() -> None:
    @dataclasses.dataclass
    class Mutable:
        x: int

    @dataclasses.dataclass(frozen=True)
    class Factory:
        x: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class KeywordOnly:
        x: int = dataclasses.field(kw_only=True)

    @dataclasses.dataclass(frozen=True)
    class WithInitVar:  # (its annotation a string here: this module postpones them)
        x: int
        scale: dataclasses.InitVar[int] = 1

        def __post_init__(self, scale: int) -> None:
            pass

    for cls in (Mutable, Factory, KeywordOnly, WithInitVar):
        with pytest.raises(TypeError):
            direct_init(cls)

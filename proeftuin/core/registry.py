"""A small typed registry for plug-ins (facets, similarity criteria, parsers, backends...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")


class AlreadyRegistered(KeyError):
    pass


class Registry[T]:
    """Plug-ins keyed by a unique string, kept in registration order."""

    def __init__(self, name: str):
        self.name = name
        self._items: dict[str, T] = {}

    def register(self, key: str) -> Callable[[T], T]:
        def decorator(item: T) -> T:
            self.add(key, item)
            return item

        return decorator

    def add(self, key: str, item: T) -> None:
        if key in self._items:
            raise AlreadyRegistered(f"{self.name}: {key!r} is already registered")
        self._items[key] = item

    def __getitem__(self, key: str) -> T:
        return self._items[key]

    def get(self, key: str, default: T | None = None) -> T | None:
        return self._items.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def names(self) -> list[str]:
        return list(self._items)

    def items(self) -> list[tuple[str, T]]:
        return list(self._items.items())

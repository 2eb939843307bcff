"""Per-key state with no global lock on the lookup: one object per key (a tenant, a rate counter),
found by a plain dict read and made once, under a lock only creation takes, so two requests racing
to make the same key's state share one. Each object carries its own lock for its own data; this is
how the request path avoids a global lock (issue 14)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Shards(Generic[K, V]):
    def __init__(self, make: Callable[[], V]) -> None:
        self._make = make
        self._shards: dict[K, V] = {}
        self._create = threading.Lock()

    def get(self, key: K) -> V:
        """The key's state, made on first use."""
        found = self._shards.get(key)
        if found is None:
            with self._create:
                found = self._shards.get(key)
                if found is None:
                    found = self._shards[key] = self._make()
        return found

    def peek(self, key: K) -> V | None:
        """The key's state if it has any, without making it (a read must not grow the table)."""
        return self._shards.get(key)

    def values(self) -> Iterator[V]:
        return iter(list(self._shards.values()))  # a copy of the references: creation may run meanwhile

    def clear(self) -> None:
        """Forget every key. A caller still holding an old key's state writes into a shard no one reads."""
        with self._create:
            self._shards = {}

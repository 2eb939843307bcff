"""An undo log for the books, so an all-or-nothing batch (summarizeErrors default) costs in
proportion to what it touches rather than to the size of the organisation.

Every dict the backend holds as an attribute becomes a ``JournaledDict``. While a savepoint is
open, the first time a key is reached for (get, []/setdefault/pop, assignment, deletion, or
iteration) its value is deep-copied once; rolling back writes each copy back into the ORIGINAL
object (so anything still holding it sees the old state) and re-binds or removes the key.
An index (core/index.py) logs its own changes as undo closures (``note``): the change, never the
bucket. Other attributes (the organisation, the ID generator) are small: they are copied whole at
the savepoint. Reads outside a savepoint pay one attribute check."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, is_dataclass
from typing import Any

from connsim.simulator.core.index import Index

_MISSING = object()
_CALL = object()  # an entry that is an undo closure (an index's change), not a saved value


@dataclass(eq=False)
class _Level:
    """One open savepoint: where its entries start in the log, and which keys it already saved."""

    start: int
    seen: set[tuple[int, Any]] = field(default_factory=set)
    attributes: dict[str, Any] = field(default_factory=dict)


class UndoLog:
    """(container, key, original value or _MISSING, copy of it) entries, newest last."""

    def __init__(self) -> None:
        self.entries: list[tuple[dict[Any, Any], Any, Any, Any]] = []
        self.levels: list[_Level] = []

    def remember(self, container: dict[Any, Any], key: Any) -> None:
        level = self.levels[-1]
        mark = (id(container), key)
        if mark in level.seen:
            return
        level.seen.add(mark)
        original = dict.get(container, key, _MISSING)
        saved = _MISSING if original is _MISSING else _copy(original)
        self.entries.append((container, key, original, saved))

    def note(self, undo: Callable[[], None]) -> None:
        """Keep ``undo`` (a closure reversing one change: core/index.py hands these) while a savepoint is open."""
        if self.levels:
            self.entries.append(({}, undo, _CALL, None))

    def rollback_to(self, start: int) -> None:
        while len(self.entries) > start:
            container, key, original, saved = self.entries.pop()
            if original is _CALL:
                key()
            elif original is _MISSING:
                dict.pop(container, key, None)
            else:
                dict.__setitem__(container, key, _restore_in_place(original, saved))


def _copy(value: Any) -> Any:
    """A set of IDs (an index's bucket, which grows with the books) copies at C speed; the rest deep."""
    if isinstance(value, (set, frozenset)):
        return value.copy()  # sets hold only hashables: IDs and other immutable keys
    if isinstance(value, list) and all(type(item) is str for item in value):
        return value.copy()
    return copy.deepcopy(value)


def _restore_in_place(original: Any, saved: Any) -> Any:
    """Put ``saved``'s state back into ``original``, keeping its identity where it is mutable."""
    if isinstance(original, list):
        original[:] = saved
    elif isinstance(original, (set, dict)):
        original.clear()
        original.update(saved)
    elif is_dataclass(original) and not isinstance(original, type):
        vars(original).clear()
        vars(original).update(vars(saved))
    else:
        return saved
    return original


class JournaledDict(dict[Any, Any]):
    """A dict that tells the undo log about a key before it can be changed through it."""

    __slots__ = ("log",)

    def __init__(self, log: UndoLog | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.log = log

    def _touch(self, key: Any) -> None:
        if self.log is not None and self.log.levels:
            self.log.remember(self, key)

    def __getitem__(self, key: Any) -> Any:
        self._touch(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._touch(key)
        return super().get(key, default)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._touch(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self._touch(key)
        super().__delitem__(key)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._touch(key)
        return super().setdefault(key, default)

    def pop(self, key: Any, *default: Any) -> Any:
        self._touch(key)
        return super().pop(key, *default)

    def values(self) -> Any:
        self._touch_all()
        return super().values()

    def items(self) -> Any:
        self._touch_all()
        return super().items()

    def __iter__(self) -> Iterator[Any]:
        self._touch_all()
        return super().__iter__()

    def _touch_all(self) -> None:
        """A scan inside a batch may change what it finds: save all of it (rare on write paths)."""
        if self.log is not None and self.log.levels:
            for key in list(dict.keys(self)):
                self.log.remember(self, key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        for key in list(dict.keys(self)):
            del self[key]

    def popitem(self) -> tuple[Any, Any]:
        key = next(reversed(dict.keys(self)))
        return key, self.pop(key)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in dict.items(self)}

    def __reduce__(self) -> Any:
        return (dict, (dict(dict.items(self)),))


class Undoable:
    """Mixed into a model: dict attributes journal their changes; savepoint/restore/release undo them."""

    _undo: UndoLog

    def __setattr__(self, name: str, value: Any) -> None:
        if type(value) is dict:
            value = JournaledDict(self._undo_log(), value)
        object.__setattr__(self, name, value)

    def _undo_log(self) -> UndoLog:
        log = self.__dict__.get("_undo")
        if log is None:
            log = UndoLog()
            object.__setattr__(self, "_undo", log)
        return log

    def savepoint(self) -> _Level:
        """Open an all-or-nothing scope; end it with ``restore`` (undo) or ``release`` (keep)."""
        log = self._undo_log()
        level = _Level(start=len(log.entries))
        for name, value in vars(self).items():
            if name not in ("tenant", "_undo"):
                kept = isinstance(value, (JournaledDict, Index))  # these log their own changes
                level.attributes[name] = value if kept else copy.deepcopy(value)
        log.levels.append(level)
        return level

    def restore(self, level: _Level) -> None:
        """Undo everything since ``level`` was opened, and close it."""
        log = self._undo_log()
        if level not in log.levels:
            return
        log.rollback_to(level.start)
        for name, value in level.attributes.items():
            current = self.__dict__.get(name, _MISSING)
            if value is current:
                continue
            object.__setattr__(self, name, value if current is _MISSING or isinstance(value, (JournaledDict, Index))
                               else _restore_in_place(current, value))
        for name in [n for n in vars(self) if n not in level.attributes and n not in ("tenant", "_undo")]:
            object.__delattr__(self, name)
        self.release(level)

    def release(self, level: _Level) -> None:
        """Close ``level`` keeping its changes (an enclosing savepoint can still undo them)."""
        log = self._undo_log()
        if level not in log.levels:
            return
        while log.levels and log.levels.pop() is not level:
            pass
        if not log.levels:
            log.entries.clear()

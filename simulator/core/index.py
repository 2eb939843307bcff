"""Indexes over one table of records, so a filtered, paged list costs in proportion to the page and
not to the table (issue 14). Flask-free and API-neutral: each remote says which keys a record has.

An ``Index`` keeps, per record id, the keys it was filed under:
- the table's *default order* (one sorted list of all ids: paging is stable and a page is a slice);
- *equality* indexes: value → the ids holding it, each bucket kept sorted in the default order
  (a record may hold several values, e.g. an XPM job's staff);
- *range* indexes: one list sorted by value (dates, change stamps), answered with ``bisect``;
- *pairs* (an equality index and a range, declared by the owner): per equality value, a list sorted
  by the range's value, so ``Status == X AND Date >= Y`` is counted with ``bisect`` (a paged answer
  must say how many match in all) and its page found by walking the status bucket in the default
  order, instead of collecting and sorting every match.
Sorted Python lists with ``bisect`` are enough at 100,000 records (an insert moves pointers with
memmove); no dependency is needed.

The owner calls ``put(record)`` after every change to a record and ``drop(record_id)`` when it leaves
the table. With ``journal`` set, every change hands the journal a closure that undoes it, so an undo
log (Xero's batches) rolls the indexes back with the records."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from typing import Any, Generic, TypeVar

R = TypeVar("R")
KeyFn = Callable[[Any], Any]
#: (order key, {index name: tuple of equality values, or the range value})
_Entry = tuple[Any, dict[str, Any]]
_first = itemgetter(0)


@dataclass(frozen=True)
class Eq:
    """``name`` holds any of ``values`` (one value: ==; several: IN)."""

    name: str
    values: tuple[Hashable, ...]


@dataclass(frozen=True)
class Range:
    """``low <(=) name <(=) high``; a bound of None is open. Records without a value never match."""

    name: str
    low: Any = None
    high: Any = None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def holds(self, value: Any) -> bool:
        if value is None:
            return False
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and not self.high_inclusive)))


Condition = Eq | Range


class Index(Generic[R]):
    """Equality and range indexes plus the default order over one table (see the module docstring)."""

    def __init__(self, ident: Callable[[R], str], order: Callable[[R], Any], *,
                 equal: Mapping[str, KeyFn] | None = None, many: Mapping[str, KeyFn] | None = None,
                 ranges: Mapping[str, KeyFn] | None = None, leading: str | None = None,
                 pairs: Sequence[tuple[str, str]] = ()) -> None:
        """``equal``: one value per record; ``many``: an iterable of values per record; ``ranges``:
        an orderable value or None. ``order`` must give distinct, mutually comparable keys.
        ``leading``: the range whose value is the first element of every order key (Xero's documents
        are ordered by (UpdatedDateUTC, ID)), so its matches are a slice already in the default order
        and a page of them costs the page, wherever in the order they sit (If-Modified-Since's
        matches are always at the end). ``pairs``: (equality, range) names answered together (each
        costs one more sorted entry per record)."""
        if leading is not None and leading not in (ranges or {}):
            raise ValueError(f"the leading range {leading!r} is not one of the ranges")
        for eq_name, range_name in pairs:
            if eq_name not in (equal or {}) or range_name not in (ranges or {}):
                raise ValueError(f"the pair ({eq_name!r}, {range_name!r}) needs a one-valued equality index "
                                 "and a range")
        self._ident, self._order_key, self._leading = ident, order, leading
        self._equal_fns = {**{n: (lambda r, f=f: (f(r),)) for n, f in (equal or {}).items()},
                           **{n: (lambda r, f=f: tuple(dict.fromkeys(f(r)))) for n, f in (many or {}).items()}}
        self._range_fns = dict(ranges or {})
        self._many = frozenset(many or ())
        self._entries: dict[str, _Entry] = {}
        self._order: list[tuple[Any, str]] = []
        self._equal: dict[str, dict[Hashable, list[tuple[Any, str]]]] = {n: {} for n in self._equal_fns}
        self._ranges: dict[str, list[tuple[Any, Any, str]]] = {n: [] for n in self._range_fns}
        #: (equality name, range name) → equality value → [(range value, order key, id)], sorted
        self._pairs_index: dict[tuple[str, str], dict[Hashable, list[tuple[Any, Any, str]]]] = {
            (e, r): {} for e, r in pairs}
        #: called with an undo closure for every change, while the owner wants them (None: not kept)
        self.journal: Callable[[Callable[[], None]], None] | None = None

    # -- maintenance ------------------------------------------------------------------------------
    def put(self, record: R) -> None:
        """File ``record`` (new or changed) under its current keys."""
        rid = self._ident(record)
        entry = (self._order_key(record), {**{n: f(record) for n, f in self._equal_fns.items()},
                                          **{n: f(record) for n, f in self._range_fns.items()}})
        if self._leading is not None and entry[1][self._leading] not in (None, entry[0][0]):
            raise ValueError(f"record {rid}: its {self._leading} does not lead its order key {entry[0]!r}")
        self._set(rid, entry)

    def drop(self, record_id: str) -> None:
        self._set(record_id, None)

    def _set(self, rid: str, entry: _Entry | None) -> None:
        old = self._entries.get(rid)
        if old == entry:
            return
        if old is not None:
            self._unfile(rid, old)
        if entry is not None:
            self._file(rid, entry)
        if self.journal is not None:
            self.journal(lambda: self._restore(rid, old))

    def _restore(self, rid: str, entry: _Entry | None) -> None:
        journal, self.journal = self.journal, None
        try:
            self._set(rid, entry)
        finally:
            self.journal = journal

    def _file(self, rid: str, entry: _Entry) -> None:
        order, keys = entry
        self._entries[rid] = entry
        insort(self._order, (order, rid))
        for name in self._equal_fns:
            for value in keys[name]:
                insort(self._equal[name].setdefault(value, []), (order, rid))
        for name in self._range_fns:
            if keys[name] is not None:
                insort(self._ranges[name], (keys[name], order, rid))
        for (eq_name, range_name), buckets in self._pairs_index.items():
            if keys[range_name] is not None:
                for value in keys[eq_name]:
                    insort(buckets.setdefault(value, []), (keys[range_name], order, rid))

    def _unfile(self, rid: str, entry: _Entry) -> None:
        order, keys = entry
        del self._entries[rid]
        _remove(self._order, (order, rid))
        for name in self._equal_fns:
            for value in keys[name]:
                bucket = self._equal[name][value]
                _remove(bucket, (order, rid))
                if not bucket:
                    del self._equal[name][value]
        for name in self._range_fns:
            if keys[name] is not None:
                _remove(self._ranges[name], (keys[name], order, rid))
        for (eq_name, range_name), buckets in self._pairs_index.items():
            if keys[range_name] is not None:
                for value in keys[eq_name]:
                    spans = buckets[value]
                    _remove(spans, (keys[range_name], order, rid))
                    if not spans:
                        del buckets[value]

    def __eq__(self, other: object) -> bool:
        """Same records filed the same way (a rolled-back batch compares equal to the books before it)."""
        return isinstance(other, Index) and (
            self._entries, self._order, self._equal, self._ranges, self._pairs_index) == (
            other._entries, other._order, other._equal, other._ranges, other._pairs_index)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by content

    def rebuilt(self, records: Iterable[R]) -> Index[R]:
        """A fresh index of ``records`` with the same keys: equal to this one unless a change was missed."""
        fresh: Index[R] = Index.__new__(Index)
        vars(fresh).update({**vars(self), "_entries": {}, "_order": [], "journal": None,
                            "_equal": {n: {} for n in self._equal}, "_ranges": {n: [] for n in self._ranges},
                            "_pairs_index": {key: {} for key in self._pairs_index}})
        for record in records:
            fresh.put(record)
        return fresh

    # -- queries ----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._entries

    def values(self, name: str) -> Iterable[Hashable]:
        """The distinct values an equality index holds (for the brute-force checks in tests)."""
        return self._equal[name].keys()

    def holds(self, record_id: str, cond: Condition) -> bool:
        """Whether the filed record meets ``cond`` (from its filed keys: O(1))."""
        keys = self._entries[record_id][1]
        if isinstance(cond, Eq):
            return any(value in cond.values for value in keys[cond.name])
        return cond.holds(keys[cond.name])

    def _checker(self, cond: Condition) -> Callable[[str], bool]:
        """``holds`` for one condition, bound once: it runs for every record a conjunction visits."""
        entries, name = self._entries, cond.name
        if isinstance(cond, Eq):
            wanted = frozenset(cond.values)
            return lambda rid: not wanted.isdisjoint(entries[rid][1][name])
        low, high = cond.low, cond.high
        if high is None and low is not None:  # ``>=`` / ``>`` (Date >= …, If-Modified-Since): inlined
            if cond.low_inclusive:
                return lambda rid: (value := entries[rid][1][name]) is not None and value >= low
            return lambda rid: (value := entries[rid][1][name]) is not None and value > low
        inside = cond.holds
        return lambda rid: inside(entries[rid][1][name])

    def size(self, cond: Condition) -> int:
        """How many records meet ``cond``, without visiting them (for an IN over a many-valued index,
        an upper bound: a record in two of the buckets counts twice)."""
        if isinstance(cond, Eq):
            buckets = self._equal[cond.name]
            return sum(len(buckets.get(v, ())) for v in dict.fromkeys(cond.values))
        lo, hi = self._bounds(cond)
        return max(hi - lo, 0)

    def page(self, conditions: Sequence[Condition], keep: Callable[[str], bool] | None = None,
             offset: int = 0, limit: int | None = None) -> tuple[list[str], int]:
        """Ids meeting every condition and ``keep`` (the filter's part no index answers), in the
        default order, sliced to [offset, offset+limit), with the total count. Visits the page only
        when the conditions are one index lookup and there is no ``keep``; otherwise it visits the
        records of the narrowest condition (a scan when there is no condition)."""
        best, rest = self._plan(conditions)
        stop = None if limit is None else offset + limit
        if keep is None and not rest and not self._overlapping(best):
            total = len(self._entries) if best is None else self.size(best)
            return list(islice(self._in_order(best, total, stop), offset, stop)), total
        if keep is None and len(rest) == 1:
            paired = self._paired_page(best, rest[0], offset, stop)
            if paired is not None:
                return paired
        found = self._pairs(best)
        entries = self._entries
        for cond in rest:  # each check inlined, not a call per record: these loops are the query's cost
            name = cond.name
            if isinstance(cond, Eq):
                wanted = frozenset(cond.values)
                found = [pair for pair in found if not wanted.isdisjoint(entries[pair[1]][1][name])]
            else:
                inside = cond.holds
                found = [pair for pair in found if inside(entries[pair[1]][1][name])]
        if keep is not None:
            found = [pair for pair in found if keep(pair[1])]
        found.sort()  # (order key, id): compared natively, no key function
        return [rid for _, rid in found[offset:stop]], len(found)

    def _pairs(self, cond: Condition | None) -> list[tuple[Any, str]]:
        """(order key, id) of every record meeting ``cond`` (each once), in no particular order."""
        if cond is None:
            return list(self._order)
        if isinstance(cond, Eq):
            buckets = self._equal[cond.name]
            pairs = [pair for v in dict.fromkeys(cond.values) for pair in buckets.get(v, ())]
            return list(dict.fromkeys(pairs)) if self._overlapping(cond) else pairs
        lo, hi = self._bounds(cond)
        return [(order, rid) for _, order, rid in self._ranges[cond.name][lo:hi]]

    def _paired_page(self, a: Condition | None, b: Condition, offset: int,
                     stop: int | None) -> tuple[list[str], int] | None:
        """An equality and a range that are a declared pair: counted with ``bisect`` in the pair's
        buckets, the page found by walking the equality buckets in the default order (for at most a
        budget of records, then sorting the matches not reached, as ``_walk``). None: not a pair."""
        eq, rng = (a, b) if isinstance(a, Eq) else (b, a)
        if not isinstance(eq, Eq) or not isinstance(rng, Range):
            return None
        buckets = self._pairs_index.get((eq.name, rng.name))
        if buckets is None:
            return None
        values = list(dict.fromkeys(eq.values))
        spans = [(items, *_span(items, rng)) for items in (buckets.get(v) for v in values) if items]
        total = sum(hi - lo for _, lo, hi in spans)

        def matches(after: tuple[Any, str] | None = None) -> list[tuple[Any, str]]:
            found = [(order, rid) for items, lo, hi in spans for _, order, rid in items[lo:hi]
                     if after is None or (order, rid) > after]
            found.sort()
            return found

        if total == 0 or offset >= total:
            return [], total
        if rng.name == self._leading and len(spans) == 1:  # the range leads the order: the span is in order
            items, lo, hi = spans[0]
            end = hi if stop is None else min(hi, lo + stop)
            return [items[i][2] for i in range(lo + offset, end)], total
        length = sum(len(self._equal[eq.name].get(v, ())) for v in values)
        budget = _walk_budget(stop, length, total)
        if budget is None:
            return [rid for _, rid in matches()[offset:stop]], total
        found = _walk(self._in_buckets(eq.name, values), self._checker(rng), budget,
                      lambda reached: matches(after=reached))
        return list(islice(found, offset, stop)), total

    def matching(self, conditions: Sequence[Condition]) -> list[str]:
        """Every id meeting the conditions, in the default order (for callers that sort otherwise)."""
        return self.page(conditions)[0]

    def _overlapping(self, cond: Condition | None) -> bool:
        """An IN over a many-valued index: a record may sit in several buckets, so sizes add up wrong."""
        return isinstance(cond, Eq) and cond.name in self._many and len(set(cond.values)) > 1

    def _plan(self, conditions: Sequence[Condition]) -> tuple[Condition | None, list[Condition]]:
        """The narrowest condition to walk and the rest to check (two bounds on one field are one range)."""
        if not conditions:
            return None, []
        ranked = sorted(_merged(conditions), key=self.size)
        return ranked[0], ranked[1:]

    def _bounds(self, cond: Range) -> tuple[int, int]:
        return _span(self._ranges[cond.name], cond)

    def _in_order(self, cond: Condition | None, total: int, stop: int | None) -> Iterator[str]:
        """The ids meeting ``cond`` in the default order, up to ``stop``, lazily where the index allows it."""
        if cond is None:
            return (rid for _, rid in self._order)
        if isinstance(cond, Eq):
            return (rid for _, rid in self._in_buckets(cond.name, list(dict.fromkeys(cond.values))))
        if cond.name == self._leading:
            lo, hi = self._bounds(cond)
            items = self._ranges[cond.name]
            return (items[i][2] for i in range(lo, hi))
        budget = _walk_budget(stop, len(self._entries), total)
        if budget is not None:
            return _walk(iter(self._order), self._checker(cond), budget,
                         lambda reached: sorted(pair for pair in self._pairs(cond) if pair > reached))
        return (rid for _, rid in sorted(self._pairs(cond)))

    def _in_buckets(self, name: str, values: list[Hashable]) -> Iterator[tuple[Any, str]]:
        """(order key, id) of the records holding any of ``values``, in the default order."""
        buckets = [self._equal[name].get(v, []) for v in values]
        return iter(buckets[0]) if len(buckets) == 1 else heapq.merge(*buckets)

def _walk_budget(stop: int | None, walked: int, matches: int) -> int | None:
    """How many of ``walked`` records (in the default order) to check for a page ending at ``stop``
    when ``matches`` of them match: an even spread needs about stop * walked / matches, so four times
    that plus 64. None when sorting the matches costs less (about matches log matches)."""
    if stop is None or stop * walked > matches * matches:
        return None
    return 4 * stop * walked // max(matches, 1) + 64


def _walk(pairs: Iterable[tuple[Any, str]], inside: Callable[[str], bool], budget: int,
          rest: Callable[[tuple[Any, str]], list[tuple[Any, str]]]) -> Iterator[str]:
    """The ids of ``pairs`` (in the default order) that are ``inside``, for at most ``budget``
    records: matches bunched far along the order (recent dates) would make the walk cost the table,
    so past the budget ``rest(last pair checked)`` gives the matches not yet reached, sorted (a cost
    in proportion to the matches)."""
    reached: tuple[Any, str] | None = None
    for steps, pair in enumerate(pairs):
        if steps == budget and reached is not None:
            yield from (rid for _, rid in rest(reached))
            return
        reached = pair
        if inside(pair[1]):
            yield pair[1]


def _span(items: list[tuple[Any, Any, str]], cond: Range) -> tuple[int, int]:
    """[lo, hi): the positions of ``items`` (sorted by their first element) that ``cond`` holds for."""
    lo = 0 if cond.low is None else (bisect_left if cond.low_inclusive else bisect_right)(
        items, cond.low, key=_first)
    hi = len(items) if cond.high is None else (bisect_right if cond.high_inclusive else bisect_left)(
        items, cond.high, key=_first)
    return lo, hi


def _merged(conditions: Sequence[Condition]) -> list[Condition]:
    """Ranges on the same field folded into one (``Date >= a AND Date < b``), so it stays one lookup."""
    out: list[Condition] = []
    ranges: dict[str, Range] = {}
    for cond in conditions:
        if not isinstance(cond, Range):
            out.append(cond)
            continue
        seen = ranges.get(cond.name)
        if seen is None:
            ranges[cond.name] = cond
            continue
        low, low_inclusive = _tighter(seen.low, seen.low_inclusive, cond.low, cond.low_inclusive, max)
        high, high_inclusive = _tighter(seen.high, seen.high_inclusive, cond.high, cond.high_inclusive, min)
        ranges[cond.name] = Range(cond.name, low, high, low_inclusive, high_inclusive)
    return out + list(ranges.values())


def _tighter(a: Any, a_inclusive: bool, b: Any, b_inclusive: bool,
             pick: Callable[[Any, Any], Any]) -> tuple[Any, bool]:
    """The stricter of two bounds on one side (None: open); on a tie, exclusive wins."""
    if a is None:
        return b, b_inclusive
    if b is None or a == b:
        return a, a_inclusive and (b is None or b_inclusive)
    return (a, a_inclusive) if pick(a, b) == a else (b, b_inclusive)


def _remove(items: list[Any], item: Any) -> None:
    i = bisect_left(items, item)
    if i == len(items) or items[i] != item:
        raise KeyError(item)  # the index and its entries disagree: a bug, never silently ignored
    del items[i]

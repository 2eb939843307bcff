"""The core index against a brute-force scan: random creates, updates, deletes and rolled-back
batches (the journal's undo closures), then every kind of indexed query, paged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connsim.simulator.core.index import Condition, Eq, Index, Range

STATUSES = ("DRAFT", "AUTHORISED", "PAID")


@dataclass
class Rec:
    id: str
    status: str
    contact: str
    day: int | None
    stamp: int
    staff: tuple[str, ...] = field(default=())


def _index(leading: str | None = "stamp") -> Index[Rec]:
    """Ordered by (stamp, id), as Xero's documents are by (UpdatedDateUTC, ID): the stamp range leads."""
    return Index(lambda r: r.id, lambda r: (r.stamp, r.id), equal={"status": lambda r: r.status,
                                                                     "contact": lambda r: r.contact},
                 many={"staff": lambda r: r.staff}, ranges={"day": lambda r: r.day, "stamp": lambda r: r.stamp},
                 leading=leading, pairs=(("status", "day"), ("contact", "stamp")))


def _brute(table: dict[str, Rec], conds: list[Condition]) -> list[str]:
    def ok(r: Rec, c: Condition) -> bool:
        if isinstance(c, Eq):
            held = r.staff if c.name == "staff" else (getattr(r, c.name),)
            return any(v in c.values for v in held)
        return c.holds(getattr(r, c.name))

    return [r.id for r in sorted(table.values(), key=lambda r: (r.stamp, r.id)) if all(ok(r, c) for c in conds)]


records = st.builds(lambda s, c, d, t, staff: (s, c, d, t, staff), st.sampled_from(STATUSES),
                    st.sampled_from("abc"), st.one_of(st.none(), st.integers(0, 9)), st.integers(0, 5),
                    st.lists(st.sampled_from("xyz"), max_size=2).map(tuple))
ops = st.lists(st.one_of(
    st.tuples(st.just("put"), st.integers(0, 12), records),
    st.tuples(st.just("drop"), st.integers(0, 12), st.none()),
    st.tuples(st.just("begin"), st.none(), st.none()),
    st.tuples(st.just("rollback"), st.none(), st.none()),
    st.tuples(st.just("commit"), st.none(), st.none())), max_size=40)
conditions = st.lists(st.one_of(
    st.builds(Eq, st.just("status"), st.lists(st.sampled_from(STATUSES), min_size=1, max_size=2).map(tuple)),
    st.builds(Eq, st.just("contact"), st.lists(st.sampled_from("abcd"), min_size=1, max_size=2).map(tuple)),
    st.builds(Eq, st.just("staff"), st.lists(st.sampled_from("xyz"), min_size=1, max_size=3).map(tuple)),
    st.builds(Range, st.sampled_from(["day", "stamp"]), st.one_of(st.none(), st.integers(0, 9)),
              st.one_of(st.none(), st.integers(0, 9)), st.booleans(), st.booleans())), max_size=3)


@settings(max_examples=150, deadline=None)
@given(ops, conditions, st.integers(0, 4), st.one_of(st.none(), st.integers(1, 4)), st.booleans())
def test_every_indexed_query_equals_a_scan(script: list[tuple[str, Any, Any]], conds: list[Condition],
                                           offset: int, limit: int | None, residual: bool) -> None:
    index, table = _index(), {}
    undo: list[Any] = []
    saved: dict[str, Rec] | None = None
    for op, n, values in script:
        if op == "begin" and saved is None:
            saved, undo = {k: Rec(**vars(v)) for k, v in table.items()}, []
            index.journal = undo.append
        elif op in ("rollback", "commit") and saved is not None:
            if op == "rollback":
                while undo:
                    undo.pop()()
                table = saved
            saved, index.journal = None, None
        elif op == "put":
            status, contact, day, stamp, staff = values
            table[str(n)] = rec = Rec(str(n), status, contact, day, stamp, staff)
            index.put(rec)
        elif op == "drop" and str(n) in table:
            del table[str(n)]
            index.drop(str(n))
    keep = (lambda rid: int(rid) % 2 == 0) if residual else None
    want = [rid for rid in _brute(table, conds) if keep is None or keep(rid)]
    stop = None if limit is None else offset + limit
    assert index.page(conds, keep, offset, limit) == (want[offset:stop], len(want))
    assert sorted(index.matching([])) == sorted(table)


def test_a_bug_that_loses_a_key_is_loud() -> None:
    index = _index()
    rec = Rec("1", "DRAFT", "a", 1, 1)
    index.put(rec)
    index._entries["1"] = ((9, "1"), index._entries["1"][1])  # corrupt it the way a missed put would
    with pytest.raises(KeyError):
        index.drop("1")


def _counting(index: Index[Rec]) -> list[str]:
    """The records the index's per-record checks visit from now on."""
    seen: list[str] = []
    real = index._checker

    def counting(cond: Condition) -> Any:
        check = real(cond)
        return lambda rid: seen.append(rid) or check(rid)

    index._checker = counting  # type: ignore[method-assign]  # count the records a walk visits
    return seen


def test_a_dense_range_walks_only_as_far_as_the_page() -> None:
    index = _index()
    for n in range(1000):
        index.put(Rec(str(n), "DRAFT", "a", n % 10, n))
    seen = _counting(index)
    page, total = index.page([Range("day", 5)], offset=0, limit=10)
    assert total == 500 and page == [str(n) for n in range(5, 25) if n % 10 >= 5] and 10 <= len(seen) < 40
    seen.clear()
    page, total = index.page([Range("day", 9, 9)], offset=0, limit=3)  # 1 in 10: walks about 30
    assert total == 100 and page == ["9", "19", "29"] and 3 <= len(seen) <= 40
    seen.clear()
    page, total = index.page([Range("stamp", 500, 504)], offset=0, limit=3)  # 5 in 1,000: sorts them
    assert total == 5 and page == ["500", "501", "502"] and seen == []


def test_matches_bunched_at_the_end_of_the_order_cost_the_matches_not_the_table() -> None:
    """If-Modified-Since's shape: the newest records match. On the leading range the page is a slice;
    on any other range the walk stops at its budget and sorts the matches it has not reached."""
    index = _index()
    for n in range(10_000):
        index.put(Rec(str(n), "DRAFT", "a", n // 1000, n))
    seen = _counting(index)
    assert index.page([Range("stamp", 9_900)], offset=0, limit=1) == (["9900"], 100)
    assert index.page([Range("stamp", 9_900)], offset=40, limit=2) == (["9940", "9941"], 100)
    assert seen == []  # the leading range: a slice, no record checked
    page, total = index.page([Range("day", 9)], offset=0, limit=1)  # 1,000 matches after 9,000 others
    assert (page, total) == (["9000"], 1000) and len(seen) <= 4 * 10 + 64


@settings(max_examples=60, deadline=None)
@given(st.integers(70, 400), st.sampled_from(["stamp", "day"]), st.integers(0, 40), st.integers(0, 40),
       st.integers(0, 30), st.integers(1, 12), st.booleans(), st.booleans())
def test_walks_past_their_budget_still_answer_as_a_scan(size: int, field_name: str, low: int, width: int,
                                                        offset: int, limit: int, bunched: bool,
                                                        leading: bool) -> None:
    """Tables larger than a walk's budget, matches spread or bunched, with and without a leading range."""
    index, table = _index("stamp" if leading else None), {}
    for n in range(size):
        day = n * 41 // size if bunched else (n * 7) % 41
        table[str(n)] = rec = Rec(str(n), "DRAFT", "a", day, n if bunched else (n * 13) % size)
        index.put(rec)
    cond = Range(field_name, low, low + width)
    want = _brute(table, [cond])
    assert index.page([cond], offset=offset, limit=limit) == (want[offset:offset + limit], len(want))


def test_a_leading_range_must_lead_the_order() -> None:
    with pytest.raises(ValueError, match="not one of the ranges"):
        Index(lambda r: r.id, lambda r: (r.stamp, r.id), ranges={"day": lambda r: r.day}, leading="stamp")
    index: Index[Rec] = Index(lambda r: r.id, lambda r: (r.stamp, r.id), ranges={"day": lambda r: r.day},
                              leading="day")
    with pytest.raises(ValueError, match="does not lead"):
        index.put(Rec("1", "DRAFT", "a", 3, 4))


def test_two_bounds_on_one_field_fold_into_one_range() -> None:
    """Every pair of ranges on one field (``Date >= a AND Date < b``) answers as the scan does."""
    index, table = _index(), {}
    for n in range(30):
        table[str(n)] = rec = Rec(str(n), STATUSES[n % 3], "a", None if n % 7 == 0 else n % 10, n % 4)
        index.put(rec)
    bounds = [Range("day", low, high, li, hi) for low in (None, 2, 5) for high in (None, 5, 8)
              for li in (True, False) for hi in (True, False)]
    for first in bounds:
        for second in bounds:
            want = _brute(table, [first, second])
            assert index.page([first, second], offset=1, limit=3) == (want[1:4], len(want)), (first, second)


def test_a_declared_pair_is_counted_without_visits_and_walks_about_the_page() -> None:
    """``Status == X AND Date >= Y``: the total from the pair's bisect, the page from a walk of the
    status bucket in the default order; no record beyond the walk's budget is checked."""
    index, table = _index(), {}
    for n in range(10_000):
        table[str(n)] = rec = Rec(str(n), STATUSES[n % 2], "a", n % 10, n)
        index.put(rec)
    seen = _counting(index)
    conds: list[Condition] = [Eq("status", ("DRAFT",)), Range("day", 8)]
    want = _brute(table, conds)
    assert len(want) == 1000
    assert index.page(conds, offset=0, limit=5) == (want[:5], 1000)
    assert len(seen) <= 4 * 5 * 5000 // 1000 + 64  # the budget: about page * bucket / matches
    seen.clear()
    assert index.page([Eq("contact", ("a",)), Range("stamp", 9_990)], offset=2, limit=3) == (
        ["9992", "9993", "9994"], 10)
    assert seen == []  # the pair's range leads the order: its span is the page


@settings(max_examples=60, deadline=None)
@given(st.integers(70, 400), st.integers(0, 40), st.integers(0, 40), st.integers(0, 30), st.integers(1, 12),
       st.booleans(), st.lists(st.sampled_from(STATUSES), min_size=1, max_size=2))
def test_paired_walks_past_their_budget_still_answer_as_a_scan(size: int, low: int, width: int, offset: int,
                                                               limit: int, bunched: bool,
                                                               statuses: list[str]) -> None:
    index, table = _index(), {}
    for n in range(size):
        day = n * 41 // size if bunched else (n * 7) % 41
        table[str(n)] = rec = Rec(str(n), STATUSES[n % 3], "a", day, n if bunched else (n * 13) % size)
        index.put(rec)
    conds: list[Condition] = [Range("day", low, low + width), Eq("status", tuple(statuses))]
    want = _brute(table, conds)
    assert index.page(conds, offset=offset, limit=limit) == (want[offset:offset + limit], len(want))


def test_a_paired_walk_that_spends_its_budget_sorts_the_matches_it_did_not_reach() -> None:
    """Matches bunched at the end of the order (recent dates): the walk stops at its budget and the
    rest of the page comes from the pair's own span, sorted."""
    index, table = _index(), {}
    for n in range(10_000):
        table[str(n)] = rec = Rec(str(n), STATUSES[n % 2], "a", n // 1000, n)
        index.put(rec)
    seen = _counting(index)
    conds: list[Condition] = [Eq("status", ("DRAFT",)), Range("day", 9)]
    want = _brute(table, conds)
    for offset, limit in ((0, 1), (0, 7), (3, 4), (490, 20)):
        seen.clear()
        assert index.page(conds, offset=offset, limit=limit) == (want[offset:offset + limit], 500)
        assert len(seen) <= 4 * (offset + limit) * 5000 // 500 + 64

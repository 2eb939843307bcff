"""Fixed windows on the simulated clock, Retry-After, overrides, app scope, concurrency."""

from datetime import datetime

from connsim.simulator.core.clock import UTC, Clock
from connsim.simulator.core.ratelimit import RateLimiter, RatePolicy, Window

POLICY = RatePolicy("t", windows=(Window("minute", 3, 60), Window("day", 5, 86400),
                                  Window("appminute", 4, 60, scope="app")), concurrent=2)


def make(at: datetime = datetime(2025, 1, 1, 0, 0, 10, tzinfo=UTC)) -> tuple[Clock, RateLimiter]:
    clock = Clock(frozen_at=at)
    return clock, RateLimiter(clock)


def call(limiter: RateLimiter, tenant: str = "a", **kw):
    decision = limiter.acquire(POLICY, tenant, **kw)
    if decision.allowed:
        limiter.release(POLICY, tenant)
    return decision


def test_minute_window_refuses_with_retry_after_to_window_end() -> None:
    clock, limiter = make()
    results = [call(limiter) for _ in range(4)]
    assert [d.allowed for d in results] == [True, True, True, False]
    assert results[2].remaining["minute"] == 0 and results[0].remaining["minute"] == 2
    assert results[3].problem == "minute"
    assert results[3].retry_after == 50  # window started at :00, now :10
    clock.advance(50)  # a fixed window: the next minute starts fresh
    assert call(limiter).allowed


def test_refused_calls_are_not_counted() -> None:
    clock, limiter = make()
    for _ in range(3):
        call(limiter)
    for _ in range(10):
        assert not call(limiter).allowed
    clock.advance(60)
    assert call(limiter).remaining["day"] == 1  # 3 + 1 counted, not 14


def test_day_window_and_tenants_are_independent() -> None:
    clock, limiter = make()
    for _ in range(3):
        call(limiter, "a")
    clock.advance(60)
    call(limiter, "a")
    call(limiter, "a")
    clock.advance(60)
    refused = call(limiter, "a")
    assert not refused.allowed and refused.problem == "day"
    assert refused.retry_after == 86400 - 10 - 120
    assert call(limiter, "b", app_id="other").allowed


def test_app_window_counts_all_tenants_of_one_app() -> None:
    _, limiter = make()
    assert all(call(limiter, t, app_id="app1").allowed for t in ("a", "b", "c", "d"))
    refused = call(limiter, "e", app_id="app1")
    assert not refused.allowed and refused.problem == "appminute"
    assert call(limiter, "e", app_id="app2").allowed


def test_overrides_per_tenant_and_bad_values_fall_back() -> None:
    _, limiter = make()
    assert call(limiter, overrides={"minute": 1}).allowed
    assert not call(limiter, overrides={"minute": 1}).allowed
    _, limiter = make()
    assert [call(limiter, overrides={"minute": "lots"}).allowed for _ in range(4)] == [True, True, True, False]


def test_concurrency_cap_holds_until_release_and_does_not_count_windows() -> None:
    _, limiter = make()
    first = limiter.acquire(POLICY, "a")
    second = limiter.acquire(POLICY, "a")
    third = limiter.acquire(POLICY, "a")
    assert first.allowed and second.allowed
    assert not third.allowed and third.problem == "concurrent" and third.retry_after == 1
    limiter.release(POLICY, "a")
    fourth = limiter.acquire(POLICY, "a")
    assert fourth.allowed and fourth.remaining["minute"] == 0  # only 3 counted: the refused one was not


def test_window_refusal_frees_the_concurrency_slot() -> None:
    _, limiter = make()
    for _ in range(3):
        call(limiter)
    for _ in range(5):
        assert limiter.acquire(POLICY, "a").problem == "minute"
    held = [limiter.acquire(POLICY, "b", app_id="x"), limiter.acquire(POLICY, "b", app_id="x")]
    assert all(d.allowed for d in held)
    assert limiter.acquire(POLICY, "a").problem == "minute"  # not "concurrent": no slot leaked

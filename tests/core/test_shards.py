"""Shards: per-key state made once, found without a lock; what the request path uses instead of a
global lock (issue 14)."""

import threading

from connsim.simulator.core.shards import Shards


def test_racing_first_uses_of_a_key_share_one_state() -> None:
    made: list[object] = []
    shards: Shards[str, object] = Shards(lambda: made.append(object()) or made[-1])
    start = threading.Barrier(16)
    seen: list[object] = []

    def first_use() -> None:
        start.wait()
        seen.append(shards.get("tenant"))

    workers = [threading.Thread(target=first_use) for _ in range(16)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(made) == 1 and all(state is made[0] for state in seen)


def test_peek_does_not_make_state_and_clear_forgets_it() -> None:
    shards: Shards[str, list[int]] = Shards(list)
    assert shards.peek("a") is None and list(shards.values()) == []
    shards.get("a").append(1)
    assert shards.peek("a") == [1] and shards.get("a") is shards.peek("a")
    shards.clear()
    assert shards.peek("a") is None and shards.get("a") == []

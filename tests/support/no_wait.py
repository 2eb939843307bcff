"""One check for "this call never waits on that lock" (issue 14: nothing global on the request
path): hold the lock, make the call on another thread, and require it to finish while the lock is
still held. The timeout is only spent when the call (wrongly) waits; a passing check takes no time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def assert_returns_while_held(lock: Any, call: Callable[[], object], what: str) -> None:
    lock.acquire()
    worker = threading.Thread(target=call)
    try:
        worker.start()
        worker.join(timeout=30)
        assert not worker.is_alive(), f"{what} waited for a lock it must not need"
    finally:
        lock.release()
    worker.join()

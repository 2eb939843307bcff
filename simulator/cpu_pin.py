"""Which CPU `connsim serve`'s one worker runs on.

The worker is one process whose threads share one interpreter lock (GIL). Every request hands that
lock from thread to thread several times (the acceptor wakes a request thread; each socket read
and write lets go of it), and when the threads sit on different CPUs each handoff is a
cross-CPU wake-up, and the Python objects every thread touches (reference counts) bounce between
the CPUs' caches. That is David Beazley's finding for CPython threads on several cores
("Understanding the Python GIL", PyCon 2010), and on a virtual machine a cross-CPU wake-up is
dearer still (an inter-processor interrupt, a VM exit). So the worker is pinned to one CPU: its
threads never need a second one, since only one of them runs Python at a time.

Measured with wrk, 16 connections, GET one invoice, on the project's 2-CPU VM, alternating
rounds: 176 → 655 requests/s (3.7x) for connsim, and the same gain for the bare Flask floor
(docs/simulator/core.md). ``auto`` keeps the CPU the worker starts on, so servers started side by
side (pytest-xdist, a CI job's several simulators) spread out as the kernel placed them."""

from __future__ import annotations

import os
from pathlib import Path

#: the values ``--cpu`` takes besides a CPU number
AUTO, NONE = "auto", "none"


def parse_choice(value: str) -> str | int:
    """``--cpu``: ``auto``, ``none`` or a CPU number this process may run on."""
    lowered = value.strip().lower()
    if lowered in (AUTO, NONE):
        return lowered
    if not lowered.isdigit():
        raise ValueError(f"--cpu takes auto, none or a CPU number, not {value!r}")
    cpu = int(lowered)
    if not hasattr(os, "sched_getaffinity"):
        raise ValueError(f"--cpu {cpu}: this system does not let a process choose its CPU (use auto or none)")
    allowed = os.sched_getaffinity(0)
    if cpu not in allowed:
        raise ValueError(f"--cpu {cpu}: this process may run on CPUs {sorted(allowed)} only")
    return cpu


def current_cpu() -> int | None:
    """The CPU this thread last ran on (field 39 of /proc/thread-self/stat), None where unknown."""
    try:
        stat = Path("/proc/thread-self/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()  # the command name in parentheses may hold spaces
    return int(fields[36]) if len(fields) > 36 and fields[36].isdigit() else None


def pin(choice: str | int) -> int | None:
    """Pin the calling thread, and so every thread it starts, to one CPU; the CPU, or None when
    left unpinned (``none``, one CPU only, or a system without CPU affinity)."""
    if choice == NONE or not hasattr(os, "sched_setaffinity"):
        return None
    allowed = os.sched_getaffinity(0)
    if len(allowed) < 2:
        return None
    cpu = choice if isinstance(choice, int) else current_cpu()
    if cpu is None or cpu not in allowed:
        cpu = max(allowed)
    os.sched_setaffinity(0, {cpu})
    return cpu

"""`connsim serve --cpu`: the worker and every thread it starts run on one CPU (simulator/cpu_pin.py),
unless told otherwise; a CPU the process may not use is refused before anything starts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from connsim.simulator import cpu_pin
from connsim.simulator.pytest_plugin import ServerProcess

ALLOWED = os.sched_getaffinity(0)


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (read from /proc: no procps needed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # it ended while we looked
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def thread_cpus(pid: int) -> set[frozenset[int]]:
    """The CPU set of every thread of a process."""
    return {frozenset(os.sched_getaffinity(int(tid))) for tid in os.listdir(f"/proc/{pid}/task")}


def worker_cpus(extra: list[str]) -> set[frozenset[int]]:
    """Every worker thread's CPUs, after checking the ready line names the same CPU."""
    server = ServerProcess(extra=extra)
    try:
        (worker,) = children_of(server.proc.pid)
        # a request first, so the worker's request threads exist and are counted too
        assert requests.get(f"{server.url}/_connsim/health", timeout=30).status_code == 200
        found = thread_cpus(worker)
        ready = next(line for line in server.lines if "listening" in line)
        said = re.search(r"; worker on (CPU (\d+)|any CPU)\)$", ready)
        assert said is not None, ready
        pinned = {frozenset({int(said.group(2))})} if said.group(2) else {frozenset(ALLOWED)}
        assert found == pinned
        return found
    finally:
        server.stop()


def test_by_default_every_worker_thread_runs_on_one_cpu() -> None:
    cpus = worker_cpus([])
    if len(ALLOWED) >= 2:
        assert len(cpus) == 1 and len(next(iter(cpus))) == 1 and next(iter(cpus)) <= ALLOWED
    else:  # a one-CPU machine: nothing to choose, nothing pinned
        assert cpus == {frozenset(ALLOWED)}


def test_cpu_none_leaves_the_worker_free() -> None:
    assert worker_cpus(["--cpu", "none"]) == {frozenset(ALLOWED)}


def test_cpu_number_pins_to_that_cpu() -> None:
    cpu = max(ALLOWED)
    expected = {frozenset({cpu})} if len(ALLOWED) >= 2 else {frozenset(ALLOWED)}
    assert worker_cpus(["--cpu", str(cpu)]) == expected


def test_a_cpu_the_process_may_not_use_is_refused_before_start() -> None:
    outside = max(ALLOWED) + 1
    done = subprocess.run([sys.executable, "-m", "connsim", "serve", "--port", "1", "--cpu", str(outside)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"--cpu {outside}: this process may run on CPUs {sorted(ALLOWED)} only" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("value", ["two", "-1", "1.5", ""])
def test_parse_choice_refuses_what_is_not_a_cpu(value: str) -> None:
    with pytest.raises(ValueError, match="--cpu takes auto, none or a CPU number"):
        cpu_pin.parse_choice(value)


def test_a_cpu_number_where_the_system_has_no_affinity_is_refused_and_pin_does_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS has no sched_getaffinity: a number is refused clearly, auto and none leave the worker be."""
    monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.delattr(os, "sched_setaffinity")
    with pytest.raises(ValueError, match="does not let a process choose its CPU"):
        cpu_pin.parse_choice("0")
    assert cpu_pin.parse_choice("auto") == "auto"
    assert cpu_pin.pin("auto") is None and cpu_pin.pin(0) is None


def test_parse_choice_words() -> None:
    assert cpu_pin.parse_choice(" Auto ") == "auto" and cpu_pin.parse_choice("NONE") == "none"
    assert cpu_pin.parse_choice(str(min(ALLOWED))) == min(ALLOWED)


def test_current_cpu_is_one_this_process_may_use() -> None:
    assert cpu_pin.current_cpu() in ALLOWED


def test_pin_in_a_child_process_pins_it_and_what_it_starts() -> None:
    """Pinning is done in a child: it must never change the test process's own CPUs."""
    script = ("import json, os, threading\n"
              "from connsim.simulator import cpu_pin\n"
              "cpu = cpu_pin.pin('auto')\n"
              "seen = []\n"
              "t = threading.Thread(target=lambda: seen.append(sorted(os.sched_getaffinity(0)))); t.start(); t.join()\n"
              "print(json.dumps([cpu, sorted(os.sched_getaffinity(0)), seen[0]]))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True).stdout
    cpu, own, started = json.loads(out)
    if len(ALLOWED) >= 2:
        assert cpu in ALLOWED and own == [cpu] and started == [cpu]
    else:
        assert cpu is None and own == started == sorted(ALLOWED)

"""core/ids.py: response ids are version 4 UUIDs exactly as the uuid module writes them, made
without a system call each, distinct, and not repeated by a forked process."""

from __future__ import annotations

import os
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connsim.simulator.core import ids


@given(st.integers(min_value=0, max_value=2**128 - 1))
def test_format_is_the_uuid_modules_version_4_text(bits: int) -> None:
    assert ids.format_uuid4(bits) == str(uuid.UUID(int=bits, version=4))


def test_ids_are_version_4_and_distinct() -> None:
    made = [ids.uuid4_text() for _ in range(2000)]
    assert len(set(made)) == len(made)
    parsed = [uuid.UUID(text) for text in made]
    assert {p.version for p in parsed} == {4} and {p.variant for p in parsed} == {uuid.RFC_4122}
    assert [str(p) for p in parsed] == made


def test_no_system_call_per_id(monkeypatch: pytest.MonkeyPatch) -> None:
    """os.urandom is what let go of the interpreter lock per response; it is not called any more."""
    monkeypatch.setattr(os, "urandom", lambda n: (_ for _ in ()).throw(AssertionError("os.urandom called")))
    assert uuid.UUID(ids.uuid4_text()).version == 4


def test_a_forked_child_does_not_repeat_its_parents_ids() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next id, then out without running the parent's test teardown
        os.write(write, ids.uuid4_text().encode())
        os._exit(0)
    os.close(write)
    parent_next = ids.uuid4_text()
    os.waitpid(pid, 0)
    child_next = os.read(read, 64).decode()
    os.close(read)
    assert uuid.UUID(child_next).version == 4 and child_next != parent_next

"""Random version 4 UUIDs for what a response carries (Xero's envelope ``Id`` and correlation id,
Intuit's ``intuit_tid``, a gateway error's ``Instance``), from a generator seeded once from the
operating system instead of 16 bytes read from it per id.

Why: ``uuid.uuid4()`` calls ``os.urandom``, which lets go of the interpreter lock for the system
call; in the server every such let-go hands the lock to another thread, one more context switch
per response (perf stat under the GET load, 3 December 2026: 21.6 → 17.6 switches and 41 → 33
futex calls per request without it). These ids tell responses apart and guard nothing:
credentials (tokens, authorization codes) still come from ``secrets``. A forked process reseeds,
so two workers never repeat each other's ids."""

from __future__ import annotations

import os
import random

_source = random.Random()  # seeded from os.urandom; getrandbits runs in C under the lock: thread-safe

#: the version (4) and RFC 4122 variant bits, set over 128 random bits as uuid.UUID(version=4) sets them
_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_SET = (0x4000 << 64) | (0x8000 << 48)


def _reseed() -> None:
    _source.seed()


os.register_at_fork(after_in_child=_reseed)


def format_uuid4(bits: int) -> str:
    """128 bits as the canonical text of a version 4 UUID (what ``str(uuid.UUID(int=bits,
    version=4))`` gives, without building the object)."""
    h = "%032x" % ((bits & _CLEAR) | _SET)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid4_text() -> str:
    """A new random version 4 UUID, as text."""
    return format_uuid4(_source.getrandbits(128))

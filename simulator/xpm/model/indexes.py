"""The practice's job and client indexes (core/index.py), so XPM's list endpoints cost what they
answer, not what the practice holds.

Jobs (deleted ones are not filed; every job list leaves them out): by client (job.api/client/{id}),
state (job.api/current: the states not marked completed), staff (job.api/staff/{id}: assigned,
manager or partner) and the day created (job.api/list?from&to). Clients: whether the paged client
list shows them (not archived, not deleted). Both are filed in insertion order (the dicts' order,
which the lists answered in before), kept by a sequence number per key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connsim.simulator.core.index import Index
from connsim.simulator.xpm.model.entities import Client, Job


class Sequence:
    """Insertion order per key: the default order of an index over a dict that never forgets a key."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, key: str) -> int:
        return self.seen.setdefault(key, len(self.seen))


def job_index() -> Index[Job]:
    order = Sequence()
    return Index(lambda j: j.number, _by(order, lambda j: j.number),
                 equal={"client": lambda j: j.client_uuid, "state": lambda j: j.state_code},
                 many={"staff": lambda j: [s for s in (*j.assigned, j.manager_uuid, j.partner_uuid) if s]},
                 ranges={"created": lambda j: j.created_at.date()})


def client_index() -> Index[Client]:
    order = Sequence()
    return Index(lambda c: c.uuid, _by(order, lambda c: c.uuid),
                 equal={"listed": lambda c: not c.deleted and not c.archived})


def _by(order: Sequence, key: Callable[[Any], str]) -> Callable[[Any], int]:
    return lambda record: order(key(record))
